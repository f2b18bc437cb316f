import Foundation
import Testing
import VentureSim

/// End-to-end runs of the built CLI.
@Suite struct RunCommandTests {
    @Test func defaultScenarioWritesAReport() throws {
        let dir = try CLIRunner.temporaryFolder()
        let r = try CLIRunner.run(["run", "--trials", "2000", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("report: reports/ai-customer-service-saas.md"))
        let report = try String(
            contentsOf: dir.appendingPathComponent("reports/ai-customer-service-saas.md"), encoding: .utf8)
        for section in [
            "## Summary", "## Targets", "## Funding need", "## Stress cases", "## Percentiles: subscription",
            "## Strategy comparison",
            "## Risks", "## Inputs", "## Reproduce"
        ] {
            #expect(report.contains(section), "\(section)")
        }
        #expect(report.contains("venturesim run --trials 2000 --seed 42"))
        // The charts beside it, linked from a Charts section after the summary.
        let charts = ["cash", "exceedance", "funding", "npv", "stress", "tornado"].map {
            "reports/ai-customer-service-saas-\($0).svg"
        }
        #expect(CLIRunner.files(in: dir) == charts + ["reports/ai-customer-service-saas.md"])
        #expect(
            report.contains("## Charts")
                && report.contains("![NPV distribution of every strategy](ai-customer-service-saas-npv.svg)"))
    }

    @Test func reportAndJSONAreIdenticalForOneAndTwoWorkers() throws {
        let dir = try CLIRunner.temporaryFolder()
        let scenario = CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml").path
        for w in ["1", "2"] {
            let r = try CLIRunner.run(
                [
                    "run", scenario, "--trials", "20000", "--workers", w, "--quiet",
                    "--report", "r\(w).md", "--json", "r\(w).json"
                ], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            // The report links its charts by name: the same names for both, in folders of their own.
            let own = dir.appendingPathComponent("w\(w)")
            try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
            #expect(
                try CLIRunner.run(
                    ["run", scenario, "--trials", "20000", "--workers", w, "--quiet", "--report", "r.md"], in: own
                ).status == 0)
        }
        // Every chart the same to the byte whatever the worker count.
        for f in CLIRunner.files(in: dir.appendingPathComponent("w1")) {
            let a = try Data(contentsOf: dir.appendingPathComponent("w1/" + f)),
                b = try Data(contentsOf: dir.appendingPathComponent("w2/" + f))
            #expect(a == b, "\(f)")
        }
        #expect(CLIRunner.files(in: dir.appendingPathComponent("w1")).filter { $0.hasSuffix(".svg") }.count == 5)
        let md1 = try Data(contentsOf: dir.appendingPathComponent("w1/r.md")),
            md2 = try Data(contentsOf: dir.appendingPathComponent("w2/r.md"))
        #expect(md1 == md2)
        let (s1, run1) = try JSONReport.parse(Data(contentsOf: dir.appendingPathComponent("r1.json")))
        let (s2, run2) = try JSONReport.parse(Data(contentsOf: dir.appendingPathComponent("r2.json")))
        #expect(s1 == s2)
        #expect(run1?.workers == 1 && run2?.workers == 2)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r1.json")))
            as! [String: Any]
        #expect(
            Set(json.keys) == [
                "scenario", "trials", "seed", "horizon_months", "strategies", "comparisons", "clamped", "inputs",
                "stress_cases", "driver_sample", "year_sample", "correlations", "run"
            ])
        let strategy = (json["strategies"] as! [[String: Any]])[0]
        #expect(
            Set(strategy.keys) == [
                "name", "kind", "outcomes", "p_loss", "p_cash_out", "p_breakeven", "breakeven_month_p50", "var95",
                "cvar95", "risks", "adoption",
                "funding_need", "cash_out_month", "cash_out_by_year", "targets",
                "drivers", "what_has_to_be_true", "by_year"
            ])
        let outcomes = strategy["outcomes"] as! [String: [String: Any]]
        #expect(
            Set(outcomes.keys) == ["npv", "profit", "revenue", "cost", "roi", "min_cash", "customers", "demand_share"])
        #expect(
            Set(outcomes["npv"]!.keys).isSuperset(of: [
                "mean", "sd", "se", "p5", "p10", "p25", "p50", "p75", "p90", "p95"
            ]))
    }

    /// `--set` gives the same JSON, outside "run", as the file edited by hand.
    /// A JSON result without its "run" part (what two runs of the same model share).
    static func body(_ name: String, in dir: URL) throws -> NSDictionary {
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as! [String: Any]
        json["run"] = nil
        return json as NSDictionary
    }

    @Test func setEqualsAHandEditedFileEndToEnd() throws {
        let dir = try CLIRunner.temporaryFolder()
        let original = try String(
            contentsOf: CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml"), encoding: .utf8)
        try original.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: "price_per_unit: 2.0", with: "price_per_unit: 1.5")
            .replacingOccurrences(
                of: "competition: {dist: triangular, min: 0.1, mode: 0.2, max: 0.5}",
                with: "competition: {dist: pert, min: 0.3, mode: 0.5, max: 0.8}"
            )
            .write(to: dir.appendingPathComponent("edited.yaml"), atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(
            [
                "run", "b.yaml", "--trials", "5000", "--quiet", "--json", "a.json", "--report", "a.md",
                "--set", "strategies.api.price_per_unit=1.5", "--set",
                "market.competition={dist: pert, min: 0.3, mode: 0.5, max: 0.8}"
            ], in: dir)
        let b = try CLIRunner.run(
            ["run", "edited.yaml", "--trials", "5000", "--quiet", "--json", "b.json", "--report", "b.md"], in: dir)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.body("a.json", in: dir) == Self.body("b.json", in: dir))
        let report = try String(contentsOf: dir.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(
            report.contains(
                "--set strategies.api.price_per_unit=1.5 --set 'market.competition={dist: pert, min: 0.3, mode: 0.5, "
                    + "max: 0.8}'"
            ))
        let bad = try CLIRunner.run(["validate", "b.yaml", "--set", "strategies.apx.price_per_unit=1"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("--set 'strategies.apx.price_per_unit=1': error:"))
    }

    /// `--set 'PATH*=F'` end to end (issue 26): the scaled run equals the file with the constant multiplied by hand,
    /// the report's Reproduce line keeps the argument, and a bad factor names it.
    @Test func scaleOverrideEqualsAHandEditedFileEndToEnd() throws {
        let dir = try CLIRunner.temporaryFolder()
        let original = try String(
            contentsOf: CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml"), encoding: .utf8)
        try original.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: "price_per_unit: 2.0", with: "price_per_unit: 3.0")
            .write(to: dir.appendingPathComponent("edited.yaml"), atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(
            [
                "run", "b.yaml", "--trials", "2000", "--quiet", "--no-charts", "--json", "a.json", "--report", "a.md",
                "--set", "strategies.api.price_per_unit*=1.5"
            ], in: dir)
        let b = try CLIRunner.run(
            [
                "run", "edited.yaml", "--trials", "2000", "--quiet", "--no-charts", "--json", "b.json", "--report",
                "/dev/null"
            ], in: dir)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.body("a.json", in: dir) == Self.body("b.json", in: dir))
        let report = try String(contentsOf: dir.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(report.contains("strategies.api.price_per_unit*=1.5"))
        let bad = try CLIRunner.run(["validate", "b.yaml", "--set", "costs.acquisition_cost*=x"], in: dir)
        #expect(
            bad.status == 1 && bad.stderr.contains("--set 'costs.acquisition_cost*=x': error: expected a factor"),
            "\(bad.stderr)")
    }

    @Test func precisionChoosesTheTrialsAndSaysSo() throws {
        let dir = try CLIRunner.temporaryFolder()
        try
            ("name: p\nsimulation: {horizon_months: 12}\nmarket: {size: {dist: uniform, min: 100, max: 200}}\n"
            + "adoption: {model: fixed}\nstrategies: [{name: s, kind: subscription, price_per_month: 10}]\n")
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(
            ["run", "p.yaml", "--precision", "0.001", "--json", "p.json", "--report", "p.md", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("p.md"), encoding: .utf8)
        let (summary, run) = try JSONReport.parse(Data(contentsOf: dir.appendingPathComponent("p.json")))
        let n = try #require(run?.precision?.trials)
        #expect(run?.precision?.reached == true && summary.trials == n && n % Simulator.blockSize == 0)
        #expect(
            md.contains(
                "Trials chosen by `--precision 0.001`: every strategy's mean NPV is within ±0.1 % (95 %) after "
                    + "\(NumberFormat.grouped(Int64(n))) trials."
            ))
        #expect(md.contains("venturesim run p.yaml --trials \(n) --seed 1"))
        // The printed trial count reproduces the JSON outside "run".
        let again = try CLIRunner.run(
            ["run", "p.yaml", "--trials", "\(n)", "--json", "q.json", "--report", "q.md", "--quiet"], in: dir)
        #expect(again.status == 0)
        #expect(try JSONReport.parse(Data(contentsOf: dir.appendingPathComponent("q.json"))).0 == summary)
        let both = try CLIRunner.run(["run", "p.yaml", "--precision", "0.01", "--trials", "5"], in: dir)
        #expect(both.status == 64)
    }

    @Test func badScenarioExitsOneAndWritesNothing() throws {
        let dir = try CLIRunner.temporaryFolder()
        try "name: x\nmarket: {size: 10}\nstrategies: [{name: a, kind: subscription, price_per_month: 1, churn: 0.1}]\n"
            .write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "bad.yaml", "--json", "out.json", "--report", "out.md"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.yaml:3:"))
        #expect(r.stderr.contains("strategies[0].churn"))
        #expect(r.stderr.contains("did you mean 'churn_monthly'?"))
        #expect(CLIRunner.files(in: dir) == ["bad.yaml"])
    }

    @Test func missingFileIsAnErrorNotACrash() throws {
        let dir = try CLIRunner.temporaryFolder()
        let r = try CLIRunner.run(["run", "nope.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("nope.yaml: error: no such file"))
        #expect(CLIRunner.files(in: dir).isEmpty)
    }

    @Test(arguments: [
        ["run", "--trials", "0"], ["run", "--workers", "0"], ["run", "--seed", "-4"],
        ["sample", "{dist: beta}", "--count", "-1"], ["run", "--bogus"]
    ])
    func badUsageExits64(_ args: [String]) throws {
        let r = try CLIRunner.run(args)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(!r.stderr.isEmpty)
    }

    @Test func validateReportsEveryFile() throws {
        let dir = try CLIRunner.temporaryFolder()
        try "name: x\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let good = CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml").path
        let r = try CLIRunner.run(["validate", good, "bad.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("benchmark.yaml: ok"))
        #expect(
            r.stderr.contains("missing required key 'market'") && r.stderr.contains("missing required key 'strategies'")
        )
    }

    @Test func sampleDrawsOnePerLine() throws {
        let r = try CLIRunner.run(["sample", "{dist: beta, alpha: 2, beta: 5}", "--count", "1000", "--seed", "3"])
        #expect(r.status == 0)
        let values = r.stdout.split(separator: "\n").compactMap { Double($0) }
        #expect(values.count == 1000 && values.allSatisfy { $0 > 0 && $0 < 1 })
        let again = try CLIRunner.run(["sample", "{dist: beta, alpha: 2, beta: 5}", "--count", "1000", "--seed", "3"])
        #expect(again.stdout == r.stdout)
        let bad = try CLIRunner.run(["sample", "{dist: beta, alpha: 2}"])
        #expect(bad.status == 1 && bad.stderr.contains("beta needs 'beta'"))
    }

    /// SIGTERM and SIGINT midway: conventional exit code, no report or JSON.
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signalStopsTheRunAndLeavesNothing(_ signal: Int32, _ expected: Int32) throws {
        let dir = try CLIRunner.temporaryFolder()
        let scenario = CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml").path
        let (p, _, err) = try CLIRunner.start(
            ["run", scenario, "--trials", "5000000", "--json", "out.json", "--report", "out.md"], in: dir)
        // Wait for the first progress line, so the signal lands mid-run.
        let handle = err.fileHandleForReading
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while !String(decoding: seen, as: UTF8.self).contains("trials") && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationStatus == expected)
        #expect(CLIRunner.files(in: dir).isEmpty)
    }
}
