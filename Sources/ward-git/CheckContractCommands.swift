import AgentHooks
import Checks
import Git
import Policy
import Workspace

/// `ward check message|branch|range`: the contracts outside a hook, for people, scripts and CI.
enum CheckContractCommands {
    static let messageHelp = """
        Usage: ward check message [--cleanup MODE] [--json] [FILE|-]

        Checks a commit message against the commit-message contract, as the commit-msg hook does.
        Reads FILE, or standard input when FILE is '-' or missing. The message is cleaned up as
        git would before storing it: MODE is strip (default), whitespace, verbatim, scissors or
        default (which is strip here: the message is taken as edited).

        Exit status: 0 passes (warnings allowed), 1 breaks the contract, 2 usage or configuration
        error, 3 internal error.
        """

    static let branchHelp = """
        Usage: ward check branch [--json] [NAME]

        Checks a branch name (default: the current branch) against branches.patterns in ward.json
        (default: type/<issue>-<slug>, e.g. fix/123-login-timeout); protected branches always pass.

        Exit status: 0 matches, 1 does not match, 2 usage error (no NAME and HEAD is detached).
        """

    static let rangeHelp = """
        Usage: ward check range [--json] BASE..HEAD

        The commit and branch contracts over the commits in HEAD and not in BASE (the commits
        between their merge base and HEAD): every message, the branch name when HEAD names a
        branch (or the current branch when HEAD is 'HEAD'), and the issue link when the branch
        names an issue (commits.issueLink). The entry point CI uses. At most commits.maxWalk
        commits (default 1000) are checked, the newest; beyond that it says so.

        Exit status: 0 passes (warnings allowed), 1 a contract is broken, 2 usage or
        configuration error (an unknown revision), 3 internal error.
        """

    // MARK: message

    static func message(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output)
        throws(CommandError) -> ExitStatus
    {
        var cleanup = CommitMessageCleanup.Mode.strip
        var json = false
        var file: String?
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--cleanup":
                guard let value = rest.popFirst() else { throw .usage("ward check message: --cleanup needs a mode") }
                cleanup = try mode(value)
            case _ where argument.hasPrefix("--cleanup="):
                cleanup = try mode(String(argument.dropFirst(10)))
            case "--json":
                json = true
            case "-":
                file = "-"
            case _ where argument.hasPrefix("-"):
                throw .usage("ward check message: unknown option '\(argument)'")
            default:
                guard file == nil else { throw .usage("ward check message: unexpected argument '\(argument)'") }
                file = argument
            }
        }
        let bytes: [UInt8]?
        if file == nil || file == "-" {
            bytes = Files.read("/dev/stdin")
        } else {
            bytes = Files.read(Files.absolute(file ?? "", relativeTo: context.currentDirectory))
        }
        guard let bytes else { throw .configuration("ward check message: cannot read \(file ?? "standard input")") }
        let text = String(decoding: bytes, as: UTF8.self)
        // Outside a repository the built-in policy and '#' comments apply.
        let location = RepositoryLocator.locate(from: context.currentDirectory, environment: context.environment)
        let policy: Policy
        do {
            policy = try PolicyLoader.load(repository: location, environment: context.environment).policy
        } catch {
            throw .configuration("ward check message: the policy cannot be used: \(error.description)")
        }
        var prefix = "#"
        if location != nil, let session = try? ContractSession.open(context, command: "check message") {
            prefix = session.cleanupSettings(for: text).commentPrefix
        }
        let report = ContractReport.applying(
            policy.commitMode,
            to: MessageContract(policy).checkHookFile(
                text, cleanup: cleanup.effective(edited: true), commentPrefix: prefix))
        if json {
            let findings = report.findings.map(ContractReport.json).joined(separator: ",")
            let skipped = report.skipped.map { JSON.quote($0) } ?? "null"
            output.out("{\"ok\":\(report.passed),\"skipped\":\(skipped),\"findings\":[\(findings)]}")
        } else if let skipped = report.skipped {
            output.out("ward: message not checked: \(skipped)")
        } else if report.findings.isEmpty {
            output.out("ward: message passes the \(policy.commits.profile.rawValue) contract")
        } else {
            output.out("ward: \(ContractReport.summary(report))")
            for line in ContractReport.lines(report) { output.out(line) }
        }
        return report.passed ? .ok : .checkFailed
    }

    static func mode(_ value: String) throws(CommandError) -> CommitMessageCleanup.Mode {
        guard let mode = CommitMessageCleanup.Mode(rawValue: value) else {
            let known = CommitMessageCleanup.Mode.allCases.map(\.rawValue).joined(separator: ", ")
            throw .usage("ward check message: unknown cleanup mode '\(value)' (one of \(known))")
        }
        return mode
    }

    // MARK: branch

    static func branch(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output)
        throws(CommandError) -> ExitStatus
    {
        var json = false
        var name: String?
        for argument in arguments {
            if argument == "--json" {
                json = true
            } else if argument.hasPrefix("-") {
                throw .usage("ward check branch: unknown option '\(argument)'")
            } else if name == nil {
                name = argument
            } else {
                throw .usage("ward check branch: unexpected argument '\(argument)'")
            }
        }
        let location = RepositoryLocator.locate(from: context.currentDirectory, environment: context.environment)
        let policy: Policy
        do {
            policy = try PolicyLoader.load(repository: location, environment: context.environment).policy
        } catch {
            throw .configuration("ward check branch: the policy cannot be used: \(error.description)")
        }
        guard let branch = name ?? location?.branch else {
            throw .usage("ward check branch: no NAME given and HEAD is not on a branch")
        }
        let verdict = BranchContract(policy: policy).checkName(branch)
        if json {
            output.out(
                "{\"ok\":\(verdict.decision <= .warn),\"branch\":\(JSON.quote(branch)),\"verdict\":\(ContractReport.json(verdict))}"
            )
        } else if verdict.decision == .allow {
            output.out("ward: branch '\(branch)' matches the branch contract")
        } else {
            output.out(verdict.message)
        }
        return verdict.decision <= .warn ? .ok : .checkFailed
    }

    // MARK: range

    static func range(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output)
        throws(CommandError) -> ExitStatus
    {
        var json = false
        var spec: String?
        for argument in arguments {
            if argument == "--json" {
                json = true
            } else if argument.hasPrefix("-") {
                throw .usage("ward check range: unknown option '\(argument)'")
            } else if spec == nil {
                spec = argument
            } else {
                throw .usage("ward check range: unexpected argument '\(argument)'")
            }
        }
        guard let spec, let dots = spec.firstRange(of: ".."), !spec.contains("...") else {
            throw .usage("ward check range: expected BASE..HEAD, e.g. 'origin/main..HEAD'")
        }
        let baseSpec = String(spec[..<dots.lowerBound])
        let headSpec = String(spec[dots.upperBound...])
        let session = try ContractSession.open(context, command: "check range")
        let repository = session.repository
        func resolve(_ s: String) throws(CommandError) -> ObjectID {
            let name = s.isEmpty ? "HEAD" : s
            let id: ObjectID?
            do {
                id = try repository.peeledCommit(try repository.resolve(name))
            } catch {
                throw .configuration("ward check range: unknown revision '\(name)': \(error.description)")
            }
            guard let id else { throw .configuration("ward check range: '\(name)' is not a commit") }
            return id
        }
        let base = try resolve(baseSpec)
        let head = try resolve(headSpec)
        let branch: String?
        if headSpec.isEmpty || headSpec == "HEAD" {
            branch = session.currentBranch
        } else if (try? repository.referenceNames(matching: "refs/heads/" + headSpec))?.isEmpty == false {
            branch = headSpec
        } else {
            branch = nil
        }
        var result: RangeResult
        do {
            result = try RangeChecker(repository: repository, policy: session.policy).check(
                tip: head, hiding: [base], hidingGlobs: [], branch: branch)
        } catch {
            throw .internalError("ward check range: \(error.description)")
        }
        // The scope over the files the range changes, as a pull request shows them: from the
        // merge base of BASE and HEAD to HEAD.
        do {
            let from = try repository.mergeBase(base, head) ?? base
            let changes = try repository.changes(from: from, to: head)
            let root = session.location?.workTree ?? repository.workDirectory ?? context.currentDirectory
            let guardContext = GuardContext(cwd: root, repository: session.location, environment: context.environment)
            let scopeGuard = try ScopeGuard(policy: session.policy, scope: session.policy.scope, context: guardContext)
            for (subject, verdict) in ScopeReview.verdicts(
                for: changes, repository: repository, root: root, scopeGuard: scopeGuard, policy: session.policy)
            {
                var v = verdict
                v.matched = subject
                result.verdicts.append(v)
            }
        } catch let error as GitError {
            throw .internalError("ward check range: \(error.description)")
        } catch {
            throw .configuration("ward check range: \(error)")
        }
        if json {
            output.out(result.json)
        } else {
            output.out(
                "ward: \(result.checked) commit\(result.checked == 1 ? "" : "s") checked in \(baseSpec)..\(headSpec.isEmpty ? "HEAD" : headSpec)"
            )
            for line in result.lines { output.out(line) }
        }
        return result.failed ? .checkFailed : .ok
    }
}
