import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// ward: the front executable. It answers the agent hooks, `check command`, `explain`,
// `policy` and `log` itself (no libgit2 on these paths) and execs `ward-git` for the rest.
// This file only dispatches and maps errors to exit statuses, once.

let invocation = Invocation.current()
let status: ExitStatus
do {
    status = try FrontDispatcher.run(invocation)
} catch {
    Output.err(error.message)
    status = error.status
}
exit(status.rawValue)
