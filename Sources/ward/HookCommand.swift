import AgentHooks
import Base
import Commands
import Findings
import Gates
import GitHooks
import Workspace

/// The hooks the front answers: an agent's pre-tool-use call and git's pre-commit.
enum HookCommand {
    /// `ward hook claude|codex|gemini|cursor`: exits as the agent's protocol says (0 in every
    /// form ward uses); a usage error exits 2, which each agent treats as blocking too.
    static func agent(_ name: String) -> Handler {
        { (args, invocation) throws(CommandError) in
            guard let agent = Agent(rawValue: name) else { throw .internalError("ward: no agent '\(name)'") }
            if let extra = args.positionals.first {
                throw .usage("ward hook \(name): takes no arguments (the payload comes on stdin), found '\(extra)'")
            }
            let input = Output.readStandardInput(limit: HookRunner.maxInputBytes + 1)
            let watchdog = ProcessWatchdog()
            let response = HookRunner.run(
                agent: agent, input: input, environment: invocation.environment, cwd: invocation.currentDirectory,
                watchdog: watchdog)
            // The bytes first: between the claim and the write nothing may allocate, or a trap there
            // would end the call with the claim taken and nothing written.
            let out = Array(response.stdout.utf8)
            let err = Array(response.stderr.utf8)
            watchdog.claimAnswer()
            Output.write(1, bytes: out)
            Output.write(2, bytes: err)
            return response.exitCode == 0 ? .ok : .usage
        }
    }

    /// `ward hook commit-msg FILE` without libgit2: the message, the policy and git's cleanup
    /// settings are all files. A configuration with `[include]`/`[includeIf]` (which this reader
    /// does not follow, and which may set `commit.cleanup` or `core.commentChar`) goes to `ward-git`.
    static func commitMsg(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let (path, text) = try CommitMsg.messageFile(args, invocation)
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let location = try site.repository(for: "hook commit-msg")
        // git's configuration, read once for the include test and the three cleanup settings.
        let configuration = RepositoryLocator.configuration(of: location, environment: invocation.environment)
        if configuration.hasIncludes { throw Forward.execWardGit(invocation.arguments) }
        let policy = try site.policy(for: "hook commit-msg", judgesMessages: true)
        let report = CommitMsg.check(
            hookFile: text, policy: policy, environment: invocation.environment, config: configuration.value)
        for line in CommitMsg.lines(report, messageFile: path) { Output.err(line) }
        site.audit(report, err: Output.err)
        return report.ok ? .ok : .checkFailed
    }

    /// `ward hook pre-commit` without libgit2: the staged changes come from `git diff --cached`.
    /// When git cannot be run, `ward-git` answers instead, reading the index with libgit2.
    static func preCommit(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        if let extra = args.positionals.first {
            throw .usage("ward hook pre-commit: takes no arguments (git passes none), found '\(extra)'")
        }
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let facts = GitCLIFacts(
            directory: invocation.currentDirectory, environment: invocation.environment, location: site.location)
        let changes: [PathChange]
        do {
            changes = try facts.stagedChanges()
        } catch {
            Output.err("ward hook pre-commit: \(error.description); reading the index with libgit2 instead")
            throw Forward.execWardGit(invocation.arguments)
        }
        let report = try PreCommit.check(site: site, changes: changes, facts: facts)
        for line in PreCommit.lines(report) { Output.err(line) }
        site.audit(report, err: Output.err)
        guard report.ok else { return .checkFailed }
        return try GateHook.run(stage: "pre-commit", site: site, inputs: GateInput.staged(changes), invocation)
    }
}
