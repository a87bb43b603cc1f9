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

    func expand(_ word: Word) -> [Arg] {
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
            case .commandSubstitution, .arithmetic, .processSubstitution:
                markUnknown()
            }
        }
        if !text.isEmpty || unknown || (out.isEmpty && sawAnything) || word.parts.isEmpty {
            finish()
        }
        return out
    }

    private func value(of name: String, modifier: String) -> String? {
        switch name {
        case "HOME": return home
        case "TMPDIR", "TMP", "TEMP": return tmpDir
        case "PWD": return cwd
        default:
            if let v = variables[name], modifier.isEmpty || modifier.hasPrefix(":-") || modifier.hasPrefix("-") {
                return v
            }
            return nil
        }
    }
}
