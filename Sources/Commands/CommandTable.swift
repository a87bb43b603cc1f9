/// Every command of ward, in the order `ward --help` lists them: one table for both binaries.
///
/// A new command is one row here, a library that does the work, and a handler in the binary
/// the row names.
public enum CommandTable {
    public static let agents = ["claude", "codex", "gemini", "cursor", "copilot"]

    static let hookExit = "always 0 with the answer in the agent's protocol (the JSON decides); 2 for wrong arguments."
    static let checkExit = "0 allowed (warnings allowed), 1 denied or asked, 2 usage or policy error."

    static let agentDetails = """
        Reads one pre-tool-use payload (JSON) on stdin and answers in the agent's protocol:
        nothing for allow; the agent's blocking JSON for deny (and ask, which only Claude Code
        knows: the others get deny); a warning as an allow with a message. Input that is not
        JSON, a payload of another hook event, a policy that does not load, or an evaluation
        that takes over 1 s is denied. Register it by absolute path (hooks-templates/).
        """

    // Written out rather than mapped over `agents`: this table is built on every agent tool
    // call, and literals cost nothing to build.
    public static let all: [CommandSpec] = [
        CommandSpec(
            ["hook", "claude"], .front,
            summary: "Claude Code's PreToolUse call: JSON on stdin, the answer in its protocol",
            details: agentDetails, exitStatus: hookExit),
        CommandSpec(
            ["hook", "codex"], .front,
            summary: "Codex CLI's PreToolUse call: JSON on stdin, the answer in its protocol",
            details: agentDetails, exitStatus: hookExit),
        CommandSpec(
            ["hook", "gemini"], .front,
            summary: "Gemini CLI's BeforeTool call: JSON on stdin, the answer in its protocol",
            details: agentDetails, exitStatus: hookExit),
        CommandSpec(
            ["hook", "cursor"], .front,
            summary: "Cursor's beforeShellExecution/preToolUse call: JSON on stdin, the answer in its protocol",
            details: agentDetails, exitStatus: hookExit),
        CommandSpec(
            ["hook", "copilot"], .front,
            summary:
                "GitHub Copilot's preToolUse call (CLI and coding agent): JSON on stdin, the answer in its protocol",
            details: agentDetails, exitStatus: hookExit),
        CommandSpec(
            ["check", "command"], .front, arguments: "CMD",
            summary: "the command guard's verdict on one command line ('-' reads it from stdin)",
            options: [.cwd, .json],
            details: """
                Checks one shell command line (one argument: quote it) with the command guard and
                the policy of the repository around DIR, and prints the verdict: 'allow', or the
                rule, reason and safer alternative.
                """,
            exitStatus: checkExit),
        CommandSpec(
            ["check", "paths"], .front, arguments: "PATH...",
            summary: "the scope guard's verdict on paths a writer would change",
            options: [.cwd, .json],
            details: """
                Checks each PATH (relative to DIR) against the scope guard: ward's protected files,
                the allow lists, scope.protect, and paths outside the repository. Prints one line
                per path that may not be written.
                """,
            exitStatus: "0 every path may be written (warnings allowed), 1 one may not, 2 usage or policy error."),
        CommandSpec(
            ["explain"], .front, arguments: "RULE-ID | CMD",
            summary: "what a rule does, or how ward reads a command line and why it decides so",
            options: [.cwd, .json],
            details: """
                With a rule id (git-reset-hard): its decision, reason, alternative, where it comes
                from, and whether the policy disables or overrides it; for a commit-message rule
                (body-max-line-length), also the level, always/never and value in effect and the
                key each comes from. With a command line ('-' reads stdin): the parse tree, every
                rule considered (and why those that did not match did not), the findings, the
                verdict and the policy files used.
                """,
            exitStatus: "0, or 2 for a usage or policy error (or an unknown rule id)."),
        CommandSpec(
            ["scope", "set"], .front, arguments: "GLOB...",
            summary: "set this worktree's own scope (kept in its git admin directory)",
            details: """
                Writes (agent file tools, shell writes, staged paths at pre-commit) must then match
                one of the globs, and the allow lists of ward.json. Agents may not run it. Globs
                follow .gitignore: no slash matches at any depth, a slash anchors at the root, '*'
                stays in a folder, '**' spans folders, a trailing '/' matches folders, '!' re-includes.
                """,
            exitStatus: "0, 2 usage, a malformed glob or no repository."),
        CommandSpec(
            ["scope", "show"], .front, summary: "every allow list that applies here, the protect and outside globs",
            options: [.cwd, .json], exitStatus: "0, 2 policy error."),
        CommandSpec(
            ["scope", "clear"], .front, summary: "remove this worktree's own scope",
            exitStatus: "0, 2 no repository."),
        CommandSpec(
            ["policy", "show"], .front, summary: "the effective policy, with the source of every value",
            options: [.cwd, .json],
            details: """
                Every setting of the built-in defaults, ward.json, local.json, the orchestration
                files and WARD_MODE, with the file each value comes from; loosenings, ignored
                settings and every rule.
                """,
            exitStatus: "0, 2 when the policy does not load."),
        CommandSpec(
            ["policy", "validate"], .front, arguments: "[FILE]",
            summary: "check a policy file (default: the repository's ward.json); every error at once",
            details: """
                The file's name says how it is read (ward.json, local.json, CLAUDE.md/AGENTS.md,
                blocked-commands.json, wave-scope.json). Prints every error, one line each with its
                file, line and key.
                """,
            exitStatus: "0 valid, 1 invalid, 2 the file is missing or unreadable."),
        CommandSpec(
            ["policy", "import"], .front, arguments: "commitlint [FILE]",
            summary: "translate a commitlint configuration into ward.json's commits keys",
            options: [
                .cwd, OptionSpec("--write", "add the keys to the repository's ward.json instead of printing them"),
            ],
            details: """
                Reads FILE, or the first of .commitlintrc, .commitlintrc.json, .commitlintrc.yaml,
                .commitlintrc.yml and package.json's "commitlint" key in the repository. extends
                '@commitlint/config-conventional' is ward's default profile, the workspace scope
                configs become "scopes": {"from": "workspace"}, rules become commits.rules. Prints
                the commits object on stdout, and one line on stderr for everything it could not
                translate (JavaScript configs, ignores functions, unknown rules).
                """,
            exitStatus: "0, 2 no configuration found, unreadable, or ward.json already has commits."),
        CommandSpec(
            ["log"], .front, summary: "the audit log of denied, asked and warned verdicts",
            options: [
                .cwd, .json, OptionSpec("--limit", value: "N", "the last N records (default 50; 0: all)"),
                OptionSpec("--rule", value: "ID", repeats: true, "only records of this rule"),
                OptionSpec(
                    "--agent", value: "NAME", "only this agent's calls (claude, codex, gemini, cursor, copilot)"),
                OptionSpec("--session", value: "ID", "only this agent session"),
                OptionSpec(
                    "--checkpoint", value: "NAME",
                    "only this checkpoint (agent:claude, git:pre-commit, git:pre-push, …)"),
                OptionSpec("--since", value: "WHEN", "only records since an ISO-8601 time or 30m, 2h, 7d ago"),
            ],
            details: """
                The log is <commonDir>/ward/audit.jsonl in a repository (rotated files included),
                else the user's state folder. One line per record: time, decision, rule, subject.
                --json prints the stored JSON lines.
                """,
            exitStatus: "0, or 2 for a usage error."),
        CommandSpec(
            ["policy", "test"], .front, arguments: "FILE",
            summary: "run a file of policy cases (JSON lines) against the effective policy",
            options: [.cwd, .json],
            details: """
                One case per line: {"command": CMD} or {"paths": [PATH...]} or {"agent": NAME,
                "payload": {...}}, with "expect" (allow, warn, ask, deny), optional "rule" (the id
                that must decide) and "cwd" (relative to the work tree). Blank lines and lines
                starting with // or # are skipped. Every failed case is printed with what came
                instead; for repositories that keep their own rules under test in CI.
                """,
            exitStatus: "0 every case passed, 1 one failed, 2 usage, a malformed case or policy error."),
        CommandSpec(
            ["log", "replay"], .front,
            summary: "judge the logged agent calls again under the current or a proposed policy",
            options: [
                .cwd, .json,
                OptionSpec("--policy", value: "FILE", "judge under FILE in place of the repository's ward.json"),
            ],
            details: """
                Re-evaluates the commands and paths of the agent calls in the audit log (the
                denied, asked and warned ones: allowed calls are not logged) and lists every
                verdict that would change, so a policy change can be judged on real traffic
                before it lands.
                """,
            exitStatus: "0 nothing would change, 1 a verdict would change, 2 usage or policy error."),
        CommandSpec(
            ["session", "list"], .front, summary: "the agent sessions the loop breaker counts, and which are stopped",
            options: [.cwd, .json],
            details: """
                Each agent session with denies: how many fall in the loopBreaker window, whether it
                is stopped (and until when), and its last deny. A session is stopped after
                loopBreaker.denies denies within loopBreaker.minutes (default 5 in 10).
                """,
            exitStatus: "0, 2 when the policy does not load."),
        CommandSpec(
            ["session", "reset"], .front, arguments: "ID",
            summary: "forget a session's denies so its agent may continue (for people; agents are denied)",
            options: [.cwd],
            details: """
                Deletes the session's loop-breaker file and logs the reset. The command guard denies
                agents that run it (tamper-ward-session).
                """,
            exitStatus: "0, 2 no such session."),
        CommandSpec(
            ["gate", "run"], .front, arguments: "[NAME...]",
            summary: "run the quality gates of a stage: in parallel, on the staged content, cached",
            options: [
                OptionSpec("--stage", value: "STAGE", "pre-commit (default), pre-push, ci or manual"),
                OptionSpec("--all-files", "every tracked file, not only the staged ones"),
                OptionSpec("--files", value: "PATH", repeats: true, "these files (repeat the option)"),
                OptionSpec("--range", value: "BASE..HEAD", "the files a range of commits changes (CI)"),
                OptionSpec("--jobs", value: "N", "at most N gates at once (default: the number of cores)"),
                OptionSpec("--no-cache", "run even when the same inputs passed before"),
                OptionSpec("--fail-fast", "start no new gate after a required one failed"),
                OptionSpec(
                    "--progress", value: "MODE",
                    "live (a status line redrawn in place), plain (a line per gate start and end) or off; default: live on a terminal, plain in CI and pipes"
                ),
                .json, OptionSpec("--junit", value: "FILE", "also write a JUnit XML report to FILE"),
            ],
            details: """
                Runs the gates of ward.json's `gates` (or, where it declares none, those of
                quality-gates.json, the Session Config of CLAUDE.md/AGENTS.md and
                .claude/session-plugin.json) for STAGE, or the gates NAME... whatever their stages.
                Each gate gets its files, filtered by its globs, as `{files}` in batches within
                the argument limit; a gate without matching files is skipped. At pre-commit a gate
                sees exactly what is staged: when unstaged or untracked changes touch its files it
                runs in a temporary checkout of the index; the work tree and the index are never
                written. A green result is cached under the gate's command, environment, folder
                and the blob ids of its files. WARD_SKIP=lint,test skips gates for one run.
                While gates run, standard error shows what runs and for how long: one status
                line redrawn in place on a terminal, plain lines when CI is set, TERM is dumb or
                standard error is a pipe or file. The report follows on standard output.
                """,
            exitStatus:
                "0 every required gate passed (advisory failures warn), 1 a required gate failed, 2 usage or configuration error."
        ),
        CommandSpec(
            ["gate", "list"], .front, summary: "every gate: its stages, files and the file it comes from",
            options: [.cwd, .json], exitStatus: "0, 2 when the policy does not load."),
        CommandSpec(
            ["hook", "pre-commit"], .front, summary: "git's pre-commit hook: staged paths, protected branches",
            details: """
                Checks what the commit records, read from the index git is committing
                ($GIT_INDEX_FILE when set), never the working tree: every staged path (both sides
                of a rename, deletions) against the scope (ward's own files only when the commit
                comes from an agent session: CLAUDECODE, CODEX_CI, GEMINI_CLI, CURSOR_AGENT,
                WARD_AGENT, ...); staged symbolic links whose target leaves it
                (scope-escape-symlink); a direct commit on a protected branch
                (protected-branch-commit; the first commit of a repository is exempt); the branch
                name (branch-name). Every finding is one line on stderr and in the audit log.
                """,
            exitStatus:
                "0 the commit may proceed (warnings print), 1 it may not, 2 the policy or repository cannot be read."),
        CommandSpec(
            ["check"], .git, summary: "every check that applies to this repository now; exit 1 if one fails",
            options: [.cwd, .json],
            details: """
                Checks: policy (the layers load and validate), repository, index ($GIT_INDEX_FILE
                when set), protected-branch (nothing staged on a protected branch), branch-name (a
                warning), scope (staged paths), hooks (all three of ward's git hooks installed, each calling a
                ward that exists; a warning).
                Checks that need a policy that does not load say 'not run'. GIT_DIR, GIT_WORK_TREE
                and GIT_INDEX_FILE are honoured as in a git hook.
                """,
            exitStatus: "0 every check passed (warnings allowed), 1 a check failed, 2 usage error."),
        CommandSpec(
            ["check", "message"], .git, arguments: "[TEXT | FILE... | -]",
            summary: "a commit message against the commit-message contract",
            options: [
                OptionSpec("-m", value: "TEXT", "the message itself, as 'git commit -m' takes it"),
                OptionSpec("-F", value: "FILE", repeats: true, "read the message from FILE ('-': stdin); repeatable"),
                OptionSpec("--cleanup", value: "MODE", "strip (default), whitespace, verbatim, scissors or default"),
                .cwd, .json,
            ],
            details: """
                The message is a literal argument, -m TEXT, -F FILE, or standard input ('-' or
                nothing). It is cleaned up as git would before storing it and checked as the
                commit-msg hook checks it. Several files (-F A -F B, or FILE FILE...) are each
                checked; --json then prints an array of reports, one per file, in order.
                --cwd DIR takes the policy and git configuration of the repository at DIR.
                """,
            exitStatus: "0 passes (warnings allowed), 1 breaks the contract, 2 usage or configuration error."),
        CommandSpec(
            ["check", "branch"], .git, arguments: "[NAME]", summary: "a branch name against branches.patterns",
            options: [.json],
            details: "NAME defaults to the current branch; protected branches always pass.",
            exitStatus: "0 matches, 1 does not, 2 usage error (no NAME and HEAD is detached)."),
        CommandSpec(
            ["check", "range"], .git, arguments: "BASE..HEAD | --root [HEAD]",
            summary: "the commit, branch and scope contracts over a range of commits (CI)",
            options: [
                .cwd, .json,
                OptionSpec(
                    "--only", value: "PARTS", repeats: true,
                    "check only these: messages, branch, scope, links (comma-separated or repeated)"),
                OptionSpec("--max-walk", value: "N", "walk at most N commits (default: commits.maxWalk)"),
                OptionSpec("--root", "every commit of HEAD, from the root commit (also: an empty BASE, '..HEAD')"),
            ],
            details: """
                The commits in HEAD and not in BASE (BASE...HEAD, as GitHub's compare views write
                it, means the same here): every message, the branch name when HEAD names a branch,
                the issue link when the branch names an issue, and the scope of the files changed
                since the merge base; a change to ward's own files is a policy-change warning
                (a failure with ci.policyChanges "fail"). At most commits.maxWalk commits
                (default 1000), the newest. A shallow clone that lacks the history says how to
                fetch it. --json adds "commits": every commit walked, newest first, with "status"
                ok, failed or "ignored: REASON" (merge commit, revert commit, version commit, ...).
                """,
            exitStatus:
                "0 passes (warnings allowed), 1 a contract is broken, 2 usage, unknown revision or missing history."),
        CommandSpec(
            ["hook", "commit-msg"], .front, arguments: "FILE", summary: "git's commit-msg hook: the message contract",
            details: """
                Reads the message file git passes, applies git's own cleanup (commit.cleanup,
                core.commentChar/commentString including 'auto', the scissors line of 'commit -v')
                and checks the result. Errors block the commit; warnings only print. A message that
                is empty only because git strips its comments passes (git aborts that commit itself).
                """,
            exitStatus:
                "0 the message passes (warnings print), 1 it breaks the contract, 2 unreadable file, repository or policy."
        ),
        CommandSpec(
            ["hook", "pre-push"], .git, arguments: "REMOTE URL",
            summary: "git's pre-push hook: protected refs, force pushes, every pushed commit",
            details: """
                Reads git's lines '<local ref> <local sha> <remote ref> <remote sha>' on stdin and
                for each ref: denies pushes to, force pushes to and deletion of protected branches,
                deleting or moving protected tags; checks a pushed branch's name; walks the new
                commits (hiding what the remote's tracking refs reach) and checks every message and
                the issue link. An old remote tip missing from this clone counts as a force push.
                """,
            exitStatus: "0 the push passes (warnings print), 1 it breaks a contract, 2 bad input, repository or policy."
        ),
        CommandSpec(
            ["install"], .git, summary: "put ward into git's hooks and the agents' hook settings",
            options: [
                .cwd,
                OptionSpec(
                    "--hooks", value: "LIST", "these git hooks: pre-commit,commit-msg,pre-push (default) or none"),
                OptionSpec(
                    "--agent", value: "NAME", repeats: true,
                    "claude, codex, gemini, cursor, copilot or all (default: the agents whose folder exists)"),
                OptionSpec("--local", "Claude Code's .claude/settings.local.json instead of settings.json"),
            ],
            details: """
                Writes small POSIX sh shims into the hooks folder git uses (core.hooksPath when set,
                husky's .husky/ for example; else the common git dir's hooks, shared by linked
                worktrees). Each calls this ward by absolute path, then ward on PATH, and fails
                the hook with one line when neither exists. A hook that was there is kept as
                <hook>.pre-ward and runs first; its failure stops git. Merges ward's pre-tool-use
                hooks into .claude/settings.json, .codex/hooks.json, .gemini/settings.json,
                .cursor/hooks.json and .github/hooks/ward.json (Copilot), keeping every other key
                and hook, written atomically. Running it again changes nothing. Agents may not run it.
                """,
            exitStatus: "0 installed, 2 usage error, no repository, or a file that cannot be read or written."),
        CommandSpec(
            ["uninstall"], .git, summary: "take ward out of git's hooks and the agents' settings",
            options: [
                .cwd,
                OptionSpec("--hooks", value: "LIST", "these git hooks (default: all three) or none"),
                OptionSpec(
                    "--agent", value: "NAME", repeats: true,
                    "these agents (default: every settings file with ward's hooks)"),
                OptionSpec("--local", "Claude Code's .claude/settings.local.json"),
            ],
            details: """
                Removes ward's shims and puts back the hooks that were there before, byte for byte;
                removes only ward's entries from the agents' settings (a file that held nothing
                else is deleted). Agents may not run it.
                """,
            exitStatus: "0 done, 2 usage error, no repository, or a file that cannot be read or written."),
        CommandSpec(
            ["doctor"], .git, summary: "is ward installed so that every checkpoint runs? prints the fixes as commands",
            options: [.cwd, .json],
            details: """
                Checks each git hook (pre-commit, commit-msg, pre-push) is where git runs it,
                executable, and calls a ward that exists and runs; ward-git is beside that ward; the
                policy loads; each agent settings file holds ward's hook with a path that exists, and
                that ward denies a destructive command ('git reset --hard HEAD~1') in the agent's own
                protocol (the probe is logged in the audit log like any denied call).
                """,
            exitStatus: "0 everything works (warnings allowed), 1 something does not, 2 usage error."),
        CommandSpec(
            ["ci"], .git, summary: "every check and gate for a pull or merge request or a push, in CI",
            options: [
                .cwd,
                OptionSpec("--provider", value: "NAME", "github or gitlab (default: from GITHUB_ACTIONS / GITLAB_CI)"),
                OptionSpec("--sarif", value: "FILE", "also write SARIF 2.1.0 to FILE (code scanning)"),
                OptionSpec("--junit", value: "FILE", "also write JUnit XML to FILE"),
                OptionSpec("--codequality", value: "FILE", "also write a GitLab Code Quality report to FILE"),
                OptionSpec("--no-gates", "do not run the gates of stage ci"), .json,
            ],
            details: """
                Reads the range and metadata from the provider: GitHub's event payload
                ($GITHUB_EVENT_PATH: pull_request, pull_request_target, push (an all-zero 'before'
                is a new branch, checked from where it leaves the default branch), merge_group),
                GitLab's variables (CI_MERGE_REQUEST_DIFF_BASE_SHA, _TITLE, _DESCRIPTION,
                _SOURCE_BRANCH_NAME; CI_COMMIT_BEFORE_SHA for pushes). Checks every new commit's
                message, the pull request's title (squash merges make it the commit) and body (it
                closes the issue the branch names), the branch name, the scope of the changed
                paths, changes to ward's own files (policy-change: a review finding, a failure with
                ci.policyChanges "fail"), and runs the gates of stage ci. On GitHub it prints
                workflow commands (annotations, groups) and appends a Markdown table to
                $GITHUB_STEP_SUMMARY. History missing from a shallow clone is an error that says
                what to fetch.
                """,
            exitStatus:
                "0 every required check passed (warnings allowed), 1 one failed, 2 usage, configuration or missing history."
        ),
        CommandSpec(
            ["worktree", "add"], .git, arguments: "[NAME...]",
            summary: "a worktree per agent: new branch, linked dependency folders, env files, scope",
            options: [
                OptionSpec("--branch", value: "B", "the new branch (default: from --issue and --title, else NAME)"),
                OptionSpec("--issue", value: "N", repeats: true, "the issue: branch fix/N-slug or feat/N-slug"),
                OptionSpec("--title", value: "TEXT", repeats: true, "the issue's title, for the branch's slug"),
                OptionSpec(
                    "--base", value: "REF", "where the branch starts (default: worktrees.base, else HEAD's branch)"),
                OptionSpec("--scope", value: "GLOB", repeats: true, "the paths the worktree may change"),
                OptionSpec("--team", value: "NAME", "the scope of teams.NAME.ownsPaths in .claude/session-plugin.json"),
                OptionSpec(
                    "--link", value: "DIR", repeats: true, "link DIR of the main checkout (node_modules, .venv)"),
                OptionSpec(
                    "--copy", value: "GLOB", repeats: true, "copy matching files (.env*): never overwriting, 0600"),
                OptionSpec("--lock", "lock the worktree against pruning"), .json,
            ],
            details: """
                Creates each worktree in <root>/NAME (root: worktrees.root of ward.json, worktreesPath of
                .claude/session-plugin.json, else ../<repo>.worktrees beside the main checkout) on a new
                branch from the base, links the folders, copies the files, records the scope for the scope
                guard and writes a manifest in the worktree's git admin directory. Several at once: one
                --issue N --title TEXT pair per worktree (NAME defaults to N-slug). Adds wait for one lock
                per repository; an add that fails removes everything it created.
                """,
            exitStatus: "0 every worktree was added, 1 one was refused, 2 usage or failure."),
        CommandSpec(
            ["worktree", "list"], .git,
            summary: "every worktree with its health and the command that repairs each problem",
            options: [.json],
            details: """
                For each worktree: branch, head, ahead/behind its base, staged, unstaged and untracked
                changes, links intact, env files present, locked, prunable (folder missing), and whether
                its .git file and admin entry point at each other.
                """,
            exitStatus: "0, 1 a worktree has a problem, 2 usage error."),
        CommandSpec(
            ["worktree", "remove"], .git, arguments: "NAME",
            summary: "remove a worktree without losing a byte outside it or unsaved work in it",
            options: [
                OptionSpec("--force", "remove despite uncommitted or unpushed work (the tip is saved first)"),
                OptionSpec("--delete-branch", "also delete its branch, if its tip is unchanged"), .json,
            ],
            details: """
                Refuses the main worktree, the one holding the current directory, a locked one, one whose
                real path is not its registered path under the worktrees root, one whose .git file and admin
                entry do not point at each other, and one with a mount point inside. Without --force,
                refuses dirty or untracked work and commits on no other branch or remote; with --force the
                tip is saved under refs/ward/trash/<branch>. The folder is renamed into .ward-trash beside
                it, the admin entry pruned, every symbolic link unlinked, then the rest deleted, never
                following a link or crossing a file system. An interrupted removal is completed by the next
                remove or prune.
                """,
            exitStatus: "0 removed, 1 refused, 2 usage or failure."),
        CommandSpec(
            ["worktree", "prune"], .git,
            summary: "drop entries of vanished worktrees; tear down merged ones; move orphans to trash",
            options: [
                OptionSpec("--merged", "remove every worktree whose branch is in its base (squash merges too)"),
                OptionSpec("--orphans", "move folders under the root that no repository registers into .ward-trash"),
                .json,
            ],
            details: """
                Completes interrupted removals and drops admin entries whose folder is gone (unless locked).
                Reports folders under the worktrees root that no worktree registers; --orphans moves them
                into <root>/.ward-trash, never deleting them. --merged removes (as 'remove --delete-branch')
                each worktree whose branch is integrated: an ancestor of the base, a merge that changes
                nothing, or the same patch; it says which it kept and why.
                """,
            exitStatus: "0 (what was kept is reported with its reason), 1 refused, 2 usage or failure."),
        CommandSpec(
            ["worktree", "repair"], .git, arguments: "[PATH...]",
            summary: "fix the links between worktrees and their admin entries after a move",
            options: [.json],
            details: """
                Runs 'git worktree repair' (with the moved PATHs given) and re-creates the dependency links
                the manifests record when they are missing.
                """,
            exitStatus: "0, 2 failure."),
        CommandSpec(
            ["worktree", "finish"], .git, arguments: "NAME",
            summary: "is the branch ready to hand over? then push it and open the pull request",
            options: [
                OptionSpec("--push", "push the branch with its upstream set when ready"),
                OptionSpec("--pr", "open the pull request (gh) or merge request (glab) when ready"), .json,
            ],
            details: """
                Ready means: nothing uncommitted; every commit meets the message, branch and issue-link
                contracts and its paths the worktree's scope (as 'ward check range BASE..BRANCH'); the
                pre-push gates pass; and the branch contains its base or merges with it without conflicts
                (checked in memory, never touching the worktree). Prints what is missing. It never merges.
                """,
            exitStatus: "0 ready (and pushed or opened when asked), 1 not ready, 2 usage or failure."),
    ]
}
