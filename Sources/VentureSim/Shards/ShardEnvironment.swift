/// The shard and count a cluster engine gives a task in its environment:
/// Slurm array jobs (`SLURM_ARRAY_TASK_ID`, `…_COUNT`, `…_MIN`, `…_STEP`),
/// Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, the count from
/// `--shards`, which Kubernetes does not export) and AWS Batch array jobs
/// (`AWS_BATCH_JOB_ARRAY_INDEX`, `…_SIZE`). Values are checked as `--shard`
/// is (a count of 1 … `ShardSplit.maxShards`); a variable that is set but not
/// valid is an error naming it, never taken for an absent one.
extension ShardSplit {
    /// Why the environment's shard cannot be used: the variable and what is wrong with it.
    public struct EnvironmentError: Error, CustomStringConvertible, Sendable, Equatable {
        public var variable: String
        public var reason: String
        public var description: String { "\(variable): \(reason)" }
    }

    /// The largest task ID or index taken: Slurm's IDs stay below its MaxArraySize (at most 4,000,001).
    static let maxTaskID = 1 << 31

    /// Shard and count from a cluster engine's environment; nil when no engine's variables are set.
    public static func fromEnvironment(_ env: [String: String], shards: Int?) throws(EnvironmentError) -> (
        shard: Int, shards: Int
    )? {
        if env["SLURM_ARRAY_TASK_ID"] != nil { return try slurm(env) }
        if env["JOB_COMPLETION_INDEX"] != nil {
            let k = try number(env, "JOB_COMPLETION_INDEX", 0...maxTaskID)
            guard let n = shards else {
                throw EnvironmentError(
                    variable: "JOB_COMPLETION_INDEX",
                    reason: "set (\(k)), but Kubernetes does not export the shard count: give --shards N")
            }
            guard (1...maxShards).contains(n) else {
                throw EnvironmentError(variable: "--shards", reason: "\(n) is not a shard count (1 to \(maxShards))")
            }
            guard k < n else {
                throw EnvironmentError(
                    variable: "JOB_COMPLETION_INDEX", reason: "\(k) is not a shard of --shards \(n) (0 to \(n - 1))")
            }
            return (k, n)
        }
        if env["AWS_BATCH_JOB_ARRAY_INDEX"] != nil {
            let k = try number(env, "AWS_BATCH_JOB_ARRAY_INDEX", 0...maxTaskID)
            let n = try number(env, "AWS_BATCH_JOB_ARRAY_SIZE", 1...maxShards)
            guard k < n else {
                throw EnvironmentError(
                    variable: "AWS_BATCH_JOB_ARRAY_INDEX", reason: "\(k) is not below AWS_BATCH_JOB_ARRAY_SIZE (\(n))")
            }
            return (k, n)
        }
        return nil
    }

    /// A Slurm array task: shard (ID − MIN) / STEP of COUNT, the IDs MIN, MIN + STEP, … (`--array=1-7:2` gives shards 0
    /// … 3).
    private static func slurm(_ env: [String: String]) throws(EnvironmentError) -> (shard: Int, shards: Int) {
        let id = try number(env, "SLURM_ARRAY_TASK_ID", 0...maxTaskID)
        let n = try number(env, "SLURM_ARRAY_TASK_COUNT", 1...maxShards)
        // Older Slurm versions may leave MIN and STEP out: then IDs count from 0 in steps of 1.
        let first = env["SLURM_ARRAY_TASK_MIN"] == nil ? 0 : try number(env, "SLURM_ARRAY_TASK_MIN", 0...maxTaskID)
        let step = env["SLURM_ARRAY_TASK_STEP"] == nil ? 1 : try number(env, "SLURM_ARRAY_TASK_STEP", 1...maxTaskID)
        guard id >= first, (id - first) % step == 0, (id - first) / step < n else {
            throw EnvironmentError(
                variable: "SLURM_ARRAY_TASK_ID",
                reason: "\(id) is not one of the \(n) task IDs \(first), \(first + step), … "
                    + "(SLURM_ARRAY_TASK_MIN \(first), SLURM_ARRAY_TASK_STEP \(step)); give the array as "
                    + "--array=0-\(n - 1), or give --shard K/N"
            )
        }
        // A list such as --array=0,1,5 is not evenly spaced: its last ID is not where MIN, STEP and COUNT put it.
        if env["SLURM_ARRAY_TASK_MAX"] != nil {
            let last = try number(env, "SLURM_ARRAY_TASK_MAX", 0...maxTaskID)
            guard last == first + (n - 1) * step else {
                throw EnvironmentError(
                    variable: "SLURM_ARRAY_TASK_MAX",
                    reason: "\(last), but \(n) task IDs from \(first) in steps of \(step) end at "
                        + "\(first + (n - 1) * step): the array's IDs are not evenly spaced; give it as "
                        + "--array=0-\(n - 1), or give --shard K/N"
                )
            }
        }
        return ((id - first) / step, n)
    }

    /// Variable `name` as a whole number within `range`; an error naming it when it is absent, not a number, or out of
    /// range.
    private static func number(_ env: [String: String], _ name: String, _ range: ClosedRange<Int>)
        throws(EnvironmentError) -> Int
    {
        guard let text = env[name] else {
            throw EnvironmentError(variable: name, reason: "not set, but the cluster's other variables are")
        }
        guard let value = Int(text) else {
            throw EnvironmentError(
                variable: name, reason: "\(String(text.prefix(40)).debugDescription) is not a whole number")
        }
        guard range.contains(value) else {
            throw EnvironmentError(
                variable: name, reason: "\(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }
}
