/// How a run is split into shards: by whole blocks of `Simulator.blockSize`
/// trials, shard k of n taking blocks ⌊k·B/n⌋ ..< ⌊(k+1)·B/n⌋. A trial's
/// numbers depend only on (seed, purpose, trial), so the split cannot change a digit.
public enum ShardSplit {
    /// The most shards a run is split into (`--shard`, `--shards`, a cluster's array size).
    public static let maxShards = 100_000

    /// The global trial indices of shard `k` (0-based) of `n`; empty when there are more shards than blocks.
    /// `n` is 1 … `maxShards`, `k` 0 ..< `n` and `trials` 0 … `Limits.maxTrials` (checked by every caller first).
    public static func trials(shard k: Int, of n: Int, trials: Int) -> Range<Int> {
        let size = Simulator.blockSize
        let blocks = (trials + size - 1) / size
        let lo = k * blocks / n, hi = (k + 1) * blocks / n
        return min(trials, lo * size)..<min(trials, hi * size)
    }

    /// `K/N` (0 ≤ K < N ≤ `maxShards`); nil for anything else.
    public static func parse(_ text: String) -> (shard: Int, shards: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= maxShards, k >= 0, k < n
        else { return nil }
        return (k, n)
    }
}
