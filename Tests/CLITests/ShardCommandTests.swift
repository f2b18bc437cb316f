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
            let r = try CLIRunner.run(["merge"] + order.map { "p\($0).part" } + ["--json", "m\(i).json", "--report", "m\(i).md", "--no-charts"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try Self.jsonOutsideRun(dir.appendingPathComponent("m\(i).json")) == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
            let md = try String(contentsOf: dir.appendingPathComponent("m\(i).md"), encoding: .utf8)
            #expect(md.contains("venturesim run \(scenario) --trials 20000 --seed 42 --set market.competition=0.3"))
        }
        // A missing shard is named; a shard from another seed is refused.
        let missing = try CLIRunner.run(["merge", "p0.part", "p2.part", "p3.part"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("missing shard 1 of 4"), "\(missing.stderr)")
        #expect(try CLIRunner.run(["run"] + common + ["--seed", "7", "--shard", "1/4", "--partial", "other.part"], in: dir).status == 0)
        let mixed = try CLIRunner.run(["merge", "p0.part", "other.part", "p2.part", "p3.part"], in: dir)
        #expect(mixed.status == 1 && mixed.stderr.contains("its seed is 7, not 42"), "\(mixed.stderr)")
        // Rerunning a shard and merging again just works.
        #expect(try CLIRunner.run(["run"] + common + ["--shard", "1/4", "--partial", "p1.part"], in: dir).status == 0)
        #expect(try CLIRunner.run(["merge", "p0.part", "p1.part", "p2.part", "p3.part", "--json", "again.json", "--report", "again.md"], in: dir).status == 0)
        #expect(try Self.jsonOutsideRun(dir.appendingPathComponent("again.json")) == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
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
        let merged = try CLIRunner.run(["merge", "s2.part", "s0.part", "s1.part", "--json", "m.json", "--report", "m.md"], in: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try Self.jsonOutsideRun(dir.appendingPathComponent("m.json")) == Self.jsonOutsideRun(dir.appendingPathComponent("single.json")))
        let md = try String(contentsOf: dir.appendingPathComponent("m.md"), encoding: .utf8)
        #expect(md.contains("**Sketch summary**") && md.contains("within 0.1 %") && md.contains("## Stress cases"), "\(md.prefix(3000))")
        #expect(!md.contains("## Drivers"))
        let samples = try CLIRunner.run(["run"] + common + ["--samples", "x.csv"], in: dir)
        #expect(samples.status == 1 && samples.stderr.contains("keeps none"), "\(samples.stderr)")
        let tooBig = try CLIRunner.run(["run", "--trials", "900000000", "--quiet"], in: dir)
        #expect(tooBig.status == 1 && tooBig.stderr.contains("--set simulation.summary=sketch"), "\(tooBig.stderr)")
    }

    @Test func theShardComesFromTheClusterEnvironment() throws {
        let dir = try CLIRunner.temporaryFolder()
        let run = ["run", "--trials", "9000", "--quiet", "--partial", "slurm.part"]
        let (p, out, _) = try CLIRunner.start(["/usr/bin/env", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", CLIRunner.binary.path] + run,
                                              in: dir, shell: true)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.contains("shard 1/2, trials 4,096 ..< 9,000"), "\(text)")
        let none = try CLIRunner.run(run, in: dir)
        #expect(none.status == 64 && none.stderr.contains("no SLURM_ARRAY_TASK_ID"), "\(none.stderr)")
        #expect(try CLIRunner.run(["run", "--shard", "2/2", "--partial", "x.part"], in: dir).status == 64)
        #expect(try CLIRunner.run(["run", "--shard", "0/2"], in: dir).status == 64)
        #expect(try CLIRunner.run(["run", "--shard", "0/2", "--partial", "x.part", "--json", "x.json"], in: dir).status == 64)
        let notPartial = try CLIRunner.run(["merge", "/etc/hostname"], in: dir)
        #expect(notPartial.status == 1 && notPartial.stderr.contains("not a VentureSim partial result"), "\(notPartial.stderr)")
    }
}
