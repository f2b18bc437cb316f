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
