import Foundation
import TestSupport
import Testing

/// `ward policy import commitlint` run as users run it, in a real repository.
@Suite struct CommitlintImportCommandTests {
    @Test func importsPackageJSONCommitlintKeyAndWritesWardJSON() throws {
        let box = try Sandbox()
        box.write(
            "package.json",
            #"{"name": "x", "commitlint": {"extends": ["@commitlint/config-conventional"], "rules": {"subject-case": [0], "body-max-line-length": [1, "always", 120], "signed-off-by": [2, "always"]}}}"#
        )
        let printed = try box.ward(["policy", "import", "commitlint"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains(#""body-max-line-length": [1, "always", 120]"#))
        #expect(printed.stderr.contains("rules.signed-off-by: not translated: ward has no such rule"))
        box.write("ward.json", "{\n  // kept\n  \"mode\": \"enforce\"\n}\n")
        let written = try box.ward(["policy", "import", "commitlint", "--write"])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOfFile: box.repo + "/ward.json", encoding: .utf8)
        #expect(text.contains("// kept") && text.contains("\"commits\""))
        let shown = try box.ward(["policy", "show"])
        #expect(shown.stdout.contains("commits.rules.subject-case: off"))
        // A long body line now warns instead of failing.
        let long = "fix: x\n\n" + String(repeating: "b", count: 130) + "\n"
        let checked = try box.ward(["check", "message", "-m", long])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("warning  body-max-line-length"))
        let again = try box.ward(["policy", "import", "commitlint", "--write"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already has \"commits\""))
    }

    @Test func refusesJavaScriptConfigurationsWithAWayOut() throws {
        let box = try Sandbox()
        box.write("commitlint.config.js", "module.exports = {extends: ['@commitlint/config-conventional']}\n")
        let result = try box.ward(["policy", "import", "commitlint"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is JavaScript, which ward does not run"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
