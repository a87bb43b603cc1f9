import Base
public import Policy

/// Decides whether a write to a path stays inside the allowed scope (DESIGN.md §6).
///
/// Pure: paths arrive absolute and normalised, with the same path resolved through symlinks
/// (for its nearest existing ancestor) when the caller could resolve it. Every writer uses it:
/// agent file tools, writes found in shell commands, staged paths at pre-commit, CI ranges.
public struct ScopeGuard: Sendable {
    public let policy: Policy
    public let scope: ScopePolicy
    public let context: GuardContext
    /// The hooks directory git uses, protected like the git dir.
    public let hooksDir: String?
    private let allowLists: [(source: String, list: ScopePatternList)]
    private let protectList: ScopePatternList
    private let outsideList: ScopePatternList

    /// Fails when a glob is malformed: a configuration error, never a silently empty scope.
    public init(policy: Policy, scope: ScopePolicy, context: GuardContext, hooksDir: String? = nil)
        throws(ScopePatternError)
    {
        self.policy = policy
        self.scope = scope
        self.context = context
        self.hooksDir = hooksDir
        var lists: [(String, ScopePatternList)] = []
        for a in scope.allow { lists.append((a.source, try ScopePatternList(a.globs))) }
        allowLists = lists
        protectList = try ScopePatternList(scope.protect)
        outsideList = try ScopePatternList(
            scope.outside.map { g in
                var g = g
                if g.hasPrefix("~/") { g = context.home + g.dropFirst() }
                // Absolute globs stay anchored at `/`: '/opt' is /opt, not any folder named opt.
                return g.hasPrefix("/") ? g : "/" + g
            })
    }

    /// The mode that applies to scope verdicts.
    public var mode: Mode { scope.mode ?? policy.mode }

    /// A rule the write breaks: its id and what about the path matched.
    public struct Objection: Sendable, Equatable {
        public var ruleID: String
        public var detail: String
    }

    /// The verdict for writing `path` (absolute, normalised); `resolved` is the same path with
    /// symlinks resolved, when known. `isDirectory` when the write creates or names a folder.
    /// `disable` and path overrides apply, then the scope's mode.
    public func check(write path: String, resolved: String? = nil, isDirectory: Bool = false) -> Verdict {
        guard let f = finding(path, resolved: resolved, isDirectory: isDirectory) else { return .allow }
        if policy.isDisabled(f.ruleID) { return .allow }
        if policy.overrides.contains(where: { o in
            o.rule == f.ruleID && (o.paths.isEmpty || o.paths.contains { Glob.matches(expandHome($0), path) })
        }) {
            return .allow
        }
        let rule =
            policy.rule(f.ruleID)
            ?? Rule(
                id: f.ruleID, category: "scope", decision: .deny, reason: "the write leaves the allowed scope",
                alternative: "")
        return Verdict.rule(rule, matched: path, detail: f.detail).applying(mode)
    }

    func expandHome(_ g: String) -> String {
        g.hasPrefix("~/") ? context.home + g.dropFirst() : g
    }

    /// The rule a write breaks, before `disable`, overrides and the mode; nil when it is in scope.
    public func finding(_ path: String, resolved: String?, isDirectory: Bool) -> Objection? {
        if Self.isAlwaysWritable(path) { return nil }
        // A resolver's answer is folded like the path (a test resolver may keep `..`).
        let real = resolved.map { Path.normalize($0) } ?? path
        for candidate in Set([path, real]) {
            if let what = ProtectedPaths.match(candidate, context: context, hooksDir: hooksDir) {
                return Objection(ruleID: "scope-protected", detail: "protected: \(what)")
            }
        }
        guard let root = context.repositoryRoot else {
            // Without a repository there is no scope: only ward's protected files count.
            return nil
        }
        let lexicalRel = Path.relative(path, to: root)
        let realRel = Path.relative(real, to: root)
        guard let rel = realRel else {
            if isOutsideAllowed(real) { return nil }
            if lexicalRel != nil {
                return Objection(
                    ruleID: "scope-escape-symlink", detail: "it resolves to \(real), outside the repository")
            }
            return Objection(ruleID: "scope-outside-repo", detail: "outside \(root)")
        }
        if rel.isEmpty {
            return allowLists.isEmpty ? nil : Objection(ruleID: "scope-outside", detail: "the repository root itself")
        }
        if protectList.contains(rel, isDirectory: isDirectory) {
            return Objection(ruleID: "scope-protected", detail: "matches scope.protect")
        }
        for (source, list) in allowLists where !list.contains(rel, isDirectory: isDirectory) {
            let globs = list.patterns.map(\.source)
            let allowed = globs.isEmpty ? "nothing (an empty allow list)" : globs.joined(separator: ", ")
            if let lrel = lexicalRel, lrel != rel, list.contains(lrel, isDirectory: isDirectory) {
                return Objection(
                    ruleID: "scope-escape-symlink", detail: "it resolves to \(rel); \(source) allows \(allowed)")
            }
            return Objection(ruleID: "scope-outside", detail: "\(source) allows \(allowed)")
        }
        return nil
    }

    /// Outside the repository: temp roots and `scope.outside` may be written.
    func isOutsideAllowed(_ path: String) -> Bool {
        for root in policy.commands.tempRoots {
            let r = root == "$TMPDIR" || root == "${TMPDIR}" ? (context.tmpDir ?? "/tmp") : root
            if Path.isStrictlyWithin(path, r) { return true }
        }
        return outsideList.contains(String(path.dropFirst()))
    }

    static func isAlwaysWritable(_ path: String) -> Bool {
        ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"].contains(path) || path.hasPrefix("/dev/fd/")
            || path.hasPrefix("/proc/self/fd/")
    }
}
