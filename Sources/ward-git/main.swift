import Commands
import Glibc

// ward-git: the libgit2-backed half of ward. The front `ward` binary execs it, with the same
// argv, for the rows of the command table marked `.git`. This file only dispatches and maps
// errors to exit statuses, once.

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
        guard let handler = GitCommands.handlers[spec.path] else {
            throw CommandError.usage(
                "ward: '\(spec.name)' is answered by the front 'ward' binary; run it as 'ward \(spec.name)'")
        }
        status = try handler(Arguments(words, for: spec), invocation)
    }
} catch {
    Output.err(error.message)
    status = error.status
}
exit(status.rawValue)
