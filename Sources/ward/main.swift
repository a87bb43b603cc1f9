import Commands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// ward: the front executable. It answers the rows of the command table marked `.front` (agent
// hooks, guards, policy, log, pre-commit: no libgit2 on these paths) and execs `ward-git`,
// installed beside it, for the rest. This file only dispatches and maps errors, once.

let invocation = Invocation.current()
let status: ExitStatus
do throws(CommandError) {
    switch try Dispatch.request(invocation.arguments) {
    case .show(let text):
        Output.out(text)
        status = .ok
    case .missing(let text):
        Output.err(text)
        status = .usage
    case .run(let spec, let words):
        guard spec.binary == .front, let handler = FrontCommands.handler(for: spec.path) else {
            throw Forward.execWardGit(invocation.arguments)
        }
        status = try handler(Arguments(words, for: spec), invocation)
    }
} catch {
    Output.err(error.message)
    status = error.status
}
exit(status.rawValue)
