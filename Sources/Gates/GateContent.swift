public import Findings
public import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A built-in gate's check of one file: the other half of `BuiltinGates.check`, passed in so the
/// runner does not depend on which built-in gates exist.
public typealias GateBuiltinCheck = @Sendable (_ gate: GateSpec, _ input: GateInput, _ content: [UInt8]) -> [Finding]

/// The content of a built-in gate's files, in the order given; nil for one that cannot be read.
public typealias GateContentReader = @Sendable (_ inputs: [GateInput]) -> [[UInt8]?]

/// Where built-in gates get their files' bytes.
public enum GateContent {
    /// Blobs from the object database with one `git cat-file --batch` (staged content, never
    /// the work tree's), and the work-tree file for an input without a blob id (`--files` of a
    /// path the index lacks or that has unstaged changes).
    public static func git(root: String, environment: [String: String]) -> GateContentReader {
        { inputs in
            var out = [[UInt8]?](repeating: nil, count: inputs.count)
            let wanted = inputs.indices.filter { inputs[$0].blob != nil }
            if !wanted.isEmpty {
                let request = wanted.map { (inputs[$0].blob ?? "") + "\n" }.joined()
                if let bytes = try? GitQuery.run(
                    ["cat-file", "--batch"], in: root, environment: environment, input: Array(request.utf8))
                {
                    let blobs = parseBatch(bytes, count: wanted.count)
                    for (slot, index) in wanted.enumerated() where slot < blobs.count { out[index] = blobs[slot] }
                }
            }
            for index in inputs.indices where inputs[index].blob == nil {
                out[index] = readFile(root + "/" + inputs[index].path)
            }
            return out
        }
    }

    /// Parses `cat-file --batch`: `ID TYPE SIZE LF CONTENT LF`, or `ID missing LF`.
    static func parseBatch(_ bytes: [UInt8], count: Int) -> [[UInt8]?] {
        var out: [[UInt8]?] = []
        var at = 0
        while out.count < count, at < bytes.count {
            guard let newline = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = bytes[at..<newline].split(separator: UInt8(ascii: " "))
            at = newline + 1
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)),
                at + size <= bytes.count
            else {
                out.append(nil)
                continue
            }
            out.append(header[1].elementsEqual("blob".utf8) ? Array(bytes[at..<(at + size)]) : nil)
            at += size + 1
        }
        return out
    }

    /// A regular file's bytes (a symbolic link is not followed), or nil.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return n == 0 ? bytes : nil }
            bytes += buffer[0..<n]
        }
    }
}
