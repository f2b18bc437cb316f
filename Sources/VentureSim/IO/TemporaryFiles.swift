import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// The temporary files this process has created and not yet renamed or
/// removed, so that an exit forced by a signal can remove them first; and the
/// clean-up of temporary files left by processes that are gone.
public final class TemporaryFiles: Sendable {
    public static let shared = TemporaryFiles()
    private let paths = Mutex<Set<String>>([])

    func add(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    func remove(_ done: [String]) { paths.withLock { $0.subtract(done) } }

    /// Unlinks every temporary file still open for writing (before a forced exit).
    public func removeAll() {
        paths.withLock { set in
            for p in set { unlink(p) }
            set.removeAll()
        }
    }

    /// The PID in a temporary file's name (`.venturesim-tmp-PID-XXXXXX`), if it has one.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix(AtomicFile.temporaryPrefix) else { return nil }
        let rest = name.dropFirst(AtomicFile.temporaryPrefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        return pid_t(rest[..<dash])
    }

    /// Whether process `pid` still runs (EPERM: it runs, as another user).
    static func isAlive(_ pid: pid_t) -> Bool {
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes from `folder` the temporary files of processes that are gone;
    /// returns their names. A live writer's files are left alone.
    public static func removeStale(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var removed: [String] = []
        for name in names where name.hasPrefix(AtomicFile.temporaryPrefix) {
            // A name without a PID (an older version's) has no owner to ask: its writer is gone.
            if let pid = owner(of: name), pid > 0, isAlive(pid) { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            var st = stat()
            // Only regular files: never follow or remove what a temporary name points at.
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }
}
