import Crypto
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A partial result opened for merging: its header read and checked, its payload
/// not yet read. Opening reads only the format line and the header (at most
/// `maxHeaderBytes`), checks the header's SHA-256, its fields' ranges and shape
/// (`PartialHeaderCheck`), and that the payload it declares is exactly what the
/// file holds; the payload is read later by `stream()`, in bounded memory.
public struct PartialFile: Sendable {
    /// What messages call the file (its path).
    public let name: String
    public let header: PartialResult.Header
    let source: Source

    enum Source: Sendable {
        /// The payload is `data[offset...]`.
        case memory(Data, offset: Int)
        /// The payload is bytes `offset ..< offset + header.payloadBytes` of the regular file at `path`, `size` bytes
        /// in all.
        case file(path: String, offset: Int, size: Int)
    }

    /// The line after the header: the SHA-256 of the header's JSON bytes.
    static let headerDigestPrefix = "header-sha256 "
    /// A header holds the scenario's text (at most `ScenarioFile.maxBytes`), JSON-escaped (at most 6 bytes a byte), and
    /// a little more.
    static let maxHeaderBytes = 6 * ScenarioFile.maxBytes + 1_048_576

    /// A partial held in memory (as `PartialResult.simulate` made it), for merging without a file.
    public init(name: String, partial: PartialResult) {
        self.name = name
        header = partial.header
        source = .memory(partial.payload, offset: partial.payload.startIndex)
    }

    private init(name: String, header: PartialResult.Header, source: Source) {
        (self.name, self.header, self.source) = (name, header, source)
    }

    /// The partial in `data` (a whole file's bytes).
    static func open(_ data: Data, name: String) throws(PartialError) -> PartialFile {
        let data = data.startIndex == 0 ? data : Data(data)
        let (header, offset) = try readHeader(name: name, size: data.count) { range in data.subdata(in: range) }
        guard data.count - offset == header.payloadBytes else {
            throw sizeMismatch(name, header, actual: data.count - offset)
        }
        return PartialFile(name: name, header: header, source: .memory(data, offset: offset))
    }

    /// The partial at `path`: a regular file (a link is not followed), its header read and checked, its payload not
    /// read.
    public static func open(path: String) throws(PartialError) -> PartialFile {
        let handle = try FileReader(path: path)
        defer { handle.close() }
        let (header, offset) = try readHeader(name: path, size: handle.size) { range throws(PartialError) in
            try handle.read(range)
        }
        guard handle.size - offset == header.payloadBytes else {
            throw sizeMismatch(path, header, actual: handle.size - offset)
        }
        return PartialFile(name: path, header: header, source: .file(path: path, offset: offset, size: handle.size))
    }

    private static func sizeMismatch(_ name: String, _ header: PartialResult.Header, actual: Int) -> PartialError {
        .field(
            name, "payload_bytes",
            "says \(header.payloadBytes) bytes, but \(actual) follow the header (a truncated, extended or damaged file)"
        )
    }

    /// The header and the payload's offset, from a file of `size` bytes read through `read` (byte ranges within the
    /// size).
    private static func readHeader(name: String, size: Int, read: (Range<Int>) throws(PartialError) -> Data)
        throws(PartialError) -> (PartialResult.Header, Int)
    {
        let magic = Data((PartialResult.magic + "\n").utf8)
        let start = try read(0..<min(size, magic.count))
        guard start == magic else {
            if start.starts(with: Data("VENTURESIM-PARTIAL ".utf8)) {
                // Printable ASCII only: the file's bytes go to a terminal.
                let version = String(decoding: start.dropFirst(19).prefix { (0x21...0x7E).contains($0) }, as: UTF8.self)
                throw PartialError(
                    reason:
                        "\(name): written in partial format '\(version.isEmpty ? "?" : version)', not this "
                        + "VentureSim's "
                        + "('\(PartialResult.magic)'): run the shard again with this version")
            }
            throw PartialError(
                reason: "\(name): not a VentureSim partial result (it does not start with '\(PartialResult.magic)')")
        }
        // The header line, read in pieces until its newline, never past maxHeaderBytes.
        var json = Data()
        var at = magic.count
        var end: Int?
        while end == nil {
            guard at < size, json.count <= maxHeaderBytes else {
                throw PartialError(
                    reason: at >= size
                        ? "\(name): its header is cut short (no end of line after it)"
                        : "\(name): its header is longer than \(maxHeaderBytes / 1_048_576) MB without an end of line; "
                            + "not a partial result"
                )
            }
            let piece = try read(at..<min(size, at + 65_536))
            let newline = piece.firstIndex(of: 0x0A)
            // JSON text never holds a NUL byte: a file of zeros (a sparse one, say) is refused at its first piece.
            guard !piece[..<(newline ?? piece.endIndex)].contains(0) else {
                throw PartialError(reason: "\(name): its header holds a NUL byte; not a partial result")
            }
            if let newline {
                json.append(piece[piece.startIndex..<newline])
                end = at + (newline - piece.startIndex)
            } else {
                json.append(piece)
            }
            at += piece.count
        }
        let afterHeader = end! + 1
        let digestLine = Data(headerDigestPrefix.utf8).count + 64 + 1
        let line = try read(afterHeader..<min(size, afterHeader + digestLine))
        let expected = Data((headerDigestPrefix + SHA256.hash(data: json).hexadecimal + "\n").utf8)
        guard line == expected else {
            throw PartialError(
                reason: line.starts(with: Data(headerDigestPrefix.utf8))
                    ? "\(name): its header does not match its SHA-256 (an edited or damaged file)"
                    : "\(name): the line after its header is not '\(headerDigestPrefix)…' (a truncated or damaged file)"
            )
        }
        let header = try PartialHeaderCheck.decode(json, name: name)
        try PartialHeaderCheck.check(header, name: name)
        return (header, afterHeader + digestLine)
    }

    /// This partial without the scenario's text and overrides: what a merge keeps of every partial but the first
    /// (it rebuilds the scenario from the first; the digests say the others ran the same), so many shards cost little
    /// memory.
    public func withoutScenarioText() -> PartialFile {
        var h = header
        (h.text, h.overrides) = ("", [])
        return PartialFile(name: name, header: h, source: source)
    }

    /// The payload, for reading front to back.
    func stream() throws(PartialError) -> PayloadStream {
        switch source {
        case .memory(let data, let offset):
            return PayloadStream(name: name, expected: header, reader: .memory(data, offset: offset))
        case .file(let path, let offset, let size):
            let handle = try FileReader(path: path)
            // The file must still be what was opened: the same size (its payload's digest is checked as it is read).
            guard handle.size == size else {
                handle.close()
                throw PartialError(
                    reason: "\(name): the file changed while merging (\(size) bytes, now \(handle.size))")
            }
            return PayloadStream(name: name, expected: header, reader: .file(handle, offset: offset))
        }
    }
}

/// A regular file open for reading (`O_NOFOLLOW`: a link is refused), with its size.
final class FileReader: @unchecked Sendable {
    let path: String
    private var fd: Int32
    let size: Int

    init(path: String) throws(PartialError) {
        self.path = path
        fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw PartialError(reason: "\(path): no such file")
            case ELOOP:
                throw PartialError(
                    reason: "\(path): not a regular file (a partial result is one; links are not followed)")
            default: throw PartialError(reason: "\(path): cannot open it (\(String(cString: strerror(errno))))")
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(fd)
            throw PartialError(reason: "\(path): not a regular file (a partial result is one; links are not followed)")
        }
        size = Int(st.st_size)
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }

    /// Bytes `range` (within the size) into `buffer`; an error when the file has fewer.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(PartialError) {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw PartialError(reason: "\(path): cannot read it (\(String(cString: strerror(errno))))")
            }
            if n == 0 { throw PartialError(reason: "\(path): the file ended early (it changed while merging?)") }
            done += n
        }
    }

    func read(_ range: Range<Int>) throws(PartialError) -> Data {
        var data = Data(count: range.count)
        var failure: PartialError?
        data.withUnsafeMutableBytes { raw in
            do throws(PartialError) { try read(into: raw, at: range.lowerBound) } catch { failure = error }
        }
        if let failure { throw failure }
        return data
    }
}
