import ArgumentParser
import Foundation
import VentureSim

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print the nightly history a batch keeps in OUTDIR/history.sqlite.",
        discussion: """
            One row per night, scenario file and strategy, oldest first; --json prints the rows as JSON. \
            A damaged row (a NULL, a value of the wrong type or out of range) is skipped and named on standard error \
            (table, row id, column). Exit status: 0 every row read, 3 rows printed but some skipped, \
            1 the history cannot be used (absent, not a regular file, unreadable or from a newer VentureSim).
            """
    )

    @Argument(help: "A batch's output folder (holding history.sqlite).")
    var outdir: String

    @Argument(help: "Only this scenario file (as the batch names it, e.g. benchmark.yaml) or scenario name.")
    var scenario: String?

    @Option(help: "Only the last N nights.")
    var nights: Int = History.window

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(
        help: ArgumentHelp(
            "One line per night instead: when it started and finished, how it ended, its exit status and its files' "
                + "statuses.")
    )
    var byNight = false

    func validate() throws {
        if nights < 1 { throw ValidationError("--nights must be at least 1, got \(nights).") }
    }

    func run() throws {
        let path = (outdir as NSString).appendingPathComponent(History.fileName)
        var st = stat()
        guard lstat(path, &st) == 0 else {
            printError("\(path): error: no history here (a batch into \(outdir) writes it)")
            throw Exit.failure
        }
        if byNight { return try printNights(path) }
        let read: HistoryRead
        do throws(HistoryError) { read = try History(path: path).rows(scenario: scenario, nights: nights) } catch {
            printError("error: \(error.reason)")
            throw Exit.failure
        }
        for w in read.warnings { printError("\(path): warning: \(w)") }
        if json {
            print(String(decoding: try JSONReport.encode(read.rows), as: UTF8.self))
        } else {
            print(HistoryTable.render(read.rows))
        }
        if !read.skipped.isEmpty { throw Exit.batchPartialFailure }
    }

    /// `--by-night`: every night, complete or interrupted, with its files' statuses counted (of `scenario` alone when
    /// given).
    private func printNights(_ path: String) throws {
        var records: [NightRecord]
        do throws(HistoryError) { records = try History(path: path).nights(limit: nights) } catch {
            printError("error: \(error.reason)")
            throw Exit.failure
        }
        if let scenario {
            records = records.map { r in
                var r = r; r.runs = r.runs.filter { $0.key == scenario }; return r
            }
        }
        if json { return print(String(decoding: try JSONReport.encode(records), as: UTF8.self)) }
        for r in records {
            let counts = Dictionary(grouping: r.runs.values, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
                .joined(separator: ", ")
            printOut(
                "\(r.started)  \(r.status ?? "complete")  exit \(r.exitStatus.map(String.init) ?? "?")  finished "
                    + "\(r.finished ?? "?")  \(counts)"
            )
        }
    }
}
