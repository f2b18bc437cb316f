import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Which files of a scenario folder a batch reads, and where each writes,
/// decided before anything runs: symbolic links that leave the folder and
/// anything that is not a regular file are skipped unread, and two inputs
/// whose outputs would meet in one file are refused by name.
public struct BatchPlan: Sendable {
    public struct Item: Sendable, Equatable {
        /// The name in the folder (`a.yaml`).
        public var file: String
        /// The path to read (a link inside the folder resolved to its target); nil when not read.
        public var readPath: String?
        /// Output stem: `STEM.md` and `STEM.json` (the file's name without its
        /// extension, capped by `OutputName.capped`).
        public var stem: String
        /// Why the file is not run (status and message), if it is not.
        public var refusal: (status: BatchIndex.Status, message: String)?

        public static func == (a: Item, b: Item) -> Bool {
            a.file == b.file && a.readPath == b.readPath && a.stem == b.stem && a.refusal?.status == b.refusal?.status
                && a.refusal?.message == b.refusal?.message
        }
    }

    public static let extensions = [".yaml", ".yml", ".json"]
    /// Output stems the batch writes itself.
    public static let reservedStems = ["index"]

    public var items: [Item]

    /// Plans a batch over `folder` (the names it holds are listed by the caller, so this stays testable).
    public init(folder: String, names: [String]) {
        let root = Self.realPath(folder) ?? folder
        let candidates = names.filter { name in
            !name.hasPrefix(".") && Self.extensions.contains { name.lowercased().hasSuffix($0) }
        }.sorted()
        var items = candidates.map { name -> Item in
            // Capped in bytes so that `STEM-exceedance.svg` still fits in a file name.
            let stem = OutputName.capped((name as NSString).deletingPathExtension)
            let path = (folder as NSString).appendingPathComponent(name)
            switch Self.classify(path, root: root) {
            case .success(let readPath): return Item(file: name, readPath: readPath, stem: stem)
            case .failure(let why): return Item(file: name, readPath: nil, stem: stem, refusal: (.skipped, why.message))
            }
        }
        // Outputs must be unique per input: refuse every member of a clash, naming the others.
        let byStem = Dictionary(grouping: items.indices.filter { items[$0].refusal == nil }) { items[$0].stem }
        for (stem, indices) in byStem {
            if Self.reservedStems.contains(stem) {
                for i in indices {
                    items[i].refusal = (
                        .invalid, "its report would be \(stem).md, the batch's own index; rename the file"
                    )
                }
            } else if indices.count > 1 {
                for i in indices {
                    let others = indices.filter { $0 != i }.map { items[$0].file }.joined(separator: ", ")
                    items[i].refusal = (
                        .invalid, "it would write \(stem).md and \(stem).json, as \(others) would; rename one of them"
                    )
                }
            }
        }
        self.items = items
    }

    struct Refusal: Error { let message: String }

    /// A regular file inside the folder: its path to read.
    static func classify(_ path: String, root: String) -> Result<String, Refusal> {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            return .failure(Refusal(message: "cannot be examined (\(String(cString: strerror(errno))))"))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            return .success(path)
        case S_IFLNK:
            guard let target = realPath(path), target.hasPrefix(root + "/") else {
                return .failure(
                    Refusal(message: "a symbolic link that leads outside the scenario folder: not followed"))
            }
            var t = stat()
            guard lstat(target, &t) == 0, t.st_mode & S_IFMT == S_IFREG else {
                return .failure(Refusal(message: "a symbolic link to something that is not a regular file: not read"))
            }
            return .success(target)
        default:
            return .failure(Refusal(message: "not a regular file (a folder, pipe, socket or device): not read"))
        }
    }

    /// The canonical path, links resolved; nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
