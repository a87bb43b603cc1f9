/// Glob matching for policy patterns: `*` within a segment, `**` across segments, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.utf8), 0, Array(text.utf8), 0)
    }

    /// `matches` on UTF-8 bytes already at hand (a pattern list matched against many paths).
    public static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        match(pattern, 0, text, 0)
    }

    private static func match(_ p: [UInt8], _ pi: Int, _ t: [UInt8], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            let c = p[pi]
            if c == 0x2A {  // *
                let double = pi + 1 < p.count && p[pi + 1] == 0x2A
                var next = pi + (double ? 2 : 1)
                if double, next < p.count, p[next] == 0x2F { next += 1 }  // "**/" also matches nothing
                if next == p.count { return double || !t[ti...].contains(0x2F) }
                var k = ti
                while k <= t.count {
                    if match(p, next, t, k) { return true }
                    if k == t.count || (!double && t[k] == 0x2F) { break }
                    k += 1
                }
                return false
            }
            guard ti < t.count else { return false }
            if c == 0x3F {
                if t[ti] == 0x2F { return false }
            } else if c != t[ti] {
                return false
            }
            pi += 1
            ti += 1
        }
        return ti == t.count
    }
}
