import Base

/// A command's words after its name, parsed against its `CommandSpec`: options with their
/// values, and positionals. The one argument parser of both binaries.
///
/// `--name VALUE` and `--name=VALUE`; `--` ends the options; `-` alone is a positional (stdin);
/// an option the command does not have is a usage error with a did-you-mean.
public struct Arguments: Sendable {
    public var positionals: [String] = []
    var values: [String: [String]] = [:]

    public init(_ words: ArraySlice<String>, for spec: CommandSpec) throws(CommandError) {
        var iterator = words.makeIterator()
        var optionsDone = false
        while let word = iterator.next() {
            if optionsDone || word == "-" || !word.hasPrefix("-") || word.count == 1 {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsDone = true
                continue
            }
            var name = word
            var inline: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let hint = Suggestion.closest(to: name, among: spec.options.map(\.name)).map {
                    "; did you mean '\($0)'?"
                }
                throw .usage(
                    "ward \(spec.name): unknown option '\(name)'\(hint ?? ""); see 'ward \(spec.name) --help'")
            }
            guard option.value != nil else {
                if inline != nil { throw .usage("ward \(spec.name): \(name) takes no value") }
                values[name, default: []].append("")
                continue
            }
            guard let value = inline ?? iterator.next(), !value.isEmpty else {
                throw .usage("ward \(spec.name): \(name) needs a value (\(option.usage))")
            }
            if values[name] != nil, !option.repeats {
                throw .usage("ward \(spec.name): \(name) given twice")
            }
            values[name, default: []].append(value)
        }
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }

    /// An option's value (the last one given), nil when absent.
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option, in order.
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// A non-negative number option.
    public func count(_ name: String, command: String) throws(CommandError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text), n >= 0 else {
            throw .usage("ward \(command): \(name) expects a number, found '\(text)'")
        }
        return n
    }

    /// At most `max` positionals, or a usage error naming the first extra one.
    public func positionals(atMost max: Int, command: String) throws(CommandError) -> [String] {
        guard positionals.count <= max else {
            throw .usage(
                "ward \(command): unexpected argument '\(positionals[max])'; see 'ward \(command) --help'")
        }
        return positionals
    }
}

/// Did-you-mean: the closest candidate by edit distance, when it is close enough to be a typo.
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, word.count / 3), d < word.count else { return nil }
        return best
    }
}
