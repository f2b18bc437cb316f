import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Reading scenario files from disk (the loader itself works on text).
public enum ScenarioFile {
    /// Scenario files larger than this are refused unread: a scenario is a
    /// few kilobytes, and parsing a huge file costs minutes and gigabytes.
    public static let maxBytes = 10 * 1024 * 1024

    /// Loads and validates the scenario at `path` (`-` reads standard input);
    /// every error names the file. A regular file, a pipe or a character
    /// device (`/dev/stdin`) is read; anything else is refused by what it is.
    /// `name` is what messages call the file (default: `path`).
    public static func load(path: String, name: String? = nil, followLinks: Bool = true, overrides: [Override] = [])
        throws(ScenarioError) -> Scenario
    {
        let text = try read(path: path, name: name, followLinks: followLinks)
        return try ScenarioLoader.load(text: text, file: name ?? path, overrides: overrides)
    }

    /// The text of a scenario file, checked to be UTF-8 text within `maxBytes`.
    public static func read(path: String, name: String? = nil, followLinks: Bool = true) throws(ScenarioError) -> String
    {
        func fail(_ why: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: name ?? path, path: "", message: why)])
        }
        let fd: Int32
        if path == "-" {
            fd = dup(STDIN_FILENO)
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
        }
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw fail("no such file")
            case ELOOP: throw fail("it is a symbolic link, which is not followed here")
            case EACCES: throw fail("permission denied")
            default: throw fail("cannot open it (\(String(cString: strerror(errno))))")
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot read it (\(String(cString: strerror(errno))))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            if st.st_size > maxBytes {
                throw fail(
                    "the file has \(NumberFormat.grouped(Int64(st.st_size))) bytes; scenario files are limited to "
                        + "\(maxBytes / 1_048_576) MB"
                )
            }
        case S_IFIFO, S_IFCHR:
            break  // read as a stream, up to the same limit
        case S_IFDIR: throw fail("it is a folder, not a scenario file")
        case S_IFSOCK: throw fail("it is a socket, not a scenario file")
        default: throw fail("it is not a regular file")
        }
        // Blocking reads from here on (O_NONBLOCK only kept open() of a FIFO from waiting twice).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot read it (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if data.count > maxBytes {
                throw fail("it holds more than \(maxBytes / 1_048_576) MB; scenario files are limited to that")
            }
        }
        if data.contains(0) { throw fail("it is a binary file, not a scenario (YAML or JSON text)") }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("the file is not UTF-8 text") }
        return text
    }

    /// A file name made from a scenario name: letters (any script), digits,
    /// `-`, `_` and `.` are kept, anything else becomes `-`. When that loses
    /// something (so two names could meet in one file), a short hash of the
    /// whole name is appended: `"..."` and `"!!!"` get different files.
    public static func slug(_ name: String) -> String {
        var s = String(
            name.map { ch -> Character in
                ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == "." ? ch : "-"
            })
        while s.hasPrefix(".") || s.hasPrefix("-") { s.removeFirst() }
        if s.utf8.count > 120 { s = String(s.prefix(100)) }
        guard s != name || s.isEmpty else { return s }
        return (s.isEmpty ? "scenario" : s) + "-" + fnv1a(name)
    }

    /// FNV-1a, 32 bits, as 8 hex digits: stable across runs and platforms (unlike `hashValue`).
    static func fnv1a(_ text: String) -> String {
        var h: UInt32 = 0x811C_9DC5
        for b in text.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
