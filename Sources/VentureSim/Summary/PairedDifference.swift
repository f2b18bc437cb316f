/// The difference of two strategies' probabilities of one event (a loss, running out of cash) over the same trials,
/// with its standard error from the paired indicators (docs/model.md#what-flips-the-ranking).
public struct PairedDifference: Codable, Sendable, Equatable {
    /// P_A − P_B: the two strategies' shares of trials with the event, subtracted (so it equals the difference of
    /// the figures the summary gives each strategy, to the last bit).
    public var value: Double
    /// sd(d_i) / √n, with d_i = 1[A has the event in trial i] − 1[B has it] and the sample sd (n − 1).
    public var se: Double
}

/// What a paired difference is made of: the trials in which only A, and only B, had the event, and how many in
/// all for each. Integer counts, so they add up in any order (workers, blocks, shards).
struct PairedCounts: Equatable {
    var a = 0
    var b = 0
    var aOnly = 0
    var bOnly = 0

    /// Counts one trial: whether A and whether B had the event in it.
    @inline(__always) mutating func add(_ inA: Bool, _ inB: Bool) {
        a &+= inA ? 1 : 0
        b &+= inB ? 1 : 0
        aOnly &+= inA && !inB ? 1 : 0
        bOnly &+= inB && !inA ? 1 : 0
    }

    /// The paired difference over `n` trials.
    func difference(trials n: Int) -> PairedDifference {
        PairedDifference(
            value: Summarizer.share(a, n) - Summarizer.share(b, n),
            se: Self.standardError(aOnly: aOnly, bOnly: bOnly, trials: n))
    }

    /// sd(d) / √n for d_i ∈ {−1, 0, 1}: d = 1 in `aOnly` trials, −1 in `bOnly`, 0 in the rest. Σ d_i² is
    /// aOnly + bOnly and Σ d_i is aOnly − bOnly, so Σ (d_i − d̄)² = (aOnly + bOnly) − (aOnly − bOnly)² / n; 0 for
    /// fewer than two trials. The counts decide it, so the exact and the sketch summaries give the same bits.
    static func standardError(aOnly: Int, bOnly: Int, trials n: Int) -> Double {
        guard n > 1 else { return 0 }
        let sum = Double(aOnly) - Double(bOnly)
        let squares = max(0, Double(aOnly) + Double(bOnly) - sum * sum / Double(n))
        return (squares / Double(n - 1) / Double(n)).squareRoot()
    }
}
