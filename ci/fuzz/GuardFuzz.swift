// libFuzzer entry for the shell parser and the command guard.
//
// Compiled by ci/fuzz/run.sh together with Sources/Shell, Sources/Policy and Sources/Checks as one
// module (their `import` lines stripped), so there is nothing to import here.

/// The context of every fuzzed command: a repository on a feature branch.
private let context = GuardContext(
    cwd: "/work/repo", repositoryRoot: "/work/repo", gitDir: "/work/repo/.git", commonDir: "/work/repo/.git",
    branch: "feat/1-x", home: "/home/u")

private let commandGuard = CommandGuard(policy: .builtin)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The parser alone: a ParseError is a valid outcome, a crash or a hang is not.
    if let tree = try? Parser.parse(text) {
        _ = tree.simpleCommands
    }
    // The whole guard, which parses again and walks wrappers, substitutions and here-documents.
    _ = commandGuard.evaluate(text, in: context)
    return 0
}
