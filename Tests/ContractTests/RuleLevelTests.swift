import Checks
import Policy
import Testing

/// `commits.rules`: every message rule off, warning or error, with `always`/`never` and a value
/// where commitlint has them.
@Suite struct RuleLevelTests {
    static func contract(_ rules: String) throws -> MessageContract {
        let layer = try PolicyParser.parse("{\"commits\": {\"rules\": \(rules)}}", file: "ward.json", kind: .repository)
        return MessageContract(try Policy.builtin.merging([layer]))
    }

    static func ids(_ report: MessageReport) -> [String] {
        report.findings.map { "\($0.level.rawValue) \($0.ruleID)" }.sorted()
    }

    static let long = String(repeating: "b", count: 110)

    @Test func offDropsARuleAndWarningRendersWithoutFailing() throws {
        let c = try Self.contract(
            "{\"subject-full-stop\": \"off\", \"body-max-line-length\": [\"warning\", 120], \"type-enum\": 1}")
        let stop = c.check("fix: end with a stop.")
        #expect(stop.findings.isEmpty && stop.passed)
        let body = c.check("fix: x\n\n" + String(repeating: "b", count: 121))
        #expect(Self.ids(body) == ["warning body-max-line-length"])
        #expect(body.passed)
        #expect(body.findings.first?.rendered.contains("at most 120") == true)
        #expect(c.check("fix: x\n\n" + Self.long).findings.isEmpty)
        let type = c.check("foo: x")
        #expect(Self.ids(type) == ["warning type-enum"] && type.passed)
    }

    @Test func aLevelAloneKeepsTheRulesOwnConditionAndCases() throws {
        // `subject-case`'s default is never sentence-, start-, pascal- or upper-case: a level
        // alone changes how a finding counts, not what the rule asks.
        let c = try Self.contract("{\"subject-case\": \"warning\", \"type-case\": 1}")
        #expect(Self.ids(c.check("feat: add x")) == [])
        #expect(Self.ids(c.check("feat: Add x")) == ["warning subject-case"])
        #expect(Self.ids(c.check("Feat: add x")) == ["error type-enum", "warning type-case"])
    }

    @Test func commitlintNumericLevelsAndValues() throws {
        let c = try Self.contract(
            """
            {"header-max-length": [2, "always", 20], "type-enum": [2, "always", ["feat", "wip"]],
             "scope-enum": [2, "always", ["api", "ui"]], "subject-case": [2, "always", "lower-case"],
             "body-leading-blank": [2, "always"]}
            """)
        #expect(Self.ids(c.check("wip(api): a header longer than twenty")) == ["error header-max-length"])
        #expect(Self.ids(c.check("fix(db): x")) == ["error scope-enum", "error type-enum"])
        #expect(Self.ids(c.check("feat: Sentence")) == ["error subject-case"])
        #expect(Self.ids(c.check("feat: x\nbody")) == ["error body-leading-blank"])
    }

    @Test func neverInvertsTheRulesThatHaveIt() throws {
        let c = try Self.contract(
            """
            {"subject-full-stop": ["error", "always", "!"], "body-leading-blank": ["error", "never"],
             "type-enum": ["error", "never", ["wip"]], "scope-empty": ["error", "never"],
             "footer-leading-blank": ["warning", "never"], "type-case": ["error", "always", "upper-case"]}
            """)
        #expect(Self.ids(c.check("FIX(x): shout!")) == [])
        #expect(Self.ids(c.check("FIX(x): calm")) == ["error subject-full-stop"])
        #expect(Self.ids(c.check("WIP(x): shout!")) == [])
        #expect(Self.ids(c.check("fix(x): shout!")) == ["error type-case"])
        #expect(Self.ids(c.check("wip(x): shout!")) == ["error type-case", "error type-enum"])
        #expect(Self.ids(c.check("FIX: shout!")) == ["error scope-empty"])
        #expect(Self.ids(c.check("FIX(x): shout!\n\nbody")) == ["error body-leading-blank"])
        #expect(Self.ids(c.check("FIX(x): shout!\nbody\n\nRefs: #1")) == ["warning footer-leading-blank"])
    }

    @Test(arguments: [
        (
            "{\"subject-ful-stop\": \"off\"}",
            "commits.rules.subject-ful-stop: unknown message rule 'subject-ful-stop' (did you mean 'subject-full-stop'?)"
        ),
        ("{\"type-enum\": \"errors\"}", "commits.rules.type-enum: unknown level 'errors' (did you mean 'error'?)"),
        ("{\"type-enum\": [3]}", "commits.rules.type-enum: expected a level"),
        (
            "{\"header-max-length\": [\"error\", \"never\", 50]}",
            "commits.rules.header-max-length: 'never' has no meaning"
        ),
        (
            "{\"header-max-length\": [\"error\", \"always\", \"x\"]}",
            "commits.rules.header-max-length: expected a whole number"
        ),
        (
            "{\"subject-case\": [\"error\", \"never\", [\"title-case\"]]}",
            "commits.rules.subject-case: unknown case 'title-case'"
        ),
        ("{\"header-trim\": [\"error\", \"always\", 3]}", "commits.rules.header-trim: this rule takes no value"),
        ("{\"type-enum\": [\"error\", \"always\", [\"a\"], 4]}", "commits.rules.type-enum: expected at most"),
        ("{\"type-enum\": {}}", "commits.rules.type-enum: expected a level"),
        ("[]", "commits.rules: expected an object"),
    ])
    func rejectsBadRuleSettingsInOneLineNamingTheField(_ rules: String, _ expected: String) {
        do {
            _ = try Self.contract(rules)
            Issue.record("accepted \(rules)")
        } catch {
            let text = "\(error)"
            #expect(text.contains("ward.json:1: " + expected), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    /// A required scope is missing from a header that has no type either: commitlint reports both.
    @Test func requiredScopeIsMissingFromAnyHeader() throws {
        let c = try Self.contract("{\"scope-empty\": [\"error\", \"never\"]}")
        #expect(
            Self.ids(c.check("just some words")) == ["error scope-empty", "error subject-empty", "error type-empty"])
        #expect(Self.ids(c.check("fix(api): words")) == [])
    }

    /// commitlint compares the header's last UTF-16 unit with the value: a value of two characters
    /// is never found, so `always` fails on every header.
    @Test func fullStopIsOneCharacter() throws {
        let c = try Self.contract("{\"subject-full-stop\": [\"error\", \"always\", \"!!\"]}")
        #expect(Self.ids(c.check("fix: x!!")) == ["error subject-full-stop"])
        let one = try Self.contract("{\"subject-full-stop\": [\"error\", \"always\", \"!\"]}")
        #expect(one.check("fix: x!").passed)
    }

    @Test func textCasesFollowCommitlintsNames() {
        #expect(TextCaseProbe.matches("fooBar", "camel-case"))
        #expect(TextCaseProbe.matches("FooBar", "pascal-case"))
        #expect(TextCaseProbe.matches("foo-bar", "kebab-case"))
        #expect(TextCaseProbe.matches("foo_bar", "snake-case"))
        #expect(TextCaseProbe.matches("Foo Bar", "start-case"))
        #expect(TextCaseProbe.matches("Foo bar", "sentence-case"))
        #expect(!TextCaseProbe.matches("foo bar", "start-case"))
        #expect(!TextCaseProbe.matches("Foo bar", "lower-case"))
        #expect(TextCaseProbe.matches("FOO `bar`", "upper-case"))
        // Words as commitlint 21 (es-toolkit) finds them: a titlecase letter or a numeral other than
        // 0-9 is in no word; a pictograph is a word of its own.
        #expect(TextCaseProbe.matches("ǈ", "start-case"))
        #expect(TextCaseProbe.matches("ǲ ½", "start-case"))
        #expect(!TextCaseProbe.matches("ǈ 🚀", "start-case"))
        #expect(TextCaseProbe.matches("a-🚀", "kebab-case"))
        #expect(!TextCaseProbe.matches("a🚀b", "kebab-case"))
        // The word cases transform the deburred text: an accent, `ß` or a Hangul syllable is not kept.
        #expect(!TextCaseProbe.matches("café-au-lait", "kebab-case"))
        #expect(!TextCaseProbe.matches("Ärger Machen", "start-case"))
        #expect(!TextCaseProbe.matches("straße", "snake-case"))
        #expect(!TextCaseProbe.matches("x한국", "camel-case"))
        #expect(TextCaseProbe.matches("café au lait", "lower-case"))
        // Ordinals are one word (`11th` is not one); the first half of an astral letter has no upper case.
        #expect(TextCaseProbe.matches("lower_1st", "snake-case"))
        #expect(!TextCaseProbe.matches("lower_11th", "snake-case"))
        #expect(TextCaseProbe.matches("Title 4th", "start-case"))
        #expect(TextCaseProbe.matches("𐐨𐐩", "sentence-case"))
    }
}

/// Reaches the case check through the contract, as users do: `subject-case` with one case.
enum TextCaseProbe {
    static func matches(_ text: String, _ name: String) -> Bool {
        guard let c = try? RuleLevelTests.contract("{\"subject-case\": [\"error\", \"always\", \"\(name)\"]}") else {
            return false
        }
        return !c.check("fix: \(text)").findings.contains { $0.ruleID == "subject-case" }
    }
}
