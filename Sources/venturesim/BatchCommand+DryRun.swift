import ArgumentParser
import Foundation
import Logging
import VentureSim

/// `batch --dry-run`.
extension BatchCommand {
    /// `--dry-run`: each scenario validated and checked against the memory budget, and the files it would write
    /// printed; nothing is run or written. Exit 0 when every scenario would run, 3 otherwise.
    func dryRun(_ plan: BatchPlan, overrides: [Override], log: Logger) throws {
        var bad = 0
        for item in plan.items {
            if let r = item.refusal {
                printOut("\(item.file): \(BatchIndexReport.label(r.status)): \(r.message)")
                bad += 1
                continue
            }
            let path = (folder as NSString).appendingPathComponent(item.file)
            do {
                var scenario = try ScenarioFile.load(
                    path: item.readPath ?? path, name: path, followLinks: false, overrides: overrides)
                if let trials { scenario.simulation.trials = trials }
                if let refusal = MemoryBudget.refusal(scenario, workers: workersPerJob, share: jobs) {
                    printOut("\(item.file): would be refused: \(refusal)")
                    bad += 1
                    continue
                }
                printOut(
                    "\(item.file): ok, \(NumberFormat.grouped(Int64(scenario.simulation.trials))) trials; would write:")
                for p in RunOutputs.batch(scenario, folder: out, stem: item.stem).paths(scenario) { printOut("  \(p)") }
            } catch {
                printOut("\(item.file): invalid")
                printError(error.description)
                bad += 1
            }
        }
        for f in ["index.md", "index.json", "index.html"] + (history == false ? [] : [History.fileName]) {
            printOut("batch: would write \((out as NSString).appendingPathComponent(f))")
        }
        printOut("batch \(folder): dry run, \(plan.items.count - bad) of \(plan.items.count) scenario files would run")
        if bad > 0 { throw Exit.batchPartialFailure }
    }
}
