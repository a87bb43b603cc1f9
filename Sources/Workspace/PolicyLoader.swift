import Base
import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds, reads and layers a repository's policy files (DESIGN.md §4).
///
/// Layers, later wins:
/// 1. `Policy.builtin`;
/// 2. `<workTree>/ward.json` (kind `.repository`);
/// 3. `<commonDir>/ward/local.json` (kind `.local`: per clone, never committed);
/// 4. the zero-config orchestration files at the work-tree root, each of kind `.orchestration`
///    (agent-editable, so `Policy.merging` applies only what they tighten unless `ward.json`
///    sets `honourSessionConfig`): `CLAUDE.md`, `AGENTS.md` (their `## Session Config`, see
///    `SessionConfig`), `.orchestrator/policy/blocked-commands.json` (see `BlockedCommands`),
///    `.claude/wave-scope.json` (see `WaveScope`), and for gates only
///    `.orchestrator/policy/quality-gates.json` (see `QualityGates`) and `.claude/session-plugin.json`
///    (see `SessionPlugin`); their gates are adopted only when neither `ward.json` nor
///    `local.json` declares `gates` (see `Policy.mergeGates`);
/// 5. `WARD_MODE` from the environment.
///
/// A missing file is no layer. A file that exists but cannot be read, is too large, or is
/// invalid throws a `PolicyError` naming it as a person would write it (relative to the work
/// tree when inside it, else absolute) with the line: a broken policy must stop the checkpoint,
/// never silently fall back to defaults. A Markdown file without a `Session Config` section
/// adds no layer. A bare repository has no work tree, so only `local.json` applies.
public enum PolicyLoader {
    /// Policy files are small hand-written text; a larger file is a mistake, not a policy.
    public static let fileLimit = 1 << 20

    /// The effective policy for a repository (nil: outside any repository, built-in only).
    ///
    /// `gates: false` leaves out the files that only declare quality gates (`quality-gates.json`,
    /// `session-plugin.json`): the agent hook, which runs on every tool call and never runs a
    /// gate, does not read them.
    /// `proposed` names a file read in place of the repository's `ward.json`, to judge a policy
    /// change before it lands (`ward log replay --policy FILE`).
    public static func load(
        repository: RepositoryLocation?, environment: [String: String], gates: Bool = true, proposed: String? = nil
    ) throws(PolicyError) -> LoadedPolicy {
        var found = try fileLayers(repository: repository, gates: gates)
        if let proposed {
            guard let text = try readText(proposed, display: proposed) else {
                throw PolicyError(file: proposed, line: nil, path: "", message: "no such file")
            }
            let layer = try PolicyParser.parse(text, file: proposed, kind: .repository)
            let wardJSON = repository?.workTree.map { $0 + "/ward.json" }
            if let i = found.firstIndex(where: { $0.path == wardJSON }) {
                found[i] = (proposed, layer)
            } else {
                found.insert((proposed, layer), at: 0)
            }
        }
        let merged = try Policy.builtin.merging(found.map(\.layer))
        let policy = try merged.applyingEnvironmentMode(environment["WARD_MODE"])
        return LoadedPolicy(policy: policy, files: found.map(\.path))
    }

    /// The file layers, validated but not merged, in layer order; for `ward policy show`.
    public static func layers(repository: RepositoryLocation?) throws(PolicyError) -> [PolicyLayer] {
        try fileLayers(repository: repository).map(\.layer)
    }

    /// Every error in one file, as `ward policy validate FILE` reports them; empty when valid.
    ///
    /// The file's name decides how it is read (`CLAUDE.md`/`AGENTS.md`/any `.md` as Session
    /// Config, `blocked-commands.json`, `wave-scope.json`, `quality-gates.json`,
    /// `session-plugin.json`, `local.json` as a local layer,
    /// anything else as a `ward.json`), and the layer is merged onto the built-in policy so that
    /// unknown rule ids in `disable` and `overrides`, or ids that clash with built-in rules, are
    /// reported too. Errors come in file order, then the merge's; a JSON syntax error is the
    /// only one reported for its file, since nothing after it can be read. A missing or
    /// unreadable file is one error without a line.
    public static func validateAll(file path: String) -> [PolicyError] {
        validation(file: path).errors
    }

    static func validation(file path: String) -> (layer: PolicyLayer, errors: [PolicyError]) {
        let text: String
        do throws(PolicyError) {
            guard let read = try readText(path, display: path) else {
                return (
                    PolicyLayer(kind: .repository, file: path),
                    [PolicyError(file: path, line: nil, path: "", message: "no such file")]
                )
            }
            text = read
        } catch {
            return (PolicyLayer(kind: .repository, file: path), [error])
        }
        var errors: [PolicyError] = []
        let layer = layer(text: text, name: Path.basename(path), file: path, errors: &errors)
        _ = Policy.builtin.merging([layer], errors: &errors)
        return (layer, errors)
    }

    /// The layer a file named `name` makes of `text`, appending its errors.
    static func layer(text: String, name: String, file: String, errors: inout [PolicyError]) -> PolicyLayer {
        if name.hasSuffix(".md") {
            return SessionConfig.parse(markdown: text)?.layer(file: file, errors: &errors)
                ?? PolicyLayer(kind: .orchestration, file: file)
        }
        switch name {
        case "blocked-commands.json":
            return BlockedCommands.layer(
                text: text, file: file, takenIDs: Set(Policy.builtin.commands.rules.map(\.id)), errors: &errors)
        case "wave-scope.json":
            return WaveScope.layer(text: text, file: file, errors: &errors)
        case "quality-gates.json":
            return QualityGates.layer(text: text, file: file, errors: &errors)
        case "session-plugin.json":
            return SessionPlugin.layer(text: text, file: file, errors: &errors)
        default:
            return PolicyParser.parse(
                text, file: file, kind: name == "local.json" ? .local : .repository, errors: &errors)
        }
    }

    /// Each existing policy file's absolute path and layer.
    static func fileLayers(repository: RepositoryLocation?, gates: Bool = true) throws(PolicyError)
        -> [(path: String, layer: PolicyLayer)]
    {
        guard let repository else { return [] }
        var out: [(path: String, layer: PolicyLayer)] = []
        let workTree = repository.workTree
        func display(_ path: String) -> String {
            if let workTree, let relative = Path.relative(path, to: workTree) { return relative }
            return path
        }
        func add(_ path: String, _ make: (String, String) throws(PolicyError) -> PolicyLayer?) throws(PolicyError) {
            let name = display(path)
            guard let text = try readText(path, display: name), let layer = try make(text, name) else { return }
            out.append((path, layer))
        }
        if let workTree {
            try add(workTree + "/ward.json") { text, name throws(PolicyError) in
                try PolicyParser.parse(text, file: name, kind: .repository)
            }
        }
        try add(repository.commonDir + "/ward/local.json") { text, name throws(PolicyError) in
            try PolicyParser.parse(text, file: name, kind: .local)
        }
        // This worktree's own scope (`ward scope set`), in its git admin directory.
        try add(WorktreeScope.path(gitDir: repository.gitDir)) { text, name throws(PolicyError) in
            try WorktreeScope.layer(text: text, file: name)
        }
        guard let workTree else { return out }
        for markdown in ["CLAUDE.md", "AGENTS.md"] {
            try add(workTree + "/" + markdown) { text, name throws(PolicyError) in
                try SessionConfig.parse(markdown: text)?.layer(file: name)
            }
        }
        let earlier = out.flatMap { $0.layer.rules.map(\.id) }
        try add(workTree + "/.orchestrator/policy/blocked-commands.json") { text, name throws(PolicyError) in
            let taken = Set(Policy.builtin.commands.rules.map(\.id)).union(earlier)
            return try BlockedCommands.layer(text: text, file: name, takenIDs: taken)
        }
        try add(workTree + "/.claude/wave-scope.json") { text, name throws(PolicyError) in
            try WaveScope.layer(text: text, file: name)
        }
        // Gate commands; after CLAUDE.md and AGENTS.md so that these protected files' gates
        // replace agent-editable ones of the same name.
        guard gates else { return out }
        try add(workTree + "/.orchestrator/policy/quality-gates.json") { text, name throws(PolicyError) in
            try QualityGates.layer(text: text, file: name)
        }
        try add(workTree + "/.claude/session-plugin.json") { text, name throws(PolicyError) in
            try SessionPlugin.layer(text: text, file: name)
        }
        return out
    }

    /// The file's text; nil when it does not exist; a `PolicyError` when it cannot be used.
    static func readText(_ path: String, display: String) throws(PolicyError) -> String? {
        switch FileSystem.read(path, limit: fileLimit) {
        case .contents(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .missing:
            return nil
        case .tooLarge:
            throw PolicyError(
                file: display, line: nil, path: "",
                message: "larger than \(fileLimit >> 20) MiB; a policy file is small hand-written text")
        case .failed(let code):
            throw PolicyError(
                file: display, line: nil, path: "",
                message: "cannot be read (\(Errno(rawValue: code))); fix its permissions or remove it")
        }
    }
}
