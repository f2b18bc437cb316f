import Foundation
import VentureSim

/// What tonight needs of the index the previous batch left in the output folder: each file's status and report.
/// The file is in the output folder, where anyone who can write there may have edited it: it is read leniently and
/// its paths are never used (the reports are found again from tonight's own plan of names).
struct PreviousIndex: Decodable {
    struct Entry: Decodable {
        var file: String
        var status: String
    }

    var started: String?
    var entries: [Entry]

    /// File → status of the previous batch.
    var statuses: [String: String] { Dictionary(entries.map { ($0.file, $0.status) }, uniquingKeysWith: { a, _ in a }) }

    /// The index at `out/index.json` if it is a regular file (not a link) of sane size.
    static func read(out: String) -> PreviousIndex? {
        let path = (out as NSString).appendingPathComponent("index.json")
        // Opened without following a link and without waiting on a pipe, then checked to be a regular file.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let data = try? handle.read(upToCount: 64 * 1_048_576) else { return nil }
        return try? JSONDecoder().decode(PreviousIndex.self, from: data)
    }
}

/// Reports on disk that tonight did not write: a scenario that failed keeps its last good report, a scenario whose
/// file is gone leaves its reports. Neither is deleted (the folder may hold files VentureSim did not write, and a
/// name may be a link planted there); each is marked in the index with the time of the run that wrote it.
enum StaleReports {
    static func mark(_ index: inout BatchIndex, previous: PreviousIndex?, out: String) {
        for i in index.entries.indices where index.entries[i].status != .ok {
            let stem = OutputName.capped((index.entries[i].file as NSString).deletingPathExtension)
            if let when = writtenAt(RunOutputs.batchJSON(folder: out, stem: stem)) {
                index.entries[i].staleReport =
                    "\(stem).md and its files are from an earlier run (\(when)), not tonight's"
            }
        }
        let tonight = Set(index.entries.map(\.file))
        for old in previous?.entries ?? []
        where !tonight.contains(old.file)
            && BatchPlan.extensions.contains(where: { old.file.lowercased().hasSuffix($0) })
        {
            // The name is hostile text: only a plain file name in the folder is looked at.
            guard !old.file.contains("/"), !old.file.hasPrefix("."), old.file.utf8.count <= 1024 else { continue }
            let stem = OutputName.capped((old.file as NSString).deletingPathExtension)
            guard let when = writtenAt(RunOutputs.batchJSON(folder: out, stem: stem)) else { continue }
            var entry = BatchIndex.Entry(file: old.file, status: .gone)
            entry.staleReport =
                "the scenario file is gone from the folder; \(stem).md and its files are from its last run (\(when))"
            index.entries.append(entry)
        }
    }

    /// When the regular file at `path` (a link is not followed) was last written, ISO 8601; nil when there is none.
    static func writtenAt(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec)))
    }
}
