/// Issue numbers in branch names and references to them in commit messages.
///
/// A branch names an issue when its last path segment starts with digits followed by `-` or
/// nothing (`fix/123-login-timeout`, `feat/42`). A message references issue 123 with `#123`
/// anywhere (which covers `Closes #123`, `Refs #123` and GitHub's other closing keywords),
/// `owner/repo#123`, `GH-123`, or an issue URL ending in `/issues/123`.
public enum IssueReference {
    /// The issue number a branch names, or nil.
    public static func issueNumber(inBranch branch: String) -> Int? {
        let last = branch.split(separator: "/").last ?? Substring(branch)
        let digits = last.prefix { $0 >= "0" && $0 <= "9" }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = last.dropFirst(digits.count)
        guard rest.isEmpty || rest.hasPrefix("-") else { return nil }
        return Int(digits)
    }

    /// Whether `message` references issue `number`.
    public static func references(_ message: String, issue number: Int) -> Bool {
        let wanted = String(number)
        let u = Array(message.unicodeScalars)
        func numberAt(_ i: Int) -> Bool {
            var j = i
            while j < u.count, u[j] >= "0" && u[j] <= "9" { j += 1 }
            guard j > i, String(String.UnicodeScalarView(u[i..<j])).drop(while: { $0 == "0" }) == wanted else {
                return false
            }
            // Not followed by more of a word: '#123a' is not issue 123.
            return j == u.count || !(JavaScriptCharacterClasses.isWord(u[j]))
        }
        for i in u.indices {
            switch u[i] {
            case "#":
                // '#123' not inside a word ('a#123' is a fragment), or 'owner/repo#123'.
                if i + 1 < u.count, numberAt(i + 1) {
                    if i == 0 || !JavaScriptCharacterClasses.isWord(u[i - 1]) || isRepositoryReference(u, hashAt: i) {
                        return true
                    }
                }
            case "G", "g":
                if i + 3 < u.count, u[i + 1] == "H" || u[i + 1] == "h", u[i + 2] == "-", numberAt(i + 3),
                    i == 0 || !JavaScriptCharacterClasses.isWord(u[i - 1])
                {
                    return true
                }
            case "/":
                let marker = Array("/issues/".unicodeScalars)
                if i + marker.count < u.count, Array(u[i..<(i + marker.count)]) == marker, numberAt(i + marker.count) {
                    return true
                }
            default:
                continue
            }
        }
        return false
    }

    /// Whether the text before `#` is `owner/repo` (word characters, `-`, `.`, one slash).
    static func isRepositoryReference(_ u: [Unicode.Scalar], hashAt i: Int) -> Bool {
        var j = i
        var slashes = 0
        while j > 0 {
            let c = u[j - 1]
            if c == "/" {
                slashes += 1
            } else if !(JavaScriptCharacterClasses.isWord(c) || c == "-" || c == ".") {
                break
            }
            j -= 1
        }
        return slashes == 1 && j < i - 2
    }
}
