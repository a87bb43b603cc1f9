/// Which commit-message rules apply.
public enum CommitProfile: String, Sendable, CaseIterable {
    /// Conventional Commits 1.0.0 with commitlint's `config-conventional` rules and ignores.
    case conventional
    /// A non-empty subject, length limits and a blank second line, for repositories without Conventional Commits.
    case plain
}

/// Where a branch's issue number must be referenced.
public enum IssueLinkMode: String, Sendable, CaseIterable {
    /// At least one commit of the pushed range (or, in CI, the PR body).
    case range
    /// Every commit.
    case every
    /// Not checked.
    case off
}

/// What `subject-case` asks of a Conventional Commits subject.
public enum SubjectCase: String, Sendable, CaseIterable {
    /// commitlint's `config-conventional`: never sentence-case, start-case, pascal-case or upper-case.
    case conventional
    /// Only lower case (`subject-case: [2, 'always', 'lower-case']`).
    case lowerCase = "lower-case"
    /// Not checked.
    case any
}

/// The commit-message contract (`commits` in ward.json).
public struct CommitPolicy: Sendable, Equatable {
    public var mode: Mode?
    public var profile: CommitProfile = .conventional
    /// Allowed Conventional Commits types (`type-enum`).
    public var types: [String] = [
        "build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test",
    ]
    /// Allowed scopes (`scope-enum`); empty allows any scope.
    public var scopes: [String] = []
    /// Whether the scopes come from the repository's workspace packages (`"scopes": {"from":
    /// "workspace"}`); the loader fills `scopes` with them and `extraScopes`.
    public var scopesFromWorkspace = false
    /// Scopes allowed beside the workspace's (`"scopes": {"extra": [...]}`).
    public var extraScopes: [String] = []
    /// Per-rule levels, conditions and values (`commits.rules`), commitlint's `[level, when, value]`.
    public var rules: [String: CommitRuleSetting] = [:]
    /// Whether every header needs a scope (`scope-empty`).
    public var scopeRequired = false
    /// `header-max-length`; nil takes the profile's default (100 conventional, 72 plain).
    public var headerMaxLength: Int?
    /// `body-max-line-length`; nil takes the profile's default (100).
    public var bodyMaxLineLength: Int?
    /// `footer-max-line-length`; nil takes the profile's default (100).
    public var footerMaxLineLength: Int?
    public var subjectCase: SubjectCase = .conventional
    /// Trailer keys every message must carry, such as `Signed-off-by` (`trailer-exists`).
    public var requiredTrailers: [String] = []
    public var issueLink: IssueLinkMode = .range
    /// The most new commits a pre-push or range check walks; beyond it the newest are checked and it says so.
    public var maxWalk = 1000

    public init() {}
}

/// The branch contract (`branches` in ward.json).
public struct BranchPolicy: Sendable, Equatable {
    public var mode: Mode?
    /// Regular expressions a branch name must match (any one); protected branches always pass.
    public var patterns: [String] = []
    /// Tag globs that may not be deleted or moved (`v*`).
    public var protectedTags: [String] = []

    public init() {}
}

/// One layer's `commits` settings: only what it names.
public struct CommitLayer: Sendable, Equatable {
    public var mode: Mode?
    public var profile: CommitProfile?
    public var types: [String]?
    public var scopes: [String]?
    public var scopesFromWorkspace: Bool?
    public var extraScopes: [String]?
    public var rules: [String: CommitRuleSetting]?
    public var scopeRequired: Bool?
    public var headerMaxLength: Int?
    public var bodyMaxLineLength: Int?
    public var footerMaxLineLength: Int?
    public var subjectCase: SubjectCase?
    public var requiredTrailers: [String]?
    public var issueLink: IssueLinkMode?
    public var maxWalk: Int?

    public init() {}
}

/// One layer's `branches` settings: only what it names.
public struct BranchLayer: Sendable, Equatable {
    public var mode: Mode?
    public var patterns: [String]?
    public var protectedTags: [String]?

    public init() {}
}

extension Policy {
    /// The mode that applies to the commit-message contract.
    public var commitMode: Mode { commits.mode ?? mode }
    /// The mode that applies to branch names and protected refs at push.
    public var branchMode: Mode { branches.mode ?? mode }

    /// Applies one layer's `commits` and `branches`; later layers win key by key.
    ///
    /// A weaker mode or a shorter protected-tag list counts as a loosening: recorded, and ignored
    /// from an agent-editable layer. Protected tags from every layer add up.
    mutating func mergeContracts(_ layer: PolicyLayer, untrusted: Bool) {
        if layer.kind == .environment, layer.mode != nil {
            // A person's WARD_MODE is the last word for every area.
            commits.mode = nil
            branches.mode = nil
            origins["commits.mode"] = nil
            origins["branches.mode"] = nil
        }
        if let c = layer.commits {
            if let m = c.mode {
                if m.isLooser(than: commitMode) {
                    if untrusted {
                        ignore(
                            "\(layer.file): commits.mode '\(m.rawValue)' ignored: agent-editable file", from: layer.file
                        )
                    } else {
                        loosen("commits.mode set to '\(m.rawValue)' by \(layer.file)", by: layer.file)
                        commits.mode = m
                        origins["commits.mode"] = layer.file
                    }
                } else {
                    commits.mode = m
                    origins["commits.mode"] = layer.file
                }
            }
            if !untrusted {
                func set<T>(_ key: String, _ value: T?, _ apply: (T) -> Void) {
                    guard let value else { return }
                    apply(value)
                    origins["commits.\(key)"] = layer.file
                }
                set("profile", c.profile) { commits.profile = $0 }
                set("types", c.types) { commits.types = $0 }
                set("scopes", c.scopes) { commits.scopes = $0 }
                set("scopes", c.scopesFromWorkspace) { commits.scopesFromWorkspace = $0 }
                set("scopes", c.extraScopes) { commits.extraScopes = $0 }
                if let rules = c.rules {
                    for (id, setting) in rules {
                        commits.rules[id] = setting
                        origins["commits.rules.\(id)"] = layer.file
                    }
                }
                set("scopeRequired", c.scopeRequired) { commits.scopeRequired = $0 }
                set("headerMaxLength", c.headerMaxLength) { commits.headerMaxLength = $0 }
                set("bodyMaxLineLength", c.bodyMaxLineLength) { commits.bodyMaxLineLength = $0 }
                set("footerMaxLineLength", c.footerMaxLineLength) { commits.footerMaxLineLength = $0 }
                set("subjectCase", c.subjectCase) { commits.subjectCase = $0 }
                set("issueLink", c.issueLink) { commits.issueLink = $0 }
                set("maxWalk", c.maxWalk) { commits.maxWalk = $0 }
                origins["commits"] = layer.file
            }
            if let v = c.requiredTrailers {
                for t in v where !commits.requiredTrailers.contains(t) {
                    commits.requiredTrailers.append(t)
                    contribute("commits.requiredTrailers", layer.file)
                }
            }
        }
        if let b = layer.branches {
            if let m = b.mode {
                if m.isLooser(than: branchMode) {
                    if untrusted {
                        ignore(
                            "\(layer.file): branches.mode '\(m.rawValue)' ignored: agent-editable file",
                            from: layer.file)
                    } else {
                        loosen("branches.mode set to '\(m.rawValue)' by \(layer.file)", by: layer.file)
                        branches.mode = m
                        origins["branches.mode"] = layer.file
                    }
                } else {
                    branches.mode = m
                    origins["branches.mode"] = layer.file
                }
            }
            if let v = b.patterns, !untrusted {
                branches.patterns = v
                origins["branches.patterns"] = layer.file
            }
            if let v = b.protectedTags {
                for t in v where !branches.protectedTags.contains(t) {
                    branches.protectedTags.append(t)
                    contribute("branches.protectedTags", layer.file)
                }
                origins["branches.protectedTags"] = layer.file
            }
        }
    }
}

extension PolicyParser {
    static let commitKeys = [
        "mode", "profile", "types", "scopes", "scopeRequired", "headerMaxLength", "bodyMaxLineLength",
        "footerMaxLineLength", "subjectCase", "requiredTrailers", "issueLink", "maxWalk", "rules",
    ]
    static let branchKeys = ["mode", "patterns", "protectedTags"]

    /// Validates `commits`: every key known, every value of the right type and range.
    static func parseCommits(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> CommitLayer {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "commits", "expected an object, found \(value.value.typeName)")
        }
        var out = CommitLayer()
        for (key, v) in members {
            let path = "commits.\(key)"
            do throws(PolicyError) {
                switch key {
                case "mode": out.mode = try ctx.mode(v, path)
                case "profile": out.profile = try ctx.choice(v, path, CommitProfile.self)
                case "types":
                    let list = try ctx.strings(v, path, nonEmpty: true)
                    if list.isEmpty { throw ctx.error(v, path, "needs at least one type") }
                    out.types = list
                case "scopes":
                    if case .object(let fields) = v.value {
                        out.scopes = []
                        out.scopesFromWorkspace = false
                        out.extraScopes = []
                        for (key, f) in fields {
                            switch key {
                            case "from":
                                guard case .string("workspace") = f.value else {
                                    throw ctx.error(
                                        f, "\(path).from", "expected \"workspace\", found \(f.value.typeName)")
                                }
                                out.scopesFromWorkspace = true
                            case "extra": out.extraScopes = try ctx.strings(f, "\(path).extra", nonEmpty: true)
                            default:
                                throw ctx.error(
                                    f, "\(path).\(key)", "unknown key \(ctx.suggestion(key, among: ["from", "extra"]))")
                            }
                        }
                        if out.scopesFromWorkspace != true { out.scopes = out.extraScopes }
                    } else {
                        out.scopes = try ctx.strings(v, path, nonEmpty: true)
                        out.scopesFromWorkspace = false
                        out.extraScopes = []
                    }
                case "rules": out.rules = try parseCommitRules(v, ctx: ctx)
                case "scopeRequired": out.scopeRequired = try ctx.bool(v, path)
                case "headerMaxLength": out.headerMaxLength = try ctx.integer(v, path, atLeast: 1)
                case "bodyMaxLineLength": out.bodyMaxLineLength = try ctx.integer(v, path, atLeast: 1)
                case "footerMaxLineLength": out.footerMaxLineLength = try ctx.integer(v, path, atLeast: 1)
                case "subjectCase": out.subjectCase = try ctx.choice(v, path, SubjectCase.self)
                case "requiredTrailers":
                    let list = try ctx.strings(v, path, nonEmpty: true)
                    for (i, t) in list.enumerated() where !isTrailerKey(t) {
                        throw ctx.error(
                            v, "\(path)[\(i)]",
                            "'\(t)' is not a trailer key (letters, digits and '-', like 'Signed-off-by')")
                    }
                    out.requiredTrailers = list
                case "issueLink": out.issueLink = try ctx.choice(v, path, IssueLinkMode.self)
                case "maxWalk": out.maxWalk = try ctx.integer(v, path, atLeast: 1)
                default:
                    throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: commitKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        return out
    }

    /// Validates `branches`; each pattern must compile as a regular expression.
    static func parseBranches(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> BranchLayer {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "branches", "expected an object, found \(value.value.typeName)")
        }
        var out = BranchLayer()
        for (key, v) in members {
            let path = "branches.\(key)"
            do throws(PolicyError) {
                switch key {
                case "mode": out.mode = try ctx.mode(v, path)
                case "patterns":
                    let list = try ctx.strings(v, path, nonEmpty: true)
                    if case .array(let items) = v.value {
                        for (i, item) in items.enumerated() {
                            do {
                                _ = try Regex(list[i])
                            } catch {
                                throw ctx.error(item, "\(path)[\(i)]", "not a valid regular expression: \(error)")
                            }
                        }
                    }
                    out.patterns = list
                case "protectedTags": out.protectedTags = try ctx.strings(v, path, nonEmpty: true)
                default:
                    throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: branchKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        return out
    }

    static func isTrailerKey(_ s: String) -> Bool {
        !s.isEmpty
            && s.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
            }
    }
}

extension PolicyParser.Context {
    func bool(_ v: JSONValue.Located, _ path: String) throws(PolicyError) -> Bool {
        guard case .bool(let b) = v.value else {
            throw error(v, path, "expected true or false, found \(v.value.typeName)")
        }
        return b
    }

    func integer(_ v: JSONValue.Located, _ path: String, atLeast minimum: Int) throws(PolicyError) -> Int {
        guard case .number(let n) = v.value, n.rounded() == n, n >= Double(minimum), n <= 1_000_000_000 else {
            throw error(v, path, "expected a whole number of at least \(minimum), found \(v.value.typeName)")
        }
        return Int(n)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ v: JSONValue.Located, _ path: String, _ type: T.Type)
        throws(PolicyError) -> T where T.RawValue == String
    {
        let s = try string(v, path)
        guard let value = T(rawValue: s) else {
            let known = T.allCases.map(\.rawValue)
            throw error(
                v, path, "expected one of \(known.joined(separator: ", ")), found \(suggestion(s, among: known))")
        }
        return value
    }
}
