import Commands
import GitHooks
import Worktrees

/// The handlers of `ward worktree add|list|remove|prune|repair|finish`: parse the arguments,
/// call `WorktreeCommand`, print its output (text, or JSON with a `worktrees` member).
enum WorktreeCommands {
    static let handlers: [[String]: Handler] = [
        ["worktree", "add"]: add,
        ["worktree", "list"]: list,
        ["worktree", "remove"]: remove,
        ["worktree", "prune"]: prune,
        ["worktree", "repair"]: repair,
        ["worktree", "finish"]: finish,
    ]

    static func repository(_ invocation: Invocation) throws(CommandError) -> WorktreeRepository {
        try WorktreeCommand.repository(directory: invocation.currentDirectory, environment: invocation.environment)
    }

    static func emit(_ output: WorktreeOutput, _ args: Arguments) -> ExitStatus {
        let (out, err) = output.rendered(json: args.flag("--json"))
        for line in out { Output.out(line) }
        for line in err { Output.err(line) }
        return output.status
    }

    static func add(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let template = AddRequest(
            name: "", branch: "", base: args.value("--base"), scope: args.values("--scope"), team: args.value("--team"),
            link: args.flag("--link") ? args.values("--link") : nil,
            copy: args.flag("--copy") ? args.values("--copy") : nil, lock: args.flag("--lock") ? true : nil)
        let requests = try WorktreeCommand.requests(
            names: args.positionals, issues: args.values("--issue"), titles: args.values("--title"),
            branch: args.value("--branch"), template: template)
        let repository = try repository(invocation)
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let policy = try site.policy(for: "worktree add")
        return emit(WorktreeCommand.add(requests, in: repository, policy: policy), args)
    }

    static func remove(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 1, command: "worktree remove")
        guard let name = positionals.first else { throw .usage("ward worktree remove: give the worktree's NAME") }
        let output = WorktreeCommand.remove(
            name, force: args.flag("--force"), deleteBranch: args.flag("--delete-branch"),
            in: try repository(invocation))
        return emit(output, args)
    }

    static func list(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "worktree list")
        return emit(WorktreeCommand.list(try repository(invocation)), args)
    }

    static func prune(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "worktree prune")
        let output = WorktreeCommand.prune(
            merged: args.flag("--merged"), orphans: args.flag("--orphans"), in: try repository(invocation))
        return emit(output, args)
    }

    static func repair(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let output = WorktreeCommand.repair(
            paths: args.positionals.map { invocation.absolute($0) }, in: try repository(invocation))
        return emit(output, args)
    }

    static func finish(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 1, command: "worktree finish")
        guard let name = positionals.first else { throw .usage("ward worktree finish: give the worktree's NAME") }
        let output = WorktreeCommand.finish(
            name, push: args.flag("--push"), pullRequest: args.flag("--pr"), in: try repository(invocation))
        return emit(output, args)
    }
}
