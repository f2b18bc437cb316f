import Foundation
import Testing
@testable import VentureSim

/// The benchmark scenario against the hand-written C + GSL reference
/// (../shared/bench/reference.c), within Monte Carlo error: the random
/// streams differ, so the two are independent samples of the same model.
@Suite struct ReferenceAgreementTests {
    static let referenceSource = Fixtures.root.deletingLastPathComponent().appendingPathComponent(
        "shared/bench/reference.c")
    static let trials = 200_000

    /// Compiles and runs the reference; its output lines are "strategy statistic value".
    func runReference() throws -> [String: Double] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("venturesim-ref-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("reference").path
        try sh("cc -O2 -o '\(binary)' '\(Self.referenceSource.path)' $(pkg-config --cflags --libs gsl) -lpthread -lm")
        let out = try sh("'\(binary)' \(Self.trials) 1 20261122")
        var values: [String: Double] = [:]
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, let v = Double(parts[2]) { values["\(parts[0]) \(parts[1])"] = v }
        }
        return values
    }

    @discardableResult
    func sh(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "failed: \(command)"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: referenceSource.path), "needs ../shared/bench/reference.c"))
    func benchmarkAgreesWithTheCReference() throws {
        let reference = try runReference()
        #expect(reference.count == 20)
        var scenario = try Fixtures.scenario("benchmark.yaml")
        scenario.simulation.trials = Self.trials
        let (plan, columns) = try Fixtures.columns(scenario)
        let n = Double(Self.trials)
        // Empirical CDF of our column at the reference's value, read before summarizing reorders it.
        var cdfChecks: [(String, Double, Double)] = []
        for (s, name) in ["subscription", "api"].enumerated() {
            for (outcome, key) in [(Outcome.npv, "npv"), (.profit, "profit")] {
                let column = (0..<Self.trials).map { columns.value(strategy: s, outcome, trial: $0) }
                for q in [5, 50, 95] {
                    let refValue = try #require(reference["\(name) \(key)_p\(q)"])
                    let below = Double(column.filter { $0 <= refValue }.count) / n
                    cdfChecks.append(("\(name) \(key)_p\(q)", below, Double(q) / 100))
                }
            }
        }
        let summary = Summarizer.summarize(plan, columns)
        for (s, name) in ["subscription", "api"].enumerated() {
            let st = summary.strategies[s]
            for (key, stats) in [("npv_mean", st.outcome(.npv)), ("profit_mean", st.outcome(.profit))] {
                let ref = try #require(reference["\(name) \(key)"])
                // Two independent samples: the difference has se √2 · se.
                #expect(
                    abs(stats.mean! - ref) < 5 * 2.0.squareRoot() * stats.se!,
                    "\(name) \(key): \(stats.mean!) vs \(ref)")
            }
            for (key, p) in [("p_loss", st.pLoss), ("p_cash_out", st.pCashOut)] {
                let ref = try #require(reference["\(name) \(key)"])
                let se = (2 * p * (1 - p) / n).squareRoot()
                #expect(abs(p - ref) < 5 * se, "\(name) \(key): \(p) vs \(ref)")
            }
        }
        // A percentile's error is judged on the probability scale: the share of
        // our trials below the reference's P_q is q within 5 · √(2 q (1 − q) / n).
        for (label, below, q) in cdfChecks {
            #expect(abs(below - q) < 5 * (2 * q * (1 - q) / n).squareRoot(), "\(label): our CDF there is \(below)")
        }
    }

    static let sharedBenchmark = Fixtures.root.deletingLastPathComponent().appendingPathComponent(
        "shared/bench/benchmark.yaml"
    ).path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedBenchmark), "needs ../shared/bench/benchmark.yaml"))
    func shippedBenchmarkScenarioIsTheSharedOne() throws {
        let shared = Self.sharedBenchmark
        #expect(try Fixtures.scenario("benchmark.yaml") == ScenarioFile.load(path: shared))
    }
}
