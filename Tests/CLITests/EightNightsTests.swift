import Foundation
import Testing
import VentureSim

/// Issue 27's eight nights, end to end: small scenarios (a few thousand trials, so it is quick), one broken on night 3,
/// inputs edited on nights 2 and 4 (a stress case), one deleted and one added on night 5, a SIGTERM during night 6
/// (sent when the slow scenario's "running" line appears), a timeout on night 7, and night 8 under `ulimit -v`.
@Suite struct EightNightsTests {
    static func scenario(
        _ name: String, competition: String = "0.2", trials: Int = 2000, horizon: Int = 24, stress: String = "0.4"
    ) -> String {
        """
        name: \(name)
        simulation: {trials: \(trials), seed: 4, horizon_months: \(horizon)}
        market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: \(competition)}
        adoption: {per: year, innovation: 0.05, imitation: 0.5}
        strategies: [{name: sub, kind: subscription, price_per_month: 50, churn_monthly: 0.02}]
        costs: {training: 100000, operations_monthly: 20000}
        finance: {starting_cash: 300000}
        stress:
          - name: rival
            set: {market.competition: \(stress)}
        """
    }

    let dir: URL, input: URL, out: URL

    init() throws {
        dir = try CLIRunner.temporaryFolder()
        input = dir.appendingPathComponent("scenarios")
        out = dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    }

    func write(_ text: String, _ name: String, in folder: URL? = nil) throws {
        try text.write(to: (folder ?? input).appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func index() throws -> BatchIndex {
        try JSONDecoder().decode(BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
    }

    func batch(_ extra: [String] = [], ulimit: Int? = nil) throws -> CLIRunner.Result {
        let args = ["batch", input.path, "--out", out.path, "--quiet", "--history"] + extra
        guard let ulimit else { return try CLIRunner.run(args) }
        return try CLIRunner.run(
            ["/bin/sh", "-c", "ulimit -v \(ulimit); exec \"$0\" \"$@\"", CLIRunner.binary.path] + args, shell: true)
    }

    func entry(_ file: String) throws -> BatchIndex.Entry {
        try #require(try index().entries.first { $0.file == file })
    }

    /// No strategy of `file` has a flagged trend tonight.
    func noTrendFlag(_ file: String) throws -> Bool {
        try entry(file).trend?.allSatisfy { $0.drift?.flagged != true } ?? true
    }

    @Test func eightNights() throws {
        for name in ["a", "b", "c", "d", "e"] { try write(Self.scenario("night-\(name)"), "\(name).yaml") }
        // Night 1: all ok.
        var r = try batch()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("5 ok") && r.stdout.contains("exit 0") && r.stdout.contains("new failures: 0"),
            "\(r.stdout)")
        // Night 2: b's competition edited: a move since last night, a break in its trend (no trend flag).
        try write(Self.scenario("night-b", competition: "0.6"), "b.yaml")
        r = try batch()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try entry("b.yaml").drift?.contains { $0.flagged } == true)
        #expect(
            try entry("b.yaml").trend?.first?.changedInputs == [
                InputChange(key: "market.competition", old: "0.2", new: "0.6")
            ])
        #expect(try noTrendFlag("b.yaml"))
        // Night 3: c broken: a new failure, exit 4.
        try write("name: night-c\nmarket: {size: 100, competiton: 0.2}\nstrategies: []\n", "c.yaml")
        r = try batch()
        #expect(r.status == 4, "\(r.stderr)")
        #expect(try index().newFailures == ["c.yaml"] && r.stdout.contains("new failures: 1 (c.yaml)"), "\(r.stdout)")
        // Night 4: c still broken (known: exit 3); e's stress case edited, a changed input.
        try write(Self.scenario("night-e", stress: "0.5"), "e.yaml")
        r = try batch()
        #expect(r.status == 3, "\(r.stderr)")
        #expect(try index().newFailures == [])
        #expect(
            try entry("e.yaml").changedInputs == [
                InputChange(key: "stress.rival.set.market.competition", old: "0.4", new: "0.5")
            ])
        #expect(try entry("c.yaml").staleReport?.contains("from an earlier run") == true)
        // Night 5: d deleted (its reports marked gone), f added; b unchanged for three nights since its edit.
        try FileManager.default.removeItem(at: input.appendingPathComponent("d.yaml"))
        try write(Self.scenario("night-f"), "f.yaml")
        r = try batch()
        #expect(r.status == 3, "\(r.stderr)")
        #expect(try entry("d.yaml").status == .gone && entry("d.yaml").staleReport?.contains("gone") == true)
        #expect(try noTrendFlag("b.yaml") && entry("b.yaml").trend?.first?.sameInputNights == 3)
        // Night 6: a slow scenario, stopped by SIGTERM once its "running" line appears.
        try write(Self.scenario("night-slow", trials: 2_000_000, horizon: 120), "zz-slow.yaml")
        let (p, stdout, stderr) = try CLIRunner.start(["batch", input.path, "--out", out.path, "--history"])
        let seen = try CLIRunner.waitFor("file=\"zz-slow.yaml\" trials=", on: stderr, deadline: 60)
        #expect(seen.contains("zz-slow.yaml"))
        kill(p.processIdentifier, SIGTERM)
        #expect(CLIRunner.waitForExit(p, deadline: 30))
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        #expect(p.terminationStatus == 143)
        var idx = try index()
        #expect(
            idx.interrupted == "SIGTERM" && idx.exitStatus == 143 && !idx.entries.contains { $0.status == .pending })
        #expect(try entry("zz-slow.yaml").status == .interrupted)
        // Night 7: the slow scenario times out, the others go on; a new failure.
        r = try batch(["--timeout-per-scenario", "1s"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(try entry("zz-slow.yaml").status == .timedOut && index().newFailures == ["zz-slow.yaml"])
        #expect(try entry("a.yaml").status == .ok && entry("f.yaml").status == .ok)
        // e unchanged for three nights since its stress edit (5, 6, 7): no trend flag.
        #expect(try noTrendFlag("e.yaml") && entry("e.yaml").trend?.first?.sameInputNights == 3)
        // Night 8, under an address-space limit: the big scenario is refused by name, the others finish.
        var demand = try String(
            contentsOf: CLIRunner.root.appendingPathComponent("scenarios/worked-check-demand.yaml"), encoding: .utf8)
        demand = demand.replacingOccurrences(of: "trials: 1000", with: "trials: 8000000").replacingOccurrences(
            of: "name: worked-check-demand", with: "name: big")
        try write(demand, "big.yaml")
        r = try batch(["--timeout-per-scenario", "1s", "--workers", "2"], ulimit: 1_000_000)
        #expect(r.status == 4, "\(r.stderr)")
        idx = try index()
        #expect(
            try entry("big.yaml").status == .failed
                && entry("big.yaml").error?.contains("big: 8,000,000 trials") == true)
        #expect(idx.newFailures == ["big.yaml"] && !r.stderr.contains("Fatal error"))
        #expect(
            ["a.yaml", "b.yaml", "e.yaml", "f.yaml"].allSatisfy { f in
                idx.entries.contains { $0.file == f && $0.status == .ok }
            })
        // Every night is in the history, the interrupted one with each scenario's status.
        let nights = try History(path: out.appendingPathComponent(History.fileName).path).nights()
        #expect(nights.count == 8)
        #expect(nights.map(\.exitStatus) == [0, 0, 4, 3, 3, 143, 4, 4])
        #expect(
            nights[5].status == "interrupted (SIGTERM)" && nights[5].runs["zz-slow.yaml"] == "interrupted"
                && nights[5].runs["a.yaml"] == "ok")
        #expect(nights[6].runs["zz-slow.yaml"] == "timed_out" && nights[2].runs["c.yaml"] == "invalid")
    }

    /// `--jobs 2` writes the same files as `--jobs 1` (the JSON's run section, wall time and workers, aside), and a
    /// manual `--no-history` batch leaves no history.
    @Test func twoJobsWriteWhatOneJobWrites() throws {
        for (i, name) in ["a", "b", "c", "d"].enumerated() {
            try write(Self.scenario("jobs-\(name)", competition: "0.\(i + 2)"), "\(name).yaml")
        }
        let one = dir.appendingPathComponent("one"), two = dir.appendingPathComponent("two")
        let r1 = try CLIRunner.run(["batch", input.path, "--out", one.path, "--quiet", "--jobs", "1", "--no-history"])
        let r2 = try CLIRunner.run(["batch", input.path, "--out", two.path, "--quiet", "--jobs", "2", "--no-history"])
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr)\(r2.stderr)")
        let files = CLIRunner.files(in: one).filter { !$0.hasPrefix("index.") }
        #expect(
            files == CLIRunner.files(in: two).filter { !$0.hasPrefix("index.") } && !files.contains(History.fileName))
        #expect(files.count > 8)
        for f in files where f != FolderLock.fileName {
            var a = try Data(contentsOf: one.appendingPathComponent(f)),
                b = try Data(contentsOf: two.appendingPathComponent(f))
            if f.hasSuffix(".json") {
                let strip = { (d: Data) throws -> Data in
                    var o = try #require(try JSONSerialization.jsonObject(with: d) as? [String: Any])
                    o["run"] = nil
                    return try JSONSerialization.data(withJSONObject: o, options: .sortedKeys)
                }
                (a, b) = (try strip(a), try strip(b))
            }
            #expect(a == b, "\(f) differs between --jobs 1 and --jobs 2")
        }
    }

    /// An empty scenario folder is an error (a wrong path or an unmounted share), and `--dry-run` writes nothing.
    @Test func emptyFolderFailsAndDryRunWritesNothing() throws {
        var r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(r.status == 1 && r.stderr.contains("no scenario files"), "\(r.stderr)")
        try write(Self.scenario("dry"), "dry.yaml")
        r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--dry-run"])
        #expect(r.status == 0 && r.stdout.contains("dry.yaml: ok") && r.stdout.contains("dry.md"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A second signal ends the batch at once: the index still has no `pending` entry, and the night is in the history.
    @Test func aSecondSignalLeavesNoPendingEntry() throws {
        try write(Self.scenario("first"), "a.yaml")
        try write(Self.scenario("slow", trials: 2_000_000, horizon: 120), "b-slow.yaml")
        try write(Self.scenario("last"), "c.yaml")
        let (p, stdout, stderr) = try CLIRunner.start(["batch", input.path, "--out", out.path, "--history"])
        _ = try CLIRunner.waitFor("file=\"b-slow.yaml\" trials=", on: stderr, deadline: 60)
        kill(p.processIdentifier, SIGTERM)
        kill(p.processIdentifier, SIGTERM)
        #expect(CLIRunner.waitForExit(p, deadline: 30))
        let line = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 143 && line.contains("exit 143"), "\(line)")
        let idx = try index()
        #expect(idx.entries.map(\.status) == [.ok, .interrupted, .notRun])
        let nights = try History(path: out.appendingPathComponent(History.fileName).path).nights()
        #expect(
            nights.count == 1 && nights[0].status == "interrupted (SIGTERM)"
                && nights[0].runs == ["a.yaml": "ok", "b-slow.yaml": "interrupted", "c.yaml": "not_run"])
        let listed = try CLIRunner.run(["history", out.path, "--by-night"])
        #expect(
            listed.status == 0 && listed.stdout.contains("interrupted (SIGTERM)  exit 143")
                && listed.stdout.contains("1 interrupted, 1 not_run, 1 ok"),
            "\(listed.stdout)")
    }

    /// `--log-format json`: every line of standard error is a JSON object with its time; text: values quoted, so a
    /// file name with a space and `=` stays one value. `--keep-nights 2` keeps two nights.
    @Test func logFormatsAndRetention() throws {
        try write(Self.scenario("logs"), "a b=c.yaml")
        let json = try CLIRunner.run([
            "batch", input.path, "--out", out.path, "--quiet", "--history", "--log-format", "json", "--keep-nights", "2"
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["time"] != nil && object?["level"] != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("\"file\":\"a b=c.yaml\"") })
        for _ in 0..<2 {
            let text = try CLIRunner.run([
                "batch", input.path, "--out", out.path, "--quiet", "--history", "--keep-nights", "2"
            ])
            #expect(text.status == 0 && text.stderr.contains("file=\"a b=c.yaml\""), "\(text.stderr)")
        }
        let nights = try History(path: out.appendingPathComponent(History.fileName).path).nights()
        #expect(nights.count == 2 && nights.allSatisfy { $0.status == "complete" && $0.exitStatus == 0 })
    }
}
