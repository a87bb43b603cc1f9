/// What each built-in command rule needs before it matches, in words, and the commands it looks at.
///
/// `ward explain` uses it twice: for a rule id ("matches when …") and for an allowed command,
/// where every rule the command's program was checked against and that did not match is listed
/// with what it would have needed, so "why was this allowed?" has an answer. The conditions
/// describe the code in `Evaluator+*.swift`; a test checks that every listed id is a built-in rule.
enum RuleConditions {
    struct Entry: Sendable {
        /// The rule id.
        var id: String
        /// The commands the rule is checked on: a program (`rm`) or `git SUBCOMMAND`.
        var on: [String]
        /// What the command must do for the rule to match.
        var needs: String
    }

    static let noVerify = [
        "git commit", "git merge", "git rebase", "git cherry-pick", "git revert", "git am", "git pull",
    ]

    static let entries: [Entry] = [
        Entry(id: "git-reset-hard", on: ["git reset"], needs: "git reset with --hard or --merge"),
        Entry(
            id: "git-checkout-discard", on: ["git checkout"],
            needs: "git checkout with --force, with paths (after '--', '.', a folder or a glob), or a ref and paths"),
        Entry(id: "git-switch-discard", on: ["git switch"], needs: "git switch with --force or --discard-changes"),
        Entry(
            id: "git-restore-worktree", on: ["git restore"],
            needs: "git restore of working-tree files (paths without --staged, or with --worktree)"),
        Entry(
            id: "git-clean-force", on: ["git clean"],
            needs: "git clean with -f/--force and without -n/--dry-run or -i/--interactive"),
        Entry(id: "git-branch-force-delete", on: ["git branch"], needs: "git branch -D, or -d/--delete with --force"),
        Entry(id: "git-stash-drop", on: ["git stash"], needs: "git stash drop or git stash clear"),
        Entry(id: "git-update-ref-delete", on: ["git update-ref"], needs: "git update-ref with -d/--delete"),
        Entry(id: "git-reflog-expire", on: ["git reflog"], needs: "git reflog expire or git reflog delete"),
        Entry(id: "git-gc-prune-now", on: ["git gc"], needs: "git gc with --prune=now or --prune=all"),
        Entry(id: "git-gc-prune-now", on: ["git prune"], needs: "git prune without -n/--dry-run"),
        Entry(
            id: "git-worktree-remove-force", on: ["git worktree", "ward", "ward-git"],
            needs: "git worktree remove with -f/--force, or ward worktree remove --force"),
        Entry(id: "git-push-force", on: ["git push"], needs: "a force push: --force, -f, --mirror or a '+ref' refspec"),
        Entry(id: "git-push-all", on: ["git push"], needs: "git push --all"),
        Entry(
            id: "git-push-protected", on: ["git push"],
            needs: "a push to a branch in protectedBranches (a bare 'git push' pushes the current branch)"),
        Entry(
            id: "git-push-force-with-lease-protected", on: ["git push"],
            needs: "--force-with-lease to a branch in protectedBranches"),
        Entry(
            id: "git-push-delete-protected", on: ["git push"],
            needs: "deleting a branch in protectedBranches (--delete or ':branch')"),
        Entry(id: "tamper-no-verify", on: ["git push"] + noVerify, needs: "--no-verify (or -n for git commit)"),
        Entry(id: "tamper-hooks-path", on: ["git config"], needs: "setting or unsetting core.hooksPath"),
        Entry(id: "rm-root-or-home", on: ["rm"], needs: "a recursive rm of /, a home folder or all homes"),
        Entry(
            id: "rm-recursive-repo-root", on: ["rm"],
            needs: "a recursive rm of the repository root, '.', '*', '..' or git's own data"),
        Entry(
            id: "rm-recursive-in-repo", on: ["rm"],
            needs: "a recursive rm of a folder in the repository that is not regenerable (commands.regenerable)"),
        Entry(
            id: "rm-recursive-outside-repo", on: ["rm"],
            needs: "a recursive rm outside the repository and outside the temp roots (commands.tempRoots)"),
        Entry(id: "rm-unknown-target", on: ["rm"], needs: "a recursive rm of a path known only at run time"),
        Entry(id: "rm-system-path", on: ["rm", "unlink"], needs: "deleting a file in a system folder (/etc, /usr, …)"),
        Entry(
            id: "find-delete", on: ["find"],
            needs: "find that deletes (-delete, -exec rm) with no name filter, or below /, home or a system folder"),
        Entry(id: "dd-device", on: ["dd"], needs: "dd with of= a device under /dev (/dev/null and the like excepted)"),
        Entry(
            id: "chmod-system-recursive", on: ["chmod", "chown", "chgrp"],
            needs: "a recursive change of a system folder or a home folder"),
        Entry(id: "gh-pr-merge", on: ["gh"], needs: "gh pr merge"),
        Entry(id: "gh-repo-delete", on: ["gh"], needs: "gh repo delete"),
        Entry(id: "gh-release-delete", on: ["gh"], needs: "gh release delete or delete-asset"),
        Entry(
            id: "gh-api-destructive", on: ["gh"],
            needs: "gh api with --method DELETE, or PUT to a merge or refs endpoint"),
        Entry(id: "glab-mr-merge", on: ["glab"], needs: "glab mr merge"),
        Entry(id: "glab-repo-delete", on: ["glab"], needs: "glab repo delete"),
        Entry(id: "kubectl-delete-namespace", on: ["kubectl", "oc"], needs: "kubectl delete namespace (or ns)"),
        Entry(
            id: "sql-destructive", on: ["psql", "mysql", "mariadb", "sqlite3", "cockroach", "duckdb"],
            needs: "SQL with DROP, TRUNCATE, or DELETE without WHERE"),
        Entry(id: "redis-flush", on: ["redis-cli", "valkey-cli", "keydb-cli"], needs: "FLUSHALL or FLUSHDB"),
        Entry(
            id: "tamper-ward-scope", on: ["ward", "ward-git"], needs: "ward scope set/clear, ward install/uninstall"),
        Entry(id: "tamper-ward-session", on: ["ward", "ward-git"], needs: "ward session reset"),
        Entry(id: "git-rm-force", on: ["git rm"], needs: "git rm with -f/--force, without --cached or --dry-run"),
        Entry(
            id: "git-branch-force-protected", on: ["git branch"],
            needs: "git branch -f/--force, -M or -C naming a branch in protectedBranches"),
        Entry(id: "git-submodule-deinit-force", on: ["git submodule"], needs: "git submodule deinit with -f/--force"),
        Entry(
            id: "gh-delete", on: ["gh"],
            needs: "a gh delete/remove subcommand of a platform resource (not alias or extension)"),
        Entry(id: "glab-delete", on: ["glab"], needs: "a glab delete subcommand, or glab api -X DELETE"),
        Entry(id: "db-drop", on: ["dropdb", "mysqladmin", "mariadb-admin"], needs: "dropdb, or mysqladmin drop"),
        Entry(
            id: "mongo-drop", on: ["mongo", "mongosh"],
            needs: "--eval code (or stdin) with dropDatabase(), .drop(), deleteMany({}) or dropUser()"),
        Entry(
            id: "redis-delete-keys", on: ["redis-cli", "valkey-cli", "keydb-cli"],
            needs: "DEL or UNLINK of keys known only at run time or with a '*'"),
        Entry(
            id: "rails-db-reset", on: ["rails", "rake"],
            needs: "db:drop, db:reset, db:schema:load, db:structure:load, db:purge, db:truncate_all or db:setup"),
        Entry(
            id: "prisma-db-reset", on: ["prisma"],
            needs: "prisma migrate reset, or db push with --force-reset/--accept-data-loss"),
        Entry(
            id: "laravel-db-reset", on: ["artisan"],
            needs: "artisan migrate:fresh, migrate:reset, migrate:refresh or db:wipe (without --pretend)"),
        Entry(id: "django-flush", on: ["manage.py", "django-admin"], needs: "manage.py flush or reset_db"),
        Entry(id: "supabase-db-reset", on: ["supabase"], needs: "supabase db reset"),
        Entry(id: "typeorm-schema-drop", on: ["typeorm"], needs: "typeorm schema:drop"),
        Entry(
            id: "sequelize-db-drop", on: ["sequelize", "sequelize-cli"],
            needs: "sequelize db:drop or db:migrate:undo:all"),
        Entry(
            id: "disk-destroy",
            on: [
                "sgdisk", "blkdiscard", "parted", "fdisk", "sfdisk", "hdparm", "nvme", "cryptsetup", "lvremove",
                "vgremove", "pvremove", "zpool", "zfs",
            ],
            needs: "a partition, erase or volume command that writes (not a listing: -l, print, list, status)"),
        Entry(id: "mv-to-device", on: ["mv"], needs: "mv onto /dev/null or another device"),
        Entry(
            id: "rsync-delete", on: ["rsync"],
            needs:
                "--delete or --remove-source-files towards a remote or a folder outside the repository and temp roots"),
        Entry(
            id: "chmod-repo-world-writable", on: ["chmod"],
            needs: "a recursive chmod granting everyone write (777, a+w, o+w) on the repository root or above"),
        Entry(
            id: "container-volumes-delete", on: ["docker", "podman", "docker-compose"],
            needs: "volume rm/prune, system prune --volumes, system reset, or compose down -v"),
        Entry(
            id: "kubectl-delete-data", on: ["kubectl", "oc"],
            needs: "kubectl delete of PVs/PVCs or CRDs, or with --all"),
        Entry(id: "helm-uninstall", on: ["helm"], needs: "helm uninstall (or delete)"),
        Entry(
            id: "infra-destroy", on: ["terraform", "tofu", "terragrunt", "pulumi", "cdk"],
            needs: "destroy, apply -destroy, state rm or workspace delete; pulumi destroy or stack rm"),
        Entry(
            id: "cloud-delete", on: ["aws", "gsutil", "gcloud", "az"],
            needs:
                "aws s3 rm --recursive, s3 rb --force, aws delete-*/terminate-*, gsutil rm -r/rb, gcloud or az delete"),
        Entry(
            id: "registry-unpublish", on: ["npm", "pnpm", "cargo", "gem", "nuget"],
            needs: "npm unpublish, cargo yank (without --undo), gem yank, nuget delete"),
    ]

    /// The rules checked on `command` (a program name or `git SUBCOMMAND`), in table order.
    static func considered(on command: String) -> [Entry] {
        entries.filter { $0.on.contains(command) }
    }

    /// What `id` needs, when the table knows it (several lines for a rule checked on several commands).
    static func needs(_ id: String) -> [String] {
        entries.filter { $0.id == id }.map(\.needs)
    }
}
