/// Output file names within what a file system takes: 255 bytes a name
/// (NAME_MAX on Linux and macOS), 4,095 bytes a path.
///
/// A report's base name gets suffixes (`.md`, `.json`, `.html`, and for its
/// charts `-exceedance.svg` and the like), so a base derived from a scenario
/// or a file name is capped to leave room for the longest of them; a name
/// given by the user that is too long is refused before any work is done.
public enum OutputName {
    /// Bytes a file name may have.
    public static let maxNameBytes = 255
    /// Bytes a path may have (PATH_MAX less its terminating NUL).
    public static let maxPathBytes = 4095

    /// Every suffix a report's base name takes.
    public static var suffixes: [String] { [".md", ".json", ".html"] + Charts.everySlug.map { "-\($0).svg" } }

    /// Bytes a derived base name may have, so that every suffixed name fits.
    public static var maxBaseBytes: Int { maxNameBytes - suffixes.map(\.utf8.count).reduce(0, max) }

    /// `base` if it fits in `maxBaseBytes`; otherwise its longest prefix that ends
    /// at a character boundary and leaves room for `-` and a hash of the whole
    /// name (8 hex digits), so that two long names cut alike still differ.
    public static func capped(_ base: String) -> String {
        guard base.utf8.count > maxBaseBytes else { return base }
        let tag = "-" + ScenarioFile.fnv1a(base)
        var kept = ""
        var bytes = 0
        for c in base {
            let n = c.utf8.count
            guard bytes + n + tag.utf8.count <= maxBaseBytes else { break }
            kept.append(c)
            bytes += n
        }
        return kept + tag
    }

    /// Why `path` cannot be written by its length, or nil when it can.
    public static func problem(_ path: String) -> String? {
        let bytes = path.utf8.count
        if bytes > maxPathBytes { return "the path is \(bytes) bytes long; paths are limited to \(maxPathBytes) bytes" }
        // In bytes, as the kernel splits it (a "/" followed by a combining mark is one Swift Character).
        let nameBytes = path.utf8.split(separator: UInt8(ascii: "/")).last?.count ?? 0
        guard nameBytes > maxNameBytes else { return nil }
        var why = "its file name is \(nameBytes) bytes long; file names are limited to \(maxNameBytes) bytes"
        if path.hasSuffix(".svg") {
            why +=
                " (a chart's name is the report's with a suffix such as '-exceedance.svg': shorten the report's name, "
                + "or give --no-charts)"
        }
        return why
    }

    /// Refuses the first of `paths` too long to be written, naming it.
    public static func check(_ paths: [String]) throws(AtomicFile.WriteError) {
        for path in paths {
            if let why = problem(path) { throw AtomicFile.WriteError(path: path, reason: why) }
        }
    }
}
