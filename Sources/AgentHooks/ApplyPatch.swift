/// The files a Codex `apply_patch` envelope touches.
///
/// The format is line based: `*** Add File: P`, `*** Update File: P` (optionally followed by
/// `*** Move to: Q`) and `*** Delete File: P` name every file written, created, moved or deleted.
/// Hunk lines start with ` `, `+`, `-` or `@@`, so a header inside added text cannot be confused
/// with one (an added line starts with `+`).
public enum ApplyPatch {
    static let headers = ["*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"]

    /// Every path named by a file header, in order, duplicates removed.
    public static func paths(in patch: String) -> [String] {
        var out: [String] = []
        for rawLine in patch.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            while let first = line.first, first == " " || first == "\t" { line = line.dropFirst() }
            for header in headers where line.hasPrefix(header) {
                var path = line.dropFirst(header.count)
                while let first = path.first, first == " " || first == "\t" { path = path.dropFirst() }
                while let last = path.last, last == " " || last == "\t" || last == "\r" { path = path.dropLast() }
                if !path.isEmpty, !out.contains(String(path)) { out.append(String(path)) }
            }
        }
        return out
    }
}
