public import Policy

/// Why `ward ci` cannot run: one line naming the variable or file, and what to do.
public struct CIError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// What a CI job is checking: the provider, the kind of event, the range and the pull or merge
/// request's metadata, read from the provider's variables and event payload.
public struct CIEvent: Sendable, Equatable {
    public enum Provider: String, Sendable, CaseIterable {
        case github, gitlab

        public var title: String { self == .github ? "GitHub Actions" : "GitLab CI" }
    }

    public enum Kind: String, Sendable {
        case pullRequest = "pull request"
        case mergeRequest = "merge request"
        case push
        case newBranch = "new branch"
        case mergeGroup = "merge group"
        case deletion = "branch deletion"
        case other = "run"
    }

    public var provider: Provider
    public var kind: Kind
    /// The provider's name for the event (`pull_request_target`, `merge_request_event`).
    public var name: String
    /// The commit the range starts from (excluded); nil when the event gives none (a new branch).
    public var base: String?
    /// The commit the range ends at.
    public var head: String
    /// The pull or merge request's title and body, when the event is one.
    public var title: String?
    public var body: String?
    /// The branch the commits are on (the pull request's head branch, the pushed branch).
    public var branch: String?
    /// The repository's default branch, for a range without a base.
    public var defaultBranch: String?
    /// The pull or merge request's number.
    public var number: Int?

    public init(
        provider: Provider, kind: Kind, name: String, base: String?, head: String, title: String? = nil,
        body: String? = nil, branch: String? = nil, defaultBranch: String? = nil, number: Int? = nil
    ) {
        self.provider = provider
        self.kind = kind
        self.name = name
        self.base = base
        self.head = head
        self.title = title
        self.body = body
        self.branch = branch
        self.defaultBranch = defaultBranch
        self.number = number
    }

    /// Whether the event is a pull or merge request (its title and body are checked).
    public var isReview: Bool { kind == .pullRequest || kind == .mergeRequest }

    /// `pull request #12`, `push to main`, `new branch feat/1-x`.
    public var summary: String {
        switch kind {
        case .pullRequest, .mergeRequest: return "\(kind.rawValue)\(number.map { " #\($0)" } ?? "")"
        case .push: return "push to \(branch ?? "?")"
        case .newBranch: return "new branch \(branch ?? "?")"
        default: return "\(kind.rawValue) (\(name))"
        }
    }

    static func isZero(_ id: String?) -> Bool {
        guard let id else { return true }
        return id.isEmpty || id.allSatisfy { $0 == "0" }
    }
}

/// Reads the `CIEvent` of the running job.
public enum CIEventReader {
    /// The provider: `--provider` when given, else `GITHUB_ACTIONS`/`GITLAB_CI` set to `true`.
    public static func provider(_ given: String?, environment: [String: String]) throws(CIError) -> CIEvent.Provider {
        if let given {
            guard let provider = CIEvent.Provider(rawValue: given) else {
                throw CIError("ward ci: unknown --provider '\(given)'; one of github, gitlab")
            }
            return provider
        }
        if environment["GITHUB_ACTIONS"] == "true" { return .github }
        if environment["GITLAB_CI"] == "true" { return .gitlab }
        throw CIError(
            "ward ci: neither GITHUB_ACTIONS nor GITLAB_CI is set; pass --provider github|gitlab, or check a range by hand with 'ward check range BASE..HEAD'"
        )
    }

    /// The event of `provider`'s job; `readFile` reads the event payload (`GITHUB_EVENT_PATH`).
    public static func read(
        _ provider: CIEvent.Provider, environment: [String: String], readFile: (String) -> [UInt8]?
    ) throws(CIError) -> CIEvent {
        switch provider {
        case .github: return try github(environment, readFile: readFile)
        case .gitlab: return try gitlab(environment)
        }
    }

    static func github(_ env: [String: String], readFile: (String) -> [UInt8]?) throws(CIError) -> CIEvent {
        guard let name = env["GITHUB_EVENT_NAME"], !name.isEmpty else {
            throw CIError("ward ci: GITHUB_EVENT_NAME is not set; run it as a step of a GitHub Actions job")
        }
        guard let path = env["GITHUB_EVENT_PATH"], !path.isEmpty else {
            throw CIError("ward ci: GITHUB_EVENT_PATH is not set; run it as a step of a GitHub Actions job")
        }
        guard let bytes = readFile(path) else { throw CIError("ward ci: cannot read the event payload \(path)") }
        let payload: JSONValue
        do {
            payload = try JSONParser.parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw CIError("ward ci: the event payload \(path) is not JSON: \(error.description)")
        }
        func string(_ value: JSONValue?, _ field: String) throws(CIError) -> String {
            guard let s = value?.stringValue, !s.isEmpty else {
                throw CIError("ward ci: the \(name) event payload \(path) has no \(field)")
            }
            return s
        }
        let defaultBranch = payload["repository"]?["default_branch"]?.stringValue
        switch name {
        case "pull_request", "pull_request_target":
            let pr = payload["pull_request"]
            return CIEvent(
                provider: .github, kind: .pullRequest, name: name,
                base: try string(pr?["base"]?["sha"], "pull_request.base.sha"),
                head: try string(pr?["head"]?["sha"], "pull_request.head.sha"), title: pr?["title"]?.stringValue,
                body: pr?["body"]?.stringValue ?? "", branch: pr?["head"]?["ref"]?.stringValue,
                defaultBranch: defaultBranch, number: (pr?["number"] ?? payload["number"]).flatMap(Self.int))
        case "push":
            let ref = payload["ref"]?.stringValue ?? env["GITHUB_REF"] ?? ""
            let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : nil
            let before = payload["before"]?.stringValue
            if payload["deleted"]?.boolValue == true {
                return CIEvent(
                    provider: .github, kind: .deletion, name: name, base: before, head: before ?? "", branch: branch,
                    defaultBranch: defaultBranch)
            }
            let after = try string(payload["after"], "after")
            let isNew = CIEvent.isZero(before)
            return CIEvent(
                provider: .github, kind: isNew ? .newBranch : .push, name: name, base: isNew ? nil : before,
                head: after, branch: branch, defaultBranch: defaultBranch)
        case "merge_group":
            let group = payload["merge_group"]
            return CIEvent(
                provider: .github, kind: .mergeGroup, name: name,
                base: try string(group?["base_sha"], "merge_group.base_sha"),
                head: try string(group?["head_sha"], "merge_group.head_sha"), defaultBranch: defaultBranch)
        default:
            guard let sha = env["GITHUB_SHA"], !sha.isEmpty else {
                throw CIError("ward ci: GITHUB_SHA is not set for the \(name) event")
            }
            let branch = env["GITHUB_REF_TYPE"] == "branch" ? env["GITHUB_REF_NAME"] : nil
            return CIEvent(
                provider: .github, kind: .other, name: name, base: nil, head: sha, branch: branch,
                defaultBranch: defaultBranch)
        }
    }

    static func gitlab(_ env: [String: String]) throws(CIError) -> CIEvent {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        guard let sha = value("CI_COMMIT_SHA") else {
            throw CIError("ward ci: CI_COMMIT_SHA is not set; run it in a GitLab CI job")
        }
        let defaultBranch = value("CI_DEFAULT_BRANCH")
        let source = value("CI_PIPELINE_SOURCE") ?? "push"
        if let iid = value("CI_MERGE_REQUEST_IID") {
            guard let base = value("CI_MERGE_REQUEST_DIFF_BASE_SHA") else {
                throw CIError(
                    "ward ci: CI_MERGE_REQUEST_DIFF_BASE_SHA is not set in this merge request pipeline; run the job with 'rules: - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"'"
                )
            }
            // Merged results pipelines run on a temporary merge commit; the merge request's own
            // commits end at the source branch's tip.
            let head = value("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") ?? sha
            return CIEvent(
                provider: .gitlab, kind: .mergeRequest, name: source, base: base, head: head,
                title: value("CI_MERGE_REQUEST_TITLE") ?? "", body: env["CI_MERGE_REQUEST_DESCRIPTION"] ?? "",
                branch: value("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"), defaultBranch: defaultBranch, number: Int(iid))
        }
        let branch = value("CI_COMMIT_BRANCH")
        guard branch != nil else {
            return CIEvent(
                provider: .gitlab, kind: .other, name: source, base: nil, head: sha, defaultBranch: defaultBranch)
        }
        let before = value("CI_COMMIT_BEFORE_SHA")
        let isNew = CIEvent.isZero(before)
        return CIEvent(
            provider: .gitlab, kind: isNew ? .newBranch : .push, name: source, base: isNew ? nil : before, head: sha,
            branch: branch, defaultBranch: defaultBranch)
    }

    static func int(_ value: JSONValue) -> Int? {
        if case .number(let n) = value, n == n.rounded(), n >= 0, n < 1e15 { return Int(n) }
        return nil
    }
}
