import Benchmark
import Foundation
import VentureSim

/// Guards the two halves of a run against regressions: the kernel (draws and the month loop, lanes
/// included) and the summary (selection, moments, histograms), on the benchmark scenario; and whole runs of the
/// two shipped scenarios with revenue lines and funding rounds. Thresholds:
/// wall time within 25 % at the 90th percentile of 11 runs (a noisy shared machine; scripts/bench measures the ratios that
/// matter side by side), and the allocation count, which does not depend on the machine, within 15 % (it varies with thread timing), peak memory within 10 %:
/// a per-trial allocation in the kernel would multiply it.
let benchmarks: @Sendable () -> Void = {
    let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")
    func scenario(_ name: String = "benchmark", trials: Int, analyses: String) -> Scenario {
        let path = scenarios.appendingPathComponent(name + ".yaml").path
        do {
            var s = try ScenarioFile.load(path: path, overrides: [Override.parse("simulation.analyses=\(analyses)")])
            s.simulation.trials = trials
            return s
        } catch {
            fatalError("\(path): \(error)")
        }
    }
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: .init(relative: [.p90: 25.0]),
        .mallocCountTotal: .init(relative: [.p90: 15.0]),
        .peakMemoryResident: .init(relative: [.p90: 10.0]),
    ]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 11,
        thresholds: thresholds
    )

    // 100,000 trials on one worker: the draws and the eight-trial month loop (every group takes the lanes).
    let lean = Plan(scenario(trials: 100_000, analyses: "none"))
    Benchmark("kernel-lean-100k-trials-1-worker") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Simulator.run(lean, workers: 1)) }
    }
    let investor = Plan(scenario(trials: 100_000, analyses: "[funding_need]"))
    Benchmark("kernel-investor-100k-trials-1-worker") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Simulator.run(investor, workers: 1)) }
    }

    // The summary of 200,000 trials (its reductions reorder the columns; profit and roi, computed from the reordered revenue
    // and cost, then differ in value but not in work, so the next iteration does the same work).
    let full = Plan(scenario(trials: 200_000, analyses: "all"))
    let columns = try! Simulator.run(full, workers: 2)
    Benchmark("summary-200k-trials-1-thread") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Summarizer.summarize(full, columns, workers: 1)) }
    }
    Benchmark("summary-200k-trials-2-threads") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Summarizer.summarize(full, columns, workers: 2)) }
    }

    // The scenarios investors write: revenue lines drawn every month (advertising, commission, freemium) and funding
    // rounds with a cap table and an exit, on the scalar path; the kernel and the summary, with every analysis.
    for name in ["consumer-assistant-ads", "fintech-series-a"] {
        let plan = Plan(scenario(name, trials: 100_000, analyses: "all"))
        Benchmark("scenario-\(name)-100k-trials-1-worker") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Summarizer.summarize(plan, try Simulator.run(plan, workers: 1), workers: 1)) }
        }
    }

    let sketch = Plan(scenario(trials: 100_000, analyses: "none"))
    Benchmark("sketch-100k-trials-1-worker") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Simulator.runSketch(sketch, workers: 1)) }
    }
}
