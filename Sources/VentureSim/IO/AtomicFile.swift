import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Writes a run's files so that no reader, crash or kill ever sees a partial
/// one, and so that a hostile output path cannot redirect the write.
///
/// Every output is first written in full to its own temporary file, created
/// exclusively with an unpredictable name in the destination folder
/// (`mkstemp`: `O_CREAT | O_EXCL`, so a planted symlink is never followed),
/// and flushed with fsync. Only when all of them are on disk are they renamed
/// over their destinations (rename is atomic within a file system). An
/// existing regular file is replaced only by a complete new one and keeps its
/// permission bits. A character device or FIFO (`/dev/null`, `/dev/stdout`, a
/// named pipe) is written into directly, never replaced. A symbolic link, a
/// folder or any other kind of file at a destination is refused.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
        public var description: String { "cannot write \(TextRules.escaped(path)): \(reason)" }
    }

    /// One file to write.
    public struct Output: Sendable {
        public var path: String
        public var data: Data
        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
        public init(path: String, text: String) { self.init(path: path, data: Data(text.utf8)) }
    }

    /// What is at a destination, as far as writing to it goes.
    enum Target: Equatable {
        /// Nothing yet: a new regular file.
        case absent
        /// A regular file, replaced by rename; its permission bits are kept.
        case regular(mode: mode_t, device: UInt64, inode: UInt64)
        /// A character device or FIFO: written into directly.
        case stream(device: UInt64, inode: UInt64)

        var identity: (UInt64, UInt64)? {
            switch self {
            case .absent: return nil
            case .regular(_, let d, let i), .stream(let d, let i): return (d, i)
            }
        }
    }

    /// The prefix of temporary files; the writer's PID follows, so that a later
    /// batch removes only the left-overs of processes that are gone.
    public static let temporaryPrefix = ".venturesim-tmp-"

    /// Checks every destination (kind of file, duplicates) without writing:
    /// what a run calls before it starts, so it does not fail after the work.
    public static func preflight(_ paths: [String]) throws(WriteError) {
        _ = try targets(paths)
    }

    /// An output written early, in pieces, to its temporary file (or into its
    /// device or pipe), renamed over its destination by `writeAll` with the others.
    public struct Staged: Sendable {
        public let path: String
        /// nil when the destination is a device or pipe, already written into.
        let temp: String?

        /// Removes the temporary file: the run failed after staging.
        public func discard() {
            guard let temp else { return }
            unlink(temp)
            TemporaryFiles.shared.remove([temp])
        }
    }

    /// Streams an output to a new temporary file beside `path` (or into
    /// `path` when it is a device or pipe): `produce` is given a function that appends text.
    public static func stage(
        _ path: String, _ produce: ((String) throws(WriteError) -> Void) throws(WriteError) -> Void
    ) throws(WriteError) -> Staged {
        let kind = try target(path)
        let fd: Int32, temp: String?
        switch kind {
        case .stream:
            fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            temp = nil
        case .absent, .regular:
            let folder = try makeFolder(for: path)
            (fd, temp) = try createTemporary(in: folder, for: path)
        }
        var failure: String?
        do throws(WriteError) {
            try produce { (text: String) throws(WriteError) in
                if let reason = writeFully(fd, Data(text.utf8)) { throw WriteError(path: path, reason: reason) }
            }
        } catch {
            failure = error.reason
        }
        if failure == nil, temp != nil {
            let mode: mode_t = if case .regular(let m, _, _) = kind { m } else { 0o666 & ~FileMode.umask }
            if fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            if let temp { unlink(temp); TemporaryFiles.shared.remove([temp]) }
            throw WriteError(path: path, reason: failure)
        }
        return Staged(path: path, temp: temp)
    }

    /// Writes all outputs or none (see the type's description); `staged` outputs are renamed with them.
    public static func writeAll(_ outputs: [Output], staged: [Staged] = []) throws(WriteError) {
        let kinds: [Target]
        do throws(WriteError) {
            kinds = try targets(outputs.map(\.path) + staged.map(\.path)).dropLast(staged.count)
        } catch {
            for s in staged { s.discard() }
            throw error
        }
        var temporaries: [(temp: String, output: Output)] = staged.compactMap { s in
            s.temp.map { ($0, Output(path: s.path, data: Data())) }
        }
        func discard() {
            for t in temporaries { unlink(t.temp) }
            TemporaryFiles.shared.remove(temporaries.map(\.temp))
        }
        for (output, kind) in zip(outputs, kinds) {
            let mode: mode_t
            switch kind {
            case .stream: continue
            case .absent: mode = 0o666 & ~FileMode.umask
            case .regular(let m, _, _): mode = m
            }
            do throws(WriteError) {
                let folder = try makeFolder(for: output.path)
                let temp = try writeTemporary(output.data, in: folder, mode: mode, for: output.path)
                temporaries.append((temp, output))
            } catch {
                discard()
                throw error
            }
        }
        for (index, t) in temporaries.enumerated() {
            do throws(WriteError) {
                // The destination may have changed since the check; never rename over a link, a folder or a device.
                if case .stream = try target(t.output.path) {
                    throw WriteError(path: t.output.path, reason: "it changed into a device or pipe while writing")
                }
                guard rename(t.temp, t.output.path) == 0 else {
                    throw WriteError(path: t.output.path, reason: String(cString: strerror(errno)))
                }
            } catch {
                // Only those not renamed yet: a renamed one's temporary name may be another writer's by now.
                for rest in temporaries[index...] { unlink(rest.temp) }
                TemporaryFiles.shared.remove(temporaries.map(\.temp))
                throw error
            }
        }
        // Make the renames durable: one fsync per folder.
        for folder in Set(temporaries.map { URL(fileURLWithPath: $0.output.path).deletingLastPathComponent().path }) {
            syncFolder(folder)
        }
        TemporaryFiles.shared.remove(temporaries.map(\.temp))
        for (output, kind) in zip(outputs, kinds) {
            if case .stream = kind { try writeStream(output.data, to: output.path) }
        }
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        try writeAll([Output(path: path, data: data)])
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    // MARK: Destinations

    private static func targets(_ paths: [String]) throws(WriteError) -> [Target] {
        var seen: [String: String] = [:]
        var kinds: [Target] = []
        for path in paths {
            let kind = try target(path)
            let key: String
            if let (d, i) = kind.identity {
                key = "\(d):\(i)"
            } else {
                key = URL(fileURLWithPath: path).standardizedFileURL.path
            }
            if let other = seen[key] {
                throw WriteError(path: path, reason: "it is the same file as \(other); give each output its own path")
            }
            seen[key] = path
            kinds.append(kind)
        }
        return kinds
    }

    static func target(_ path: String) throws(WriteError) -> Target {
        guard !path.isEmpty else { throw WriteError(path: path, reason: "the path is empty") }
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return .absent }
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let (device, inode) = (UInt64(st.st_dev), UInt64(st.st_ino))
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular(mode: st.st_mode & 0o7777, device: device, inode: inode)
        case S_IFCHR, S_IFIFO: return .stream(device: device, inode: inode)
        case S_IFLNK:
            // /dev/stdout and /dev/fd/N are links to a terminal or pipe: writing into those is harmless.
            var t = stat()
            if stat(path, &t) == 0, [S_IFCHR, S_IFIFO].contains(t.st_mode & S_IFMT) {
                return .stream(device: UInt64(t.st_dev), inode: UInt64(t.st_ino))
            }
            throw WriteError(
                path: path,
                reason: "it is a symbolic link; VentureSim does not write through links (give the real path)")
        case S_IFDIR: throw WriteError(path: path, reason: "it is a folder; give a file name")
        default: throw WriteError(path: path, reason: "it is not a regular file, a character device or a pipe")
        }
    }

    /// Whether a destination is a character device or pipe (`/dev/null`, `/dev/stdout`): no files go beside such a
    /// report.
    public static func isStream(_ path: String) -> Bool {
        if case .stream = try? target(path) { return true }
        return false
    }

    /// The device and inode of an existing file (after links), for "is this my input?" checks.
    public static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    // MARK: Writing

    private static func makeFolder(for path: String) throws(WriteError) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
        }
        return folder
    }

    /// A new temporary file in `folder`, open for writing, registered for removal on a signal.
    private static func createTemporary(in folder: String, for path: String) throws(WriteError) -> (
        fd: Int32, path: String
    ) {
        var template = Array((folder + "/" + temporaryPrefix + "\(getpid())-XXXXXX").utf8CString)
        // mkstemp opens with O_CREAT | O_EXCL and mode 0600: a name planted in advance (a symlink) makes it pick
        // another.
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        guard fd >= 0 else {
            throw WriteError(
                path: path, reason: "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        TemporaryFiles.shared.add(temp)
        return (fd, temp)
    }

    private static func writeTemporary(_ data: Data, in folder: String, mode: mode_t, for path: String)
        throws(WriteError) -> String
    {
        let (fd, temp) = try createTemporary(in: folder, for: path)
        var failure = writeFully(fd, data)
        if failure == nil, fchmod(fd, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            TemporaryFiles.shared.remove([temp])
            throw WriteError(path: path, reason: failure)
        }
        return temp
    }

    private static func writeStream(_ data: Data, to path: String) throws(WriteError) {
        // Links are followed only here, and only to a device or pipe (checked again on the open descriptor).
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        if fstat(fd, &st) != 0 || ![S_IFCHR, S_IFIFO].contains(st.st_mode & S_IFMT) {
            close(fd)
            throw WriteError(path: path, reason: "it is no longer a device or pipe")
        }
        let failure = writeFully(fd, data)
        close(fd)
        if let failure { throw WriteError(path: path, reason: failure) }
    }

    private static func writeFully(_ fd: Int32, _ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }

    /// Makes the renames into `folder` durable.
    private static func syncFolder(_ folder: String) {
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}

/// The process's file-creation mask, read once.
enum FileMode {
    static let umask: mode_t = {
        let mask = Glibc.umask(0o022)
        Glibc.umask(mask)
        return mask
    }()
}
