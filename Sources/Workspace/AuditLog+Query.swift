/// Reading the audit log for `ward log`: filters, a limit, and the rotated files.
extension AuditLog {
    /// One line of the log, with the record when the line is one.
    public struct Entry: Sendable, Equatable {
        /// The line as stored, without its newline (what `ward log --json` prints).
        public var line: String
        /// nil for a line ward cannot read (torn, foreign); such lines pass only an empty filter.
        public var record: AuditRecord?

        public init(line: String, record: AuditRecord?) {
            self.line = line
            self.record = record
        }
    }

    /// The files of the log, newest first: `path`, then `path.1`, `path.2`, … while they exist.
    public static func files(path: String) -> [String] {
        var files = [path]
        var k = 1
        while k <= 1000, FileSystem.fileExists("\(path).\(k)") {
            files.append("\(path).\(k)")
            k += 1
        }
        return files
    }

    /// The newest `limit` entries that pass `filter` (all of them when `limit` is 0), oldest first.
    ///
    /// Files are read newest first and only as far back as needed: reading stops once `limit`
    /// entries are found, or once a file holds a record older than `filter.since` (the files
    /// before it are older still). Empty when there is no log.
    public static func entries(path: String, filter: AuditFilter = AuditFilter(), limit: Int = 0) -> [Entry] {
        var newestFirst: [Entry] = []
        for file in files(path: path) {
            guard let bytes = FileSystem.readFile(file, limit: 1 << 30) else { continue }
            var reachedSince = false
            for slice in bytes.split(separator: 0x0A).reversed() {
                let line = String(decoding: slice, as: UTF8.self)
                let record = AuditRecord(jsonLine: line)
                if let since = filter.since, let time = record?.time, time < since { reachedSince = true }
                if filter.isEmpty || record.map(filter.matches) == true {
                    newestFirst.append(Entry(line: line, record: record))
                    if limit > 0, newestFirst.count >= limit { return newestFirst.reversed() }
                }
            }
            if reachedSince { break }
        }
        return newestFirst.reversed()
    }
}
