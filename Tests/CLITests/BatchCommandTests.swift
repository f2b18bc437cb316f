import Foundation
import Testing
import VentureSim

/// `venturesim batch` end to end: good, malformed and failing scenarios;
/// drift across two nights; kills at random moments leave no partial file.
@Suite struct BatchCommandTests {
    /// A folder with two good scenarios, a malformed one, and one that fails
    /// at run time (its numbers overflow double precision).
    func makeBatch() throws -> (folder: URL, out: URL) {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let scenarios = CLIRunner.root.appendingPathComponent("scenarios")
        for name in ["ai-customer-service-saas.yaml", "benchmark.yaml"] {
            try FileManager.default.copyItem(
                at: scenarios.appendingPathComponent(name), to: input.appendingPathComponent(name))
        }
        try "name: broken\nmarket: {size: 100, competiton: 0.2}\nstrategies: []\n"
            .write(to: input.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try """
        name: overflow
        market: {size: 1e300}
        adoption: {model: fixed}
        strategies: [{name: s, kind: subscription, price_per_month: 1e300}]
        """.write(to: input.appendingPathComponent("overflow.yaml"), atomically: true, encoding: .utf8)
        try "not a scenario".write(to: input.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        return (input, dir.appendingPathComponent("out"))
    }

    func index(_ out: URL) throws -> BatchIndex {
        try JSONDecoder().decode(BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
    }

    @Test func goodReportsWrittenFailuresIndexedExitThree() throws {
        let (folder, out) = try makeBatch()
        let r = try CLIRunner.run(["batch", folder.path, "--out", out.path, "--trials", "3000", "--quiet"])
        // A first night: every failure is new (exit 4).
        #expect(r.status == 4, "\(r.stderr)")
        let files = CLIRunner.files(in: out)
        func outputs(_ stem: String, _ charts: [String]) -> [String] {
            charts.map { "\(stem)-\($0).svg" } + ["\(stem).html", "\(stem).json", "\(stem).md"]
        }
        #expect(
            files == [FolderLock.fileName]
                + outputs("ai-customer-service-saas", ["cash", "exceedance", "funding", "npv", "stress", "tornado"])
                + outputs("benchmark", ["cash", "exceedance", "funding", "npv", "tornado"]) + [
                    "history.sqlite", "index.html", "index.json", "index.md"
                ])
        let idx = try index(out)
        #expect(
            idx.entries.map(\.file) == [
                "ai-customer-service-saas.yaml", "benchmark.yaml", "broken.yaml", "overflow.yaml"
            ])
        #expect(idx.entries.map(\.status) == [.ok, .ok, .invalid, .failed])
        #expect(idx.entries[2].error?.contains("did you mean 'competition'") == true)
        #expect(idx.entries[3].error?.contains("non-finite") == true)
        #expect(idx.entries[0].headlines.count == 2 && idx.entries[0].drift == nil)
        let md = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(md.contains("2 ok, 1 invalid, 1 failed"))
        #expect(
            md.contains("## Failures") && md.contains("broken.yaml (invalid, new)")
                && md.contains("overflow.yaml (failed, new)"))
        #expect(r.stderr.contains("invalid scenario"))  // the log line
    }

    @Test func secondNightShowsDrift() throws {
        let (folder, out) = try makeBatch()
        _ = try CLIRunner.run(["batch", folder.path, "--out", out.path, "--trials", "3000", "--quiet"])
        // Same inputs: no drift at all. Then competition doubles in one scenario.
        _ = try CLIRunner.run(["batch", folder.path, "--out", out.path, "--trials", "3000", "--quiet"])
        var idx = try index(out)
        #expect(idx.entries[1].drift?.allSatisfy { !$0.flagged && $0.pLoss.zScore == 0 } == true)
        let path = folder.appendingPathComponent("benchmark.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(
                of: "competition: {dist: triangular, min: 0.1, mode: 0.2, max: 0.5}",
                with: "competition: {dist: triangular, min: 0.5, mode: 0.7, max: 0.9}")
        try text.write(to: path, atomically: true, encoding: .utf8)
        _ = try CLIRunner.run(["batch", folder.path, "--out", out.path, "--trials", "3000", "--quiet"])
        idx = try index(out)
        #expect(idx.entries[1].drift?.contains { $0.flagged } == true)
        #expect(idx.entries[0].drift?.allSatisfy { !$0.flagged } == true)
        let md = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(md.contains("⚠"))
        #expect(md.contains("**benchmark.yaml**"))
        // The index tells an input change from noise: it names the key, old → new.
        #expect(
            idx.entries[1].changedInputs == [
                InputChange(
                    key: "market.competition", old: "{dist: triangular, min: 0.1, mode: 0.2, max: 0.5}",
                    new: "{dist: triangular, min: 0.5, mode: 0.7, max: 0.9}")
            ])
        #expect(idx.entries[0].changedInputs == [])
        #expect(md.contains("## Inputs changed since the previous run"))
        #expect(
            md.contains(
                "`market.competition` `{dist: triangular, min: 0.1, mode: 0.2, max: 0.5}` → `{dist: triangular, min: "
                    + "0.5, mode: 0.7, max: 0.9}`"
            ))
        #expect(md.contains("**inputs changed (1)**"))
    }

    @Test func sigtermRecordsWhatWasNotRun() throws {
        let (folder, out) = try makeBatch()
        let (p, _, err) = try CLIRunner.start(["batch", folder.path, "--out", out.path, "--trials", "3000000"])
        let handle = err.fileHandleForReading
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains("trials") && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 143)
        let idx = try index(out)
        #expect(idx.interrupted == "SIGTERM")
        #expect(idx.entries.contains { $0.status == .notRun })
        #expect(!idx.entries.contains { $0.status == .pending })
        try expectNothingPartial(out)
    }

    /// SIGKILL and SIGTERM at moments spread over the runs, each after the run's first write of an output (seen
    /// on the folder, not guessed from a sleep): every file at a final path is complete; a temporary file may remain
    /// only under its own prefix. Kills that found the run already finished do not count; most must have landed.
    @Test func killsAtRandomMomentsLeaveNoPartialFile() throws {
        let delays = [0.0, 0.05, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0]
        let (folder, out) = try makeBatch()
        var landed = 0
        for (i, delay) in delays.enumerated() {
            let start = Date()
            let (p, _, _) = try CLIRunner.start([
                "batch", folder.path, "--out", out.path, "--trials", "200000", "--quiet"
            ])
            let wrote = waitForFirstWrite(in: out, since: start, while: p)
            usleep(useconds_t(delay * 1_000_000))
            if wrote && p.isRunning && kill(p.processIdentifier, i % 2 == 0 ? SIGKILL : SIGTERM) == 0 { landed += 1 }
            p.waitUntilExit()
            try expectNothingPartial(out)
        }
        #expect(landed >= delays.count / 2, "only \(landed) of \(delays.count) kills landed after a first write")
    }

    /// Whether an output (a report, a temporary file, the index) was written in `out` after `start` while `p` ran;
    /// waits at most 120 s, generous for a loaded machine.
    func waitForFirstWrite(in out: URL, since start: Date, while p: Process) -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline {
            for f in CLIRunner.files(in: out) where f != FolderLock.fileName && !f.hasPrefix(History.fileName) {
                let attributes = try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(f).path)
                if let modified = attributes?[.modificationDate] as? Date, modified >= start { return true }
            }
            usleep(2_000)
        }
        return false
    }

    func expectNothingPartial(_ out: URL) throws {
        for f in CLIRunner.files(in: out)
        where !f.hasPrefix(AtomicFile.temporaryPrefix) && f != FolderLock.fileName && !f.hasPrefix(History.fileName) {
            let data = try Data(contentsOf: out.appendingPathComponent(f))
            if f.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(f) is not complete JSON")
            } else if f.hasSuffix(".html") {
                #expect(String(decoding: data, as: UTF8.self).hasSuffix("</html>\n"), "\(f) is partial")
            } else if f.hasSuffix(".svg") {
                #expect(String(decoding: data, as: UTF8.self).hasSuffix("</svg>\n"), "\(f) is partial")
            } else if f == "index.md" {
                #expect(
                    String(decoding: data, as: UTF8.self).contains("## Drift since the previous run"), "\(f) is partial"
                )
            } else {
                #expect(
                    String(decoding: data, as: UTF8.self).contains(
                        "VentureSim \(VentureSimVersion.current); random numbers"), "\(f) is partial")
            }
        }
    }
}
