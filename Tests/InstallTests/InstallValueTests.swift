import Foundation
import Install
import TestSupport
import Testing

@Suite struct HookShimTests {
    @Test func theTemplateIsTheFileInHooksTemplates() throws {
        let file = try String(contentsOfFile: packageRoot + "/hooks-templates/git-hook.sh", encoding: .utf8)
        #expect(HookShim.template == file)
    }

    @Test func recordsAndQuotesTheWardPath() {
        let shim = HookShim.render(hook: "pre-push", ward: "/opt/it's here/ward")
        #expect(shim.contains("recorded='/opt/it'\\''s here/ward'\n"))
        #expect(shim.contains("hook=pre-push\n"))
        #expect(HookShim.recordedPath(shim) == "/opt/it's here/ward")
        #expect(HookShim.isShim(shim))
        #expect(!HookShim.isShim("#!/bin/sh\nexec ward hook pre-commit\n"))
        #expect(HookShim.recordedPath("#!/bin/sh\n") == nil)
    }

    @Test func theShimIsValidShell() throws {
        let dir = try TemporaryDirectory(prefix: "ward-shim")
        let path = dir.appending("pre-commit")
        _ = writeFile(path, HookShim.render(hook: "pre-commit", ward: "/nonexistent/ward"))
        let check = try runProcess("sh", ["-n", path], cwd: dir.path)
        #expect(check.status == 0, "\(check.stderr)")
    }
}

@Suite struct AgentSettingsTests {
    @Test(arguments: [
        ("/usr/local/bin/ward hook claude", true),
        ("'/opt/my tools/ward' hook claude", true),
        ("ward hook claude", true),
        ("/usr/local/bin/ward hook codex", false),
        ("/usr/local/bin/forward hook claude", false),
        ("./scripts/audit.sh", false),
        ("  /x/ward hook claude  ", true),
    ])
    func knowsWardsOwnCommand(_ command: String, _ expected: Bool) {
        #expect(AgentSettings(agent: .claude, ward: "/usr/local/bin/ward").isWardCommand(command) == expected)
    }

    @Test func quotesAPathWithSpaces() {
        #expect(AgentSettings(agent: .gemini, ward: "/opt/my tools/ward").command == "'/opt/my tools/ward' hook gemini")
        #expect(AgentSettings(agent: .cursor, ward: "/usr/bin/ward").command == "/usr/bin/ward hook cursor")
    }

    @Test func replacesAnOlderPathInsteadOfAddingASecondHook() throws {
        let old = AgentSettings(agent: .codex, ward: "/old/ward")
        let new = AgentSettings(agent: .codex, ward: "/new/ward")
        let first = try #require(try old.installing(into: nil, file: "hooks.json"))
        #expect(try old.installing(into: first, file: "hooks.json") == nil)
        let second = try #require(try new.installing(into: first, file: "hooks.json"))
        #expect(!second.contains("/old/ward"))
        #expect(second.components(separatedBy: "/new/ward hook codex").count == 2)
        #expect(try new.removing(from: second, file: "hooks.json") == "")
    }

    @Test func writesJSONForPeople() throws {
        let text = try #require(try AgentSettings(agent: .cursor, ward: "/w/ward").installing(into: nil, file: "x"))
        #expect(
            text == """
                {
                  "version": 1,
                  "hooks": {
                    "beforeShellExecution": [
                      {
                        "command": "/w/ward hook cursor"
                      }
                    ],
                    "preToolUse": [
                      {
                        "command": "/w/ward hook cursor"
                      }
                    ]
                  }
                }

                """)
    }

    /// `hooks-templates/` shows what `ward install` writes: the same JSON, path for path.
    @Test(arguments: [
        (AgentTarget.claude, "claude-settings.json"), (.codex, "codex-hooks.json"), (.gemini, "gemini-settings.json"),
        (.cursor, "cursor-hooks.json"), (.copilot, "copilot-hooks.json"),
    ])
    func writesWhatHooksTemplatesShows(_ agent: AgentTarget, _ file: String) throws {
        let written = try #require(
            try AgentSettings(agent: agent, ward: "/usr/local/bin/ward").installing(into: nil, file: file))
        let template = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/hooks-templates/" + file))
        let a = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: template) as? NSDictionary
        #expect(a == b, "\(written)")
    }

    @Test func rejectsSettingsWhoseHooksAreNotAnObject() {
        #expect(throws: InstallError.self) {
            try AgentSettings(agent: .claude, ward: "/w/ward").installing(into: "{\"hooks\": []}", file: "s.json")
        }
    }
}

@Suite struct SelectionTests {
    @Test func readsHooksAndAgents() throws {
        let s = try Installation.selection(
            hooks: "pre-push, commit-msg", agents: ["claude", "codex,gemini"], local: false, detected: { [] })
        #expect(s.hooks == ["pre-push", "commit-msg"])
        #expect(s.agents == [.claude, .codex, .gemini])
        #expect(try Installation.selection(hooks: "none", agents: ["all"], local: true, detected: { [] }).hooks == [])
        #expect(
            try Installation.selection(hooks: nil, agents: [], local: false, detected: { [.cursor] }).agents == [
                .cursor
            ])
    }

    @Test func namesAnUnknownHookOrAgent() {
        #expect(throws: InstallError.self) {
            try Installation.selection(hooks: "pre-comit", agents: [], local: false, detected: { [] })
        }
        #expect(throws: InstallError.self) {
            try Installation.selection(hooks: nil, agents: ["claud"], local: false, detected: { [] })
        }
    }
}
