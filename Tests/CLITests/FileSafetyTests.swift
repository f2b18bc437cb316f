import Foundation
import Testing
import VentureSim

/// Issue 7's file-safety holes (D1–D8) and bad input, each reproduced end to end.
@Suite struct FileSafetyTests {
    static let tiny = """
        name: tiny
        simulation: {trials: 2000, horizon_months: 12}
        market: {size: 1000}
        strategies: [{name: s, kind: subscription, price_per_month: 10}]
        costs: {operations_monthly: 100}
        """

    func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        lstat(path, &st)
        return st.st_mode
    }

    // D1: a character device or FIFO is written into, never replaced.
    @Test func devicesAndPipesAreWrittenIntoNotReplaced() throws {
        let dir = try CLIRunner.temporaryFolder()
        try write(Self.tiny, "t.yaml", in: dir)
        let devNull = try CLIRunner.run(["run", "t.yaml", "--quiet", "--report", "/dev/null"], in: dir)
        #expect(devNull.status == 0, "\(devNull.stderr)")
        #expect(mode("/dev/null") & S_IFMT == S_IFCHR)
        let stdout = try CLIRunner.run(["run", "t.yaml", "--quiet", "--report", "/dev/stdout"], in: dir)
        #expect(stdout.status == 0 && stdout.stdout.contains("# tiny"))
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo)!.readDataToEndOfFile() }
        reader.start()
        let r = try CLIRunner.run(["run", "t.yaml", "--quiet", "--report", fifo], in: dir)
        while !reader.isFinished { usleep(1000) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: received, as: UTF8.self).contains("# tiny"))
        #expect(mode(fifo) & S_IFMT == S_IFIFO)
    }

    // D2: a symlink planted where the old, predictable temporary name was is never followed;
    // nor is a link at the destination itself.
    @Test func plantedLinksAreNeverFollowed() throws {
        let dir = try CLIRunner.temporaryFolder()
        let victim = dir.appendingPathComponent("victim.txt")
        try "precious".write(to: victim, atomically: true, encoding: .utf8)
        for pid in [getpid()] {
            symlink(victim.path, dir.appendingPathComponent(".venturesim-tmp-\(pid)-out.md").path)
        }
        try AtomicFile.write("report", to: dir.appendingPathComponent("out.md").path)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        #expect(try String(contentsOf: dir.appendingPathComponent("out.md"), encoding: .utf8) == "report")
        let link = dir.appendingPathComponent("link.md").path
        symlink(victim.path, link)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: link) }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        #expect(mode(link) & S_IFMT == S_IFLNK)
    }

    // D3: an unsampleable Poisson is refused by validate; a signal stops a slow block promptly.
    @Test func hugePoissonIsRefusedAndSignalsStopSlowBlocks() throws {
        let dir = try CLIRunner.temporaryFolder()
        try write(
            Self.tiny.replacingOccurrences(of: "size: 1000", with: "size: {dist: poisson, mean: 6e9}"), "p.yaml",
            in: dir)
        let v = try CLIRunner.run(["validate", "p.yaml"], in: dir)
        #expect(v.status == 1 && v.stderr.contains("market.size.mean") && v.stderr.contains("32-bit"))
        // 64 strategies over 1,200 months: one block of 4,096 trials takes many seconds.
        let strategies = (0..<64).map { "{name: s\($0), kind: subscription, price_per_month: 10, churn_monthly: 0.01}" }
            .joined(separator: ", ")
        try write(
            """
            name: slow
            simulation: {trials: 100000, horizon_months: 1200}
            market: {size: 1000}
            strategies: [\(strategies)]
            """, "slow.yaml", in: dir)
        let (p, _, err) = try CLIRunner.start(["run", "slow.yaml", "--workers", "1", "--report", "slow.md"], in: dir)
        // The event, not a guess at how long start-up takes on a loaded machine: the first progress line
        // ("0/100,000 trials") says the first block is running.
        let progress = try CLIRunner.waitFor("trials", on: err, deadline: 120)
        #expect(progress.contains("trials"), "no progress line: \(progress)")
        let sent = Date()
        kill(p.processIdentifier, SIGINT)
        // The whole run is minutes of work and one block many seconds; the generous limit leaves room for a
        // loaded two-core machine while still telling "stopped in the block" from "ran on".
        let stopped = CLIRunner.waitForExit(p, deadline: 30)
        let took = Date().timeIntervalSince(sent)
        #expect(stopped, "still running \(took) s after SIGINT")
        #expect(p.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("slow.md").path))
    }

    // D4: outputs are unique per input; a clash is refused by name before anything runs.
    @Test func clashingOutputsAreRefusedByName() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in ["a.yaml", "a.yml", "a.json", "index.yaml", "b.yaml"] { try write(Self.tiny, name, in: input) }
        let r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(r.status == 4)  // a first night: the refusals are new failures
        let idx = try JSONDecoder().decode(
            BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
        let status = Dictionary(uniqueKeysWithValues: idx.entries.map { ($0.file, $0.status) })
        #expect(
            status == ["a.json": .invalid, "a.yaml": .invalid, "a.yml": .invalid, "index.yaml": .invalid, "b.yaml": .ok]
        )
        let a = idx.entries.first { $0.file == "a.yaml" }!
        #expect(a.error?.contains("a.json, a.yml") == true)
        #expect(idx.entries.first { $0.file == "index.yaml" }!.error?.contains("batch's own index") == true)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("a.md").path))
        // run: two names that slug alike get different default reports.
        for (i, name) in ["...", "!!!", "日本語"].enumerated() {
            try write(Self.tiny.replacingOccurrences(of: "name: tiny", with: "name: '\(name)'"), "n\(i).yaml", in: dir)
            #expect(try CLIRunner.run(["run", "n\(i).yaml", "--quiet"], in: dir).status == 0)
        }
        let reports = CLIRunner.files(in: dir.appendingPathComponent("reports")).filter { $0.hasSuffix(".md") }
        #expect(reports.count == 3, "\(reports)")
        #expect(reports.contains("日本語.md"))
    }

    // D5: overflow in the statistics is a run error; no JSON holds NaN.
    @Test func overflowingStatisticsAreARunError() throws {
        let dir = try CLIRunner.temporaryFolder()
        try write(
            """
            name: huge
            simulation: {trials: 1000, horizon_months: 1}
            market: {size: 1}
            adoption: {model: fixed}
            strategies: [{name: s, kind: subscription, price_per_month: {dist: uniform, min: 1e306, max: 1e307}}]
            """, "h.yaml", in: dir)
        let r = try CLIRunner.run(["run", "h.yaml", "--quiet", "--json", "h.json", "--report", "h.md"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("overflows double precision"), "\(r.stderr)")
        #expect(CLIRunner.files(in: dir) == ["h.yaml"])
    }

    // D6: nothing is written unless everything can be.
    @Test func nothingIsWrittenUnlessEverythingCanBe() throws {
        let dir = try CLIRunner.temporaryFolder()
        try write(Self.tiny, "t.yaml", in: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("adir"), withIntermediateDirectories: true)
        let r = try CLIRunner.run(["run", "t.yaml", "--quiet", "--json", "t.json", "--report", "adir"], in: dir)
        #expect(r.status == 1 && r.stderr.contains("adir") && r.stderr.contains("folder"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("t.json").path))
        // A write that fails midway (the second output's folder is a file) leaves the first untouched.
        let first = dir.appendingPathComponent("first.json").path
        try "old".write(toFile: first, atomically: true, encoding: .utf8)
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.writeAll([
                AtomicFile.Output(path: first, text: "new"),
                AtomicFile.Output(path: dir.appendingPathComponent("t.yaml/x.md").path, text: "x")
            ])
        }
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "old")
        #expect(!CLIRunner.files(in: dir).contains { $0.contains(AtomicFile.temporaryPrefix) })
        // The same file twice, and the input as output, are refused before the run.
        let same = try CLIRunner.run(["run", "t.yaml", "--quiet", "--json", "x.out", "--report", "./x.out"], in: dir)
        #expect(same.status == 1 && same.stderr.contains("same file"))
        let own = try CLIRunner.run(["run", "t.yaml", "--quiet", "--report", "t.yaml"], in: dir)
        #expect(own.status == 1 && own.stderr.contains("scenario file being run"))
        #expect(try String(contentsOf: dir.appendingPathComponent("t.yaml"), encoding: .utf8) == Self.tiny)
        // An existing report keeps its permission bits.
        let kept = dir.appendingPathComponent("kept.md").path
        try "old".write(toFile: kept, atomically: true, encoding: .utf8)
        chmod(kept, 0o600)
        #expect(try CLIRunner.run(["run", "t.yaml", "--quiet", "--report", "kept.md"], in: dir).status == 0)
        #expect(mode(kept) & 0o777 == 0o600)
    }

    // D7: links leaving the folder and non-regular files are never read; quotes are capped.
    @Test func batchNeverReadsOutsideItsFolder() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let secret = dir.appendingPathComponent("shadow")
        try "root:SECRET-HASH-LINE:19000:0:99999:7:::\n".write(to: secret, atomically: true, encoding: .utf8)
        symlink(secret.path, input.appendingPathComponent("evil.yaml").path)
        try write(Self.tiny, "good.yaml", in: input)
        symlink(input.appendingPathComponent("good.yaml").path, input.appendingPathComponent("alias.yaml").path)
        #expect(mkfifo(input.appendingPathComponent("fifo.yaml").path, 0o644) == 0)
        let r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(r.status == 4)  // a first night: the refusals are new failures
        let index =
            try String(contentsOf: out.appendingPathComponent("index.json"), encoding: .utf8)
            + String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8) + r.stderr
        #expect(!index.contains("SECRET"))
        let idx = try JSONDecoder().decode(
            BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
        let status = Dictionary(uniqueKeysWithValues: idx.entries.map { ($0.file, $0.status) })
        #expect(status == ["alias.yaml": .ok, "evil.yaml": .skipped, "fifo.yaml": .skipped, "good.yaml": .ok])
        // Batch --out equal to the scenario folder is refused.
        let same = try CLIRunner.run(["batch", input.path, "--out", input.path + "/.", "--quiet"])
        #expect(same.status == 1 && same.stderr.contains("output folder is the scenario folder"))
    }

    // D8: one batch per output folder; only dead processes' temporaries are removed.
    @Test func secondBatchFailsAtOnceAndLiveTemporariesSurvive() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try write(Self.tiny.replacingOccurrences(of: "trials: 2000", with: "trials: 50000000"), "big.yaml", in: input)
        // A temporary of a live process (this test) and of one that has exited.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let live = out.appendingPathComponent("\(AtomicFile.temporaryPrefix)\(getpid())-abcdef").path
        let dead = out.appendingPathComponent("\(AtomicFile.temporaryPrefix)\(gone.processIdentifier)-abcdef").path
        try "x".write(toFile: live, atomically: false, encoding: .utf8)
        try "x".write(toFile: dead, atomically: false, encoding: .utf8)
        let (first, _, _) = try CLIRunner.start(["batch", input.path, "--out", out.path, "--quiet"])
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        let deadline = Date().addingTimeInterval(30)
        while FileManager.default.fileExists(atPath: dead) && Date() < deadline { usleep(20_000) }
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        let second = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("PID \(first.processIdentifier)"), "\(second.stderr)")
    }

    // Also seen: huge, binary and non-file scenarios; standard input; ulimit -v.
    @Test func oddInputsAreNamedOrRead() throws {
        let dir = try CLIRunner.temporaryFolder()
        let big = String(repeating: "k: 1\n", count: 2_300_000)
        try write(big, "big.yaml", in: dir)
        let r = try CLIRunner.run(["validate", "big.yaml"], in: dir)
        #expect(r.status == 1 && r.stderr.contains("limited to 10 MB"))
        try Data([0x6e, 0x00, 0x01]).write(to: dir.appendingPathComponent("bin.yaml"))
        #expect(try CLIRunner.run(["validate", "bin.yaml"], in: dir).stderr.contains("binary file"))
        // Standard input, as '-' and as /dev/stdin.
        for path in ["-", "/dev/stdin"] {
            let p = Process()
            p.executableURL = CLIRunner.binary
            p.arguments = ["validate", path]
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            p.standardError = FileHandle.nullDevice
            try p.run()
            input.fileHandleForWriting.write(Data(Self.tiny.utf8))
            try input.fileHandleForWriting.close()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            #expect(
                String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("ok (tiny"))
        }
        // A run that cannot have its memory is refused cleanly, not aborted.
        try write(Self.tiny.replacingOccurrences(of: "trials: 2000", with: "trials: 200000000"), "huge.yaml", in: dir)
        let limited = try CLIRunner.run(
            ["/bin/sh", "-c", "ulimit -v 4000000; exec \"$0\" run huge.yaml --quiet", CLIRunner.binary.path], in: dir,
            shell: true)
        #expect(limited.status == 1, "\(limited.stderr)")
        #expect(limited.stderr.contains("memory"), "\(limited.stderr)")
        #expect(!limited.stderr.contains("Fatal error"))
    }
}
