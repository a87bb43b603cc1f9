/// The framing SHA-1 and SHA-256 share (Merkle–Damgård over 64-byte blocks, big-endian 32-bit
/// words, the bit length in the last 8 bytes): buffering, padding and the hex digest. Each hash
/// supplies its state and its block function.
protocol BlockHash {
    var state: [UInt32] { get set }
    var pending: [UInt8] { get set }
    var length: UInt64 { get set }
    mutating func compress(_ block: ArraySlice<UInt8>)
}

extension BlockHash {
    mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            guard pending.count == 64 else { return }
            compress(pending[...])
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - start >= 64 {
            compress(bytes[start..<(start + 64)])
            start += 64
        }
        pending += bytes[start...]
    }

    mutating func update(_ text: String) {
        update(Array(text.utf8))
    }

    /// The digest in lower-case hex; the value is spent afterwards.
    mutating func hexDigest() -> String {
        let bits = length &* 8
        var tail = pending + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        for start in stride(from: 0, to: tail.count, by: 64) { compress(tail[start..<(start + 64)]) }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for word in state {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xf)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
