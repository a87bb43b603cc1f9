import Base
public import Policy

/// What `ward scope show` prints: the scope mode, every allow list that applies (they
/// intersect) with its source, the protected globs and the paths outside the repository that
/// may be written.
public struct ScopeListing: Sendable, Equatable {
    public var scope: ScopePolicy
    /// `scope.mode`, else the policy's `mode`.
    public var mode: Mode

    public init(_ policy: Policy) {
        scope = policy.scope
        mode = policy.scope.mode ?? policy.mode
    }

    /// `mode: …`, one `allow (SOURCE): …` line per list (or the whole repository), `protect: …`
    /// and `outside: …`.
    public var lines: [String] {
        var lines = ["mode: \(mode.rawValue)"]
        if scope.allow.isEmpty { lines.append("allow: the whole repository") }
        for a in scope.allow {
            lines.append("allow (\(a.source)): \(a.globs.isEmpty ? "nothing" : a.globs.joined(separator: " "))")
        }
        lines.append(
            "protect: \(scope.protect.isEmpty ? "(built-in protected files only)" : scope.protect.joined(separator: " "))"
        )
        lines.append("outside: temp roots\(scope.outside.isEmpty ? "" : ", " + scope.outside.joined(separator: " "))")
        return lines
    }

    /// `{"mode", "allow": [{"source", "allow"}], "protect", "outside"}`.
    public var json: String {
        var json = JSONWriter()
        json.object { json in
            json.member("mode", mode.rawValue)
            json.member("allow", objects: scope.allow) { json, list in
                json.member("source", list.source)
                json.member("allow", strings: list.globs)
            }
            json.member("protect", strings: scope.protect)
            json.member("outside", strings: scope.outside)
        }
        return json.string
    }
}
