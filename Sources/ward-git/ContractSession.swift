import Checks
import Git
import Policy
import Workspace

/// What the contract commands need, gathered once: the repository, its policy, git's settings.
///
/// Fails closed: a policy that does not load or a repository that cannot be opened is a
/// configuration error (exit 2), so a git hook blocks rather than passes.
struct ContractSession {
    var repository: Repository
    var location: RepositoryLocation?
    var policy: Policy

    /// Opens the repository around `directory` (or `GIT_DIR`, as in a hook) and loads its policy.
    static func open(_ context: ProcessContext, command: String, directory: String? = nil) throws(CommandError)
        -> ContractSession
    {
        let directory = directory ?? context.currentDirectory
        let environment = context.environment
        let location = RepositoryLocator.locate(from: directory, environment: environment)
        let policy: Policy
        do {
            policy = try PolicyLoader.load(repository: location, environment: environment).policy
        } catch {
            throw .configuration("ward \(command): the policy cannot be used: \(error.description)")
        }
        let repository: Repository?
        do {
            if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
                let workTree = environment["GIT_WORK_TREE"].flatMap {
                    $0.isEmpty ? nil : Files.absolute($0, relativeTo: context.currentDirectory)
                }
                repository = try Repository.open(
                    gitDir: Files.absolute(gitDir, relativeTo: context.currentDirectory), workTree: workTree)
            } else {
                let ceilings = (environment["GIT_CEILING_DIRECTORIES"] ?? "").split(separator: ":").map(String.init)
                repository = try Repository.open(at: directory, ceilingDirectories: ceilings)
            }
        } catch {
            throw .configuration("ward \(command): cannot open the repository: \(error.description)")
        }
        guard let repository else {
            throw .configuration("ward \(command): \(directory) is not inside a git repository")
        }
        return ContractSession(repository: repository, location: location, policy: policy)
    }

    /// git's cleanup settings for a message file: `commit.cleanup` and the comment prefix
    /// (`core.commentString`, else `core.commentChar`; `auto` picks from the text as git does).
    func cleanupSettings(for text: String) -> (mode: CommitMessageCleanup.Mode, commentPrefix: String) {
        let config = try? repository.config()
        let cleanup = (try? config?.string("commit.cleanup")).flatMap { $0 }
        let mode = cleanup.flatMap { CommitMessageCleanup.Mode(rawValue: $0.lowercased()) } ?? .default
        let comment =
            (try? config?.string("core.commentString")).flatMap { $0 }
            ?? (try? config?.string("core.commentChar")).flatMap { $0 } ?? "#"
        let prefix =
            comment.lowercased() == "auto"
            ? String(CommitMessageCleanup.autoCommentCharacter(for: text)) : (comment.isEmpty ? "#" : comment)
        return (mode, prefix)
    }

    /// The current branch, born or unborn; nil when HEAD is detached or unreadable.
    var currentBranch: String? {
        (try? repository.head)?.branchName
    }
}

/// Renders the contract's findings for people and machines.
enum ContractReport {
    /// Applies the contract's mode: `warn` turns errors into warnings, `off` drops everything.
    static func applying(_ mode: Mode, to report: MessageReport) -> MessageReport {
        switch mode {
        case .enforce: return report
        case .off: return MessageReport(skipped: "commits.mode is off")
        case .warn:
            var r = report
            for i in r.findings.indices { r.findings[i].level = .warning }
            return r
        }
    }

    /// `  1:1  error    type-enum  the type 'foo' is not allowed; expected: one of ...`.
    static func lines(_ report: MessageReport, indent: String = "  ") -> [String] {
        report.findings.map { f in
            let level = f.level == .error ? "error  " : "warning"
            return "\(indent)\(f.line):\(f.column)  \(level)  \(f.ruleID)  \(f.message); expected: \(f.expected)"
        }
    }

    static func summary(_ report: MessageReport) -> String {
        let e = report.errors.count
        let w = report.warnings.count
        return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
    }

    /// One finding as a JSON object.
    static func json(_ f: MessageFinding) -> String {
        "{\"rule\":\(JSON.quote(f.ruleID)),\"level\":\"\(f.level.rawValue)\",\"line\":\(f.line),\"column\":\(f.column),"
            + "\"message\":\(JSON.quote(f.message)),\"expected\":\(JSON.quote(f.expected))}"
    }

    static func json(_ v: Verdict) -> String {
        "{\"rule\":\(JSON.quote(v.ruleID)),\"decision\":\"\(v.decision.rawValue)\",\"reason\":\(JSON.quote(v.reason)),"
            + "\"matched\":\(JSON.quote(v.matched)),\"alternative\":\(JSON.quote(v.alternative))}"
    }

    /// A quoted, shortened header for a line of output.
    static func quoted(_ message: String) -> String {
        let first = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return "\"" + Verdict.excerpt(String(first), limit: 72) + "\""
    }
}
