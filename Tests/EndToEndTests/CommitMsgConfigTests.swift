import Foundation
import TestSupport
import Testing

/// The front answers `ward hook commit-msg` from git's configuration files; a configuration with
/// `[include]` is handed to `ward-git`, which follows it with libgit2.
@Suite struct CommitMsgConfigTests {
    /// A comment line that is longer than any body line may be: counted when `;` is not the
    /// comment character, dropped by git's cleanup when it is.
    static let message = "feat: add x\n\n; " + String(repeating: "c", count: 120) + "\n"

    @Test func theCommentCharacterIsReadDirectlyAndThroughAnInclude() throws {
        let box = try Sandbox()
        box.write("msg.txt", Self.message)
        let plain = try box.ward(["hook", "commit-msg", box.repo + "/msg.txt"])
        #expect(plain.status == 1 && plain.stderr.contains("body-max-line-length"), "\(plain.stderr)")

        // Set directly in the repository's config: the front reads it.
        try box.git.git("config", "core.commentChar", ";", in: "repo")
        #expect(try box.ward(["hook", "commit-msg", box.repo + "/msg.txt"]).status == 0)

        // Set only in an included file: ward-git reads it through the include.
        try box.git.git("config", "--unset", "core.commentChar", in: "repo")
        // Quoted: an unquoted `;` starts a comment in git's configuration files.
        box.write("comment.cfg", "[core]\n\tcommentChar = \";\"\n")
        try box.git.git("config", "include.path", box.repo + "/comment.cfg", in: "repo")
        let included = try box.ward(["hook", "commit-msg", box.repo + "/msg.txt"])
        #expect(included.status == 0, "\(included.stderr)")
    }
}
