import Base
public import Policy
import Workspace

/// The agents `ward install --agent` knows, and where each keeps its hook settings.
public enum AgentTarget: String, Sendable, CaseIterable {
    case claude, codex, gemini, cursor, copilot

    /// The settings file, relative to the repository root; `local` picks Claude Code's
    /// `settings.local.json` (not committed), and means nothing to the other agents.
    public func file(local: Bool) -> String {
        switch self {
        case .claude: return local ? ".claude/settings.local.json" : ".claude/settings.json"
        case .codex: return ".codex/hooks.json"
        case .gemini: return ".gemini/settings.json"
        case .cursor: return ".cursor/hooks.json"
        case .copilot: return ".github/hooks/ward.json"
        }
    }

    /// The agent's name for people.
    public var title: String {
        switch self {
        case .claude: return "Claude Code"
        case .codex: return "Codex CLI"
        case .gemini: return "Gemini CLI"
        case .cursor: return "Cursor"
        case .copilot: return "GitHub Copilot"
        }
    }

    /// One event of the agent's hook settings with the entries ward adds to it.
    struct Event {
        var name: String
        var entries: [JSONValue]
    }

    /// The events and entries ward installs, calling `command`.
    func events(command: String) -> [Event] {
        func group(_ matcher: String, timeout: Double) -> JSONValue {
            .object([
                ("matcher", .init(.string(matcher), line: 0)),
                (
                    "hooks",
                    .init(
                        .array([
                            .init(
                                .object([
                                    ("type", .init(.string("command"), line: 0)),
                                    ("command", .init(.string(command), line: 0)),
                                    ("timeout", .init(.number(timeout), line: 0)),
                                ]), line: 0)
                        ]), line: 0)
                ),
            ])
        }
        let flat = JSONValue.object([("command", .init(.string(command), line: 0))])
        switch self {
        case .claude:
            return [
                Event(
                    name: "PreToolUse",
                    entries: [group("Bash", timeout: 10), group("Edit|Write|MultiEdit|NotebookEdit", timeout: 10)])
            ]
        case .codex: return [Event(name: "PreToolUse", entries: [group("Bash|apply_patch", timeout: 10)])]
        case .gemini:
            return [Event(name: "BeforeTool", entries: [group("run_shell_command|write_file|replace", timeout: 10000)])]
        case .cursor:
            return [
                Event(name: "beforeShellExecution", entries: [flat]), Event(name: "preToolUse", entries: [flat]),
            ]
        case .copilot:
            return [
                Event(
                    name: "preToolUse",
                    entries: [
                        .object([
                            ("type", .init(.string("command"), line: 0)),
                            ("bash", .init(.string(command), line: 0)),
                            ("timeoutSec", .init(.number(10), line: 0)),
                        ])
                    ])
            ]
        }
    }

    /// Keys the file starts with when ward creates it (Cursor and Copilot want `version`).
    var preamble: [(key: String, value: JSONValue.Located)] {
        switch self {
        case .cursor, .copilot: return [("version", .init(.number(1), line: 0))]
        default: return []
        }
    }
}

/// Merges ward's pre-tool-use hooks into an agent's settings and takes them out again,
/// keeping every other key and hook as it was (order included).
public struct AgentSettings: Sendable {
    public var agent: AgentTarget
    /// The absolute path of `ward`: a missing binary lets the agent's tool call run, so the
    /// settings name the one that exists now.
    public var ward: String

    public init(agent: AgentTarget, ward: String) {
        self.agent = agent
        self.ward = ward
    }

    /// `/usr/local/bin/ward hook claude`, the path quoted for the shell when it needs it.
    public var command: String {
        let plain = ward.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                || "/._-+".unicodeScalars.contains(c)
        }
        return (plain ? ward : HookShim.shellQuoted(ward)) + " hook " + agent.rawValue
    }

    /// Whether `command` runs ward's hook for this agent (whichever path it names).
    public func isWardCommand(_ command: String) -> Bool {
        String(command.trimmingWhitespace()).hasSuffix(" hook " + agent.rawValue)
            && Path.basename(program(of: command)) == "ward"
    }

    /// The settings text with ward's hooks in it; nil when they are there already as they should be.
    public func installing(into text: String?, file: String) throws(InstallError) -> String? {
        let root = try parse(text, file: file)
        if text != nil, wardProjection(root) == wardProjection(adding(to: .object([]), fresh: true)) { return nil }
        return PrettyJSON.render(adding(to: strip(root).0, fresh: text == nil))
    }

    /// `root` with ward's entries appended to each of its events (created when missing).
    func adding(to root: JSONValue, fresh: Bool) -> JSONValue {
        var members = objectMembers(root)
        if fresh { members = agent.preamble + members }
        var hooks = objectMembers(member("hooks", of: members) ?? .object([]))
        for event in agent.events(command: command) {
            let list = (member(event.name, of: hooks)?.arrayValue ?? []) + event.entries
            set(&hooks, event.name, .array(list.map { .init($0, line: 0) }))
        }
        set(&members, "hooks", .object(hooks))
        return .object(members)
    }

    /// The settings text without ward's hooks; nil when there were none. An empty string means
    /// nothing but ward's hooks was in the file, so it can go.
    public func removing(from text: String, file: String) throws(InstallError) -> String? {
        let root = try parse(text, file: file)
        let (stripped, removed) = strip(root)
        guard removed > 0 else { return nil }
        let members = objectMembers(stripped)
        let rest = members.filter { $0.key != "version" }
        if rest.isEmpty { return "" }
        return PrettyJSON.render(stripped)
    }

    func parse(_ text: String?, file: String) throws(InstallError) -> JSONValue {
        guard let text, !text.trimmingWhitespace().isEmpty else { return .object([]) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw InstallError("ward: cannot read \(file): \(error.description); fix it and run the command again")
        }
        guard case .object = value else {
            throw InstallError("ward: \(file) holds \(value.typeName), not an object; fix it and run the command again")
        }
        if let hooks = value["hooks"] {
            guard case .object = hooks else {
                throw InstallError("ward: \(file): 'hooks' is \(hooks.typeName), not an object; fix it and run again")
            }
        }
        return value
    }

    /// Whether a hook entry (a hook object) is ward's.
    func isWardHook(_ value: JSONValue) -> Bool {
        for key in ["command", "bash"] {
            if let s = value[key]?.stringValue, isWardCommand(s) { return true }
        }
        return false
    }

    /// The settings without ward's hooks (groups and events left empty by that removed too), and
    /// how many hooks were taken out.
    func strip(_ root: JSONValue) -> (JSONValue, removed: Int) {
        guard case .object(var members) = root, case .object(var hooks)? = member("hooks", of: members).map({ $0 })
        else { return (root, 0) }
        var removed = 0
        for event in agent.events(command: command) {
            guard let index = hooks.lastIndex(where: { $0.key == event.name }),
                case .array(let items) = hooks[index].value.value
            else { continue }
            var kept: [JSONValue.Located] = []
            for item in items {
                if isWardHook(item.value) {
                    removed += 1
                    continue
                }
                if case .object(var group) = item.value, let hi = group.lastIndex(where: { $0.key == "hooks" }),
                    case .array(let inner) = group[hi].value.value
                {
                    let left = inner.filter { !isWardHook($0.value) }
                    if left.count != inner.count {
                        removed += inner.count - left.count
                        if left.isEmpty { continue }
                        group[hi].value = .init(.array(left), line: group[hi].value.line)
                        kept.append(.init(.object(group), line: item.line))
                        continue
                    }
                }
                kept.append(item)
            }
            if kept.count != items.count {
                if kept.isEmpty {
                    hooks.remove(at: index)
                } else {
                    hooks[index].value = .init(.array(kept), line: hooks[index].value.line)
                }
            }
        }
        if removed > 0, let hi = members.lastIndex(where: { $0.key == "hooks" }) {
            if hooks.isEmpty {
                members.remove(at: hi)
            } else {
                members[hi].value = .init(.object(hooks), line: members[hi].value.line)
            }
        }
        return (.object(members), removed)
    }

    /// ward's hooks in the settings, as (event, matcher, hook) in order: what install compares.
    func wardProjection(_ root: JSONValue) -> [String] {
        var out: [String] = []
        for event in agent.events(command: command) {
            for item in root["hooks"]?[event.name]?.arrayValue ?? [] {
                if isWardHook(item) { out.append(event.name + " " + item.serialized) }
                for hook in item["hooks"]?.arrayValue ?? [] where isWardHook(hook) {
                    out.append(event.name + " " + (item["matcher"]?.stringValue ?? "") + " " + hook.serialized)
                }
            }
        }
        return out
    }

    func objectMembers(_ value: JSONValue) -> [(key: String, value: JSONValue.Located)] {
        if case .object(let members) = value { return members }
        return []
    }

    func member(_ key: String, of members: [(key: String, value: JSONValue.Located)]) -> JSONValue? {
        members.last { $0.key == key }?.value.value
    }

    func set(_ members: inout [(key: String, value: JSONValue.Located)], _ key: String, _ value: JSONValue) {
        if let i = members.lastIndex(where: { $0.key == key }) {
            members[i].value = .init(value, line: members[i].value.line)
        } else {
            members.append((key, .init(value, line: 0)))
        }
    }
}

/// JSON written for people: two-space indentation, keys in their order, a final newline.
enum PrettyJSON {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", to: &out)
        return out + "\n"
    }

    static func write(_ value: JSONValue, indent: String, to out: inout String) {
        let inner = indent + "  "
        switch value {
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += inner + JSONWriter.quote(m.key) + ": "
                write(m.value.value, indent: inner, to: &out)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                write(item.value, indent: inner, to: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        default:
            out += value.serialized
        }
    }
}
