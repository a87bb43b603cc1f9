import Commands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// ward: the front executable. It answers the rows of the command table marked `.front` (agent
// hooks, guards, policy, log, pre-commit, commit-msg: no libgit2 on these paths) and execs `ward-git`,
// installed beside it, for the rest.

let invocation = Invocation.current()
let status = Dispatch.main(
    invocation, handler: { path in FrontCommands.handler(for: path) },
    otherwise: { _ in Forward.execWardGit(invocation.arguments) })
exit(status.rawValue)
