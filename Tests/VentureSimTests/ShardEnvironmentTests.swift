import Testing
@testable import VentureSim

/// The shard from a cluster engine's environment: checked as `--shard` is, the
/// Slurm step honoured, a variable set but invalid named as such (issue 19).
@Suite struct ShardEnvironmentTests {
    typealias Env = [String: String]

    static func shard(_ env: Env, shards: Int? = nil) -> String {
        do {
            guard let r = try ShardSplit.fromEnvironment(env, shards: shards) else { return "absent" }
            return "\(r.shard)/\(r.shards)"
        } catch {
            return "\(error)"
        }
    }

    static func slurm(id: String, count: String, min: String? = nil, step: String? = nil, max: String? = nil) -> Env {
        var env = ["SLURM_ARRAY_TASK_ID": id, "SLURM_ARRAY_TASK_COUNT": count]
        (env["SLURM_ARRAY_TASK_MIN"], env["SLURM_ARRAY_TASK_STEP"], env["SLURM_ARRAY_TASK_MAX"]) = (min, step, max)
        return env
    }

    @Test func eachEngineGivesItsShard() {
        #expect(Self.shard(Self.slurm(id: "2", count: "4")) == "2/4")
        #expect(Self.shard(Self.slurm(id: "5", count: "4", min: "3", step: "1", max: "6")) == "2/4")
        #expect(Self.shard(["JOB_COMPLETION_INDEX": "1"], shards: 3) == "1/3")
        #expect(Self.shard(["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "2"]) == "0/2")
        #expect(Self.shard([:]) == "absent")
        #expect(Self.shard(["HOME": "/root"], shards: 4) == "absent")
    }

    /// `sbatch --array=1-7:2` runs tasks 1, 3, 5 and 7: shards 0, 1, 2 and 3 of 4.
    @Test func slurmStepIsHonoured() {
        let shards = ["1", "3", "5", "7"].map {
            Self.shard(Self.slurm(id: $0, count: "4", min: "1", step: "2", max: "7"))
        }
        #expect(shards == ["0/4", "1/4", "2/4", "3/4"])
        // An ID between the steps is not one of the array's.
        #expect(
            Self.shard(Self.slurm(id: "4", count: "4", min: "1", step: "2", max: "7")).hasPrefix(
                "SLURM_ARRAY_TASK_ID: 4 is not one of the 4 task IDs 1, 3, …"))
        // --array=0,1,5: three IDs not evenly spaced.
        #expect(
            Self.shard(Self.slurm(id: "5", count: "3", min: "0", step: "1", max: "5")).hasPrefix(
                "SLURM_ARRAY_TASK_ID: 5 is not one of"))
        #expect(
            Self.shard(Self.slurm(id: "1", count: "3", min: "0", step: "1", max: "5")).hasPrefix(
                "SLURM_ARRAY_TASK_MAX: 5, but 3 task IDs from 0"))
    }

    /// Values near Int.max or Int.min, counts beyond `--shard`'s cap, and text are refused by name, never overflow.
    @Test(
        arguments: [
            (
                slurm(id: "9223372036854775807", count: "9223372036854775807"),
                "SLURM_ARRAY_TASK_ID: 9223372036854775807 is out of range"
            ),
            (
                slurm(id: "-9223372036854775808", count: "4"),
                "SLURM_ARRAY_TASK_ID: -9223372036854775808 is out of range"
            ),
            (
                slurm(id: "3", count: "4", min: "-9223372036854775808"),
                "SLURM_ARRAY_TASK_MIN: -9223372036854775808 is out of range"
            ),
            (
                slurm(id: "1", count: "9223372036854775807"),
                "SLURM_ARRAY_TASK_COUNT: 9223372036854775807 is out of range (1 to 100000)"
            ),
            (slurm(id: "1", count: "100001"), "SLURM_ARRAY_TASK_COUNT: 100001 is out of range (1 to 100000)"),
            (slurm(id: "0", count: "0"), "SLURM_ARRAY_TASK_COUNT: 0 is out of range"),
            (
                slurm(id: "1", count: "99999999999999999999"),
                "SLURM_ARRAY_TASK_COUNT: \"99999999999999999999\" is not a whole number"
            ),
            (slurm(id: "x", count: "4"), "SLURM_ARRAY_TASK_ID: \"x\" is not a whole number"),
            (slurm(id: "", count: "4"), "SLURM_ARRAY_TASK_ID: \"\" is not a whole number"),
            (slurm(id: "1", count: "4", step: "0"), "SLURM_ARRAY_TASK_STEP: 0 is out of range"),
            (slurm(id: "4", count: "4"), "SLURM_ARRAY_TASK_ID: 4 is not one of the 4 task IDs"),
            (slurm(id: "0", count: "4", min: "1"), "SLURM_ARRAY_TASK_ID: 0 is not one of the 4 task IDs"),
            (["SLURM_ARRAY_TASK_ID": "1"], "SLURM_ARRAY_TASK_COUNT: not set, but the cluster's other variables are"),
            (["AWS_BATCH_JOB_ARRAY_INDEX": "1"], "AWS_BATCH_JOB_ARRAY_SIZE: not set"),
            (
                ["AWS_BATCH_JOB_ARRAY_INDEX": "2", "AWS_BATCH_JOB_ARRAY_SIZE": "2"],
                "AWS_BATCH_JOB_ARRAY_INDEX: 2 is not below AWS_BATCH_JOB_ARRAY_SIZE (2)"
            ),
            (
                ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "9223372036854775807"],
                "AWS_BATCH_JOB_ARRAY_SIZE: 9223372036854775807 is out of range"
            ),
            (["JOB_COMPLETION_INDEX": "-1"], "JOB_COMPLETION_INDEX: -1 is out of range"),
            (
                ["JOB_COMPLETION_INDEX": "1"],
                "JOB_COMPLETION_INDEX: set (1), but Kubernetes does not export the shard count: give --shards N"
            )
        ] as [(Env, String)])
    func invalidValuesAreNamed(env: Env, message: String) {
        let got = Self.shard(env)
        #expect(got.hasPrefix(message), "\(got)")
    }

    @Test func kubernetesCountIsCheckedAsShardIs() {
        #expect(
            Self.shard(["JOB_COMPLETION_INDEX": "3"], shards: 3)
                == "JOB_COMPLETION_INDEX: 3 is not a shard of --shards 3 (0 to 2)")
        #expect(
            Self.shard(["JOB_COMPLETION_INDEX": "0"], shards: Int.max).hasPrefix(
                "--shards: 9223372036854775807 is not a shard count (1 to 100000)"))
        #expect(
            Self.shard(["JOB_COMPLETION_INDEX": "9223372036854775807"], shards: 4).hasPrefix(
                "JOB_COMPLETION_INDEX: 9223372036854775807 is out of range"))
    }
}
