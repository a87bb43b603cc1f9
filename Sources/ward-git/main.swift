import Commands
import Glibc

// ward-git: the libgit2-backed half of ward. The front `ward` binary execs it, with the same
// argv, for the rows of the command table marked `.git`.

let status = Dispatch.main(
    Invocation.current(), handler: { path in GitCommands.handlers[path] ?? WorktreeCommands.handlers[path] },
    otherwise: { spec in
        .usage("ward: '\(spec.name)' is answered by the front 'ward' binary; run it as 'ward \(spec.name)'")
    })
exit(status.rawValue)
