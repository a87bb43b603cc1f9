import Base

/// Tools beyond git and files: database admin and framework commands, disks and devices, and
/// the rule packs (containers, Kubernetes, infrastructure, cloud storage and accounts, package
/// registries). Each rule names the safe alternative in policy/rules.
extension Evaluator {
    /// The words of a command line that are not options, with the values of `valueOptions`
    /// (given as written, `-n`, `--namespace`) skipped; `--opt=value` carries its own value.
    static func commandWords(_ args: [Arg], valueOptions: Set<String>) -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            guard let t = a.known else {
                out.append("\u{0}")  // an unknown word keeps the positions of the rest
                continue
            }
            if t == "--" {
                out += args[i...].map { $0.known ?? "\u{0}" }
                break
            }
            if t.hasPrefix("-") && t.count > 1 {
                if !t.contains("="), valueOptions.contains(t) { i += 1 }
                continue
            }
            out.append(t)
        }
        return out
    }

    /// Handles the programs of this file; false when `program` is none of them.
    mutating func checkTool(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String) -> Bool {
        // One hash lookup for the many programs that are none of these.
        guard Self.isToolProgram(program) else { return false }
        // `--version` is a value option of several of these tools (`cargo yank --version 1.2.3`).
        if args.contains(where: { $0.known == "--help" }) { return true }
        switch program {
        // Databases
        case "dropdb": report("db-drop", matched: text, detail: "dropdb")
        case "mysqladmin", "mariadb-admin":
            let words = Self.commandWords(
                args, valueOptions: ["-u", "-h", "-P", "-S", "--user", "--host", "--port", "--socket"])
            if words.contains(where: { $0.lowercased() == "drop" }) {
                report("db-drop", matched: text, detail: "\(program) drop")
            }
        case "mongo", "mongosh":
            checkMongo(program, args, input: input, text: text)
        case "rails", "rake":
            checkRails(args, text: text)
        case "prisma":
            checkPrisma(args, text: text)
        case "artisan":
            checkArtisan(args, text: text)
        case "manage.py", "django-admin":
            checkDjango(args, text: text)
        case "supabase":
            let words = Self.commandWords(args, valueOptions: ["--workdir", "--db-url", "--project-ref"])
            if words.starts(with: ["db", "reset"]) { report("supabase-db-reset", matched: text) }
        case "typeorm", "typeorm-ts-node-commonjs", "typeorm-ts-node-esm":
            if Self.commandWords(args, valueOptions: ["-d", "--dataSource"]).first == "schema:drop" {
                report("typeorm-schema-drop", matched: text)
            }
        case "sequelize", "sequelize-cli":
            if let w = Self.commandWords(args, valueOptions: ["--env", "--config", "--url"]).first,
                w == "db:drop" || w == "db:migrate:undo:all" || w == "db:seed:undo:all"
            {
                report("sequelize-db-drop", matched: text, detail: w)
            }
        case "mix":
            if let w = Self.commandWords(args, valueOptions: ["-r", "--repo"]).first,
                ["ecto.drop", "ecto.reset", "ecto.rollback"].contains(w),
                w != "ecto.rollback" || OptionScan(args).has("--all")
            {
                report(
                    "db-schema-reset", matched: text,
                    detail: "mix \(w); instead: mix ecto.migrate (or ecto.rollback --step 1)")
            }
        case "dotnet":
            let words = Self.commandWords(
                args,
                valueOptions: [
                    "-p", "--project", "-s", "--startup-project", "-c", "--context", "-k", "--api-key", "--source",
                ])
            if words.starts(with: ["ef", "database", "drop"]) {
                report(
                    "db-schema-reset", matched: text,
                    detail: "dotnet ef database drop; instead: dotnet ef database update")
            } else if words.starts(with: ["nuget", "delete"]) {
                report("registry-unpublish", matched: text, detail: "dotnet nuget delete")
            }
        case "alembic":
            let words = Self.commandWords(args, valueOptions: ["-c", "--config", "-n", "--name", "-x"])
            if words.first == "downgrade", let target = words.dropFirst().first,
                target == "base" || target.hasPrefix("-") && target.count > 2
            {
                report(
                    "db-schema-reset", matched: text,
                    detail: "alembic downgrade \(target); instead: alembic downgrade -1")
            }
        case "knex":
            let words = Self.commandWords(args, valueOptions: ["--knexfile", "--env", "--cwd"])
            if words.first == "migrate:rollback", OptionScan(args).has("--all") {
                report(
                    "db-schema-reset", matched: text,
                    detail: "knex migrate:rollback --all; instead: knex migrate:rollback")
            }
        case "console":
            // Symfony: `bin/console doctrine:database:drop --force`.
            if let w = Self.commandWords(args, valueOptions: ["-e", "--env", "--em", "--connection"]).first,
                ["doctrine:database:drop", "doctrine:schema:drop"].contains(w), OptionScan(args).has("--force", "-f")
            {
                report("db-schema-reset", matched: text, detail: "\(w); instead: doctrine:migrations:migrate")
            }
        case "liquibase":
            if let w = Self.commandWords(args, valueOptions: ["--changelog-file", "--url", "--username", "--password"])
                .first,
                w.lowercased() == "dropall" || w.lowercased() == "drop-all"
            {
                report("db-schema-reset", matched: text, detail: "liquibase dropAll; instead: liquibase update")
            }
        case "flyway":
            if Self.commandWords(args, valueOptions: []).contains("clean") {
                report("db-schema-reset", matched: text, detail: "flyway clean; instead: flyway migrate")
            }
        case "heroku":
            if let w = Self.commandWords(args, valueOptions: ["-a", "--app", "-r", "--remote", "--confirm"]).first {
                if w == "pg:reset" {
                    report(
                        "db-schema-reset", matched: text,
                        detail: "heroku pg:reset; instead: heroku pg:backups:capture, then a migration")
                } else if ["apps:destroy", "addons:destroy", "destroy", "pg:killall"].contains(w) {
                    report("cloud-delete", matched: text, detail: "heroku \(w)")
                }
            }
        case "fly", "flyctl":
            let words = Self.commandWords(args, valueOptions: ["-a", "--app", "-c", "--config"])
            if words.first == "destroy"
                || (words.count >= 2 && ["destroy", "delete", "remove", "rm"].contains(words[1])
                    && ["apps", "app", "volumes", "volume", "vol", "postgres", "pg", "machine", "machines", "m"]
                        .contains(words[0]))
            {
                report("cloud-delete", matched: text, detail: "\(program) \(words.prefix(2).joined(separator: " "))")
            }
        case "vercel", "netlify", "doctl", "sam", "eb", "firebase", "railway", "render":
            let words = Self.commandWords(
                args, valueOptions: ["--scope", "-t", "--token", "--project", "--site", "--region"])
            let deleting = words.prefix(4).contains { w in
                ["rm", "remove", "delete", "destroy", "terminate", "down"].contains(w) || w.hasSuffix(":delete")
                    || w.hasSuffix(":remove") || w.hasSuffix(":destroy")
            }
            if deleting {
                report("cloud-delete", matched: text, detail: "\(program) \(words.prefix(3).joined(separator: " "))")
            }
        case "azcopy":
            let words = Self.commandWords(args, valueOptions: [])
            if words.first == "remove" || words.first == "rm"
                || (words.first == "sync"
                    && args.contains { $0.known?.hasPrefix("--delete-destination=true") ?? false })
            {
                report("cloud-delete", matched: text, detail: "azcopy \(words.first ?? "")")
            }
        case "crane", "skopeo", "regctl", "oras":
            if Self.commandWords(args, valueOptions: []).prefix(2).contains(where: { $0 == "delete" || $0 == "rm" }) {
                report("registry-unpublish", matched: text, detail: "\(program) delete")
            }
        // Disks and devices
        case "badblocks":
            if OptionScan(args, shortWithValue: ["b", "c", "e", "d", "i", "o", "p", "t"]).has("-w") {
                report("disk-destroy", matched: text, detail: "badblocks -w")
            }
        case "sg_format", "sg_sanitize":
            report("disk-destroy", matched: text, detail: program)
        case "btrfs":
            let words = Self.commandWords(args, valueOptions: [])
            if words.count >= 2, ["subvolume", "sub", "device", "dev"].contains(words[0]),
                ["delete", "del", "remove"].contains(words[1])
            {
                report("disk-destroy", matched: text, detail: "btrfs \(words[0]) \(words[1])")
            }
        case "blkdiscard", "lvremove", "vgremove", "pvremove":
            report("disk-destroy", matched: text, detail: program)
        case "sgdisk":
            let safe: Set<String> = [
                "-p", "--print", "-i", "--info", "-v", "--verify", "-P", "--pretend", "-O", "--print-mbr", "-b",
                "--backup",
            ]
            let options = args.compactMap(\.known).filter { $0.hasPrefix("-") }
            if options.contains(where: { o in !safe.contains(o.split(separator: "=").first.map(String.init) ?? o) }) {
                report("disk-destroy", matched: text, detail: "sgdisk")
            }
        case "parted":
            let words = Self.commandWords(args, valueOptions: ["-a", "--align"]).dropFirst()
            let writing: Set<String> = [
                "rm", "mklabel", "mktable", "mkpart", "resizepart", "mkpartfs", "mkfs", "rescue",
            ]
            if words.contains(where: { writing.contains($0.lowercased()) }) {
                report("disk-destroy", matched: text, detail: "parted")
            }
        case "fdisk", "sfdisk", "cfdisk", "gdisk":
            let reading: Set<String> = [
                "-l", "--list", "-d", "--dump", "-s", "--show-size", "-V", "--verify", "-J", "--json", "-g",
                "--show-geometry", "--list-free", "-F", "-x", "--list-details",
            ]
            let s = OptionScan(args, shortWithValue: ["b", "c", "u", "L", "o", "t", "w", "W", "N", "X"])
            if s.flags.isDisjoint(with: reading) && !s.operands.isEmpty {
                report("disk-destroy", matched: text, detail: program)
            }
        case "hdparm":
            if args.contains(where: {
                guard let t = $0.known else { return false }
                return t.hasPrefix("--security-erase") || t == "--trim-sector-ranges" || t == "--write-sector"
                    || t == "--security-set-pass" || t == "--make-bad-sector"
            }) {
                report("disk-destroy", matched: text, detail: "hdparm")
            }
        case "nvme":
            if let w = args.first?.known, ["format", "sanitize", "delete-ns", "detach-ns"].contains(w) {
                report("disk-destroy", matched: text, detail: "nvme \(w)")
            }
        case "cryptsetup":
            let words = Self.commandWords(
                args,
                valueOptions: [
                    "-c", "-s", "-h", "-d", "-S", "--type", "--key-file", "--key-slot", "--cipher", "--hash",
                    "--key-size",
                ])
            if let w = words.first,
                ["luksformat", "erase", "lukserase", "lukskillslot", "reencrypt"].contains(w.lowercased())
            {
                report("disk-destroy", matched: text, detail: "cryptsetup \(w)")
            }
        case "zpool":
            if let w = Self.commandWords(args, valueOptions: []).first, w == "destroy" || w == "labelclear" {
                report("disk-destroy", matched: text, detail: "zpool \(w)")
            }
        case "zfs":
            if let w = Self.commandWords(args, valueOptions: []).first, w == "destroy" {
                report("disk-destroy", matched: text, detail: "zfs destroy")
            }
        case "diskutil":
            let erasing: Set<String> = [
                "erasedisk", "erasevolume", "zerodisk", "randomdisk", "secureerase", "partitiondisk", "reformat",
                "deletevolume", "apfs",
            ]
            if let w = Self.commandWords(args, valueOptions: []).first?.lowercased(), erasing.contains(w),
                w != "apfs" || args.contains(where: { ($0.known ?? "").lowercased().hasPrefix("delete") })
            {
                report("disk-destroy", matched: text, detail: "diskutil \(w)")
            }
        case "mdadm":
            if args.contains(where: { $0.known == "--zero-superblock" }) {
                report("disk-destroy", matched: text, detail: "mdadm --zero-superblock")
            }
        // Containers
        case "docker", "podman", "nerdctl":
            if !checkContainerCommand(program, args, text: text) { checkContainers(program, args, text: text) }
        case "docker-compose", "podman-compose":
            checkCompose(args, text: text)
        // Kubernetes
        case "helm":
            let words = Self.commandWords(
                args, valueOptions: ["-n", "--namespace", "--kube-context", "--kubeconfig", "--timeout"])
            // A local development cluster named in the options is nobody else's: no question.
            let s = OptionScan(args, longWithValue: ["--kube-context", "--namespace", "--kubeconfig"])
            let context = (s.value("--kube-context")?.known ?? "").lowercased()
            let local = ["kind-", "minikube", "docker-desktop", "rancher-desktop", "k3d-", "colima", "orbstack"]
                .contains { context.hasPrefix($0) }
            if let w = words.first, w == "uninstall" || w == "delete" || w == "del" || w == "un", !local {
                report("helm-uninstall", matched: text, detail: context.isEmpty ? nil : "context \(context)")
            }
        // Infrastructure
        case "terraform", "tofu", "terragrunt":
            let words = Self.commandWords(args, valueOptions: [])
            // terraform's options are single-dash words: `-destroy`, `-chdir=DIR`.
            let destroyFlag = args.contains { $0.known == "-destroy" || $0.known == "--destroy" }
            if words.first == "destroy" || (program == "terragrunt" && words.contains("destroy"))
                || (words.first == "apply" && destroyFlag) || (program == "terragrunt" && destroyFlag)
            {
                report("infra-destroy", matched: text, detail: "\(program) destroy")
            } else if words.starts(with: ["workspace", "delete"]) || words.starts(with: ["state", "rm"]) {
                report("infra-destroy", matched: text, detail: words.prefix(2).joined(separator: " "))
            }
        case "pulumi":
            let words = Self.commandWords(args, valueOptions: ["-s", "--stack", "-C", "--cwd"])
            if let w = words.first, (w == "destroy" || w == "down") && !OptionScan(args).has("--preview-only") {
                report("infra-destroy", matched: text, detail: "pulumi \(w)")
            } else if words.starts(with: ["stack", "rm"]) {
                report("infra-destroy", matched: text, detail: "pulumi stack rm")
            }
        case "cdk", "cdktf", "sst", "serverless", "sls":
            if Self.commandWords(args, valueOptions: []).first.map({ $0 == "destroy" || $0 == "remove" }) ?? false {
                report("infra-destroy", matched: text, detail: "\(program) destroy")
            }
        // Cloud storage and accounts
        case "aws":
            checkAWS(args, text: text)
        case "gsutil":
            let words = Self.commandWords(args, valueOptions: ["-o", "-h", "-u"])
            let s = OptionScan(args, shortWithValue: ["o", "h", "u"])
            if words.first == "rb" || (words.first == "rm" && s.has("-r", "-R", "-a"))
                || (words.first == "rsync" && s.has("-d"))
            {
                report("cloud-delete", matched: text, detail: "gsutil \(words.first ?? "")")
            }
        case "gcloud", "az":
            let words = Self.commandWords(args, valueOptions: Self.cloudValueOptions)
            let s = OptionScan(args)
            let commandPath = words.prefix { !$0.contains("/") && !$0.contains(":") }
            if commandPath.contains(where: { $0 == "delete" || $0.hasPrefix("delete-") || $0 == "purge" })
                || (commandPath.contains("rm") && s.has("-r", "--recursive"))
                || (commandPath.contains("rsync") && s.has("--delete-unmatched-destination-objects"))
            {
                report(
                    "cloud-delete", matched: text, detail: "\(program) \(commandPath.prefix(4).joined(separator: " "))")
            }
        case "rclone":
            if let w = Self.commandWords(args, valueOptions: ["--config"]).first,
                ["purge", "delete", "rmdirs"].contains(w)
            {
                report("cloud-delete", matched: text, detail: "rclone \(w)")
            }
        // Package registries
        case "npm", "pnpm":
            let words = Self.commandWords(args, valueOptions: ["--otp", "--registry", "-w", "--workspace"])
            if words.first == "unpublish" {
                report("registry-unpublish", matched: text, detail: "\(program) unpublish")
            } else if let first = words.first, first == "run" || first == "run-script", words.count > 1,
                Self.isToolProgram(words[1]), let at = args.firstIndex(where: { $0.known == words[1] })
            {
                // `npm run typeorm -- schema:drop`: a script named after the tool runs the tool.
                let rest = args[(at + 1)...].filter { $0.known != "--" }
                _ = checkTool(words[1], Array(rest), state: &state, input: input, text: text)
            }
        case "cargo", "gem":
            if Self.commandWords(args, valueOptions: ["--version", "-v", "--vers", "--index", "--registry", "--token"])
                .first == "yank"
            {
                if !(program == "cargo" && OptionScan(args).has("--undo")) {
                    report("registry-unpublish", matched: text, detail: "\(program) yank")
                }
            }
        case "nuget":
            if Self.commandWords(args, valueOptions: []).first == "delete" {
                report("registry-unpublish", matched: text, detail: "nuget delete")
            }
        default:
            return false
        }
        return true
    }

    /// Whether `checkTool` decides `program`: a binary search of the sorted list, which costs no
    /// hashing when the hook process starts (a `Set` would hash every name in each process).
    static func isToolProgram(_ program: String) -> Bool {
        var low = 0
        var high = toolPrograms.count
        while low < high {
            let mid = (low + high) / 2
            if toolPrograms[mid] < program { low = mid + 1 } else { high = mid }
        }
        return low < toolPrograms.count && toolPrograms[low] == program
    }

    /// Every program `checkTool` decides, sorted; ToolProgramsTests keeps it equal to the switch's
    /// cases and sorted.
    static let toolPrograms: [String] = [
        "alembic", "artisan", "aws", "az", "azcopy", "badblocks", "blkdiscard", "btrfs", "cargo", "cdk", "cdktf",
        "cfdisk", "console", "crane", "cryptsetup", "diskutil", "django-admin", "docker", "docker-compose", "doctl",
        "dotnet", "dropdb", "eb", "fdisk", "firebase", "fly", "flyctl", "flyway", "gcloud", "gdisk", "gem", "gsutil",
        "hdparm", "helm", "heroku", "knex", "liquibase", "lvremove", "manage.py", "mariadb-admin", "mdadm", "mix",
        "mongo", "mongosh", "mysqladmin", "nerdctl", "netlify", "npm", "nuget", "nvme", "oras", "parted", "pnpm",
        "podman", "podman-compose", "prisma", "pulumi", "pvremove", "rails", "railway", "rake", "rclone", "regctl",
        "render", "sam", "sequelize", "sequelize-cli", "serverless", "sfdisk", "sg_format", "sg_sanitize", "sgdisk",
        "skopeo", "sls", "sst", "supabase", "terraform", "terragrunt", "tofu", "typeorm", "typeorm-ts-node-commonjs",
        "typeorm-ts-node-esm", "vercel", "vgremove", "zfs", "zpool",
    ]

    static let cloudValueOptions: Set<String> = [
        "--project", "--account", "--configuration", "--format", "--region", "--zone", "-g", "--resource-group",
        "-n", "--name", "--subscription", "--output", "-o", "--query", "--location", "-l",
    ]

    // MARK: - Databases

    mutating func checkMongo(_ program: String, _ args: [Arg], input: Input, text: String) {
        let s = OptionScan(
            args, shortWithValue: ["u", "p", "f"],
            longWithValue: [
                "--eval", "--host", "--port", "--username", "--password", "--file", "--authenticationDatabase",
            ])
        var code: [String] = (s.values["--eval"] ?? []).compactMap(\.known)
        if case .literal(let body) = input { code.append(body) }
        for c in code {
            let compact = String(c.filter { !$0.isWhitespace })
            for needle in [
                "dropDatabase(", ".drop(", ".dropIndexes(", "deleteMany({})", ".remove({})", "dropUser(",
                "dropAllUsers(",
            ]
            where compact.contains(needle) {
                report(
                    "mongo-drop", matched: text, detail: String(needle.trimming { "(){}".unicodeScalars.contains($0) }))
                return
            }
        }
    }

    mutating func checkRails(_ args: [Arg], text: String) {
        let destructive: Set<String> = [
            "db:drop", "db:drop:all", "db:reset", "db:schema:load", "db:structure:load", "db:purge", "db:purge:all",
            "db:truncate_all", "db:migrate:reset", "db:seed:replant", "db:setup",
        ]
        for w in Self.commandWords(args, valueOptions: ["-e", "--environment", "-f", "--rakefile"]) {
            let task = w.split(separator: "[").first.map(String.init) ?? w
            if destructive.contains(task) {
                report("rails-db-reset", matched: text, detail: task)
                return
            }
        }
    }

    mutating func checkPrisma(_ args: [Arg], text: String) {
        let words = Self.commandWords(args, valueOptions: ["--schema"])
        let s = OptionScan(args)
        if words.starts(with: ["migrate", "reset"]) {
            report("prisma-db-reset", matched: text, detail: "prisma migrate reset")
        } else if words.starts(with: ["db", "push"]), s.has("--force-reset", "--accept-data-loss") {
            report("prisma-db-reset", matched: text, detail: "prisma db push --force-reset")
        }
    }

    mutating func checkArtisan(_ args: [Arg], text: String) {
        guard let w = Self.commandWords(args, valueOptions: ["--env", "--database"]).first else { return }
        if ["migrate:fresh", "migrate:reset", "migrate:refresh", "db:wipe"].contains(w),
            !OptionScan(args).has("--pretend")
        {
            report("laravel-db-reset", matched: text, detail: w)
        }
    }

    mutating func checkDjango(_ args: [Arg], text: String) {
        guard let w = Self.commandWords(args, valueOptions: ["--settings", "--database", "--pythonpath"]).first
        else { return }
        if ["flush", "reset_db", "reset_schema", "drop_test_database"].contains(w) {
            report("django-flush", matched: text, detail: w)
        }
    }

    // MARK: - Containers

    mutating func checkContainers(_ program: String, _ args: [Arg], text: String) {
        let valueOptions: Set<String> = [
            "-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "-f", "--file", "-p", "--project-name",
            "--filter", "--env-file", "--profile", "--project-directory", "--connection", "--url", "--root",
        ]
        let words = Self.commandWords(args, valueOptions: valueOptions)
        let s = OptionScan(args)
        guard let first = words.first else { return }
        switch first {
        case "system":
            if words.dropFirst().first == "prune", s.has("--volumes") {
                report("container-volumes-delete", matched: text, detail: "\(program) system prune --volumes")
            } else if words.dropFirst().first == "reset" {
                report("container-volumes-delete", matched: text, detail: "\(program) system reset")
            }
        case "volume":
            if let w = words.dropFirst().first, ["rm", "remove", "prune", "delete"].contains(w) {
                report("container-volumes-delete", matched: text, detail: "\(program) volume \(w)")
            }
        case "compose":
            checkCompose(Array(args.drop { $0.known != "compose" }.dropFirst()), text: text)
        default:
            break
        }
    }

    mutating func checkCompose(_ args: [Arg], text: String) {
        let words = Self.commandWords(
            args,
            valueOptions: ["-f", "--file", "-p", "--project-name", "--env-file", "--profile", "--project-directory"])
        guard let w = words.first else { return }
        let s = OptionScan(args)
        if (w == "down" && s.has("-v", "--volumes")) || (w == "rm" && s.has("-v", "--volumes")) {
            report("container-volumes-delete", matched: text, detail: "compose \(w) --volumes")
        } else if w == "exec" || w == "run", let at = args.firstIndex(where: { $0.known == w }) {
            // `docker compose exec db psql -c …`: the command after the service runs in its container.
            var rest = Array(args[(at + 1)...])
            let valueOptions: Set<String> = [
                "-e", "--env", "-u", "--user", "-w", "--workdir", "--index", "--name", "-p", "--publish", "-v",
                "--volume", "--entrypoint", "-l", "--label",
            ]
            while let t = rest.first?.known, t.hasPrefix("-") {
                rest.removeFirst()
                if !t.contains("="), valueOptions.contains(t), !rest.isEmpty { rest.removeFirst() }
            }
            guard rest.count >= 2, rest.allSatisfy({ $0.kind == .known }) else { return }
            let script = rest.dropFirst().map { Self.shellQuoted($0.text) }.joined(separator: " ")
            evaluateElsewhere(script, on: "the service \(rest[0].text)", text: text)
        }
    }

    // MARK: - Kubernetes

    static let kubectlValueOptions: Set<String> = [
        "-n", "--namespace", "--context", "--cluster", "--kubeconfig", "-l", "--selector", "-o", "--output", "-f",
        "--filename", "-s", "--server", "--user", "--token", "--as", "--as-group", "--field-selector",
        "--grace-period", "--timeout", "-k", "--kustomize", "--cascade", "--wait", "--request-timeout",
    ]

    // MARK: - Cloud

    mutating func checkAWS(_ args: [Arg], text: String) {
        let words = Self.commandWords(
            args,
            valueOptions: ["--profile", "--region", "--output", "--endpoint-url", "--query", "--include", "--exclude"])
        let s = OptionScan(args)
        guard let service = words.first, words.count >= 2 else { return }
        let action = words[1]
        if service == "s3" {
            if s.has("--dryrun") { return }
            if action == "sync" && s.has("--delete") {
                report("cloud-delete", matched: text, detail: "aws s3 sync --delete")
            } else if action == "rm" && s.has("--recursive") {
                report("cloud-delete", matched: text, detail: "aws s3 rm --recursive")
            } else if action == "rb" && s.has("--force") {
                report("cloud-delete", matched: text, detail: "aws s3 rb --force")
            }
            return
        }
        if action.hasPrefix("delete-") || action.hasPrefix("terminate-") || action == "close-account"
            || action.hasPrefix("batch-delete") || action.hasPrefix("purge-")
            || action.hasPrefix("deregister-") || action == "remove-account-from-organization"
        {
            report("cloud-delete", matched: text, detail: "aws \(service) \(action)")
        }
    }
}
