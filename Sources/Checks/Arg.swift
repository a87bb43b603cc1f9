import Base
internal import Shell

/// One argument after expansion: its text when known, else the source text it came from.
struct Arg: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Fully known text.
        case known
        /// Depends on something only known at run time.
        case unknown
        /// A file found by `find`, substituted for `{}`.
        case findResult
    }

    var kind: Kind
    /// The value when known; the source text otherwise.
    var text: String
    /// Whether unquoted glob characters appear.
    var glob = false
    /// The longest known leading text, for paths like `/tmp/$X`.
    var knownPrefix = ""

    init(literal: String) {
        kind = .known
        text = literal
        knownPrefix = literal
    }

    init(unknown raw: String, prefix: String = "") {
        kind = .unknown
        text = raw
        knownPrefix = prefix
    }

    static let findResult = Arg(kind: .findResult, text: "{}")

    private init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// The value, when fully known.
    var known: String? { kind == .known ? text : nil }
}

/// Expands words into arguments, resolving only what is safe to know: literals, `~`, `$HOME`,
/// `$TMPDIR` (and `${TMPDIR:-…}`), `$PWD`, variables the same command line set to literals,
/// and `$IFS`, which splits words.
struct Expander {
    var home: String
    var tmpDir: String
    var cwd: String?
    var variables: [String: String]
    /// The positional parameters `set --` gave on this line; nil when unknown.
    var positional: [Arg]? = nil

    func expand(_ word: Word) -> [Arg] {
        if let positional, let parts = Optional(word.significantParts), parts.count == 1,
            case .parameter(let name, let modifier, let quoted) = parts[0],
            name == "@" || name == "*", modifier.isEmpty
        {
            if name == "*" && quoted {
                guard positional.allSatisfy({ $0.kind == .known }) else { return [Arg(unknown: word.raw)] }
                return [Arg(literal: positional.map(\.text).joined(separator: " "))]
            }
            return positional
        }
        var out: [Arg] = []
        var text = ""
        var prefix: String?  // non-nil once something unknown appeared: the known prefix
        var glob = false
        var unknown = false

        func markUnknown() {
            if !unknown {
                prefix = text
                unknown = true
            }
        }
        func finish() {
            if unknown {
                var a = Arg(unknown: word.raw, prefix: prefix ?? text)
                a.glob = glob
                out.append(a)
            } else {
                var a = Arg(literal: text)
                a.glob = glob
                out.append(a)
            }
            text = ""
            prefix = nil
            glob = false
            unknown = false
        }
        var sawAnything = false
        for part in word.parts {
            sawAnything = true
            switch part {
            case .literal(let s, let quoted):
                if !quoted, s.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) { glob = true }
                text += s
            case .tilde(let user):
                if user.isEmpty {
                    text += home
                } else if user == "root" {
                    text += "/root"
                } else if user == "+" {
                    if let cwd { text += cwd } else { markUnknown() }
                } else {
                    text += "/home/" + user
                }
            case .parameter(let name, let modifier, let quoted):
                if name == "IFS" && !quoted {
                    // Unquoted $IFS splits the word: `rm${IFS}-rf` is `rm -rf`.
                    if !text.isEmpty || unknown { finish() }
                    continue
                }
                if let v = value(of: name, modifier: modifier) {
                    text += v
                } else {
                    markUnknown()
                }
            case .commandSubstitution:
                if let cwd, isPwd(word) {
                    text += cwd
                } else if let path = freshTemporaryPath(word) {
                    text += path
                } else {
                    markUnknown()
                }
            case .arithmetic, .processSubstitution:
                markUnknown()
            }
        }
        if !text.isEmpty || unknown || (out.isEmpty && sawAnything) || word.parts.isEmpty {
            finish()
        }
        return out
    }

    /// What `$(mktemp …)` prints, when the word's only substitution is a plain `mktemp`: a fresh
    /// path under the temp root (or the folder `-p`/`--tmpdir`/the template names), so that
    /// `tmp=$(mktemp -d) … rm -rf "$tmp"` is a delete in a temp root.
    func freshTemporaryPath(_ word: Word) -> String? {
        guard word.substitutions.count == 1,
            word.parts.filter({ if case .commandSubstitution = $0 { return true } else { return false } }).count == 1,
            case .subshell(let inner) = word.substitutions[0]
        else { return nil }
        // `$(mktemp -d 2>/dev/null || mktemp -d -t x)`: every alternative is a mktemp; the first decides.
        let commands = inner.simpleCommands
        func isMktemp(_ c: SimpleCommand) -> Bool {
            c.words.first?.literal.map { Path.basename($0) == "mktemp" } ?? false
                && c.redirections.allSatisfy({ !$0.writes || $0.fd == 2 }) && c.substitutions.isEmpty
        }
        guard let c = commands.first, commands.allSatisfy(isMktemp) else { return nil }
        if case .pipeline = inner { return nil }
        let words = c.words.map(\.literal)
        var dir: String?
        var template: String?
        var i = 1
        while i < words.count {
            guard let w = words[i] else { return nil }
            i += 1
            if w == "-p" || w == "--tmpdir" {
                guard i < words.count, let d = words[i] else { return nil }
                dir = d
                i += 1
            } else if w.hasPrefix("--tmpdir=") {
                dir = String(w.dropFirst("--tmpdir=".count))
            } else if w.hasPrefix("-p"), w.count > 2 {
                dir = String(w.dropFirst(2))
            } else if w == "--suffix" {
                i += 1
            } else if w.hasPrefix("-") {
                continue
            } else {
                template = w
            }
        }
        let name = template.map { Path.basename($0) } ?? "tmp.XXXXXXXXXX"
        if let template, template.contains("/"), dir == nil {
            guard let cwd = cwd ?? (template.hasPrefix("/") ? "/" : nil) else { return nil }
            return Path.absolute(template, relativeTo: cwd)
        }
        if let d = dir {
            let expanded = d == "$TMPDIR" || d == "${TMPDIR}" ? tmpDir : d
            guard let cwd = cwd ?? (expanded.hasPrefix("/") ? "/" : nil) else { return nil }
            return Path.absolute(expanded, relativeTo: cwd) + "/" + name
        }
        return tmpDir + "/" + name
    }

    /// `$(pwd)`: the working directory, when the word's only substitution is a plain `pwd`.
    func isPwd(_ word: Word) -> Bool {
        guard word.substitutions.count == 1, case .subshell(let inner) = word.substitutions[0],
            case .command(let c) = inner, c.words.count == 1, c.words[0].literal == "pwd", c.redirections.isEmpty
        else { return false }
        return true
    }

    private func value(of name: String, modifier: String) -> String? {
        switch name {
        case "HOME": return home
        case "TMPDIR", "TMP", "TEMP": return tmpDir
        case "PWD": return cwd
        case "1", "2", "3", "4", "5", "6", "7", "8", "9":
            guard let positional, let n = Int(name) else { return nil }
            return n <= positional.count ? positional[n - 1].known : ""
        default:
            if let v = variables[name], modifier.isEmpty || modifier.hasPrefix(":-") || modifier.hasPrefix("-") {
                return v
            }
            return nil
        }
    }
}

extension Word {
    /// The parts without empty literals (a quoted word ends in one: `"$@"` is `$@` and `""`).
    var significantParts: [Part] {
        parts.filter { if case .literal(let t, _) = $0 { return !t.isEmpty } else { return true } }
    }
}
