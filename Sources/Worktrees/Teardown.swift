import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Deletes a folder tree without ever reaching anything outside it.
///
/// The shell scripts ward replaces link `node_modules` into each worktree and must remember to
/// detach the link before `git worktree remove`, or the shared folder goes with it. Here the
/// order is fixed: `inventory` finds every symbolic link with `lstat` (never following one) and
/// every mount point (another device, or a mount listed in `/proc/self/mountinfo`); a mount point
/// refuses the teardown; `unlinkLinks` removes each link itself; only then `deleteTree` removes
/// the rest, descending through directory descriptors opened with `O_NOFOLLOW | O_DIRECTORY`,
/// checking each one's device against the root's, and unlinking entries relative to their
/// parent's descriptor, so a folder swapped for a link mid-walk is not followed either. On a
/// platform with junctions and reparse points (Windows) they are links to `inventory`, behind
/// the same call.
enum Teardown {
    /// What lies under a folder that a recursive delete must not go through.
    struct Inventory: Equatable {
        /// Every symbolic link, as absolute paths, deepest first.
        var links: [String] = []
        /// Every folder on another file system or listed as a mount point.
        var mounts: [String] = []
        /// How many entries were seen.
        var entries = 0
    }

    /// Walks `root` with `lstat` only and lists its links and mount points.
    static func inventory(_ root: String) throws(WorktreeError) -> Inventory {
        guard let top = Disk.lstatus(root) else { return Inventory() }
        guard top.isDirectory else {
            throw .refused("ward: \(root) is not a directory (a link or a file); nothing deleted")
        }
        var inventory = Inventory()
        let mounted = mountPoints(under: root)
        inventory.mounts = mounted
        var stack = [root]
        while let folder = stack.popLast() {
            for (name, type) in Disk.typedNames(in: folder) {
                let path = folder + "/" + name
                inventory.entries += 1
                // The directory entry's type says link, folder or other without a system call;
                // only folders (for their device) and entries of unknown type are lstat'ed.
                if type == Disk.EntryType.link {
                    inventory.links.append(path)
                    continue
                }
                if type != Disk.EntryType.directory && type != Disk.EntryType.unknown { continue }
                guard let st = Disk.lstatus(path) else { continue }
                if st.isSymbolicLink {
                    inventory.links.append(path)
                } else if st.isDirectory {
                    if st.device != top.device {
                        inventory.mounts.append(path)
                    } else if !mounted.contains(path) {
                        stack.append(path)
                    }
                }
            }
        }
        inventory.links.sort { $0.utf8.count > $1.utf8.count }
        inventory.mounts = Array(Set(inventory.mounts)).sorted()
        return inventory
    }

    /// The mount points at or under `root` that the kernel lists (`/proc/self/mountinfo`, field
    /// 5, octal escapes undone): bind mounts of the same file system have the same device id.
    static func mountPoints(under root: String) -> [String] {
        guard let text = Disk.readText("/proc/self/mountinfo", limit: 16 << 20) else { return [] }
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { continue }
            let point = unescapeMountField(String(fields[4]))
            if point != "/" && Path.isWithin(point, root) { found.append(point) }
        }
        return found
    }

    static func unescapeMountField(_ field: String) -> String {
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 3 < raw.count,
                let value = UInt8(String(decoding: raw[(i + 1)...(i + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unlinks each link of the inventory (the link, never what it points at); a link already
    /// gone is fine.
    static func unlinkLinks(_ inventory: Inventory) throws(WorktreeError) {
        for link in inventory.links {
            guard let st = Disk.lstatus(link) else { continue }
            guard st.isSymbolicLink else {
                throw .refused("ward: \(link) changed from a link to another kind of file during teardown; stopped")
            }
            guard unlink(link) == 0 || errno == ENOENT else {
                throw .failed("ward: cannot unlink \(link): \(Errno.current)")
            }
        }
    }

    /// The whole teardown of `root`: inventory, refuse mount points, unlink links, delete.
    static func remove(_ root: String) throws(WorktreeError) {
        guard Disk.lstatus(root) != nil else { return }
        let found = try inventory(root)
        if let mount = found.mounts.first {
            throw .refused(
                "ward: \(mount) is a mount point under \(root); unmount it first (nothing was deleted there)",
                rule: "worktree-mount-point")
        }
        try unlinkLinks(found)
        try deleteTree(root)
    }

    /// Deletes `root` and everything in it, never following a link and never leaving its file system.
    static func deleteTree(_ root: String) throws(WorktreeError) {
        guard let top = Disk.lstatus(root) else { return }
        if !top.isDirectory {
            guard unlink(root) == 0 || errno == ENOENT else {
                throw .failed("ward: cannot unlink \(root): \(Errno.current)")
            }
            return
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .failed("ward: cannot open \(root): \(Errno.current)") }
        do throws(WorktreeError) {
            try emptyDirectory(fd, path: root, device: top.device)
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rmdir(root) == 0 || errno == ENOENT else {
            throw .failed("ward: cannot remove \(root): \(Errno.current)")
        }
    }

    /// Removes every entry of the open directory `fd` (whose path, for messages, is `path`).
    private static func emptyDirectory(_ fd: Int32, path: String, device: UInt64) throws(WorktreeError) {
        var info = stat()
        guard fstat(fd, &info) == 0, UInt64(info.st_dev) == device else {
            throw .refused("ward: \(path) is on another file system; stopped before crossing into it")
        }
        if info.st_mode & 0o700 != 0o700 { fchmod(fd, info.st_mode | 0o700) }
        for (name, type) in try entries(fd, path: path) {
            // An entry the directory says is neither a folder nor of unknown type is unlinked
            // at once (unlinkat never follows a link); EISDIR means it became a folder since.
            if type != Disk.EntryType.directory && type != Disk.EntryType.unknown {
                if withCName(name, { unlinkat(fd, $0, 0) }) == 0 || errno == ENOENT { continue }
                if errno != EISDIR {
                    let display = path + "/" + String(decoding: name.dropLast(), as: UTF8.self)
                    throw .failed("ward: cannot remove \(display): \(Errno.current)")
                }
            }
            var st = stat()
            let found = withCName(name) { fstatat(fd, $0, &st, AT_SYMLINK_NOFOLLOW) }
            let display = path + "/" + String(decoding: name.dropLast(), as: UTF8.self)
            if found != 0 {
                if errno == ENOENT { continue }
                throw .failed("ward: cannot stat \(display): \(Errno.current)")
            }
            if st.st_mode & S_IFMT == S_IFDIR {
                guard UInt64(st.st_dev) == device else {
                    throw .refused(
                        "ward: \(display) is a mount point; stopped before crossing into it",
                        rule: "worktree-mount-point")
                }
                let child = withCName(name) { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                guard child >= 0 else { throw .failed("ward: cannot open \(display): \(Errno.current)") }
                do throws(WorktreeError) {
                    try emptyDirectory(child, path: display, device: device)
                } catch {
                    close(child)
                    throw error
                }
                close(child)
                try unlinkEntry(fd, name, flags: AT_REMOVEDIR, display: display)
            } else {
                try unlinkEntry(fd, name, flags: 0, display: display)
            }
        }
    }

    private static func unlinkEntry(_ fd: Int32, _ name: [UInt8], flags: Int32, display: String) throws(WorktreeError) {
        let result = withCName(name) { unlinkat(fd, $0, flags) }
        guard result == 0 || errno == ENOENT else {
            throw .failed("ward: cannot remove \(display): \(Errno.current)")
        }
    }

    /// Calls `body` with a NUL-terminated name as a C string; -1 (with `errno` EINVAL) for an empty buffer.
    private static func withCName(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Int32) -> Int32 {
        name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else {
                    errno = EINVAL
                    return -1
                }
                return body(base)
            }
        }
    }

    /// The names in the open directory `fd`, each NUL-terminated bytes (names need not be UTF-8).
    private static func entries(_ fd: Int32, path: String) throws(WorktreeError) -> [(name: [UInt8], type: UInt8)] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            throw .failed("ward: cannot read \(path): \(Errno.current)")
        }
        defer { closedir(dir) }
        var names: [(name: [UInt8], type: UInt8)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append((name + [0], Disk.entryType(entry)))
        }
        return names
    }
}
