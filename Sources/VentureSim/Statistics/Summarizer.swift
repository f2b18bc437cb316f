import Dispatch

/// Turns a run's trial columns into its `Summary` (MODEL.md §6).
///
/// Each column is reduced by one thread in trial order, so the digits do not
/// depend on how many threads share the work. The columns are reordered in
/// place (percentiles are found by selection), so they are consumed.
public enum Summarizer {
    public static func summarize(_ plan: Plan, _ columns: TrialColumns, workers: Int = Simulator.defaultWorkers) -> Summary {
        let scenario = plan.scenario
        let n = columns.count
        let S = columns.strategyCount
        let pairs = (0..<S).flatMap { a in (a + 1..<S).map { (a, $0) } }

        // Comparisons first: they read the npv columns in trial order, before any reordering.
        let comparisons = parallelMap(pairs, workers: workers) { pair -> Comparison in
            let (a, b) = pair
            let xa = columns.column(a, .npv), xb = columns.column(b, .npv)
            let diff = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            defer { diff.deallocate() }
            var better = 0
            for i in 0..<n {
                diff[i] = xa[i] - xb[i]
                if xa[i] > xb[i] { better += 1 }
            }
            return Comparison(a: scenario.strategies[a].name, b: scenario.strategies[b].name,
                              pABetterNpv: share(better, n), npvDifference: Stats.of(diff))
        }

        // Counts, read before reordering too (clearer, though counts do not depend on order).
        let counts = (0..<S).map { s -> (loss: Int, cashOut: Int, histogram: [Int]) in
            let profit = columns.column(s, .profit), minCash = columns.column(s, .minCash)
            var loss = 0, cashOut = 0
            var histogram = [Int](repeating: 0, count: plan.horizon + 1)
            let be = columns.breakevenColumn(s)
            for i in 0..<n {
                if profit[i] < 0 { loss += 1 }
                if minCash[i] < 0 { cashOut += 1 }
                histogram[Int(be[i])] += 1
            }
            return (loss, cashOut, histogram)
        }

        let risks = (0..<columns.riskCount).map { k -> RiskSummary in
            let fired = columns.firingsColumn(k)
            var any = 0, total = 0
            for c in fired { if c > 0 { any += 1 }; total += Int(c) }
            let risk = scenario.risks[k]
            return RiskSummary(name: risk.name, category: risk.category, pFired: share(any, n),
                               meanFirings: n > 0 ? Double(total) / Double(n) : 0)
        }

        // One task per column; the demand share column is common to all strategies.
        let tail = tailCount(n)
        let tasks: [(Int, Outcome)] = (0..<S).flatMap { s in Outcome.perStrategy.map { (s, $0) } } + [(0, .demandShare)]
        let results = parallelMap(tasks, workers: workers) { task -> (Stats, cvar: Double?) in
            let (s, outcome) = task
            var x = columns.column(s, outcome)
            if outcome == .roi { x = compactDefined(x) }
            if outcome == .profit {
                let stats = Stats.of(x, extraPositions: tail > 0 ? [tail - 1] : [])
                var worst = 0.0
                for i in 0..<tail { worst += x[i] }
                return (stats, tail > 0 ? -worst / Double(tail) : nil)
            }
            return (Stats.of(x), nil)
        }
        let demand = results.last!.0

        let strategies = (0..<S).map { s -> StrategySummary in
            var outcomes: [String: Stats] = [Outcome.demandShare.key: demand]
            var cvar = 0.0
            for (i, task) in tasks.enumerated() where task.0 == s && task.1 != .demandShare {
                outcomes[task.1.key] = results[i].0
                if let c = results[i].cvar { cvar = c }
            }
            let c = counts[s]
            let breakevens = n - c.histogram[0]
            let median: Double? = breakevens == 0 ? nil : Percentiles.interpolate(0.5, count: breakevens) { k in
                // The k-th smallest breakeven month, read off the histogram of months 1…T.
                var seen = 0
                for month in 1..<c.histogram.count {
                    seen += c.histogram[month]
                    if seen > k { return Double(month) }
                }
                return Double(c.histogram.count - 1)
            }
            let strategy = scenario.strategies[s]
            return StrategySummary(
                name: strategy.name, kind: strategy.kind.rawValue, outcomes: outcomes,
                pLoss: share(c.loss, n), pCashOut: share(c.cashOut, n), pBreakeven: share(breakevens, n),
                breakevenMonthP50: median, var95: -(outcomes[Outcome.profit.key]!.p5 ?? .nan), cvar95: cvar, risks: risks)
        }
        return Summary(scenario: scenario.name, trials: n, seed: plan.seed, horizonMonths: plan.horizon,
                       strategies: strategies, comparisons: comparisons)
    }

    /// ⌈0.05 · n⌉, the number of worst trials CVaR95 averages.
    static func tailCount(_ n: Int) -> Int { Int((0.05 * Double(n)).rounded(.up)) }

    private static func share(_ count: Int, _ n: Int) -> Double { n > 0 ? Double(count) / Double(n) : 0 }

    /// Moves the non-NaN values to the front (keeping their order) and returns that prefix.
    private static func compactDefined(_ x: UnsafeMutableBufferPointer<Double>) -> UnsafeMutableBufferPointer<Double> {
        var kept = 0
        for i in 0..<x.count where !x[i].isNaN {
            x[kept] = x[i]
            kept += 1
        }
        return UnsafeMutableBufferPointer(rebasing: x[0..<kept])
    }

    /// `items.map(body)` with the calls spread over `workers` threads; results in item order.
    static func parallelMap<T, R>(_ items: [T], workers: Int, _ body: (T) -> R) -> [R] {
        guard !items.isEmpty else { return [] }
        let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize().deallocate() }
        let lanes = max(1, min(workers, items.count))
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox((items, out, body))
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let (items, out, body) = box.value
                var i = lane
                while i < items.count {
                    out[i] = body(items[i])
                    i += lanes
                }
            }
        }
        return out.map { $0! }
    }
}

/// Carries values into `concurrentPerform` whose threads write disjoint slots.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
