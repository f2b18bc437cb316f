import ArgumentParser
import Foundation
import VentureSim

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a scenario to start from: every key commented with its unit and an example range.",
        discussion: """
            Writes NAME.yaml (or NAME, if it ends in .yaml) with one strategy of each kind asked for. \
            It validates and runs as written; replace the examples with what the pitch says. \
            An existing file is never overwritten, and a symlink is refused.
            """
    )

    @Argument(help: "The scenario's name (letters, digits, '-', '_', '.'); the file is NAME.yaml.")
    var name: String

    @Option(help: "Strategy kinds, comma-separated: subscription, api, hybrid.")
    var strategies: String = "subscription,api"

    func run() throws {
        let kinds = try self.kinds()
        let path = name.hasSuffix(".yaml") ? name : name + ".yaml"
        let stem = String((path as NSString).lastPathComponent.dropLast(".yaml".count))
        guard ScenarioTemplate.isPlainName(stem) else {
            throw ValidationError(
                "The name '\(TextRules.escaped(stem))' must be letters, digits, '-', '_' or '.' (not first), at most "
                    + "100 characters."
            )
        }
        let shown = TextRules.escaped(path)
        var info = stat()
        if lstat(path, &info) == 0 {
            printError(
                "error: \(shown): \((info.st_mode & S_IFMT) == S_IFLNK ? "is a symbolic link" : "already exists"); not "
                    + "overwritten (choose another name)"
            )
            throw Exit.failure
        }
        // O_EXCL: never replaces a file (or follows a link) planted after the check; O_NOFOLLOW for the same reason.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            printError("error: \(shown): cannot create it: \(String(cString: strerror(errno)))")
            throw Exit.failure
        }
        let bytes = Array(ScenarioTemplate.text(name: stem, kinds: kinds).utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(path)
                printError("error: \(shown): cannot write it: \(reason)")
                throw Exit.failure
            }
            offset += n
        }
        fsync(fd)
        close(fd)
        printOut(
            "wrote \(shown) (\(kinds.map(\.rawValue).joined(separator: ", "))); next: venturesim validate --explain "
                + "\(shown)"
        )
    }

    private func kinds() throws -> [Strategy.Kind] {
        let words = strategies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var kinds: [Strategy.Kind] = []
        for w in words {
            guard let k = Strategy.Kind(rawValue: w) else {
                throw ValidationError(
                    "Unknown strategy kind '\(TextRules.escaped(w))' (known: "
                        + "\(Strategy.Kind.allCases.map(\.rawValue).joined(separator: ", ")))."
                )
            }
            guard !kinds.contains(k) else { throw ValidationError("'\(w)' is listed twice in --strategies.") }
            kinds.append(k)
        }
        guard !kinds.isEmpty else { throw ValidationError("--strategies needs at least one kind.") }
        return kinds
    }
}
