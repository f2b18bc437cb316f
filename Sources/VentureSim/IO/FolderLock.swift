import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on an output folder (`flock` on a lock file in it), held
/// for the life of the object, so that two batches never write one folder.
/// The holder's PID is written into the file for the other's message.
public final class FolderLock {
    public struct Busy: Error, CustomStringConvertible {
        public var folder: String
        public var holder: Int32?
        public var reason: String?
        public var description: String {
            if let reason { return "\(folder): cannot lock the output folder (\(reason))" }
            let who = holder.map { "another batch (PID \($0))" } ?? "another batch"
            return "\(folder): \(who) is writing to this folder; wait for it to finish or choose another --out"
        }
    }

    public static let fileName = ".venturesim-batch.lock"
    private let fd: Int32

    /// Takes the lock at once or throws `Busy`; never waits.
    public init(folder: String) throws(Busy) {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        // O_NOFOLLOW: a link planted at the lock's name is refused, not followed.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason =
                errno == ELOOP
                ? "\(Self.fileName) is a symbolic link, which VentureSim never follows; remove \(path)"
                : String(cString: strerror(errno))
            throw Busy(folder: folder, reason: reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw Busy(folder: folder, reason: "\(Self.fileName) is not a regular file")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(fd)
            close(fd)
            throw Busy(folder: folder, holder: holder)
        }
        // A second name for the file (a hard link planted at the lock's name) would have the PID written over whatever
        // file shares it: only a file of one link is truncated and written. Checked last, just before the write.
        guard fstat(fd, &st) == 0, st.st_nlink == 1 else {
            close(fd)
            throw Busy(
                folder: folder,
                reason: "\(Self.fileName) has \(st.st_nlink) links: it is a hard link to another file, "
                    + "which VentureSim will not overwrite; remove \(path)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { raw in raw.baseAddress.map { pwrite(fd, $0, raw.count, 0) } }
        self.fd = fd
    }

    deinit { close(fd) }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { raw in raw.baseAddress.map { pread(fd, $0, raw.count, 0) } ?? -1 }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
