import Testing

@testable import Shell

// The structure the command guard relies on: which programs run, with which words after quote
// removal, which redirections, and which command lines hide in substitutions and here-documents.

/// The words of the only simple command in `text`, after quote removal (`nil` for a dynamic word).
private func words(_ text: String) throws -> [String?] {
    let commands = try Parser.parse(text).simpleCommands
    try #require(commands.count == 1, "expected one simple command in \(text.debugDescription)")
    return commands[0].words.map(\.literal)
}

/// The first word of every simple command, in the order the guard sees them (substitutions
/// before their command); `$` marks a dynamic program name, `-` a command without words.
private func programs(_ text: String) throws -> [String] {
    try Parser.parse(text).simpleCommands.map { c in c.words.first.map { $0.literal ?? "$" } ?? "-" }
}

/// A compact picture of the tree: `seq(…)`, `pipe(…)`, `sub(…)`, and each command's words
/// (`$` for a dynamic word, `-` for a command with only redirections or assignments).
private func shape(_ node: Node) -> String {
    switch node {
    case .command(let c):
        return c.words.isEmpty ? "-" : c.words.map { $0.literal ?? "$" }.joined(separator: " ")
    case .sequence(let nodes): return "seq(" + nodes.map(shape).joined(separator: ", ") + ")"
    case .pipeline(let nodes): return "pipe(" + nodes.map(shape).joined(separator: ", ") + ")"
    case .subshell(let n): return "sub(" + shape(n) + ")"
    }
}

/// The redirections of the first simple command that has any.
private func redirections(_ text: String) throws -> [Redirection] {
    try #require(try Parser.parse(text).simpleCommands.first { !$0.redirections.isEmpty }).redirections
}

/// Whether parsing fails with a `ParseError` (and does not crash).
private func failsToParse(_ text: String) -> Bool {
    do {
        _ = try Parser.parse(text)
        return false
    } catch {
        return true
    }
}

/// A word's parts without the empty literals a closing double quote leaves behind.
private func dynamicParts(_ word: Word) -> [Word.Part] {
    word.parts.filter { $0 != .literal("", quoted: true) }
}

private func nested(_ open: String, _ close: String, _ levels: Int, around inner: String = "ls") -> String {
    String(repeating: open, count: levels) + inner + String(repeating: close, count: levels)
}

@Suite struct ParserTests {
    // MARK: - Words after quote removal

    static let quoteRemoval: [(String, [String])] = [
        ("g'i't status", ["git", "status"]),
        (#"\rm -rf x"#, ["rm", "-rf", "x"]),
        (#""/bin/rm" -r x"#, ["/bin/rm", "-r", "x"]),
        (#"'git' "reset" --h'ar'd"#, ["git", "reset", "--hard"]),
        (#"echo "a b" 'c d'"#, ["echo", "a b", "c d"]),
        (#"echo "a\"b" 'x'"y"z"#, ["echo", "a\"b", "xyz"]),
        (#"echo "\$HOME" '$HOME'"#, ["echo", "$HOME", "$HOME"]),
        (#"echo a\ b "" ''"#, ["echo", "a b", "", ""]),
        (#"echo "a\nb" "\\""#, ["echo", #"a\nb"#, #"\"#]),
        (#"$'\x72\x6d' -rf $'\x2f'"#, ["rm", "-rf", "/"]),
        (#"echo $'a\nb' $'\t' $'\101' $'\u00e9'"#, ["echo", "a\nb", "\t", "A", "é"]),
        (#"echo $'it\'s' $"localized""#, ["echo", "it's", "localized"]),
        ("git re\\\nset --hard", ["git", "reset", "--hard"]),
        ("echo a\\\n  b", ["echo", "a", "b"]),
        ("echo \"a\\\nb\"", ["echo", "ab"]),
        ("echo \"a\nb\"", ["echo", "a\nb"]),
        ("echo hi # rm -rf /", ["echo", "hi"]),
        ("echo a#b", ["echo", "a#b"]),
        ("rm -rf /tmp/x # comment; with ; separators && rm -rf /", ["rm", "-rf", "/tmp/x"]),
    ]

    @Test(arguments: quoteRemoval)
    func wordsAreLiteralAfterQuoteRemoval(_ input: String, _ expected: [String]) throws {
        #expect(try words(input) == expected.map { Optional($0) })
    }

    @Test func dynamicWordsKeepTheirParts() throws {
        let command = try #require(try Parser.parse(#"rm -rf "$HOME"/x ${TMPDIR:-/tmp} ~/y"#).simpleCommands.first)
        #expect(command.words.map(\.literal) == ["rm", "-rf", nil, nil, nil])
        #expect(
            dynamicParts(command.words[2]) == [
                .parameter(name: "HOME", modifier: "", quoted: true), .literal("/x", quoted: false),
            ])
        #expect(dynamicParts(command.words[3]) == [.parameter(name: "TMPDIR", modifier: ":-/tmp", quoted: false)])
        #expect(dynamicParts(command.words[4]) == [.tilde(user: ""), .literal("/y", quoted: false)])
    }

    @Test func quotedGlobsAreNotGlobs() throws {
        let command = try #require(try Parser.parse(#"rm * "*" '?' \[ x[ab]"#).simpleCommands.first)
        #expect(command.words.map(\.hasGlob) == [false, true, false, false, false, true])
    }

    // MARK: - Operators and newlines

    static let separators: [(String, String)] = [
        ("a; b", "seq(a, b)"),
        ("a;b", "seq(a, b)"),
        ("a && b || c", "seq(a, b, c)"),
        ("a&&b||c", "seq(a, b, c)"),
        ("a | b", "pipe(a, b)"),
        ("a |& b | c", "pipe(a, b, c)"),
        ("a & b", "seq(a, b)"),
        ("a &", "a"),
        ("a\nb\n\nc", "seq(a, b, c)"),
        ("a |\n  b", "pipe(a, b)"),
        ("a &&\nb", "seq(a, b)"),
        ("a; b && c | d |& e & f\ng", "seq(a, b, pipe(c, d, e), f, g)"),
        ("echo 'a;b' \"c&&d\" e\\|f", "echo a;b c&&d e|f"),
        ("! rm x", "rm x"),
        ("time -p rm x", "rm x"),
    ]

    @Test(arguments: separators)
    func operatorsAndNewlinesSplitCommands(_ input: String, _ expected: String) throws {
        #expect(shape(try Parser.parse(input)) == expected)
    }

    // MARK: - Subshells, groups, control structures, functions

    static let compound: [(String, [String])] = [
        ("(cd /tmp && rm -rf x) || exit 1", ["cd", "rm", "exit"]),
        ("{ echo a; rm b; } > log", ["echo", "rm", "-"]),
        ("(a; (b; (c)))", ["a", "b", "c"]),
        ("if a; then b; elif c; then d; else e; fi", ["a", "b", "c", "d", "e"]),
        ("if [ -f x ]\nthen\n  rm x\nfi", ["[", "rm"]),
        ("while read f; do rm \"$f\"; done < list", ["read", "rm", "-"]),
        ("until false; do sleep 1; done", ["false", "sleep"]),
        ("for i in $(ls) x; do rm $i; done", ["ls", "for", "rm"]),
        ("for f in *.o\ndo\n  rm \"$f\"\ndone", ["for", "rm"]),
        ("select x in a b; do echo $x; done", ["for", "echo"]),
        ("case $1 in a) rm -rf /;; b|c) ls;; *) pwd;; esac", ["case", "rm", "ls", "pwd"]),
        ("case \"$1\" in\n  (start) run ;;\n  stop|halt) kill ;&\nesac", ["case", "run", "kill"]),
        ("f() { rm -rf /; }", ["rm"]),
        ("function g { git reset --hard; }", ["git"]),
        ("function h() ( shred x )", ["shred"]),
        ("f ()\n{\n  rm x\n}\nf", ["rm", "f"]),
        ("[[ $a < b && -f x ]] && rm x", ["[[", "rm"]),
        ("coproc cat", ["cat"]),
    ]

    @Test(arguments: compound)
    func compoundCommandsKeepEveryBody(_ input: String, _ expected: [String]) throws {
        #expect(try programs(input) == expected)
    }

    @Test func subshellsAndGroupsHaveTheirShape() throws {
        #expect(shape(try Parser.parse("(a; b) | c")) == "pipe(sub(seq(a, b)), c)")
        #expect(shape(try Parser.parse("{ a; b; } && c")) == "seq(seq(a, b), c)")
        #expect(shape(try Parser.parse("(a) > out")) == "seq(sub(a), -)")
    }

    @Test func redirectionsOfACompoundCommandAreKept() throws {
        let r = try redirections("{ echo a; } >| .git/config")
        #expect(r.map(\.op) == [.clobber])
        #expect(r.first?.target.literal == ".git/config")
        #expect(r.first?.truncates == true)
    }

    // MARK: - Substitutions

    static let substitutions: [(String, [String])] = [
        ("echo $(rm x)", ["rm", "echo"]),
        ("echo `rm x`", ["rm", "echo"]),
        ("diff <(ls a) >(wc -l)", ["ls", "wc", "diff"]),
        ("echo $(a $(b $(c)))", ["c", "b", "a", "echo"]),
        ("echo `a \\`b\\``", ["b", "a", "echo"]),
        ("echo <(cat <(ls))", ["ls", "cat", "echo"]),
        (#"echo "$(rm x)""#, ["rm", "echo"]),
        (#"echo "$(echo ")" "$(id)")""#, ["id", "echo", "echo"]),
        (#"echo "x$(printf '%s' "a)b")y""#, ["printf", "echo"]),
        (#"echo "$(echo "$(echo "$(rm -rf /)")")""#, ["rm", "echo", "echo", "echo"]),
        ("echo $(( $(rm x) + 1 ))", ["rm", "echo"]),
        ("(( $(rm x) > 1 ))", ["rm", "(("]),
        ("echo ${x:-$(rm -rf /)}", ["rm", "echo"]),
        ("X=$(rm x) cmd", ["rm", "cmd"]),
        ("$(which rm) -rf /", ["which", "$"]),
        ("echo $(ls; rm x) `id; whoami`", ["ls", "rm", "id", "whoami", "echo"]),
    ]

    @Test(arguments: substitutions)
    func substitutionsAreFoundAtEveryDepth(_ input: String, _ expected: [String]) throws {
        #expect(try programs(input) == expected)
    }

    @Test func substitutionInARedirectionTargetIsFound() throws {
        #expect(try programs("cat > $(rm x)").contains("rm"))
        #expect(try programs("cat > $(rm x)").last == "cat")
    }

    @Test func substitutionsNestInTheTree() throws {
        let outer = try #require(try Parser.parse("echo $(a $(b))").simpleCommands.last)
        #expect(outer.words[1].parts == [.commandSubstitution(quoted: false)])
        guard case .subshell(.command(let a))? = outer.substitutions.first else {
            Issue.record("expected a subshell holding a, got \(outer.substitutions)")
            return
        }
        #expect(a.words.first?.literal == "a")
        guard case .subshell(.command(let b))? = a.substitutions.first else {
            Issue.record("expected a subshell holding b, got \(a.substitutions)")
            return
        }
        #expect(b.words.first?.literal == "b")
    }

    @Test func quotedSubstitutionIsMarkedQuoted() throws {
        let command = try #require(try Parser.parse(#"echo "$(id)" $(id) <(id)"#).simpleCommands.last)
        #expect(dynamicParts(command.words[1]) == [.commandSubstitution(quoted: true)])
        #expect(command.words[2].parts == [.commandSubstitution(quoted: false)])
        #expect(command.words[3].parts == [.processSubstitution])
    }

    // MARK: - Arithmetic

    static let arithmetic: [String] = [
        "echo $((1<<2))",
        "echo $((2*(3+4)))",
        "echo $(( $(( 1 + 2 )) << 3 ))",
        "((x <<= 2))",
        "x=$((y<<1)); echo $x",
    ]

    @Test(arguments: arithmetic)
    func arithmeticShiftIsNotAHereDocument(_ input: String) throws {
        let tree = try Parser.parse(input)
        #expect(tree.simpleCommands.allSatisfy { $0.redirections.isEmpty })
    }

    @Test func arithmeticIsOnePart() throws {
        #expect(try Parser.parse("echo $((1<<2))").simpleCommands.first?.words.last?.parts == [.arithmetic])
    }

    // MARK: - Here-documents and here-strings

    @Test func hereDocumentBodyIsAttached() throws {
        let r = try redirections("cat <<EOF > out\nline one\n  line two\nEOF\necho after")
        #expect(r.map(\.op) == [.hereDocument, .output])
        #expect(r[0].target.literal == "EOF")
        #expect(r[0].hereDocument == HereDocument(body: "line one\n  line two\n", expands: true))
        #expect(try programs("cat <<EOF > out\nline one\nEOF\necho after") == ["cat", "echo"])
    }

    @Test func dashHereDocumentStripsLeadingTabs() throws {
        let r = try redirections("cat <<-EOF\n\t\tbody\n\t  kept\n\tEOF\n")
        #expect(r.first?.hereDocument?.body == "body\n  kept\n")
    }

    static let quotedDelimiters = [
        "cat <<'EOF'\n$(rm x)\nEOF", "cat <<\"EOF\"\n$(rm x)\nEOF", "cat <<\\EOF\n$(rm x)\nEOF",
        "cat <<E'O'F\n$(rm x)\nEOF",
    ]

    @Test(arguments: quotedDelimiters)
    func quotedDelimiterDoesNotExpand(_ input: String) throws {
        let r = try redirections(input)
        #expect(r.first?.hereDocument == HereDocument(body: "$(rm x)\n", expands: false))
        #expect(try programs(input) == ["cat"])
    }

    @Test func unquotedHereDocumentBodySubstitutionsAreFound() throws {
        #expect(try programs("cat <<EOF\nhello $(rm x) `id` ${y:-$(whoami)}\nEOF") == ["rm", "id", "whoami", "cat"])
    }

    @Test func hereDocumentInsideCommandSubstitution() throws {
        let text = "gh pr create --body \"$(cat <<'EOF'\nnever run rm -rf / here\nEOF\n)\""
        #expect(try programs(text) == ["cat", "gh"])
        let cat = try #require(try Parser.parse(text).simpleCommands.first)
        #expect(cat.redirections.first?.hereDocument == HereDocument(body: "never run rm -rf / here\n", expands: false))
    }

    @Test func hereDocumentInsideBackticks() throws {
        #expect(try programs("echo `cat <<EOF\n$(rm x)\nEOF`") == ["rm", "cat", "echo"])
    }

    @Test func twoHereDocumentsOnOneLine() throws {
        let text = "cat <<A; cat <<\"B\" | sh\na $x\nA\nrm -rf ~\nB\necho after"
        let commands = try Parser.parse(text).simpleCommands
        #expect(commands.map { $0.words.first?.literal } == ["cat", "cat", "sh", "echo"])
        #expect(commands[0].redirections.first?.hereDocument == HereDocument(body: "a $x\n", expands: true))
        #expect(commands[1].redirections.first?.hereDocument == HereDocument(body: "rm -rf ~\n", expands: false))
    }

    @Test func hereDocumentPipedIntoAShell() throws {
        #expect(shape(try Parser.parse("cat <<EOF | sh\nrm -rf /\nEOF")) == "pipe(cat, sh)")
    }

    @Test func hereStringKeepsItsWord() throws {
        let r = try redirections(#"bash <<< "rm -rf /""#)
        #expect(r.map(\.op) == [.hereString])
        #expect(r.first?.target.literal == "rm -rf /")
        #expect(r.first?.hereDocument == nil)
        #expect(try programs("bash <<<$(rm x)").contains("rm"))
    }

    // MARK: - Redirections

    static let redirectionCases: [(String, Int?, Redirection.Operator, String)] = [
        ("cmd > out", nil, .output, "out"),
        ("cmd >out", nil, .output, "out"),
        ("cmd >> log", nil, .append, "log"),
        ("cmd >| f", nil, .clobber, "f"),
        ("cmd < in", nil, .input, "in"),
        ("cmd <> rw", nil, .readWrite, "rw"),
        ("cmd 2>&1", 2, .duplicateOutput, "1"),
        ("cmd 3<&0", 3, .duplicateInput, "0"),
        ("cmd >&2", nil, .duplicateOutput, "2"),
        ("cmd &> all", nil, .outputAndError, "all"),
        ("cmd &>> all", nil, .appendOutputAndError, "all"),
        ("cmd 2> /dev/null", 2, .output, "/dev/null"),
        ("cmd 10>x", 10, .output, "x"),
        ("cmd {fd}> f", nil, .output, "f"),
        ("cmd 1>\"a b\"", 1, .output, "a b"),
    ]

    @Test(arguments: redirectionCases)
    func redirectionOperatorAndDescriptor(_ input: String, _ fd: Int?, _ op: Redirection.Operator, _ target: String)
        throws
    {
        let command = try #require(try Parser.parse(input).simpleCommands.first)
        #expect(command.words.map(\.literal) == ["cmd"])
        #expect(command.redirections.count == 1)
        #expect(command.redirections.first?.fd == fd)
        #expect(command.redirections.first?.op == op)
        #expect(command.redirections.first?.target.literal == target)
    }

    @Test func manyRedirectionsInSourceOrder() throws {
        let r = try redirections("cmd 2>&1 &>out >|f {fd}>g >>log <in 3<&0 2>/dev/null")
        #expect(
            r.map(\.op) == [
                .duplicateOutput, .outputAndError, .clobber, .output, .append, .input, .duplicateInput, .output,
            ])
        #expect(r.map(\.fd) == [2, nil, nil, nil, nil, nil, 3, 2])
    }

    @Test func writingRedirections() throws {
        let r = try redirections("cmd >a >>b <c 2>&1 >&d")
        #expect(r.map(\.writes) == [true, true, false, false, true])
        #expect(r.map(\.truncates) == [true, false, false, false, true])
    }

    // MARK: - Assignments

    @Test func assignmentsBeforeACommand() throws {
        let command = try #require(try Parser.parse("A=1 B=\"x y\" C= cmd arg").simpleCommands.first)
        #expect(command.assignments.map(\.name) == ["A", "B", "C"])
        #expect(command.assignments.map(\.value.literal) == ["1", "x y", ""])
        #expect(command.words.map(\.literal) == ["cmd", "arg"])
    }

    @Test func arrayAssignmentIsNotACommand() throws {
        let command = try #require(try Parser.parse("a=(x y $(rm z))").simpleCommands.last)
        #expect(command.assignments.map(\.name) == ["a"])
        #expect(command.words.isEmpty)
        #expect(try programs("a=(x y $(rm z))") == ["rm", "-"])
    }

    @Test func assignmentAfterTheProgramIsAnArgument() throws {
        let command = try #require(try Parser.parse("env A=1 cmd X+=2").simpleCommands.first)
        #expect(command.assignments.isEmpty)
        #expect(command.words.map(\.literal) == ["env", "A=1", "cmd", "X+=2"])
    }

    @Test func appendAndIndexedAssignments() throws {
        let command = try #require(try Parser.parse("X+=1 arr[0]=v WARD_MODE=off git push").simpleCommands.first)
        #expect(command.assignments.map(\.name) == ["X", "arr", "WARD_MODE"])
        #expect(command.words.map(\.literal) == ["git", "push"])
    }

    // MARK: - Leniency and errors

    static let unterminated: [(String, [String])] = [
        (#"echo "unterminated rm -rf /"#, ["echo"]),
        ("echo 'abc", ["echo"]),
        ("echo $(rm x", ["rm", "echo"]),
        ("echo `rm x", ["rm", "echo"]),
        (#"echo "$(rm x"#, ["rm", "echo"]),
        ("(rm x", ["rm"]),
        ("{ rm x", ["rm"]),
    ]

    @Test(arguments: unterminated)
    func unterminatedQuotesRunToTheEnd(_ input: String, _ expected: [String]) throws {
        #expect(try programs(input) == expected)
    }

    @Test func unterminatedDoubleQuoteKeepsTheRestAsOneWord() throws {
        #expect(try words(#"echo "a; rm -rf /"#) == ["echo", "a; rm -rf /"])
    }

    static let unterminatedHereDocuments = [
        "cat <<EOF\nbody",
        "cat <<EOF",
        "cat <<EOF\nEOF2\n EOF\nEOF \n",
        "cat <<A <<B\nx\nA\ny",
        "echo `cat <<EOF`",
        "x=$(cat <<EOF\nbody\n)",
    ]

    @Test(arguments: unterminatedHereDocuments)
    func unterminatedHereDocumentIsAnError(_ input: String) {
        #expect(throws: ParseError.self) { try Parser.parse(input) }
    }

    static let tooDeep: [String] = [
        nested("( ", " )", 70),
        nested("$(", ")", 70),
        nested("\"$(", ")\"", 70),
        nested("<(", ")", 70),
        nested("{ ", "; }", 70),
        nested("if true; then ", "; fi", 70),
        nested("while true; do ", "; done", 70),
        nested("$(( $(", ") ))", 40),
        nested("( ", " )", 100_000),
    ]

    @Test(arguments: tooDeep)
    func nestingBeyondTheLimitIsAnError(_ input: String) {
        #expect(failsToParse(input))
    }

    @Test func nestingWithinTheLimitParses() throws {
        #expect(try programs(nested("( ", " )", 60, around: "rm x")) == ["rm"])
        #expect(try programs("echo " + nested("$(", ")", 60, around: "rm x")).first == "rm")
    }

    @Test func oneMebibyteOfCommandsParses() throws {
        let line = "echo a; "
        let text = String(repeating: line, count: (1 << 20) / line.utf8.count)
        #expect(try Parser.parse(text).simpleCommands.count == (1 << 20) / line.utf8.count)
    }

    @Test func oneMebibyteWordParses() throws {
        let text = "echo " + String(repeating: "a", count: 1 << 20)
        #expect((try words(text).last ?? nil)?.utf8.count == 1 << 20)
    }

    static let syntaxErrors = ["echo a;;b", ")"]

    @Test(arguments: syntaxErrors)
    func strayOperatorsAreErrors(_ input: String) {
        #expect(failsToParse(input))
    }

    // MARK: - Regressions found by fuzzing and by these tests (ci/fuzz/crashes-found.txt)

    /// A here-document inside a backtick substitution inside an unquoted here-document body.
    /// The nested parser numbers its here-documents from 1 like the outer one, so the outer
    /// `attachHereDocs` attaches its own body to the inner redirection, whose substitutions
    /// contain it again: unbounded recursion, stack overflow (found by ci/fuzz, guard target).
    @Test
    func hereDocumentInBackticksInHereDocumentBodyCompletes() {
        _ = failsToParse("<<F\n`<<\n\nF")
        _ = failsToParse("cat <<EOF\n`cat <<X\nX`\nEOF\n")
        _ = failsToParse("cat <<EOF\n$(cat <<X\nX\n)\nEOF\n")
    }

    /// `for (( … ; … ; … ))`: `scanArithmetic` gives up at a top-level `;`, so the header is parsed
    /// as nested subshells running `i=0`, `i <3` (a redirection) and `i++`; with `i>3` the guard
    /// sees a write to a file named `3`.
    @Test
    func cStyleForHeaderIsArithmetic() throws {
        let tree = try Parser.parse("for ((i=0; i>3; i++)); do echo $i; done")
        #expect(tree.simpleCommands.allSatisfy { $0.redirections.isEmpty })
        #expect(try programs("for ((i=0; i<3; i++)); do echo $i; done") == ["for", "echo"])
    }
}
