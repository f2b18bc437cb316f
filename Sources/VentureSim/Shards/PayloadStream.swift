import Crypto
import Foundation

/// A partial's payload read front to back in bounded memory (at most one
/// buffer of `bufferSize` besides what the caller reads into), every byte
/// hashed as it passes, so `finish` can check the header's size and SHA-256.
struct PayloadStream {
    let name: String
    private let expectedBytes: Int
    private let expectedDigest: String
    private let reader: Reader
    /// Bytes read so far (from the payload's start).
    private(set) var consumed = 0
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private var bufferAt = 0

    static let bufferSize = 1 << 20

    enum Reader {
        case memory(Data, offset: Int)
        case file(FileReader, offset: Int)
    }

    init(name: String, expected header: PartialResult.Header, reader: Reader) {
        self.name = name
        expectedBytes = header.payloadBytes
        expectedDigest = header.payloadSHA256
        self.reader = reader
    }

    /// Bytes the payload still holds: for a file, what its header declared (checked against the file's size);
    /// in memory, what the data holds.
    var remaining: Int {
        switch reader {
        case .memory(let data, let offset): return data.endIndex - offset - consumed
        case .file: return expectedBytes - consumed
        }
    }

    /// Copies the next `count` bytes to `destination`; false (nothing hashed) when fewer remain.
    mutating func copy(to destination: UnsafeMutableRawPointer, count: Int) throws(PartialError) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        let target = UnsafeMutableRawBufferPointer(start: destination, count: count)
        switch reader {
        case .memory(let data, let offset):
            let start = offset + consumed
            data.withUnsafeBytes { raw in
                let from = UnsafeRawBufferPointer(
                    rebasing: raw[(start - data.startIndex)..<(start - data.startIndex + count)])
                target.copyMemory(from: from)
            }
        case .file(let file, let offset):
            // In pieces, so a large column is hashed while it is still in the cache.
            var done = 0
            while done < count {
                let piece = min(Self.bufferSize, count - done)
                try file.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: target[done..<done + piece]),
                    at: offset + consumed + done)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: target[done..<done + piece]))
                done += piece
            }
            consumed += count
            return true
        }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(target))
        consumed += count
        return true
    }

    /// The next `count` bytes as data (for in-memory payloads, already held).
    mutating func bytes(_ count: Int) throws(PartialError) -> Data {
        guard count >= 0, count <= remaining else {
            throw PartialError(reason: "\(name): its payload is shorter than its header says (a truncated file)")
        }
        var data = Data(count: count)
        var failure: PartialError?
        data.withUnsafeMutableBytes { raw in
            do throws(PartialError) {
                _ = try copy(to: raw.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)!, count: count)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return data
    }

    /// The next 8 bytes, little-endian; nil at the end.
    mutating func word() throws(PartialError) -> UInt64? {
        if bufferAt + 8 > buffer.count {
            // Refill: what is left of the buffer, then up to a buffer's worth more.
            let kept = Array(buffer[bufferAt...])
            let more = try bytes(min(Self.bufferSize, remaining))
            buffer = kept + more
            bufferAt = 0
            guard buffer.count >= 8 else { return nil }
        }
        var x: UInt64 = 0
        for k in 0..<8 { x |= UInt64(buffer[bufferAt + k]) << (8 * UInt64(k)) }
        bufferAt += 8
        return x
    }

    mutating func int() throws(PartialError) -> Int? { try word().map { Int(Int64(bitPattern: $0)) } }
    mutating func double() throws(PartialError) -> Double? { try word().map { Double(bitPattern: $0) } }

    /// Whether every byte has been taken (buffered words included).
    var atEnd: Bool { remaining == 0 && bufferAt == buffer.count }

    /// When decoding found the payload implausible: the digest error if its bytes, of the declared length, are not the
    /// ones the header's SHA-256 describes (damage, not a forged shard, is then the cause to name); nil otherwise (the
    /// decoding error stands: a payload of another length, which only an in-memory partial can have, was cut short).
    /// Reads the rest, in bounded memory.
    mutating func damage() -> PartialError? {
        guard consumed + remaining == expectedBytes else { return nil }
        do throws(PartialError) {
            buffer = []
            bufferAt = 0
            while remaining > 0 { _ = try bytes(min(Self.bufferSize, remaining)) }
            try finish()
            return nil
        } catch {
            return error
        }
    }

    /// Checks that the payload was read to its end and matches the header's size and SHA-256.
    mutating func finish() throws(PartialError) {
        guard atEnd else {
            throw PartialError(
                reason:
                    "\(name): its payload is longer than this scenario's shard needs "
                    + "(\(consumed - (buffer.count - bufferAt) ) bytes used, \(expectedBytes) declared)"
            )
        }
        guard consumed == expectedBytes else {
            throw PartialError.field(
                name, "payload_bytes", "says \(expectedBytes) bytes, but the payload holds \(consumed)")
        }
        guard hasher.finalize().hexadecimal == expectedDigest else {
            throw PartialError(
                reason:
                    "\(name): its payload does not match the SHA-256 in its header (payload_sha256): a damaged or "
                    + "edited file"
            )
        }
    }
}
