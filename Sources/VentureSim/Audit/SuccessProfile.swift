/// The trials in which a claim holds (docs/model.md, "The success profile"): where each drawn input sits in them, as
/// a median percentile of its own draws (the mirror of "what has to be true"), and how often each risk fired in them
/// against how often it fired overall.
public struct SuccessProfile: Codable, Sendable, Equatable {
    /// Trials in which the claim holds, of `of`.
    public var trials: Int
    public var of: Int
    /// Each drawn input's median percentile (0–100) among those trials, furthest from its baseline first.
    public var inputs: [InputPercentile]
    public var risks: [RiskShare]

    /// One risk's firing share among the claim's trials and among all.
    public struct RiskShare: Codable, Sendable, Equatable {
        public var risk: String
        public var whenHolds: Double
        public var overall: Double

        enum CodingKeys: String, CodingKey { case risk, whenHolds = "when_holds", overall }
    }

    /// The profile of every claim (targets, then strategies) over the plan's trials: each trial is run on the scalar
    /// path alone and the targets it adds to the kernel's counts are the ones that hold in it.
    static func all(_ plan: Plan, workers: Int, monitor: RunMonitor?) throws(RunError) -> [SuccessProfile] {
        let N = plan.trials, S = plan.strategyCount, K = plan.targets.count
        guard K > 0 else { return [] }
        let columns = try TrialColumns.make(for: plan, count: N, exportInputs: true)
        // [strategy × target][trial]: 1 where it held; each trial's row is written by the one worker that runs it.
        var held = [UInt8](repeating: 0, count: S * K * N)
        try held.withUnsafeMutableBufferPointer { h throws(RunError) in
            let out = UncheckedBox(h)
            try Simulator.eachBlock(plan, count: N, workers: workers, path: .scalar, monitor: monitor) { _ in
                [Int](repeating: 0, count: S * K)
            } block: { before, kernel, rows in
                for row in rows {
                    for i in 0..<(S * K) { before[i] = kernel.targetHits[i] }
                    kernel.run(trial: row, into: columns, row: row)
                    for i in 0..<(S * K) where kernel.targetHits[i] != before[i] { out.value[i * N + row] = 1 }
                }
            } done: { _, _ in
            }
        }
        let ranked = plan.driverInputs.indices.map { k in
            DriverAnalysis.rank(plan.driverInputs[k].name, UnsafeBufferPointer(columns.exportColumn(k)))
        }
        let fired = (0..<plan.riskCount).map { r in (0..<N).map { columns.firings[r * N + $0] > 0 } }
        return withExtendedLifetime(columns) {
            (0..<K).flatMap { k in
                (0..<S).map { s in
                    let selected = (0..<N).map { held[(s * K + k) * N + $0] != 0 }
                    let count = selected.count { $0 }
                    let risks = plan.scenario.risks.enumerated().map { r, risk in
                        let overall = fired[r].count { $0 }, holding = zip(fired[r], selected).count { $0 && $1 }
                        return RiskShare(
                            risk: risk.name, whenHolds: count > 0 ? Double(holding) / Double(count) : 0,
                            overall: Double(overall) / Double(N))
                    }
                    return SuccessProfile(
                        trials: count, of: N, inputs: DriverAnalysis.medianPercentiles(selected, inputs: ranked),
                        risks: risks)
                }
            }
        }
    }
}
