import Commands
import Policy
import Workspace

/// `ward policy import commitlint [FILE] [--write]`: a commitlint configuration as ward.json keys.
enum ImportCommand {
    static func commitlint(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 2, command: "policy import")
        guard positionals.first == "commitlint" else {
            throw .usage(
                "ward policy import: expected 'commitlint' (the only format ward imports), e.g. 'ward policy import commitlint'"
            )
        }
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        let root =
            RepositoryLocator.locate(from: directory, environment: invocation.environment)?.workTree ?? directory
        let source: CommitlintConfig.Source
        let result: CommitlintImport.Result
        do {
            source = try CommitlintConfig.locate(
                positionals.count > 1 ? invocation.absolute(positionals[1]) : nil, root: root)
        } catch {
            throw .configuration("ward policy import: \(error.description)")
        }
        do {
            result = try CommitlintImport.translate(source.text, yaml: source.yaml, file: source.path)
        } catch {
            throw .configuration("ward policy import: \(error.description)")
        }
        for note in result.notes { Output.err("ward: \(source.path): \(note)") }
        guard let commits = result.commits else {
            Output.err("ward: \(source.path): nothing to import: ward's defaults are config-conventional's")
            return .ok
        }
        guard args.flag("--write") else {
            Output.out("{\n  \"commits\": \(commits)\n}")
            return .ok
        }
        let target = root + "/ward.json"
        do {
            try CommitlintConfig.addCommits(commits, to: target)
        } catch {
            throw .configuration("ward policy import: \(error.description)")
        }
        Output.out("ward: wrote commits to \(target) (from \(source.path))")
        return .ok
    }
}
