/// A quality gate ward runs itself, without a process: what it looks for, its settings and the
/// rule its findings carry.
///
/// The checks themselves are pure functions in the `Gates` library (`BuiltinGates.check`); this
/// catalog lives in `Policy` so that `ward.json` can be validated against it (an unknown id or
/// setting is an error naming the known ones) and so that `ward explain` can describe each rule.
/// A finding of a built-in gate carries the gate's id as its rule id.
public struct BuiltinGate: Sendable, Equatable {
    /// The id a gate names in `"builtin"`, and the rule id of its findings (`conflict-markers`).
    public var id: String
    /// The settings the gate takes, beside the common gate keys (`maxBytes`), with what each means.
    public var options: [String: String]
    /// Why a finding stops the commit, one line.
    public var reason: String
    /// What to do instead.
    public var alternative: String

    /// The default limit of `large-files`: 1 MiB.
    public static let defaultMaxBytes = 1 << 20

    /// Every built-in gate, in the order `ward gate list` and error messages show them.
    public static let all: [BuiltinGate] = [
        BuiltinGate(
            id: "conflict-markers", options: [:],
            reason:
                "the file still holds merge-conflict markers (a line starting with '<<<<<<< ' or '>>>>>>> ', or '=======' between them)",
            alternative: "resolve the conflict, remove the markers and stage the file again"),
        BuiltinGate(
            id: "large-files", options: ["maxBytes": "the largest size allowed, in bytes (default 1048576)"],
            reason: "the file is larger than the gate's maxBytes (1 MiB unless set); a repository keeps it forever",
            alternative: "keep it out of the repository (Git LFS, a release asset, a download step), or raise maxBytes"),
        BuiltinGate(
            id: "private-keys", options: [:],
            reason: "the file holds a private key (a PEM or OpenSSH '-----BEGIN … PRIVATE KEY-----' or a PuTTY key)",
            alternative:
                "unstage the file, keep the key in a secret store or an ignored file, and rotate it if it was ever pushed"
        ),
        BuiltinGate(
            id: "debug-artifacts", options: [:],
            reason:
                "a debugging leftover (console.log(, debugger, TODO: remove, binding.pry, breakpoint(), pdb.set_trace()) is about to be committed",
            alternative: "remove the line, or exclude the file from the gate with 'exclude' if it is meant to be there"),
        BuiltinGate(
            id: "shebang-executable", options: [:],
            reason: "the file starts with '#!' but is not executable in the index, so running it fails",
            alternative: "git update-index --chmod=+x PATH (or remove the '#!' line if it is not a script)"),
    ]

    /// The built-in gate with this id, if any.
    public static func named(_ id: String) -> BuiltinGate? {
        all.first { $0.id == id }
    }

    /// The ids of every built-in gate, for messages.
    public static var ids: [String] { all.map(\.id) }

    /// The gate as a rule, for `ward explain` (category `gates`, decision deny).
    public var rule: Rule {
        Rule(
            id: id, category: "gates", decision: .deny, reason: reason, alternative: alternative,
            source: "ward's built-in gate '\(id)' (runs where a gate in ward.json names it with \"builtin\")")
    }
}
