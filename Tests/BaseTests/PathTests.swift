import Base
import Testing

@Suite struct PathTests {
    @Test(arguments: [
        ("a/b", "/cwd", "/cwd/a/b"),
        ("./a//b/", "/cwd", "/cwd/a/b"),
        ("../x", "/cwd/sub", "/cwd/x"),
        ("/../../etc", "/cwd", "/etc"),
        ("/a/./b/../c", "/ignored", "/a/c"),
        ("a\\b", "/c", "/c/a\\b"),
        ("", "/cwd/", "/cwd"),
        ("..", "/", "/"),
        ("x", "relative/base", "/relative/base/x"),
        ("../../../..", "/a/b", "/"),
    ])
    func makesPathsAbsoluteAndCleansThemLexically(path: String, base: String, expected: String) {
        #expect(Path.absolute(path, relativeTo: base) == expected)
    }

    @Test(arguments: [
        ("/", "/"),
        ("//a///b//", "/a/b"),
        ("/a/b/..", "/a"),
        ("/a/b/../../..", "/"),
        ("a/./b", "/a/b"),
        ("", "/"),
        ("/a/.../b", "/a/.../b"),
    ])
    func normalizesAPathFromTheRoot(path: String, expected: String) {
        #expect(Path.normalize(path) == expected)
    }

    @Test func joinsComponentsWithoutFoldingThem() {
        #expect(Path.absolute(components: []) == "/")
        #expect(Path.absolute(components: ["a", "..", "b"]) == "/a/../b")
    }

    @Test(arguments: [
        ("/repo", "/repo", true, false),
        ("/repo/a", "/repo", true, true),
        ("/repository", "/repo", false, false),
        ("/repo", "/repo/a", false, false),
        ("/anything", "/", true, true),
        ("/", "/", true, false),
    ])
    func tellsWhetherAPathIsWithinARoot(path: String, root: String, within: Bool, strictly: Bool) {
        #expect(Path.isWithin(path, root) == within)
        #expect(Path.isStrictlyWithin(path, root) == strictly)
    }

    @Test(
        arguments: [
            ("/repo/src/a.swift", "/repo", "src/a.swift"),
            ("/repo", "/repo", ""),
            ("/repository/x", "/repo", nil),
            ("/etc/passwd", "/", "etc/passwd"),
            ("/", "/", ""),
        ] as [(String, String, String?)])
    func makesPathsRelativeToARoot(path: String, root: String, expected: String?) {
        #expect(Path.relative(path, to: root) == expected)
    }

    @Test(arguments: [
        ("/usr/bin/git", "git"),
        ("/usr/bin/git/", "git"),
        ("git", "git"),
        ("./git", "git"),
        ("/", ""),
        ("", ""),
    ])
    func namesTheLastComponent(path: String, expected: String) {
        #expect(Path.basename(path) == expected)
    }

    @Test(arguments: [("/a/b", "/a"), ("/a", "/"), ("/", "/")])
    func namesTheParent(path: String, expected: String) {
        #expect(Path.parent(path) == expected)
    }
}
