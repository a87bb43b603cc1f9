import Base
public import Checks
public import Commands
public import Findings
public import Policy
import Workspace

/// `ward check message`: which messages the command line names, the contract over each, and
/// what the command prints.
///
/// A message is `-m TEXT`, the files of `-F FILE` (repeatable), one literal argument (read as a
/// file when a regular file has that name), several file arguments, or standard input (`-`, or
/// nothing when stdin is not a terminal). Each is cleaned up as git would store it and checked
/// as the commit-msg hook checks it.
public enum CheckMessage {
    /// The largest message read from a file or stdin.
    public static let limit = 16 << 20

    /// One message and the name it is reported under: its file, or nil for a message given as
    /// text or on stdin.
    public struct Message: Sendable, Equatable {
        public var name: String?
        public var text: String

        public init(name: String?, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Where the messages come from, as the command line gave them.
    public struct Request: Sendable, Equatable {
        /// `-m TEXT`.
        public var text: String?
        /// `-F FILE`, in order; `-` is stdin.
        public var files: [String]
        /// The arguments: one message (text or a file's name), several files, or `-`.
        public var arguments: [String]

        public init(text: String? = nil, files: [String] = [], arguments: [String] = []) {
            self.text = text
            self.files = files
            self.arguments = arguments
        }
    }

    /// `--cleanup MODE`: nil when not given; a usage error naming the modes for an unknown one.
    public static func cleanup(_ value: String?) throws(CommandError) -> CommitMessageCleanup.Mode? {
        guard let value else { return nil }
        guard let mode = CommitMessageCleanup.Mode(rawValue: value) else {
            let known = CommitMessageCleanup.Mode.allCases.map(\.rawValue).joined(separator: ", ")
            throw .usage("ward check message: unknown cleanup mode '\(value)' (one of \(known))")
        }
        return mode
    }

    /// The messages `request` names, file names taken relative to `currentDirectory`.
    ///
    /// `stdin` is called only when the message comes from standard input; with nothing given
    /// and `stdinIsTerminal`, nobody is piping a message in, and the command says what to give.
    public static func messages(
        _ request: Request, currentDirectory: String, stdinIsTerminal: Bool, stdin: () -> String
    ) throws(CommandError) -> [Message] {
        let arguments = request.arguments
        let files = request.files
        func path(_ file: String) -> String { Path.absolute(file, relativeTo: currentDirectory) }
        func read(_ file: String) throws(CommandError) -> Message {
            guard let bytes = FileSystem.readFile(path(file), limit: limit) else {
                throw .configuration("ward check message: cannot read \(path(file))")
            }
            return Message(name: file, text: String(decoding: bytes, as: UTF8.self))
        }
        if let given = request.text {
            guard arguments.isEmpty, files.isEmpty else {
                throw .usage("ward check message: give the message once: -m TEXT, -F FILE, TEXT or '-'")
            }
            return [Message(name: nil, text: given)]
        }
        if !files.isEmpty, files != ["-"] {
            guard arguments.isEmpty else { throw .usage("ward check message: -F FILE and a message given both") }
            guard !files.contains("-") else {
                throw .usage("ward check message: '-' (stdin) cannot be one of several -F files")
            }
            var out: [Message] = []
            for file in files { out.append(try read(file)) }
            return out
        }
        if arguments.count > 1 {
            var out: [Message] = []
            for file in arguments {
                guard FileSystem.isRegularFile(path(file)) else {
                    throw .usage(
                        "ward check message: '\(file)' is not a file; several arguments are message files (one message: quote it, or -m TEXT)"
                    )
                }
                out.append(try read(file))
            }
            return out
        }
        if let given = arguments.first, given != "-" {
            // A file's name reads the file (as before -F existed); anything else is the message.
            let bytes = FileSystem.isRegularFile(path(given)) ? FileSystem.readFile(path(given), limit: limit) : nil
            guard let bytes else { return [Message(name: nil, text: given)] }
            return [Message(name: given, text: String(decoding: bytes, as: UTF8.self))]
        }
        guard arguments.first == "-" || files == ["-"] || !stdinIsTerminal else {
            throw .usage("ward check message: give the message: TEXT, -m TEXT, -F FILE, or '-' to read it from stdin")
        }
        return [Message(name: nil, text: stdin())]
    }

    /// The messages checked, each with its report, and how the command prints them.
    public struct Outcome: Sendable {
        public var messages: [Message]
        public var reports: [Report]
        /// The profile the messages passed, for the text.
        public var profile: CommitProfile

        public init(messages: [Message], reports: [Report], profile: CommitProfile) {
            self.messages = messages
            self.reports = reports
            self.profile = profile
        }

        /// Every message passes (warnings allowed).
        public var ok: Bool { reports.allSatisfy(\.ok) }

        /// One report, or an array of them in the order of the messages when there are several.
        public var json: String {
            let rendered = reports.map { JSONRenderer.report($0) }
            return rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ",") + "]"
        }

        /// For each message: that it passes, why it was not checked, or the tally and the findings;
        /// with several messages each line names the message's file.
        public var lines: [String] {
            var out: [String] = []
            let several = messages.count > 1
            for (message, report) in zip(messages, reports) {
                let prefix = several ? "ward: \(message.name ?? "-"): " : "ward: "
                if let skipped = report.skipped {
                    out.append("\(prefix)message not checked: \(skipped)")
                } else if report.findings.isEmpty {
                    out.append("\(prefix)message passes the \(profile.rawValue) contract")
                } else {
                    out.append(several ? "\(prefix)\(report.tally)" : "ward: \(report.subject): \(report.tally)")
                    out += TextRenderer.table(report.findings)
                }
            }
            return out
        }
    }

    /// Checks each message under the policy and git configuration of `site`'s repository,
    /// cleaned up with `cleanup` (default `strip`); a policy that does not load is an error.
    public static func check(_ messages: [Message], cleanup: CommitMessageCleanup.Mode?, site: GitSite)
        throws(CommandError) -> Outcome
    {
        let policy = try site.policy(for: "check message", judgesMessages: true)
        // git's configuration, read once for every message.
        let configuration = site.location.map { RepositoryLocator.configuration(of: $0, environment: site.environment) }
        let config = { (key: String) in configuration?.value(key) }
        let reports = messages.map {
            CommitMsg.check(text: $0.text, cleanup: cleanup ?? .strip, policy: policy, config: config)
        }
        return Outcome(messages: messages, reports: reports, profile: policy.commits.profile)
    }
}
