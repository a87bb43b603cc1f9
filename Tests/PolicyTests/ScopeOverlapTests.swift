import Policy
import Testing

// Whether allow lists can share a path (issue 8, item 8): `ward scope set 'src/web/**'` while
// ward.json allows only `src/api/**` leaves nothing writable. The answer is `disjoint` only
// when that is certain; the table says where the test is conservative.

struct OverlapCase: CustomTestStringConvertible, Sendable {
    var a: [String]
    var b: [String]
    var expected: ScopeOverlap

    init(_ a: [String], _ b: [String], _ expected: ScopeOverlap) {
        self.a = a
        self.b = b
        self.expected = expected
    }

    var testDescription: String { "\(a) vs \(b): \(expected)" }
}

@Suite struct ScopeOverlapTests {
    static let cases: [OverlapCase] = [
        // Literal leading folders that differ.
        OverlapCase(["src/web/**"], ["src/api/**"], .disjoint),
        OverlapCase(["/docs/**"], ["src/**"], .disjoint),
        OverlapCase(["src/a.swift"], ["src/b.swift"], .disjoint),
        OverlapCase(["Sources/Auth/**"], ["Sources/AuthX/**"], .disjoint),
        OverlapCase(["src/**"], ["SRC/**"], .disjoint),  // case-sensitive, as the matcher
        // One inside the other, or the same.
        OverlapCase(["src/**"], ["src/api/x.swift"], .mayIntersect),
        OverlapCase(["src/api/**"], ["src/api/**"], .mayIntersect),
        OverlapCase(["/src"], ["src/api/**"], .mayIntersect),
        OverlapCase(["src/api"], ["src/api/v1/x.swift"], .mayIntersect),
        // Unanchored patterns match at any depth, so they meet everything.
        OverlapCase(["*.md"], ["docs/**"], .mayIntersect),
        OverlapCase(["build/"], ["src/**"], .mayIntersect),
        OverlapCase(["src/**"], ["README.md"], .mayIntersect),
        // `**` and `*` segments match anything.
        OverlapCase(["**/tests/**"], ["src/**"], .mayIntersect),
        OverlapCase(["src/**/x.swift"], ["src/api/**"], .mayIntersect),
        OverlapCase(["*/api/**"], ["src/api/**"], .mayIntersect),
        OverlapCase(["*/api/**"], ["src/web/**"], .disjoint),
        OverlapCase(["src/*.swift"], ["src/a.swift"], .mayIntersect),
        OverlapCase(["src/*.swift"], ["src/a.md"], .disjoint),
        OverlapCase(["src/[ab]*/**"], ["src/c/**"], .disjoint),
        OverlapCase(["src/[ab]*/**"], ["src/*x/**"], .mayIntersect),  // two globs: assumed to meet
        // Lists: any pair of including patterns that may meet.
        OverlapCase(["src/web/**", "docs/**"], ["src/api/**", "docs/guide.md"], .mayIntersect),
        OverlapCase(["src/web/**", "docs/**"], ["src/api/**", "tests/**"], .disjoint),
        // `!` only takes paths out: ignored, so a negation that empties the overlap is not seen.
        OverlapCase(["src/**", "!src/web/**"], ["src/web/**"], .mayIntersect),
        OverlapCase(["src/web/**", "!src/web/x"], ["src/api/**"], .disjoint),
        // A list that includes nothing meets nothing.
        OverlapCase([], ["src/**"], .disjoint),
        OverlapCase(["!src/**"], ["src/**"], .disjoint),
    ]

    @Test(arguments: cases)
    func decidesWhetherTwoListsCanShareAPath(_ c: OverlapCase) throws {
        let a = try ScopePatternList(c.a)
        let b = try ScopePatternList(c.b)
        #expect(a.overlap(with: b) == c.expected)
        #expect(b.overlap(with: a) == c.expected, "the answer is symmetric")
    }

    /// Where the answer is `disjoint`, no path of a sample is in both lists: the test never
    /// claims more than the matcher does.
    @Test(arguments: cases.filter { $0.expected == .disjoint })
    func disjointListsShareNoSamplePath(_ c: OverlapCase) throws {
        let a = try ScopePatternList(c.a)
        let b = try ScopePatternList(c.b)
        let samples = [
            "src/web/x", "src/api/x", "src/a.swift", "src/b.swift", "src/a.md", "src/c/x", "docs/a", "docs/guide.md",
            "tests/a", "SRC/a", "Sources/Auth/a", "Sources/AuthX/a", "src/web/x", "x/api/y", "README.md",
        ]
        for path in samples { #expect(!(a.contains(path) && b.contains(path)), "\(path)") }
    }

    static func list(_ source: String, _ globs: [String]) -> ScopePolicy.AllowList {
        ScopePolicy.AllowList(source: source, globs: globs)
    }

    @Test func namesTheTwoListsThatLeaveNothingWritable() throws {
        let lists = [
            Self.list("ward.json", ["src/api/**"]), Self.list(".claude/wave-scope.json", ["src/**"]),
            Self.list("the worktree's scope", ["src/web/**"]),
        ]
        let conflict = try #require(try ScopePolicy.nothingWritable(lists))
        #expect(conflict.first.source == "ward.json")
        #expect(conflict.second?.source == "the worktree's scope")
        #expect(
            conflict.description
                == "ward.json allows only src/api/** and the worktree's scope allows only src/web/**: no path is in both, so nothing is writable"
        )
    }

    @Test func anEmptyAllowListAloneLeavesNothingWritable() throws {
        let conflict = try #require(try ScopePolicy.nothingWritable([Self.list("ward.json", [])]))
        #expect(conflict.second == nil)
        #expect(conflict.description == "ward.json allows nothing (an empty list), so nothing is writable")
    }

    @Test func listsThatMayMeetAreNotReported() throws {
        var scope = ScopePolicy()
        scope.allow = [Self.list("ward.json", ["src/**"]), Self.list("the worktree's scope", ["src/web/**"])]
        #expect(try scope.nothingWritable() == nil)
        #expect(try ScopePolicy().nothingWritable() == nil)  // no list: the whole repository
    }

    @Test func aMalformedGlobIsAnError() {
        #expect(throws: ScopePatternError.self) {
            try ScopePolicy.nothingWritable([Self.list("ward.json", ["src/[a"])])
        }
    }
}
