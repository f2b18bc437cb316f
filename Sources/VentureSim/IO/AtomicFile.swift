import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that no reader, crash or kill ever sees a partial one:
/// the bytes go to a temporary file in the same folder, are flushed to disk
/// with fsync, and the temporary file is renamed over the final path
/// (rename is atomic within a file system). An existing file is replaced
/// only by a complete new one.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The prefix of temporary files, so that left-overs of a killed process can be recognised.
    public static let temporaryPrefix = ".venturesim-tmp-"

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
        }
        let temp = folder + "/" + temporaryPrefix + "\(getpid())-" + url.lastPathComponent
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw WriteError(path: path, reason: failure)
        }
        // Make the rename itself durable.
        let dir = open(folder, O_RDONLY | O_DIRECTORY)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }
}
