import ArgumentParser
import Foundation
import VentureSim

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print the nightly history a batch keeps in OUTDIR/history.sqlite.",
        discussion: "One row per night, scenario file and strategy, oldest first; --json prints the rows as JSON."
    )

    @Argument(help: "A batch's output folder (holding history.sqlite).")
    var outdir: String

    @Argument(help: "Only this scenario file (as the batch names it, e.g. benchmark.yaml) or scenario name.")
    var scenario: String?

    @Option(help: "Only the last N nights.")
    var nights: Int = History.window

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if nights < 1 { throw ValidationError("--nights must be at least 1, got \(nights).") }
    }

    func run() throws {
        let path = (outdir as NSString).appendingPathComponent(History.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            printError("\(path): error: no history here (a batch into \(outdir) writes it)")
            throw Exit.failure
        }
        let rows: [HistoryRow]
        do throws(HistoryError) { rows = try History(path: path).rows(scenario: scenario, nights: nights) } catch {
            printError("error: \(error.reason)")
            throw Exit.failure
        }
        if json {
            print(String(decoding: try JSONReport.encode(rows), as: UTF8.self))
            return
        }
        print(HistoryTable.render(rows))
    }
}
