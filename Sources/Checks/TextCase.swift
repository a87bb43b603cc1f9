/// commitlint's `ensure-case`: whether a type or subject is in a named case.
///
/// The quoted parts (`` `x` ``, `"x"`, `'x'`) are removed first, as commitlint does, since they hold
/// names that keep their own case. The word-based cases (start, pascal, camel, kebab, snake) find
/// words as commitlint 21's `words` (es-toolkit's `compat`; lodash's in older commitlint) does: at
/// anything that is not a letter or digit, between a lower-case letter and an upper-case one,
/// before the last capital of an acronym followed by lower case (`XMLHttp`: `XML`, `Http`), around
/// runs of digits except ordinals (`21st`), and around each pictograph.
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
        if let first = input.first, first.isLetter, !isAstral(first) {
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
        case "start-case":
            return words(input).map { $0 == $0.uppercased() ? $0 : capitalize($0) }.joined(separator: " ")
        case "camel-case": return camel(input)
        case "pascal-case": return upperFirst(camel(input))
        case "kebab-case": return words(input).map { $0.lowercased() }.joined(separator: "-")
        case "snake-case": return words(input).map { $0.lowercased() }.joined(separator: "_")
        default: return input
        }
    }

    /// JavaScript's `s.charAt(0).toUpperCase() + s.slice(1)`: a first letter outside the Basic
    /// Multilingual Plane (`𐐨`) is two code units, and its first half has no upper case.
    static func upperFirst(_ s: String) -> String {
        guard let first = s.first, !isAstral(first) else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func isAstral(_ c: Character) -> Bool { (c.unicodeScalars.first?.value ?? 0) > 0xFFFF }

    /// es-toolkit's `capitalize`: the first letter upper-cased, the rest lower-cased.
    static func capitalize(_ s: String) -> String {
        guard let first = s.first, isAstral(first) else { return upperFirst(s.lowercased()) }
        return String(first) + s.dropFirst().lowercased()
    }

    static func camel(_ s: String) -> String {
        words(s).enumerated().map { i, w in i == 0 ? w.lowercased() : capitalize(w) }.joined()
    }

    /// The words of es-toolkit's `words` (commitlint 21's case functions), scalar by scalar: at each
    /// position the first of its pattern's alternatives that matches, as JavaScript tries them:
    /// `Lu? Ll+` before a break, a capital or the end; `(Lu|Lm|Lo)+` before a break, a capital
    /// followed by a lower-case letter, or the end; `Lu? (Ll|Lm|Lo)+`; `Lu+`; an ordinal (`21st`,
    /// `4TH`, never `11th`); ASCII digits; a pictograph. Anything else (a titlecase letter, `½`,
    /// punctuation) is in no word. Linear: each alternative looks ahead at most one run.
    static func words(_ s: String) -> [String] {
        let u = Array(s.unicodeScalars)
        let n = u.count
        func category(_ i: Int) -> Unicode.GeneralCategory? { i < n ? u[i].properties.generalCategory : nil }
        func isUpper(_ i: Int) -> Bool { category(i) == .uppercaseLetter }
        func isLower(_ i: Int) -> Bool { category(i) == .lowercaseLetter }
        func isDigit(_ i: Int) -> Bool { i < n && u[i].value >= 0x30 && u[i].value <= 0x39 }
        func isMark(_ i: Int) -> Bool {
            let c = category(i)
            return c == .nonspacingMark || c == .spacingMark || c == .enclosingMark
        }
        /// `(?:[\p{Lm}\p{Lo}]\p{M}*)` at i: its end, or nil.
        func misc(_ i: Int) -> Int? {
            guard category(i) == .modifierLetter || category(i) == .otherLetter else { return nil }
            var j = i + 1
            while isMark(j) { j += 1 }
            return j
        }
        func miscUpper(_ i: Int) -> Int? { isUpper(i) ? i + 1 : misc(i) }
        func miscLower(_ i: Int) -> Int? { isLower(i) ? i + 1 : misc(i) }
        /// `[\p{Z}\p{P}\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xbf\xd7\xf7]`.
        func isBreak(_ i: Int) -> Bool {
            guard i < n else { return false }
            let v = u[i].value
            if v <= 0x2F || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0xBF).contains(v)
                || v == 0xD7 || v == 0xF7
            {
                return true
            }
            switch u[i].properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .connectorPunctuation, .dashPunctuation,
                .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default: return false
            }
        }
        func isASCIIWord(_ i: Int) -> Bool {
            guard i < n, u[i].isASCII else { return false }
            return JavaScriptCharacterClasses.isWord(u[i])
        }
        func lowerOrUnderscore(_ i: Int) -> Bool { i < n && ((u[i] >= "a" && u[i] <= "z") || u[i] == "_") }
        func upperOrUnderscore(_ i: Int) -> Bool { i < n && ((u[i] >= "A" && u[i] <= "Z") || u[i] == "_") }
        func word(at i: Int) -> Int? {
            // Lu? Ll+ (?=break|Lu|$)
            var j = isUpper(i) ? i + 1 : i
            if isLower(j) {
                while isLower(j) { j += 1 }
                if j == n || isBreak(j) || isUpper(j) { return j }
            }
            // (Lu|misc)+ (?=break|Lu misc-lower|$), giving back units until the look-ahead holds.
            var ends: [Int] = []
            j = i
            while let e = miscUpper(j) {
                ends.append(e)
                j = e
            }
            for e in ends.reversed() where e == n || isBreak(e) || (isUpper(e) && miscLower(e + 1) != nil) {
                return e
            }
            // Lu? (Ll|misc)+
            j = isUpper(i) ? i + 1 : i
            if miscLower(j) != nil {
                while let e = miscLower(j) { j = e }
                return j
            }
            // Lu+
            if isUpper(i) {
                j = i
                while isUpper(j) { j += 1 }
                return j
            }
            if isDigit(i) {
                var d = i
                while isDigit(d) { d += 1 }
                let last = u[d - 1]
                func suffix(_ text: String) -> Bool {
                    Array(text.unicodeScalars).enumerated().allSatisfy {
                        d + $0.offset < n && u[d + $0.offset] == $0.element
                    }
                }
                let end = d + 2
                let boundary = end == n || !isASCIIWord(end)
                let upper = last == "1" ? "ST" : last == "2" ? "ND" : last == "3" ? "RD" : "TH"
                // \d*(?:1ST|2ND|3RD|(?![123])\dTH)(?=\b|[a-z_]), then the lower-case form (?=\b|[A-Z_]).
                if suffix(upper), boundary || lowerOrUnderscore(end) { return end }
                if suffix(upper.lowercased()), boundary || upperOrUnderscore(end) { return end }
                return d
            }
            if u[i].properties.isEmojiPresentation || (u[i].properties.isEmoji && !u[i].isASCII) { return i + 1 }
            return nil
        }
        var out: [String] = []
        var i = 0
        while i < n {
            if let e = word(at: i) {
                out.append(String(String.UnicodeScalarView(u[i..<e])))
                i = e
            } else {
                i += 1
            }
        }
        return out
    }
}
