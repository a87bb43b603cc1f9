extension StringProtocol {
    /// The text without the Unicode scalars at either end for which `isTrimmed` holds.
    ///
    /// `@inlinable`, so each call site gets a specialised copy: an unspecialised generic call
    /// looks up the associated types' witnesses at run time, on the agent-hook path.
    ///
    /// Each caller says which characters count, because the formats differ: git's `isspace`,
    /// JavaScript's `String.prototype.trim` (commitlint), line ends, Unicode white space.
    @inlinable public func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> SubSequence {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { scalars.formIndex(after: &start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isTrimmed(scalars[last]) else { break }
            end = last
        }
        return self[start..<end]
    }

    /// The text without the Unicode scalars at its end for which `isTrimmed` holds.
    @inlinable public func trimmingSuffix(where isTrimmed: (Unicode.Scalar) -> Bool) -> SubSequence {
        let scalars = unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let last = scalars.index(before: end)
            guard isTrimmed(scalars[last]) else { break }
            end = last
        }
        return self[startIndex..<end]
    }

    /// The text without Unicode white space (the `White_Space` property) at either end.
    @inlinable public func trimmingWhitespace() -> SubSequence {
        trimming(where: \.properties.isWhitespace)
    }
}
