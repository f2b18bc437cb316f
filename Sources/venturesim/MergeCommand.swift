import ArgumentParser
import Foundation
import VentureSim

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial results of a sharded run into the report a single run writes.",
        discussion: """
            The partials must come from the same scenario (overrides included), seed, trial count, block size \
            and engine version, with every shard exactly once; the merged report and JSON equal a single run's \
            to the last digit (outside the JSON's "run"). Rerunning a failed shard and merging again just works.
            """
    )

    @Argument(help: "The partial results (`venturesim run --shard K/N --partial PATH`), in any order.")
    var partials: [String]

    @OptionGroup var output: ReportOptions

    @Option(
        help:
            "Worker threads for the statistics (default: the number of active processors). Results do not depend on it."
    )
    var workers: Int = Simulator.defaultWorkers

    func validate() throws {
        if partials.isEmpty { throw ValidationError("give the partial results to merge.") }
        if !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024, got \(workers).") }
    }

    func run() throws {
        let started = Date()
        // Only the headers are read here; each payload is read once, during the merge, in bounded memory.
        var opened: [PartialFile] = []
        for path in partials {
            do throws(PartialError) {
                let file = try PartialFile.open(path: path)
                opened.append(opened.isEmpty ? file : file.withoutScenarioText())
            } catch {
                printError("error: \(error.reason)")
                throw Exit.failure
            }
        }
        let merged: ShardMerge.Merged
        do throws(PartialError) {
            merged = try ShardMerge.merge(files: opened, workers: workers) { scenario throws(PartialError) in
                if let message = ResourceEstimate.refusal(scenario, workers: workers, budget: MemoryBudget.bytes) {
                    throw PartialError(reason: message)
                }
            }
        } catch {
            printError("error: \(error.reason)")
            throw Exit.failure
        }
        let s = merged.scenario
        let files = output.files(s)
        do {
            try OutputName.check(files.paths(s))
            try AtomicFile.preflight(files.paths(s))
            let info = JSONReport.RunInfo(
                version: VentureSimVersion.current, workers: workers, seconds: Date().timeIntervalSince(started),
                host: ProcessInfo.processInfo.hostName)
            let command = RunCommand.reproduceCommand(
                merged.header.file == DefaultScenario.fileName ? nil : merged.header.file, s.simulation,
                sets: merged.header.overrides)
            try AtomicFile.writeAll(files.render(s, merged.summary, info: info, command: command))
        } catch {
            printError("error: \(error)")
            throw Exit.failure
        }
        printOut(
            ConsoleSummary.render(
                merged.summary, seconds: Date().timeIntervalSince(started), report: files.report, json: output.json)
                + "\nmerged \(opened.count) partial result\(opened.count == 1 ? "" : "s") of \(merged.header.shards) "
                + "shards"
        )
    }
}
