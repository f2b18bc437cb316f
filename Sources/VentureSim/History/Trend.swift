/// How a scenario's strategy moved over the nights of the history, and
/// tonight's figures against them: the mean of the last nights (up to
/// `History.window`), whose standard error is √(Σ se²)/k for k independent
/// nights, against tonight's with its own.
public struct Trend: Codable, Sendable, Equatable {
    public var strategy: String
    /// Median NPV and P(loss) of the past nights, oldest first, then tonight's.
    public var npvP50: [Double?]
    public var pLoss: [Double]
    /// Tonight against the past nights' mean; nil on a first night.
    public var drift: Drift?

    enum CodingKeys: String, CodingKey { case strategy, npvP50 = "npv_p50", pLoss = "p_loss", drift }

    /// The trends of tonight's strategies of one scenario file, from its past rows (any order of nights).
    public static func of(tonight: [NightFigures], past: [HistoryRow]) -> [Trend] {
        let nights = Array(Set(past.filter { $0.status == "ok" }.map(\.nightID)).sorted().suffix(History.window))
        return tonight.map { t in
            let rows = nights.compactMap { n in past.first { $0.nightID == n && $0.status == "ok" && $0.figures.strategy == t.strategy }?.figures }
            var drift: Drift?
            if !rows.isEmpty {
                func baseline(_ v: [Double], _ se: [Double]) -> (Double, Double) {
                    let k = Double(v.count)
                    return (v.reduce(0, +) / k, se.reduce(0) { $0 + $1 * $1 }.squareRoot() / k)
                }
                let loss = baseline(rows.map(\.pLoss), rows.map(\.pLossSE)), cash = baseline(rows.map(\.pCashOut), rows.map(\.pCashOutSE))
                let withMedian = rows.filter { $0.npvP50 != nil && $0.npvP50SE != nil }
                var npv: FigureDrift?
                if !withMedian.isEmpty, let v = t.npvP50, let se = t.npvP50SE {
                    let b = baseline(withMedian.map { $0.npvP50! }, withMedian.map { $0.npvP50SE! })
                    npv = FigureDrift(previous: b.0, previousSE: b.1, current: v, currentSE: se)
                }
                drift = Drift(strategy: t.strategy, pLoss: FigureDrift(previous: loss.0, previousSE: loss.1, current: t.pLoss, currentSE: t.pLossSE),
                              pCashOut: FigureDrift(previous: cash.0, previousSE: cash.1, current: t.pCashOut, currentSE: t.pCashOutSE), npvP50: npv)
            }
            return Trend(strategy: t.strategy, npvP50: rows.map(\.npvP50) + [t.npvP50], pLoss: rows.map(\.pLoss) + [t.pLoss], drift: drift)
        }
    }

    /// A line of block characters, lowest to highest: `▁▃▅█`; a flat series sits in the middle, a missing value is a space.
    public static func sparkline(_ values: [Double?]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else { return "" }
        return String(values.map { v -> Character in
            guard let v else { return " " }
            guard hi > lo else { return bars[3] }
            return bars[min(bars.count - 1, Int((v - lo) / (hi - lo) * Double(bars.count - 1) + 0.5))]
        })
    }
}
