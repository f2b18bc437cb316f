import Foundation
import Testing
import VentureSim

/// Issue 19: a forced exit (a second signal, or the grace period over while
/// the batch cannot stop) still leaves an index that says `not run` for every
/// scenario that was not run, never `pending`, with the summary line and the
/// conventional exit status.
@Suite struct ForcedExitTests {
    /// Sends `signals` once the batch is stuck writing its first report into a FIFO nobody reads
    /// (a write a signal cannot cancel, so only a forced exit ends it).
    func stuckBatch(signals: [Int32]) throws -> (CLIRunner.Result, BatchIndex) {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        for f in [input, out] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        for name in ["a.yaml", "b.yaml", "c.yaml"] {
            try FileSafetyTests.tiny.write(to: input.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(mkfifo(out.appendingPathComponent("a.md").path, 0o644) == 0)
        let (p, stdout, stderr) = try CLIRunner.start(["batch", input.path, "--out", out.path, "--quiet"])
        // a.json is renamed into place just before the report is written into the FIFO.
        let json = out.appendingPathComponent("a.json").path
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: json), p.isRunning, Date() < deadline { usleep(20_000) }
        #expect(p.isRunning, "the batch ended before it was stuck")
        for (i, s) in signals.enumerated() {
            if i > 0 { usleep(200_000) }
            kill(p.processIdentifier, s)
        }
        let out1 = stdout.fileHandleForReading.readDataToEndOfFile(),
            err = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let result = CLIRunner.Result(
            status: p.terminationStatus, stdout: String(decoding: out1, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
        let idx = try JSONDecoder().decode(
            BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
        return (result, idx)
    }

    @Test(arguments: [([SIGINT, SIGINT], Int32(130), "SIGINT"), ([SIGTERM], Int32(143), "SIGTERM")])
    func aForcedExitLeavesNoScenarioPending(signals: [Int32], status: Int32, name: String) throws {
        let (r, idx) = try stuckBatch(signals: signals)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains("stopped at once"), "\(r.stderr)")
        // Issue 27: the running scenario is interrupted, the others not run, and the night is in the history.
        #expect(idx.entries.map(\.status) == [.interrupted, .notRun, .notRun], "\(idx.entries.map(\.status))")
        #expect(
            idx.interrupted == name && idx.history == "recorded as interrupted (stopped at once: no trends tonight)")
        #expect(idx.entries[0].error?.contains("received while running") == true && idx.exitStatus == status)
        #expect(
            r.stdout.contains("0 ok, 0 invalid, 0 failed, 1 interrupted, 0 skipped, 2 not run;")
                && r.stdout.contains("exit \(status)"), "\(r.stdout)")
        let nights = try History(path: (idx.folder as NSString).deletingLastPathComponent + "/out/" + History.fileName)
            .nights()
        #expect(
            nights.count == 1 && nights[0].status == "interrupted (\(name))"
                && nights[0].runs["a.yaml"] == "interrupted")
    }
}
