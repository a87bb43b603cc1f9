/// Splits an argument list into options and operands the way getopt-style programs do.
///
/// Short options may be combined (`-rf`, `-qbNAME`); an option that takes a value consumes the
/// rest of its word or the next word. `--` ends options. Programs that permute (GNU) accept
/// options after operands, which is the default here.
struct OptionScan {
    /// Normalised option names: `-f`, `--force`; each at most once.
    var flags: Set<String> = []
    /// Values of options that take one, by normalised name.
    var values: [String: [Arg]] = [:]
    /// Operands, in order, including those after `--`.
    var operands: [Arg] = []
    /// Operands that came after `--`.
    var afterDoubleDash: [Arg] = []
    /// Options seen that the table did not know.
    var unknown: [String] = []

    init(
        _ args: [Arg], shortWithValue: Set<Character> = [], longWithValue: Set<String> = [],
        permute: Bool = true, known: Set<String>? = nil
    ) {
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let a = args[i]
            i += 1
            guard !optionsEnded, let text = a.known, text.count > 1, text.hasPrefix("-") else {
                operands.append(a)
                if optionsEnded { afterDoubleDash.append(a) }
                if !permute { optionsEnded = true }
                continue
            }
            if text == "--" {
                optionsEnded = true
                continue
            }
            if text.hasPrefix("--") {
                var name = text
                var value: String?
                if let eq = text.firstIndex(of: "=") {
                    name = String(text[..<eq])
                    value = String(text[text.index(after: eq)...])
                }
                flags.insert(name)
                if let known, !known.contains(name) { unknown.append(name) }
                if longWithValue.contains(name) {
                    if let value {
                        values[name, default: []].append(Arg(literal: value))
                    } else if i < args.count {
                        values[name, default: []].append(args[i])
                        i += 1
                    }
                } else if let value {
                    values[name, default: []].append(Arg(literal: value))
                }
                continue
            }
            var chars = Substring(text.dropFirst())
            while let c = chars.first {
                chars = chars.dropFirst()
                let name = "-" + String(c)
                flags.insert(name)
                if let known, !known.contains(name) { unknown.append(name) }
                if shortWithValue.contains(c) {
                    if !chars.isEmpty {
                        values[name, default: []].append(Arg(literal: String(chars)))
                    } else if i < args.count {
                        values[name, default: []].append(args[i])
                        i += 1
                    }
                    break
                }
            }
        }
    }

    func has(_ names: String...) -> Bool { names.contains { flags.contains($0) } }
    func value(_ names: String...) -> Arg? {
        for n in names { if let v = values[n]?.last { return v } }
        return nil
    }
}
