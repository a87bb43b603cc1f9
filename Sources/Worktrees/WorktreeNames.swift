/// The names a worktree command accepts: worktree names, branch names and issue slugs.
public enum WorktreeNames {
    /// Checks that `name` is one path component a worktree folder can have: not empty, not `.`
    /// or `..`, no `/`, no leading `-` or `.`, no NUL, control character or backslash, at most
    /// 100 bytes. The leading `.` is refused too, so a name never hides or meets `.ward-trash`.
    public static func validateName(_ name: String) throws(WorktreeError) {
        func refuse(_ why: String) -> WorktreeError {
            .usage("ward worktree: invalid name '\(printable(name))': \(why)")
        }
        guard !name.isEmpty else { throw refuse("it is empty") }
        guard name.utf8.count <= 100 else { throw refuse("longer than 100 bytes") }
        if name.hasPrefix("-") { throw refuse("it starts with '-' (it would read as an option)") }
        if name.hasPrefix(".") { throw refuse("it starts with '.' ('.', '..' and hidden folders are not names)") }
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar == "\\" { throw refuse("it must be one path component, without '/' or '\\'") }
            if scalar.value < 0x20 || scalar.value == 0x7F { throw refuse("it contains a control character") }
        }
    }

    /// Checks a branch name as `git check-ref-format --branch` does.
    public static func validateBranch(_ branch: String) throws(WorktreeError) {
        func refuse(_ why: String) -> WorktreeError {
            .usage("ward worktree: invalid branch name '\(printable(branch))': \(why)")
        }
        guard !branch.isEmpty else { throw refuse("it is empty") }
        if branch == "@" { throw refuse("'@' alone is not a branch name") }
        if branch.hasPrefix("-") { throw refuse("it starts with '-'") }
        if branch.hasPrefix("/") || branch.hasSuffix("/") { throw refuse("it starts or ends with '/'") }
        if branch.hasSuffix(".") { throw refuse("it ends with '.'") }
        if branch.contains("..") { throw refuse("it contains '..'") }
        if branch.contains("//") { throw refuse("it contains '//'") }
        if branch.contains("@{") { throw refuse("it contains '@{'") }
        for scalar in branch.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { throw refuse("it contains a control character") }
            if " ~^:?*[\\".unicodeScalars.contains(scalar) { throw refuse("it contains '\(scalar)'") }
        }
        for component in branch.split(separator: "/") {
            if component.hasPrefix(".") { throw refuse("a component starts with '.'") }
            if component.hasSuffix(".lock") { throw refuse("a component ends with '.lock'") }
        }
    }

    /// `Fix: Login fails on Safari 17!` → `login-fails-on-safari-17`: lower-case ASCII letters and
    /// digits, every other run of characters one `-`, without a leading conventional type, at
    /// most 48 characters cut at a `-`.
    public static func slug(_ title: String) -> String {
        var text = Substring(title)
        if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy({ $0.isLetter || $0 == "(" || $0 == ")" }) {
            text = text[text.index(after: colon)...]
        }
        var out = ""
        for c in text.lowercased().unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                out.unicodeScalars.append(c)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 48 {
            out = String(out.prefix(48))
            if let dash = out.lastIndex(of: "-") { out = String(out[..<dash]) }
        }
        return out
    }

    /// The branch for an issue: `fix/<n>-<slug>` when the title says it fixes something (a
    /// `fix:` prefix, or a word such as fix, bug, crash, broken, error, regression), else
    /// `feat/<n>-<slug>`.
    public static func issueBranch(number: Int, title: String) throws(WorktreeError) -> String {
        let slug = slug(title)
        guard !slug.isEmpty else {
            throw .usage("ward worktree: the title '\(printable(title))' has no letters or digits to name a branch")
        }
        return "\(isFix(title) ? "fix" : "feat")/\(number)-\(slug)"
    }

    static func isFix(_ title: String) -> Bool {
        let words = title.lowercased().split { !($0.isLetter || $0.isNumber) }
        let fixing: Set<Substring> = [
            "fix", "fixes", "fixed", "bug", "bugfix", "crash", "crashes", "broken", "error", "errors", "regression",
            "hotfix",
        ]
        return words.contains { fixing.contains($0) }
    }

    /// The name for a worktree of an issue when none is given: `<n>-<slug>`.
    public static func issueName(number: Int, title: String) -> String {
        let slug = slug(title)
        return slug.isEmpty ? "issue-\(number)" : "\(number)-\(slug)"
    }

    /// `name` with control characters shown as `?`, for messages.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
