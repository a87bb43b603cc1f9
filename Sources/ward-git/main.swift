import Glibc
import Workspace

// ward-git: the libgit2-backed half of ward. The front `ward` binary execs it, with the same
// argv, for every command it does not answer itself. This file only dispatches and maps errors
// to exit statuses, once.

let context = ProcessContext.current()
let output = Output()
let status: ExitStatus
do {
    status = try Dispatcher.run(context, output)
} catch {
    output.err(error.message)
    status = error.status
}
exit(status.rawValue)
