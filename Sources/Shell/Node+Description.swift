extension Node {
    /// An indented outline of the tree, for `ward explain`.
    public func outline(indent: String = "") -> String {
        switch self {
        case .command(let c):
            var out = indent + "command " + c.describeWords()
            for r in c.redirections {
                out += "\n\(indent)  redirect \(r.fd.map(String.init) ?? "")\(r.op.rawValue) \(Word.describe(r.target))"
                if let h = r.hereDocument {
                    out +=
                        " (here-document, \(h.body.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines\(h.expands ? ", expanded" : ""))"
                }
            }
            for s in c.substitutions {
                out += "\n\(indent)  substitution:\n" + s.outline(indent: indent + "    ")
            }
            for r in c.redirections {
                for s in r.target.substitutions {
                    out += "\n\(indent)  substitution in redirection:\n" + s.outline(indent: indent + "    ")
                }
            }
            return out
        case .sequence(let nodes):
            return indent + "sequence\n" + nodes.map { $0.outline(indent: indent + "  ") }.joined(separator: "\n")
        case .pipeline(let nodes):
            return indent + "pipeline\n" + nodes.map { $0.outline(indent: indent + "  ") }.joined(separator: "\n")
        case .subshell(let node):
            return indent + "subshell\n" + node.outline(indent: indent + "  ")
        }
    }
}

extension SimpleCommand {
    func describeWords() -> String {
        var items: [String] = assignments.map { "\($0.name)=\(Word.describe($0.value))" }
        items += words.map { Word.describe($0) }
        return items.joined(separator: " ")
    }
}

extension Word {
    /// A word as `ward explain` shows it: literal text in quotes, dynamic parts named.
    public static func describe(_ w: Word) -> String {
        var out = ""
        for p in w.parts {
            switch p {
            case .literal(let s, _): out += s
            case .parameter(let name, let modifier, _): out += "${\(name)\(modifier)}"
            case .commandSubstitution: out += "$(…)"
            case .arithmetic: out += "$((…))"
            case .processSubstitution: out += "<(…)"
            case .tilde(let user): out += "~" + user
            }
        }
        return "«" + out + "»"
    }
}
