// Writes the fuzz seed corpora: the committed hand-written seeds plus, when present, every
// command of ../shared/corpora/guard-commands.jsonl (read in place, never copied into the project).
//
//   swift ci/fuzz/make-seeds.swift REPO_ROOT OUT_DIR
//
// OUT_DIR/guard gets one file per command; OUT_DIR/hooks gets the same commands wrapped in each
// agent's payload shape, so the hook fuzzer starts from realistic JSON.
import Foundation

let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write(Data("usage: make-seeds.swift REPO_ROOT OUT_DIR\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: args[1])
let out = URL(fileURLWithPath: args[2])
let fm = FileManager.default

func write(_ data: Data, _ dir: String, _ name: String) {
    let d = out.appendingPathComponent(dir)
    try? fm.createDirectory(at: d, withIntermediateDirectories: true)
    try? data.write(to: d.appendingPathComponent(name))
}

// Committed seeds first.
for dir in ["guard", "hooks"] {
    let src = root.appendingPathComponent("ci/fuzz/seeds/\(dir)")
    for name in (try? fm.contentsOfDirectory(atPath: src.path)) ?? [] {
        if let data = fm.contents(atPath: src.appendingPathComponent(name).path) { write(data, dir, name) }
    }
}

// The shared corpus, beside the clone.
let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpora/guard-commands.jsonl")
guard let text = try? String(contentsOf: corpus, encoding: .utf8) else {
    print("seeds: \(corpus.path) not found; hand-written seeds only")
    exit(0)
}
func json(_ object: Any) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
}
var count = 0
for line in text.split(separator: "\n") {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let command = object["command"] as? String
    else { continue }
    count += 1
    write(Data(command.utf8), "guard", "corpus-\(count)")
    // Every fourth command also as a hook payload, rotating through the agents.
    guard count % 4 == 0 else { continue }
    let payload: [String: Any]
    switch count / 4 % 4 {
    case 0:
        payload = [
            "session_id": "s", "cwd": "/work/repo", "hook_event_name": "PreToolUse", "tool_name": "Bash",
            "tool_input": ["command": command],
        ]
    case 1:
        payload = [
            "session_id": "s", "turn_id": "t", "cwd": "/work/repo", "hook_event_name": "PreToolUse",
            "tool_name": "Bash", "tool_input": ["command": command], "transcript_path": NSNull(),
        ]
    case 2:
        payload = [
            "cwd": "/work/repo", "hook_event_name": "BeforeTool", "tool_name": "run_shell_command",
            "tool_input": ["command": command],
        ]
    default:
        payload = [
            "conversation_id": "c", "hook_event_name": "beforeShellExecution", "command": command,
            "cwd": "/work/repo", "workspace_roots": ["/work/repo"],
        ]
    }
    write(json(payload), "hooks", "corpus-\(count)")
}
print("seeds: \(count) commands from \(corpus.path)")
