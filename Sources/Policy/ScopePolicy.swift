/// The scope guard's part of the policy: where writes may go (DESIGN.md §6).
///
/// Globs have gitignore's semantics (see `ScopePattern` in Checks) and are relative to the
/// repository root, except `outside`, which lists absolute globs for paths outside it.
public struct ScopePolicy: Sendable, Equatable {
    /// One allow list and where it came from. Several lists intersect: a path must be in each.
    public struct AllowList: Sendable, Equatable {
        public var source: String
        public var globs: [String]
        public init(source: String, globs: [String]) {
            self.source = source
            self.globs = globs
        }
    }

    /// The scope guard's own mode; nil falls back to the policy's mode.
    public var mode: Mode?
    /// Allow lists (ward.json, local.json, the worktree's own scope, wave-scope.json); none
    /// means the whole repository. An empty list allows no write at all.
    public var allow: [AllowList] = []
    /// Globs never writable, whatever `allow` says.
    public var protect: [String] = []
    /// Absolute globs outside the repository that may be written (`/srv/cache/**`).
    public var outside: [String] = []

    public init() {}
}

/// One layer's `scope` settings, validated.
public struct ScopeLayer: Sendable, Equatable {
    public var mode: Mode?
    public var allow: [String]?
    public var protect: [String] = []
    public var outside: [String] = []
    public init() {}
}

extension PolicyParser {
    static let scopeKeys = ["mode", "allow", "protect", "outside"]

    /// `"scope": {"allow": [...], "protect": [...], "outside": [...], "mode": "enforce"}`; every
    /// glob is compiled here, so a malformed one is a configuration error with its line.
    static func parseScope(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> ScopeLayer {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "scope", "expected an object, found \(value.value.typeName)")
        }
        var layer = ScopeLayer()
        for (key, v) in members {
            let path = "scope.\(key)"
            do throws(PolicyError) {
                switch key {
                case "mode": layer.mode = try ctx.mode(v, path)
                case "allow", "protect", "outside":
                    guard case .array(let items) = v.value else {
                        throw ctx.error(v, path, "expected an array of globs, found \(v.value.typeName)")
                    }
                    var globs: [String] = []
                    for (i, item) in items.enumerated() {
                        do throws(PolicyError) {
                            globs.append(try glob(item, key: key, path: "\(path)[\(i)]", ctx: ctx))
                        } catch {
                            ctx.errors.append(error)
                        }
                    }
                    switch key {
                    case "allow": layer.allow = globs
                    case "protect": layer.protect = globs
                    default: layer.outside = globs
                    }
                default:
                    throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: scopeKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        return layer
    }

    /// One glob of `scope.allow`, `scope.protect` or `scope.outside`, compiled and checked.
    static func glob(_ item: JSONValue.Located, key: String, path: String, ctx: Context) throws(PolicyError) -> String {
        let g = try ctx.string(item, path)
        do {
            _ = try ScopePattern(g)
        } catch {
            throw ctx.error(item, path, error.description)
        }
        if key == "outside" && !(g.hasPrefix("/") || g.hasPrefix("~/")) {
            throw ctx.error(item, path, "outside globs are absolute paths ('/srv/cache/**' or '~/...')")
        }
        if key != "outside" && (g.hasPrefix("~") || g.hasPrefix("../")) {
            throw ctx.error(
                item, path, "\(key) globs are relative to the repository root; list paths outside it in scope.outside")
        }
        return g
    }
}

extension Policy {
    /// Allow lists intersect and protect lists add up (both only tighten); `outside` adds
    /// writable places and a looser mode loosens, so both are logged, and ignored from a file
    /// an agent may edit.
    mutating func mergeScope(_ layer: PolicyLayer, untrusted: Bool) {
        guard let s = layer.scope else { return }
        if let allow = s.allow {
            scope.allow.append(.init(source: layer.file, globs: allow))
            origins["scope.allow"] = layer.file
        }
        for g in s.protect where !scope.protect.contains(g) {
            scope.protect.append(g)
            contribute("scope.protect", layer.file)
        }
        for g in s.outside where !scope.outside.contains(g) {
            if untrusted {
                ignore("\(layer.file): scope.outside '\(g)' ignored: agent-editable file", from: layer.file)
                continue
            }
            scope.outside.append(g)
            contribute("scope.outside", layer.file)
            loosen("scope.outside '\(g)' added by \(layer.file)", by: layer.file)
        }
        if let mode = s.mode {
            let current = scope.mode ?? self.mode
            if mode.isLooser(than: current) {
                if untrusted {
                    ignore(
                        "\(layer.file): scope.mode '\(mode.rawValue)' ignored: agent-editable file", from: layer.file)
                    return
                }
                loosen("scope.mode set to '\(mode.rawValue)' by \(layer.file)", by: layer.file)
            }
            scope.mode = mode
            origins["scope.mode"] = layer.file
        }
    }
}
