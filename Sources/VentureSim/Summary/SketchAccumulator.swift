/// What a sketch summary (`simulation.summary: sketch`) keeps of a run
/// instead of every trial: per real-valued column a `QuantileSketch` and
/// each block's mean and sum of squares; the exact counts (losses, cash-outs,
/// A beating B) and month histograms. Everything is an integer count or kept
/// per block and combined in block order, so merging accumulators in any
/// order (workers, shards) gives the same bits.
public struct SketchAccumulator: Sendable, Equatable {
    let strategies: Int
    let risks: Int
    let horizon: Int
    let fundingNeed: Bool
    /// The outcomes stored per strategy (`TrialColumns.outcomes`).
    let outcomes: [Outcome]
    let pairs: [Pair]
    /// [strategy][outcome], then demand share, then each pair's NPV difference.
    var sketches: [QuantileSketch]
    /// [strategy][profit < 0, min cash < 0]
    var negatives: [Int]
    /// [pair]: trials with NPV of a > NPV of b.
    var better: [Int]
    /// [pair][loss, cash shortfall][only a, only b]: the trials in which one of the two alone had it (the paired
    /// differences' standard errors; `PairedCounts`).
    var paired: [Int]
    /// Month histograms (index 0: none), `horizon + 1` wide: [strategy], [strategy][level], [strategy].
    var breakeven: [Int]
    var reach: [Int]
    var cashOut: [Int]
    /// [risk]: trials in which it fired, and its firings in all.
    var fired: [Int]
    var firings: [Int]
    /// Per block (global index): per real column, count, mean and sum of squared deviations.
    var blocks: [Int: [Double]]
    var clamped: [Int]
    var targets: [Int]

    struct Pair: Sendable, Equatable {
        let a: Int
        let b: Int
    }

    /// Real-valued columns: the outcomes of every strategy, the demand share, the NPV differences.
    var columnCount: Int { sketches.count }
    var months: Int { horizon + 1 }

    init(plan: Plan) {
        strategies = plan.strategyCount
        risks = plan.riskCount
        horizon = plan.horizon
        fundingNeed = plan.analyses.fundingNeed
        outcomes = Outcome.stored(fundingNeed: fundingNeed)
        let S = strategies
        pairs = (0..<S).flatMap { a in (a + 1..<S).map { Pair(a: a, b: $0) } }
        // One per real-valued column: [strategy][outcome], the demand share, each pair's NPV difference.
        sketches = [QuantileSketch](repeating: QuantileSketch(), count: S * outcomes.count + 1 + pairs.count)
        negatives = [Int](repeating: 0, count: 2 * S)
        better = [Int](repeating: 0, count: pairs.count)
        paired = [Int](repeating: 0, count: 4 * pairs.count)
        breakeven = [Int](repeating: 0, count: S * (horizon + 1))
        reach = [Int](repeating: 0, count: S * TrialColumns.adoptionLevels.count * (horizon + 1))
        cashOut = [Int](repeating: 0, count: fundingNeed ? S * (horizon + 1) : 0)
        fired = [Int](repeating: 0, count: risks)
        firings = [Int](repeating: 0, count: risks)
        blocks = [:]
        clamped = [Int](repeating: 0, count: plan.factors.count + S)
        targets = [Int](repeating: 0, count: S * plan.targets.count)
    }

    /// Folds rows 0 ..< `rows` of a block's columns (global block `block`) into the accumulator.
    mutating func fold(_ c: TrialColumns, rows: Int, block: Int) {
        let S = strategies, T1 = months
        var moments = [Double](repeating: 0, count: 3 * columnCount)
        func take(_ index: Int, _ x: UnsafeBufferPointer<Double>) {
            for v in x where !v.isNaN { sketches[index].add(v) }
            let m = BlockMoments.of(x)
            (moments[3 * index], moments[3 * index + 1], moments[3 * index + 2]) = (Double(m.count), m.mean, m.squares)
        }
        for s in 0..<S {
            for (k, outcome) in outcomes.enumerated() {
                c.withColumn(s, outcome, rows: 0..<rows) { column in
                    let x = UnsafeBufferPointer(column)
                    take(s * outcomes.count + k, x)
                    if outcome == .profit { negatives[2 * s] += Stats.negatives(x) }
                    if outcome == .minCash { negatives[2 * s + 1] += Stats.negatives(x) }
                }
            }
            for m in c.breakevenColumn(s)[0..<rows] { breakeven[s * T1 + Int(m)] += 1 }
            for level in TrialColumns.adoptionLevels.indices {
                let base = (s * TrialColumns.adoptionLevels.count + level) * T1
                for m in c.reachColumn(s, level: level)[0..<rows] { reach[base + Int(m)] += 1 }
            }
            if fundingNeed { for m in c.cashOutColumn(s)[0..<rows] { cashOut[s * T1 + Int(m)] += 1 } }
        }
        take(S * outcomes.count, UnsafeBufferPointer(rebasing: c.column(0, .demandShare)[0..<rows]))
        let diff = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, rows))
        defer { diff.deallocate() }
        for (j, p) in pairs.enumerated() {
            let xa = c.column(p.a, .npv), xb = c.column(p.b, .npv)
            let (ra, ca, ma) = (c.column(p.a, .revenue), c.column(p.a, .cost), c.column(p.a, .minCash))
            let (rb, cb, mb) = (c.column(p.b, .revenue), c.column(p.b, .cost), c.column(p.b, .minCash))
            var loss = PairedCounts(), cashOut = PairedCounts()
            for i in 0..<rows {
                diff[i] = xa[i] - xb[i]
                if xa[i] > xb[i] { better[j] += 1 }
                loss.add(
                    Outcome.profit.derived(revenue: ra[i], cost: ca[i]) < 0,
                    Outcome.profit.derived(revenue: rb[i], cost: cb[i]) < 0)
                cashOut.add(ma[i] < 0, mb[i] < 0)
            }
            for (k, x) in [loss.aOnly, loss.bOnly, cashOut.aOnly, cashOut.bOnly].enumerated() { paired[4 * j + k] += x }
            take(S * outcomes.count + 1 + j, UnsafeBufferPointer(rebasing: diff[0..<rows]))
        }
        for k in 0..<risks {
            for f in c.firingsColumn(k)[0..<rows] {
                if f > 0 { fired[k] += 1 }
                firings[k] += Int(f)
            }
        }
        blocks[block] = moments
    }

    /// Adds another accumulator of the same plan (other blocks) to this one.
    mutating func merge(_ o: SketchAccumulator) {
        for i in sketches.indices { sketches[i].merge(o.sketches[i]) }
        func add(_ a: inout [Int], _ b: [Int]) { for i in a.indices { a[i] += b[i] } }
        add(&negatives, o.negatives); add(&better, o.better); add(&paired, o.paired); add(&breakeven, o.breakeven);
        add(&reach, o.reach)
        add(&cashOut, o.cashOut); add(&fired, o.fired); add(&firings, o.firings); add(&clamped, o.clamped);
        add(&targets, o.targets)
        blocks.merge(o.blocks) { a, _ in a }
    }

    /// Count, mean and sample SD of real column `index` over every block, combined in block order.
    func moments(_ index: Int) -> (count: Int, mean: Double, sd: Double) {
        var total = BlockMoments(count: 0, mean: 0, squares: 0)
        for block in blocks.keys.sorted() {
            let m = blocks[block]!
            total = total.combined(
                with: BlockMoments(count: Int(m[3 * index]), mean: m[3 * index + 1], squares: m[3 * index + 2]))
        }
        let sd = total.count > 1 ? (total.squares / Double(total.count - 1)).squareRoot() : 0
        return (total.count, total.mean, sd)
    }

    /// Index of strategy `s`'s outcome among the real columns.
    func index(_ s: Int, _ outcome: Outcome) -> Int? {
        outcome == .demandShare
            ? strategies * outcomes.count : outcomes.firstIndex(of: outcome).map { s * outcomes.count + $0 }
    }

    /// Pair `j`'s paired counts of a loss (`cashOut` false) or of a cash shortfall, over every trial folded in.
    func pairedCounts(_ j: Int, cashOut: Bool) -> PairedCounts {
        let p = pairs[j], k = 4 * j + (cashOut ? 2 : 0), column = cashOut ? 1 : 0
        return PairedCounts(
            a: negatives[2 * p.a + column], b: negatives[2 * p.b + column], aOnly: paired[k], bOnly: paired[k + 1])
    }

    /// Strategy `s`'s month histogram of `histogram` (`breakeven` or `cashOut`).
    func months(_ histogram: [Int], _ s: Int) -> [Int] { Array(histogram[(s * months)..<((s + 1) * months)]) }
}

/// Count, mean and sum of squared deviations of some values, and Chan's rule for combining two such.
struct BlockMoments: Equatable {
    var count: Int
    var mean: Double
    var squares: Double

    /// The moments of the non-NaN values of `x`, summed as `Stats.moments` does.
    static func of(_ x: UnsafeBufferPointer<Double>) -> BlockMoments {
        guard let first = x.first(where: { !$0.isNaN }) else { return BlockMoments(count: 0, mean: 0, squares: 0) }
        var n = 0, sum = 0.0, compensation = 0.0
        for v in x where !v.isNaN {
            let d = v - first
            let t = sum + d
            compensation += abs(sum) >= abs(d) ? (sum - t) + d : (d - t) + sum
            sum = t
            n += 1
        }
        let mean = first + (sum + compensation) / Double(n)
        var ss = 0.0
        for v in x where !v.isNaN { let d = v - mean; ss += d * d }
        return BlockMoments(count: n, mean: mean, squares: ss)
    }

    func combined(with b: BlockMoments) -> BlockMoments {
        guard b.count > 0 else { return self }
        guard count > 0 else { return b }
        let n = count + b.count
        let delta = b.mean - mean
        let mean = self.mean + delta * Double(b.count) / Double(n)
        return BlockMoments(
            count: n, mean: mean,
            squares: squares + b.squares + delta * delta * Double(count) * Double(b.count) / Double(n))
    }
}
