import Base
public import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scopes a repository's workspace defines (`"scopes": {"from": "workspace"}`), read from
/// the work tree so that the list never goes stale.
///
/// Read, in this order, and added up: `package.json` `workspaces` (an array, or `{"packages":
/// [...]}`), `pnpm-workspace.yaml` `packages`, `lerna.json` `packages`, `Cargo.toml`
/// `[workspace] members`, and the targets of `Package.swift` (not its test targets). A package's
/// scope is its `name` without an npm `@org/` prefix (as commitlint's workspace scope configs do),
/// else its directory's name; directories without a manifest are no packages. Globs are `dir/*`, `dir/**` and literal paths; `!` excludes.
public enum WorkspaceScopes {
    /// One package the workspace declares, and the files that say so.
    public struct Package: Sendable, Equatable {
        /// The scope: the manifest's name (without an npm `@org/`), else the directory's name.
        public var name: String
        /// The package's directory, relative to the root (`""` for the root's Package.swift).
        public var directory: String
        /// The file the name comes from, relative to the root (`packages/api/package.json`).
        public var manifest: String
        /// The workspace declaration that lists the directory (`package.json workspaces`,
        /// `pnpm-workspace.yaml packages`, `lerna.json packages`, `Cargo.toml [workspace] members`);
        /// nil for a SwiftPM target, which its manifest declares itself.
        public var listedIn: String?

        public init(name: String, directory: String, manifest: String, listedIn: String? = nil) {
            self.name = name
            self.directory = directory
            self.manifest = manifest
            self.listedIn = listedIn
        }

        /// `packages/api/package.json, listed in package.json workspaces`.
        public var source: String { manifest + (listedIn.map { ", listed in " + $0 } ?? "") }
    }

    /// The files a workspace is read from, for a message when none declares a package.
    public static let declarations =
        "package.json workspaces, pnpm-workspace.yaml, lerna.json, Cargo.toml [workspace] members or Package.swift targets"

    /// The scopes found under `root`, sorted, without duplicates.
    public static func scopes(root: String) -> [String] {
        Set(packages(root: root).map(\.name)).filter { !$0.isEmpty }.sorted()
    }

    /// Every package found under `root`, sorted by name then manifest.
    public static func packages(root: String) -> [Package] {
        var sources: [(file: String, patterns: [String])] = []
        if let json = readJSON(root + "/package.json"), let w = json["workspaces"] {
            sources.append(("package.json workspaces", strings(w) + strings(w["packages"] ?? .null)))
        }
        if let text = readText(root + "/pnpm-workspace.yaml") {
            sources.append(("pnpm-workspace.yaml packages", yamlList(text, key: "packages")))
        }
        if let json = readJSON(root + "/lerna.json"), let p = json["packages"] {
            sources.append(("lerna.json packages", strings(p)))
        }
        // The patterns of all files are expanded together (an exclusion in one applies to all);
        // each directory is credited to the first file whose own patterns list it.
        let perSource = sources.map { Set(expand($0.patterns, root: root)) }
        var found: [Package] = []
        for dir in expand(sources.flatMap(\.patterns), root: root) {
            // A directory without a package.json is no package (`libs/**` also lists `libs`).
            let manifest = dir.isEmpty ? "package.json" : dir + "/package.json"
            guard let json = readJSON(root + "/" + manifest) else { continue }
            let listedIn =
                perSource.firstIndex { $0.contains(dir) }.map { sources[$0].file }
                ?? sources.map(\.file).joined(separator: ", ")
            if case .string(let name)? = json["name"] {
                found.append(
                    Package(name: stripOrganisation(name), directory: dir, manifest: manifest, listedIn: listedIn))
            } else if !dir.isEmpty {
                let name = String(dir.split(separator: "/").last ?? Substring(dir))
                found.append(Package(name: name, directory: dir, manifest: manifest, listedIn: listedIn))
            }
        }
        if let cargo = readText(root + "/Cargo.toml") {
            for dir in expand(cargoMembers(cargo), root: root) {
                let manifest = dir.isEmpty ? "Cargo.toml" : dir + "/Cargo.toml"
                guard let text = readText(root + "/" + manifest) else { continue }
                let name = tomlPackageName(text) ?? String(dir.split(separator: "/").last ?? Substring(dir))
                found.append(
                    Package(name: name, directory: dir, manifest: manifest, listedIn: "Cargo.toml [workspace] members"))
            }
        }
        if let manifest = readText(root + "/Package.swift") {
            for name in swiftTargets(manifest) {
                found.append(Package(name: name, directory: "", manifest: "Package.swift"))
            }
        }
        return found.filter { !$0.name.isEmpty }.sorted { ($0.name, $0.manifest) < ($1.name, $1.manifest) }
    }

    /// Fills `commits.scopes` when the policy takes them from the workspace: its scopes plus `extra`.
    public static func apply(to policy: inout Policy, root: String) {
        guard policy.commits.scopesFromWorkspace else { return }
        var all = scopes(root: root)
        for extra in policy.commits.extraScopes where !all.contains(extra) { all.append(extra) }
        policy.commits.scopes = all
    }

    static func stripOrganisation(_ name: String) -> String {
        guard name.hasPrefix("@"), let slash = name.firstIndex(of: "/") else { return name }
        return String(name[name.index(after: slash)...])
    }

    static func readText(_ path: String) -> String? {
        FileSystem.readFile(path, limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
    }

    static func readJSON(_ path: String) -> JSONValue? {
        guard let bytes = FileSystem.readFile(path, limit: 4 << 20) else { return nil }
        return try? JSONParser.parse(bytes: bytes, json5: true).value
    }

    static func strings(_ v: JSONValue) -> [String] {
        guard case .array(let items) = v else { return [] }
        return items.compactMap { if case .string(let s) = $0.value { return s } else { return nil } }
    }

    /// The items of a top-level YAML block list `key:` (`- 'packages/*'`), quotes removed.
    static func yamlList(_ text: String, key: String) -> [String] {
        var out: [String] = []
        var inList = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty { continue }
            if !line.hasPrefix(" "), !line.hasPrefix("\t"), !line.hasPrefix("-") {
                inList = trimmed == key + ":"
                continue
            }
            if inList, trimmed.hasPrefix("-") {
                out.append(unquote(trimmed.dropFirst().trimmingCharacters(in: " \t")))
            }
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }

    /// `members = [...]` of `[workspace]` in a Cargo.toml (one line or several).
    static func cargoMembers(_ text: String) -> [String] {
        guard let section = text.firstRange(of: "[workspace]") else { return [] }
        let rest = text[section.upperBound...]
        let end = rest.firstRange(of: "\n[")?.lowerBound ?? rest.endIndex
        let body = rest[..<end]
        guard let members = body.firstRange(of: "members"), let open = body[members.upperBound...].firstIndex(of: "["),
            let close = body[open...].firstIndex(of: "]")
        else { return [] }
        return quotedStrings(body[body.index(after: open)..<close])
    }

    /// `name = "..."` of `[package]` in a Cargo.toml.
    static func tomlPackageName(_ text: String) -> String? {
        guard let section = text.firstRange(of: "[package]") else { return nil }
        for line in text[section.upperBound...].split(separator: "\n") {
            let t = line.trimmingCharacters(in: " \t\r")
            if t.hasPrefix("[") { break }
            if t.hasPrefix("name"), let eq = t.firstIndex(of: "=") {
                return unquote(t[t.index(after: eq)...].trimmingCharacters(in: " \t"))
            }
        }
        return nil
    }

    /// The targets a Package.swift declares (`.target(name: "X"`, `.executableTarget(name: "X"`, ...),
    /// test targets left out.
    static func swiftTargets(_ text: String) -> [String] {
        var out: [String] = []
        for kind in ["target", "executableTarget", "plugin", "macro", "systemLibrary", "binaryTarget"] {
            var rest = Substring(text)
            while let r = rest.firstRange(of: "." + kind + "(") {
                rest = rest[r.upperBound...]
                let head = rest.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
                guard head.hasPrefix("name:") else { continue }
                let names = quotedStrings(head.prefix(200))
                if let name = names.first { out.append(name) }
            }
        }
        return out
    }

    static func quotedStrings(_ s: Substring) -> [String] {
        var out: [String] = []
        var rest = s
        while let open = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) {
            let quote = rest[open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: quote) else { break }
            out.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    // MARK: globs

    /// The directories (relative to `root`) the patterns name; `!pattern` removes.
    static func expand(_ patterns: [String], root: String) -> [String] {
        var found: [String] = []
        var excluded: Set<String> = []
        for raw in patterns {
            var pattern = raw
            let negative = pattern.hasPrefix("!")
            if negative { pattern.removeFirst() }
            while pattern.hasPrefix("./") { pattern.removeFirst(2) }
            while pattern.hasSuffix("/") { pattern.removeLast() }
            let parts = pattern.split(separator: "/").map(String.init)
            let dirs = match(parts[...], base: "", root: root, depth: 0)
            if negative {
                excluded.formUnion(dirs)
            } else {
                for d in dirs where !found.contains(d) { found.append(d) }
            }
        }
        return found.filter { !excluded.contains($0) }
    }

    static func match(_ parts: ArraySlice<String>, base: String, root: String, depth: Int) -> [String] {
        guard let part = parts.first else { return [base] }
        let rest = parts.dropFirst()
        let join = { (name: String) in base.isEmpty ? name : base + "/" + name }
        if part == "**" {
            guard depth < 6 else { return [] }
            var out = match(rest, base: base, root: root, depth: depth + 1)
            for child in children(root + "/" + base) {
                out += match(parts, base: join(child), root: root, depth: depth + 1)
            }
            return out
        }
        if part.contains("*") || part.contains("?") {
            return children(root + "/" + base).filter { wildcard(part, $0) }.flatMap {
                match(rest, base: join($0), root: root, depth: depth + 1)
            }
        }
        guard FileSystem.isDirectory(root + "/" + join(part)) else { return [] }
        return match(rest, base: join(part), root: root, depth: depth + 1)
    }

    /// The subdirectories of `path`, without hidden ones and `node_modules`.
    static func children(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") || name == "node_modules" { continue }
            if FileSystem.isDirectory(path + "/" + name) { out.append(name) }
        }
        return out.sorted()
    }

    /// `*` (any run) and `?` (one character) within one path segment.
    static func wildcard(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern)
        let n = Array(name)
        var memo: [Int: Bool] = [:]
        func go(_ i: Int, _ j: Int) -> Bool {
            let key = i * (n.count + 1) + j
            if let v = memo[key] { return v }
            let result: Bool
            if i == p.count {
                result = j == n.count
            } else if p[i] == "*" {
                result = go(i + 1, j) || (j < n.count && go(i, j + 1))
            } else {
                result = j < n.count && (p[i] == "?" || p[i] == n[j]) && go(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return go(0, 0)
    }
}

extension StringProtocol {
    /// Without the ASCII characters of `set` at either end (Base's `trimming`).
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(trimming { set.unicodeScalars.contains($0) })
    }
}
