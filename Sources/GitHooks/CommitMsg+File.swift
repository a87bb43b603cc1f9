public import Commands
import Workspace

extension CommitMsg {
    /// The message file of `ward hook commit-msg FILE`, absolute, and its text; the front and
    /// `ward-git` (for a configuration with includes) read it the same way.
    public static func messageFile(_ args: Arguments, _ invocation: Invocation) throws(CommandError)
        -> (path: String, text: String)
    {
        guard args.positionals.count == 1, let file = args.positionals.first, !file.isEmpty else {
            throw .usage(
                "ward hook commit-msg: expected the message file git passes; see 'ward hook commit-msg --help'")
        }
        let path = invocation.absolute(file)
        guard let bytes = FileSystem.readFile(path, limit: 16 << 20) else {
            throw .configuration("ward hook commit-msg: cannot read the message file \(path)")
        }
        return (path, String(decoding: bytes, as: UTF8.self))
    }
}
