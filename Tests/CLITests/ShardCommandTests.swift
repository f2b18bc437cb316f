import Foundation
import Testing
import VentureSim

/// `run --shard K/N --partial PATH` and `merge`, end to end.
@Suite struct ShardCommandTests {
    static func jsonOutsideRun(_ url: URL) throws -> NSDictionary {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        object["run"] = nil
        return object as NSDictionary
    }

    @Test func fourShardsMergeToTheSingleRun() throws {
        let dir = try CLIRunner.temporaryFolder()
        let scenario = CLIRunner.root.appendingPathComponent("scenarios/ai-customer-service-saas.yaml").path
        let common = [scenario, "--trials", "20000", "--quiet", "--set", "market.competition=0.3"]
        for k in 0..<4 {
            let r = try CLIRunner.run(["run"] + common + ["--shard", "\(k)/4", "--partial", "p\(k).part"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("shard \(k)/4"))
        }
        let single = try CLIRunner.run(["run"] + common + ["--json", "single.json", "--report", "single.md"], in: dir)
        #expect(single.status == 0, "\(single.stderr)")
        for (i, order) in [[0, 1, 2, 3], [3, 1, 0, 2]].enumerated() {
            let r = try CLIRunner.run(
                ["merge"] + order.map { "p\($0).part" } + [
                    "--json", "m\(i).json", "--report", "m\(i).md", "--no-charts"
                ], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(
                try Self.jsonOutsideRun(dir.appendingPathComponent("m\(i).json"))
                    == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
            let md = try String(contentsOf: dir.appendingPathComponent("m\(i).md"), encoding: .utf8)
            #expect(md.contains("venturesim run \(scenario) --trials 20000 --seed 42 --set market.competition=0.3"))
        }
        // A missing shard is named; a shard from another seed is refused.
        let missing = try CLIRunner.run(["merge", "p0.part", "p2.part", "p3.part"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("missing shard 1 of 4"), "\(missing.stderr)")
        #expect(
            try CLIRunner.run(["run"] + common + ["--seed", "7", "--shard", "1/4", "--partial", "other.part"], in: dir)
                .status == 0)
        let mixed = try CLIRunner.run(["merge", "p0.part", "other.part", "p2.part", "p3.part"], in: dir)
        #expect(mixed.status == 1 && mixed.stderr.contains("its seed is 7, not 42"), "\(mixed.stderr)")
        // Rerunning a shard and merging again just works.
        #expect(try CLIRunner.run(["run"] + common + ["--shard", "1/4", "--partial", "p1.part"], in: dir).status == 0)
        #expect(
            try CLIRunner.run(
                ["merge", "p0.part", "p1.part", "p2.part", "p3.part", "--json", "again.json", "--report", "again.md"],
                in: dir
            ).status == 0)
        #expect(
            try Self.jsonOutsideRun(dir.appendingPathComponent("again.json"))
                == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
    }

    /// The sketch summary end to end: sharded and merged equals one run, the report says what it is, and the
    /// memory guard offers it when an exact run does not fit.
    @Test func sketchShardsMergeToTheSingleSketchRun() throws {
        let dir = try CLIRunner.temporaryFolder()
        let common = ["--trials", "30000", "--quiet", "--set", "simulation.summary=sketch"]
        for k in 0..<3 {
            let r = try CLIRunner.run(["run"] + common + ["--shard", "\(k)/3", "--partial", "s\(k).part"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let single = try CLIRunner.run(["run"] + common + ["--json", "single.json", "--report", "single.md"], in: dir)
        #expect(single.status == 0, "\(single.stderr)")
        let merged = try CLIRunner.run(
            ["merge", "s2.part", "s0.part", "s1.part", "--json", "m.json", "--report", "m.md"], in: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(
            try Self.jsonOutsideRun(dir.appendingPathComponent("m.json"))
                == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
        let md = try String(contentsOf: dir.appendingPathComponent("m.md"), encoding: .utf8)
        #expect(
            md.contains("**Sketch summary**") && md.contains("within 0.1 %") && md.contains("## Stress cases"),
            "\(md.prefix(3000))")
        #expect(!md.contains("## Drivers"))
        let samples = try CLIRunner.run(["run"] + common + ["--samples", "x.csv"], in: dir)
        #expect(samples.status == 1 && samples.stderr.contains("keeps none"), "\(samples.stderr)")
        let tooBig = try CLIRunner.run(["run", "--trials", "900000000", "--quiet"], in: dir)
        #expect(tooBig.status == 1 && tooBig.stderr.contains("--set simulation.summary=sketch"), "\(tooBig.stderr)")
    }

    @Test func theShardComesFromTheClusterEnvironment() throws {
        let dir = try CLIRunner.temporaryFolder()
        let run = ["run", "--trials", "9000", "--quiet", "--partial", "slurm.part"]
        let (p, out, _) = try CLIRunner.start(
            ["/usr/bin/env", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", CLIRunner.binary.path] + run,
            in: dir, shell: true)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.contains("shard 1/2, trials 4,096 ..< 9,000"), "\(text)")
        let none = try CLIRunner.run(run, in: dir)
        #expect(none.status == 64 && none.stderr.contains("no SLURM_ARRAY_TASK_ID"), "\(none.stderr)")
        #expect(try CLIRunner.run(["run", "--shard", "2/2", "--partial", "x.part"], in: dir).status == 64)
        #expect(try CLIRunner.run(["run", "--shard", "0/2"], in: dir).status == 64)
        #expect(
            try CLIRunner.run(["run", "--shard", "0/2", "--partial", "x.part", "--json", "x.json"], in: dir).status
                == 64)
        let notPartial = try CLIRunner.run(["merge", "/etc/hostname"], in: dir)
        #expect(
            notPartial.status == 1 && notPartial.stderr.contains("not a VentureSim partial result"),
            "\(notPartial.stderr)")
    }

    /// Tampered partials end to end (issue 19): each refused with exit 1 and a message naming the file and the field,
    /// never a trap or an internal encoding error; nothing is written.
    @Test func tamperedPartialsAreRefusedByName() throws {
        let dir = try CLIRunner.temporaryFolder()
        for k in 0..<2 {
            let r = try CLIRunner.run(
                ["run", "--trials", "9000", "--quiet", "--shard", "\(k)/2", "--partial", "p\(k).part"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let original = try Data(contentsOf: dir.appendingPathComponent("p1.part"))
        let partial = try PartialResult.decode(original).get()
        func refused(_ bytes: Data, _ message: String) throws {
            try bytes.write(to: dir.appendingPathComponent("bad.part"))
            let r = try CLIRunner.run(["merge", "p0.part", "bad.part", "--report", "m.md", "--json", "m.json"], in: dir)
            #expect(r.status == 1 && r.stderr.contains(message), "\(message): \(r.status) \(r.stderr)")
            #expect(
                !r.stderr.contains("EncodingError")
                    && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
        }
        var flipped = original
        flipped[flipped.count - 1000] ^= 1
        try refused(flipped, "error: bad.part: its payload does not match the SHA-256 in its header (payload_sha256)")
        try refused(original.prefix(original.count - 8), "error: bad.part: header field payload_bytes: says")
        // Forged through the library, so the digests are right and the checks behind them are reached.
        for (edit, message) in [
            (
                { (h: inout PartialResult.Header) in h.shards = 0 },
                "bad.part: header field shards: 0 is not a shard count"
            ),
            ({ $0.trials = Int.max }, "bad.part: header field trials: 9223372036854775807 is not a trial count"),
            ({ $0.shards = 1 << 62 }, "bad.part: header field shards: 4611686018427387904 is not a shard count"),
            (
                { $0.runs[0].targets = [1, 2, 3] },
                "bad.part: header field runs[0].targets: 3 counts, but the scenario has 2"
            ),
            (
                { $0.runs[0].clamped[0] = 5000 },
                "bad.part: header field runs[0].clamped[0]: 5000 is not a count of the shard's 4904 trials"
            )
        ]
            as [((inout PartialResult.Header) -> Void, String)]
        {
            var forged = partial
            edit(&forged.header)
            try refused(try forged.encoded(), message)
        }
        // A 2 GB sparse file behind a real header is refused before its payload is read.
        try original.write(to: dir.appendingPathComponent("big.part"))
        let handle = try FileHandle(forWritingTo: dir.appendingPathComponent("big.part"))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let big = try CLIRunner.run(["merge", "p0.part", "big.part"], in: dir)
        #expect(
            big.status == 1
                && big.stderr.contains(
                    "big.part: header field payload_bytes: says \(partial.header.payloadBytes) bytes, but"),
            "\(big.stderr)")
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("link.part").path, withDestinationPath: "p1.part")
        let link = try CLIRunner.run(["merge", "p0.part", "link.part"], in: dir)
        #expect(link.status == 1 && link.stderr.contains("link.part: not a regular file"), "\(link.stderr)")
        let good = try CLIRunner.run(["merge", "p1.part", "p0.part", "--report", "m.md"], in: dir)
        #expect(good.status == 0, "\(good.stderr)")
    }

    /// Cluster variables: the Slurm step honoured; set but invalid is a usage error naming the variable.
    @Test func clusterVariablesAreCheckedAsShardIs() throws {
        let dir = try CLIRunner.temporaryFolder()
        func run(_ env: [String], _ extra: [String] = []) throws -> CLIRunner.Result {
            try CLIRunner.run(
                ["/usr/bin/env", "-i"] + env + [
                    CLIRunner.binary.path, "run", "--trials", "9000", "--quiet", "--partial", "e.part"
                ] + extra,
                in: dir, shell: true)
        }
        // sbatch --array=1-7:2: task 3 is shard 1 of 4.
        let stepped = try run([
            "SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_STEP=2",
            "SLURM_ARRAY_TASK_MAX=7"
        ])
        #expect(
            stepped.status == 0 && stepped.stdout.contains("shard 1/4, trials 0 ..< 4,096"),
            "\(stepped.stdout) \(stepped.stderr)")
        for (env, message) in [
            (
                ["SLURM_ARRAY_TASK_ID=9223372036854775807", "SLURM_ARRAY_TASK_COUNT=9223372036854775807"],
                "SLURM_ARRAY_TASK_ID: 9223372036854775807 is out of range"
            ),
            (
                ["SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=-9223372036854775808"],
                "SLURM_ARRAY_TASK_COUNT: -9223372036854775808 is out of range"
            ),
            (
                ["SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=200000"],
                "SLURM_ARRAY_TASK_COUNT: 200000 is out of range (1 to 100000)"
            ),
            (
                ["SLURM_ARRAY_TASK_ID=one", "SLURM_ARRAY_TASK_COUNT=4"],
                "SLURM_ARRAY_TASK_ID: \"one\" is not a whole number"
            ),
            (["AWS_BATCH_JOB_ARRAY_INDEX=1"], "AWS_BATCH_JOB_ARRAY_SIZE: not set"),
            (
                ["JOB_COMPLETION_INDEX=2"],
                "JOB_COMPLETION_INDEX: set (2), but Kubernetes does not export the shard count: give --shards N"
            )
        ] {
            let r = try run(env)
            #expect(
                r.status == 64 && r.stderr.contains("takes the shard from the cluster's environment, but " + message),
                "\(env): \(r.stderr)")
        }
        let shards = try run(["JOB_COMPLETION_INDEX=2"], ["--shards", "9223372036854775807"])
        #expect(shards.status == 64 && shards.stderr.contains("--shards must be from 1 to 100,000"), "\(shards.stderr)")
        let capped = try CLIRunner.run(["run", "--shard", "0/100001", "--partial", "x.part"], in: dir)
        #expect(capped.status == 64 && capped.stderr.contains("N ≤ 100,000"), "\(capped.stderr)")
    }
}
