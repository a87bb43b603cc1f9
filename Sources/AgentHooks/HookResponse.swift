/// What a hook process prints and how it exits, as the agent's protocol wants it.
public struct HookResponse: Sendable, Equatable {
    /// Exactly what goes to standard output (empty for a silent allow).
    public var stdout: String
    /// What goes to standard error (a warning, or a note that the audit log failed).
    public var stderr: String
    /// The exit status: always 0 in the forms ward uses; never 1 (agents let the call run on 1).
    public var exitCode: Int32

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    /// Nothing printed, exit 0: the agent's normal flow (including its own prompts) goes on.
    public static let silentAllow = HookResponse()
}
