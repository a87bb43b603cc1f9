/// commitlint's `ensure-case`: whether a type or subject is in a named case.
///
/// The quoted parts (`` `x` ``, `"x"`, `'x'`) are removed first, as commitlint does, since they hold
/// names that keep their own case. The word-based cases (start, pascal, camel, kebab, snake) split
/// words as commitlint 21's `words` (es-toolkit's `compat`, lodash's in older commitlint) does for
/// Latin text: at anything that is not a letter or digit, between
/// a lower-case letter and an upper-case one, before the last capital of an acronym followed by
/// lower case (`XMLHttp`: `XML`, `Http`), and around runs of digits.
enum TextCase {
    static func matches(_ raw: String, _ target: String) -> Bool {
        matches(stripped: MessageContract.removingQuoted(raw), target)
    }

    /// `matches` on a text whose quoted parts are already removed.
    static func matches(stripped input: String, _ target: String) -> Bool {
        // ASCII text with no letter of the other case is its own lower- (upper-) case form.
        if target == "lower-case" || target == "upper-case", !input.isEmpty {
            let lower = target == "lower-case"
            if input.utf8.allSatisfy({ $0 < 0x80 && !(lower ? ($0 >= 0x41 && $0 <= 0x5A) : ($0 >= 0x61 && $0 <= 0x7A)) }
            ) {
                return true
            }
        }
        // The same test on an ASCII first letter, without making a `Character` and its case forms.
        if let b = input.utf8.first, b < 0x80 {
            let lower = b >= 0x61 && b <= 0x7A
            let upper = b >= 0x41 && b <= 0x5A
            switch target {
            case "sentence-case", "start-case", "pascal-case", "upper-case": if lower { return false }
            case "lower-case", "camel-case", "kebab-case", "snake-case": if upper { return false }
            default: break
            }
        }
        // A first letter whose case the transform changes cannot match: the transform of these
        // cases starts with that letter upper-cased (or lower-cased), and is neither empty nor a digit.
        if let first = input.first, first.isLetter {
            switch target {
            case "sentence-case", "start-case", "pascal-case", "upper-case":
                if first.isLowercase, first.uppercased() != String(first) { return false }
            case "lower-case", "camel-case", "kebab-case", "snake-case":
                if first.isUppercase, first.lowercased() != String(first) { return false }
            default: break
            }
        }
        let transformed = transform(input, target)
        if transformed.isEmpty || transformed.first.map({ $0 >= "0" && $0 <= "9" }) == true { return true }
        // The word cases transform the deburred text: a character deburr changes is not in the result.
        if ["start-case", "pascal-case", "camel-case", "kebab-case", "snake-case"].contains(target),
            input.unicodeScalars.contains(where: Deburr.changes)
        {
            return false
        }
        return transformed == input
    }

    static func transform(_ input: String, _ target: String) -> String {
        switch target {
        case "lower-case": return input.lowercased()
        case "upper-case": return input.uppercased()
        case "sentence-case": return upperFirst(input)
        case "start-case": return words(input).map(upperFirst).joined(separator: " ")
        case "camel-case": return camel(input)
        case "pascal-case": return upperFirst(camel(input))
        case "kebab-case": return words(input).map { $0.lowercased() }.joined(separator: "-")
        case "snake-case": return words(input).map { $0.lowercased() }.joined(separator: "_")
        default: return input
        }
    }

    static func upperFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func camel(_ s: String) -> String {
        words(s).enumerated().map { i, w in i == 0 ? w.lowercased() : upperFirst(w.lowercased()) }.joined()
    }

    static func words(_ s: String) -> [String] {
        let chars = Array(s)
        var out: [String] = []
        var current = ""
        // What commitlint 21's `words` (es-toolkit's) takes into words: ASCII digits (`\d`), letters
        // of the categories Lu, Ll, Lm and Lo, and pictographs, each a word of its own (4). A titlecase
        // letter (`ǈ`) or another numeral (`½`, `١`) is in no word, so a subject made of them alone
        // is start case (empty).
        func kind(_ c: Character) -> Int {
            guard let s = c.unicodeScalars.first else { return 0 }
            if s.value >= 0x30 && s.value <= 0x39 { return 3 }
            if s.properties.isEmojiPresentation || (s.properties.isEmoji && !s.isASCII) { return 4 }
            switch s.properties.generalCategory {
            case .uppercaseLetter: return 2
            case .lowercaseLetter, .modifierLetter, .otherLetter: return 1
            default: return 0
            }
        }
        for (i, c) in chars.enumerated() {
            let k = kind(c)
            if k == 0 || k == 4 {
                if !current.isEmpty { out.append(current) }
                if k == 4 { out.append(String(c)) }
                current = ""
                continue
            }
            if let last = current.last {
                let p = kind(last)
                let next = i + 1 < chars.count ? kind(chars[i + 1]) : 0
                let split =
                    (p == 3) != (k == 3) || (p == 1 && k == 2) || (p == 2 && k == 2 && next == 1 && current.count > 0)
                if split {
                    out.append(current)
                    current = ""
                }
            }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
