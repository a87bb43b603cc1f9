import Base

/// Git's commit-message cleanup (`git commit --cleanup`, `commit.cleanup`), as values in, text out.
///
/// The commit-msg hook receives the file before git cleans it up, so ward judges what git will
/// store: `clean(_:mode:commentPrefix:)` reproduces `strbuf_stripspace` and the scissors cut of
/// git 2.39 (sequencer.c `cleanup_message`, wt-status.c `wt_status_locate_end`).
public enum CommitMessageCleanup {
    /// A cleanup mode as `commit.cleanup` / `--cleanup` spell it.
    public enum Mode: String, Sendable, CaseIterable {
        /// Strip blank lines at both ends, trailing whitespace, comment lines; collapse blank runs.
        case strip
        /// Like `strip`, but comment lines stay.
        case whitespace
        /// Leave the message alone.
        case verbatim
        /// Like `whitespace`, and cut everything from the scissors line on (when edited).
        case scissors
        /// `strip` when the message was edited in an editor, else `whitespace`.
        case `default`

        /// The mode git really applies, knowing whether the editor ran (git's `use_editor`).
        public func effective(edited: Bool) -> Mode {
            switch self {
            case .default: return edited ? .strip : .whitespace
            case .scissors: return edited ? .scissors : .whitespace
            default: return self
            }
        }
    }

    /// The characters `core.commentChar=auto` tries, in git's order (builtin/commit.c).
    public static let autoCommentCandidates: [Character] = ["#", ";", "@", "!", "$", "%", "^", "&", "|", ":"]

    /// The scissors line's text after the comment prefix and one space.
    public static let scissorsText = "------------------------ >8 ------------------------"

    /// The message git stores for `text` under `mode` (already `effective`), with `commentPrefix`
    /// (`core.commentChar`, or `core.commentString` in git 2.45+) marking comment lines.
    public static func clean(_ text: String, mode: Mode, commentPrefix: String = "#") -> String {
        var text = text
        switch mode {
        case .verbatim:
            return text
        case .strip, .scissors:
            // `commit -v` appends a scissors line and the diff; git cuts there when verbose or in
            // scissors mode. The hook cannot see `-v`, and a scissors line in an edited message
            // is always git's own, so it is cut in strip mode too.
            text = cutAtScissors(text, commentPrefix: commentPrefix)
        case .whitespace, .default:
            break
        }
        return stripSpace(text, commentPrefix: mode == .strip ? commentPrefix : nil)
    }

    /// Everything before the scissors line (`# ------------------------ >8 ------------------------`).
    public static func cutAtScissors(_ text: String, commentPrefix: String) -> String {
        let scissors = commentPrefix + " " + scissorsText
        var kept: [String] = []
        let pieces = lines(text)
        for (i, line) in pieces.enumerated() {
            // git requires the newline after the scissors line.
            if line == scissors && i < pieces.count - 1 {
                return kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
            }
            kept.append(line)
        }
        return text
    }

    /// `strbuf_stripspace`: trailing whitespace off each line, comment lines dropped (when a prefix
    /// is given), blank lines at both ends removed, runs of blank lines collapsed, and a final newline.
    public static func stripSpace(_ text: String, commentPrefix: String?) -> String {
        var out = ""
        var pendingBlank = false
        var pieces = lines(text)
        // A text ending in a newline has no line after it.
        if pieces.last == "" { pieces.removeLast() }
        for line in pieces {
            if let prefix = commentPrefix, !prefix.isEmpty, line.unicodeScalars.starts(with: prefix.unicodeScalars) {
                continue
            }
            let trimmed = line.trimmingSuffix(where: isGitSpace)
            if trimmed.isEmpty {
                pendingBlank = true
                continue
            }
            if pendingBlank && !out.isEmpty { out += "\n" }
            pendingBlank = false
            out += trimmed
            out += "\n"
        }
        return out
    }

    /// The text split at each line feed, byte-exactly: a CR before it stays on the line, as in git.
    ///
    /// Swift's `Character` joins CR LF into one grapheme, so splitting is done on Unicode scalars.
    public static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    /// git's `isspace`: space, tab, newline, carriage return (not vertical tab or form feed).
    static func isGitSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "\n"
    }

    /// The comment character `core.commentChar=auto` chose for the file the hook received.
    ///
    /// git picks the first candidate that starts no line of the message it prepared, then appends
    /// its comment block with it. The hook sees the message and that block together, so the
    /// block's last line tells: when the last non-blank line starts with a candidate, that is it.
    /// Otherwise git's own rule is applied to the whole text.
    public static func autoCommentCharacter(for text: String) -> Character {
        let all = lines(text)
        let nonBlank = all.filter { !$0.trimmingSuffix(where: isGitSpace).isEmpty }
        // git's comment character starts no line of the message itself, so the last line's first
        // character is it only when the first line does not start with it (or every line does:
        // a message of comments only).
        if let last = nonBlank.last, let first = last.first, autoCommentCandidates.contains(first),
            nonBlank.first?.first != first || nonBlank.allSatisfy({ $0.first == first })
        {
            return first
        }
        let starts = Set(all.compactMap(\.first))
        return autoCommentCandidates.first { !starts.contains($0) } ?? "#"
    }
}
