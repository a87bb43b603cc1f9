import Workspace

/// The front's command errors are the shared `CommandError` (exit statuses in Workspace).
typealias FrontError = CommandError
