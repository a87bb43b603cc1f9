#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary checkout of the index, for a gate that must see exactly what is committed while
/// the work tree holds other changes.
///
/// `git checkout-index --all --prefix=DIR/` writes the index's files into a fresh directory
/// under `$GIT_COMMON_DIR/ward/tmp/` (same filesystem as the repository, private to the clone)
/// and touches neither the work tree nor the index; nothing is stashed. The directory is ours
/// alone: its removal unlinks what is in it without following any symbolic link out of it, and
/// refuses any path outside `ward/tmp/`. A directory left behind by a runner that was killed
/// (its pid is in the name) is removed by the next run that makes one.
struct IndexCheckout {
    /// `$GIT_COMMON_DIR/ward/tmp`.
    let base: String
    /// The checkout's root, inside `base`.
    let path: String

    /// Checks the index out into a new directory for `gate`.
    init(gate: String, commonDir: String, root: String, environment: [String: String]) throws(GateError) {
        base = commonDir + "/ward/tmp"
        guard makeDirectories(base) else { throw GateError("cannot create \(base)") }
        let safeName = String(
            gate.unicodeScalars.map {
                $0.properties.isAlphabetic || "0123456789-_".unicodeScalars.contains($0) ? Character($0) : "_"
            }.prefix(40))
        var template = Array((base + "/" + safeName + "." + String(getpid()) + ".XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let start = buffer.baseAddress, let result = mkdtemp(start) else { return nil }
            return String(cString: result)
        }
        guard let made else { throw GateError("cannot create a temporary checkout in \(base): errno \(errno)") }
        path = made
        do {
            _ = try GitQuery.run(
                ["checkout-index", "--all", "--force", "--prefix=" + made + "/"], in: root, environment: environment)
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the checkout.
    func remove() {
        Self.removeOwned(path, base: base)
    }

    /// Removes directories of runners that are gone: `NAME.PID.XXXXXX` whose PID is not alive.
    static func removeStale(commonDir: String) {
        let base = commonDir + "/ward/tmp"
        guard let dir = opendir(base) else { return }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = String(decoding: entryName(entry).dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let parts = name.split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { stale.append(base + "/" + name) }
        }
        closedir(dir)
        for path in stale { removeOwned(path, base: base) }
    }

    /// Removes `path` when it is a direct child of `base` (no `..`, no `/` in its name).
    static func removeOwned(_ path: String, base: String) {
        guard path.hasPrefix(base + "/") else { return }
        let name = path.dropFirst(base.count + 1)
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return }
        let parent = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return }
        defer { _ = close(parent) }
        removeEntry(Array(String(name).utf8CString), in: parent)
    }

    /// Removes one entry of the open directory `parent`: a directory (never a symbolic link to
    /// one) with its contents, anything else with `unlinkat`.
    private static func removeEntry(_ name: [CChar], in parent: Int32) {
        var st = stat()
        guard fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            let child = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                // A gate may have made its folders read-only; they are ours to empty.
                _ = fchmod(child, 0o700)
                for entry in entries(of: child) { removeEntry(entry, in: child) }
                _ = close(child)
            }
            _ = unlinkat(parent, name, AT_REMOVEDIR)
        } else {
            _ = unlinkat(parent, name, 0)
        }
    }

    /// The names in the open directory `fd` (without `.` and `..`), NUL-terminated bytes as they
    /// are (not necessarily UTF-8), read before anything is removed.
    private static func entries(of fd: Int32) -> [[CChar]] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            if copy >= 0 { _ = close(copy) }
            return []
        }
        defer { closedir(dir) }
        var names: [[CChar]] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name != [46, 0], name != [46, 46, 0] { names.append(name) }
        }
        return names
    }

    /// An entry's name, NUL-terminated.
    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> [CChar] {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0]
        }
    }
}
