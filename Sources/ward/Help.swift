import Workspace

/// ward's version and command list, in one place for the front.
enum Help {
    static let version = WardVersion.string

    static let top = """
        ward \(version): one repository policy for coding agents, git hooks and CI.

        Usage: ward <command> [options]

        Agent hooks and policy (answered by this binary, no libgit2):
          hook claude|codex|gemini|cursor   an agent's pre-tool-use call: JSON on stdin, answer in its protocol
          check command [--cwd DIR] [--json] CMD
                                            the command guard's verdict on one command line
          check paths [--cwd DIR] [--json] PATH...
                                            the scope guard's verdict on paths
          explain [--cwd DIR] CMD           parse tree, rules considered and verdict for CMD
          scope set GLOB... | show | clear  this worktree's own scope
          policy show [--json]              the effective policy, with the source of every value
          policy validate [FILE]            check a policy file (default: ward.json)
          log [--limit N] [--json]          the audit log of denied, asked and warned calls

        Repository commands (run by ward-git, installed beside ward):
          check [--json] [--cwd DIR]        every check that applies to this repository; exit 1 if any fails
          check message [--cleanup MODE] [--json] [FILE|-]
                                            a commit message against the commit-message contract
          check branch [--json] [NAME]      a branch name against the branch contract
          check range [--json] BASE..HEAD   contracts and scope over a range of commits (CI)
          hook pre-commit                   git pre-commit hook: staged paths, commits on protected branches
          hook commit-msg FILE              git commit-msg hook: the commit-message contract
          hook pre-push REMOTE URL          git pre-push hook: protected refs, force pushes, pushed commits
          install                           (not yet) install ward's git hooks and agent settings
          worktree add|list|remove|prune|repair
                                            (not yet) safe worktrees for parallel agents
          ci                                (not yet) every check and gate for a pull or merge request

        Options:
          -h, --help     show help; 'ward <command> --help' for a command
          --version      print the version

        Exit status: 0 ok (warnings allowed), 1 a check failed (deny or ask), 2 usage or
        configuration error, 3 internal error. Agent hooks answer in their agent's protocol instead.
        """
}
