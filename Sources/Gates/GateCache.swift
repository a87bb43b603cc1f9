#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Green gate results, remembered by their inputs: an empty file per key under
/// `$GIT_COMMON_DIR/ward/cache/gates/`, shared by every worktree of the clone.
///
/// The key is the SHA-256 of everything that decides the result: the gate's name, its exact
/// command line for the stage, the stage, its cwd, its environment overrides (sorted) and the
/// sorted (path, blob id, mode) of its input files (plus, for a gate that takes no `{files}`,
/// the index entries under its cwd: it sees the whole tree), the index entries of the files
/// directly in its cwd and the folders above it (where tools keep their configuration) and the
/// program it starts (path, size, modification time). Blob ids come from the index, so nothing
/// in the work tree is hashed. Only passes are stored; a failure is never cached.
public struct GateCache: Sendable {
    /// `$GIT_COMMON_DIR/ward/cache/gates`.
    public var directory: String

    public init(commonDir: String) {
        directory = commonDir + "/ward/cache/gates"
    }

    /// The cache key of one gate run, in hex.
    public static func key(
        gate: String, command: String, stage: String, cwd: String, environment: [String: String],
        inputs: [GateInput], tree: String? = nil, settings: String? = nil, tool: String? = nil
    ) -> String {
        var hash = SHA256()
        func field(_ text: String) {
            hash.update(text)
            hash.update([0])
        }
        field("ward-gate-cache-2")
        field(gate)
        field(command)
        field(stage)
        field(cwd)
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            field(name)
            field(value)
        }
        field("inputs")
        for input in inputs.sorted(by: { $0.path < $1.path }) {
            field(input.path)
            field(input.blob ?? "")
            field(String(input.mode, radix: 8))
        }
        field("tree")
        field(tree ?? "")
        field("settings")
        field(settings ?? "")
        field("tool")
        field(tool ?? "")
        return hash.hexDigest()
    }

    /// Whether a green result for `key` is stored.
    public func contains(_ key: String) -> Bool {
        var st = stat()
        return stat(directory + "/" + key, &st) == 0
    }

    /// Stores a green result for `key`; a cache that cannot be written is no error (the gate
    /// just runs again next time).
    public func store(_ key: String) {
        guard makeDirectories(directory) else { return }
        let fd = open(directory + "/" + key, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if fd >= 0 { _ = close(fd) }
    }
}

/// `mkdir -p`: each missing folder of the absolute `path`; whether it exists afterwards.
func makeDirectories(_ path: String) -> Bool {
    var st = stat()
    if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR }
    var prefix = ""
    for part in path.split(separator: "/") {
        prefix += "/" + part
        if mkdir(prefix, 0o755) != 0, errno != EEXIST { return false }
    }
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
}
