/// A field of a tab-separated fixture line (`Tests/Fixtures/*.tsv`) with its escapes read:
/// `\n`, `\r`, `\t` and `\\`. Any other backslash is kept as written, so a shell line
/// continuation in a command corpus stays a backslash.
public func unescapeFixtureField(_ s: Substring) -> String {
    var out = ""
    var escape = false
    for ch in s {
        if escape {
            switch ch {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "\\": out.append("\\")
            default:
                out.append("\\")
                out.append(ch)
            }
            escape = false
        } else if ch == "\\" {
            escape = true
        } else {
            out.append(ch)
        }
    }
    if escape { out.append("\\") }
    return out
}
