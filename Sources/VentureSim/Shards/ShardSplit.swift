/// How a run is split into shards: by whole blocks of `Simulator.blockSize`
/// trials, shard k of n taking blocks ⌊k·B/n⌋ ..< ⌊(k+1)·B/n⌋. A trial's
/// numbers depend only on (seed, purpose, trial), so the split cannot change a digit.
public enum ShardSplit {
    /// The global trial indices of shard `k` (0-based) of `n`; empty when there are more shards than blocks.
    public static func trials(shard k: Int, of n: Int, trials: Int) -> Range<Int> {
        let size = Simulator.blockSize
        let blocks = (trials + size - 1) / size
        let lo = k * blocks / n, hi = (k + 1) * blocks / n
        return min(trials, lo * size) ..< min(trials, hi * size)
    }

    /// `K/N` (0 ≤ K < N); nil for anything else.
    public static func parse(_ text: String) -> (shard: Int, shards: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 0, k < n else { return nil }
        return (k, n)
    }

    /// Shard and count from a cluster engine's environment: Slurm array jobs, Kubernetes Indexed Jobs (the count
    /// from `shards`, which Kubernetes does not export), AWS Batch array jobs; nil when none applies.
    public static func fromEnvironment(_ env: [String: String], shards: Int?) -> (shard: Int, shards: Int)? {
        if let k = env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init), let n = env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) {
            // Slurm numbers tasks from SLURM_ARRAY_TASK_MIN (0 for --array=0-3).
            let first = env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            return valid(k - first, n)
        }
        if let k = env["JOB_COMPLETION_INDEX"].flatMap(Int.init), let n = shards { return valid(k, n) }
        if let k = env["AWS_BATCH_JOB_ARRAY_INDEX"].flatMap(Int.init), let n = env["AWS_BATCH_JOB_ARRAY_SIZE"].flatMap(Int.init) { return valid(k, n) }
        return nil
    }

    private static func valid(_ k: Int, _ n: Int) -> (shard: Int, shards: Int)? { n >= 1 && k >= 0 && k < n ? (k, n) : nil }
}
