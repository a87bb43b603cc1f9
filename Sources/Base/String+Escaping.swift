extension StringProtocol {
    /// The text with a backslash before each character found in `special`: a literal for a
    /// regular expression, a glob pathspec or any syntax that escapes with `\`.
    public func backslashEscaping(_ special: String) -> String {
        var out = ""
        for c in self {
            if special.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
