/// How a scenario's strategy moved over the nights of the history, and
/// tonight's figures against them: the mean of the last nights (up to
/// `History.window`), whose standard error is √(Σ se²)/k for k independent
/// nights, against tonight's with its own.
public struct Trend: Codable, Sendable, Equatable {
    public var strategy: String
    /// Median NPV and P(loss) of the past nights, oldest first, then tonight's.
    public var npvP50: [Double?]
    public var pLoss: [Double]
    /// Tonight against the mean of the past nights with tonight's inputs; nil when there is none (a first night, or
    /// the first since the inputs changed): a trend across a change of inputs is the change, not drift.
    public var drift: Drift?
    /// How many of the past nights had tonight's inputs (the nights since the last change).
    public var sameInputNights: Int?
    /// When the inputs last changed: the first night with tonight's inputs (`tonight` when that is tonight), and
    /// which inputs differ from the night before it (nil when that night did not record its inputs).
    public var inputsChangedAt: String?
    public var changedInputs: [InputChange]?

    enum CodingKeys: String, CodingKey {
        case strategy, npvP50 = "npv_p50", pLoss = "p_loss", drift, sameInputNights = "same_input_nights"
        case inputsChangedAt = "inputs_changed_at", changedInputs = "changed_inputs"
    }

    /// The most changed inputs a trend lists at its break.
    public static let changeLimit = 50

    /// The trends of tonight's strategies of one scenario file, from its past rows (any order of nights): the series
    /// over every night, the drift over the nights since the inputs (`digest`) last changed.
    public static func of(
        tonight: [NightFigures], digest: String? = nil, inputs: [String: String]? = nil, past: [HistoryRow]
    ) -> [Trend] {
        let ok = past.filter { $0.status == "ok" }
        let nights = Array(Set(ok.map(\.nightID)).sorted().suffix(History.window))
        // The last night whose inputs differ from tonight's: the nights after it are compared, it is the break.
        let digestOf = { (n: Int64) in ok.first { $0.nightID == n }?.digest }
        let breakNight = digest == nil ? nil : nights.last { digestOf($0) != digest }
        let same = nights.filter { n in breakNight.map { n > $0 } ?? true }
        var changedAt: String?, changes: [InputChange]?
        if let b = breakNight {
            changedAt = same.first.flatMap { n in ok.first { $0.nightID == n }?.night } ?? "tonight"
            // The stored inputs are untrusted: at most `changeLimit` changes are kept (the index says how many keys
            // changed at most).
            if let old = ok.first(where: { $0.nightID == b && $0.inputs != nil })?.inputs, let inputs {
                changes = Array(InputChange.between(old: old, new: inputs).prefix(changeLimit))
            }
        }
        return tonight.map { t in
            let series = nights.compactMap { n in
                ok.first { $0.nightID == n && $0.figures.strategy == t.strategy }?.figures
            }
            let rows = same.compactMap { n in ok.first { $0.nightID == n && $0.figures.strategy == t.strategy }?.figures
            }
            var drift: Drift?
            if !rows.isEmpty {
                let loss = baseline(rows.map(\.pLoss), rows.map(\.pLossSE)),
                    cash = baseline(rows.map(\.pCashOut), rows.map(\.pCashOutSE))
                let medians = rows.compactMap { r in r.npvP50.flatMap { v in r.npvP50SE.map { (v, $0) } } }
                var npv: FigureDrift?
                if !medians.isEmpty, let v = t.npvP50, let se = t.npvP50SE {
                    let b = baseline(medians.map(\.0), medians.map(\.1))
                    npv = FigureDrift(previous: b.mean, previousSE: b.se, current: v, currentSE: se)
                }
                drift = Drift(
                    strategy: t.strategy,
                    pLoss: FigureDrift(
                        previous: loss.mean, previousSE: loss.se, current: t.pLoss, currentSE: t.pLossSE),
                    pCashOut: FigureDrift(
                        previous: cash.mean, previousSE: cash.se, current: t.pCashOut, currentSE: t.pCashOutSE),
                    npvP50: npv)
            }
            return Trend(
                strategy: t.strategy, npvP50: series.map(\.npvP50) + [t.npvP50], pLoss: series.map(\.pLoss) + [t.pLoss],
                drift: drift,
                sameInputNights: rows.count, inputsChangedAt: changedAt, changedInputs: changes)
        }
    }

    /// The mean of k nights' figures and its standard error √(Σ se²)/k. Finite
    /// for any finite inputs: when the plain sums overflow (figures near
    /// 10³⁰⁸ in a tampered history), the same quantities are taken scaled.
    static func baseline(_ values: [Double], _ se: [Double]) -> (mean: Double, se: Double) {
        let k = Double(values.count)
        var mean = values.reduce(0, +) / k
        if !mean.isFinite { mean = values.reduce(0) { $0 + $1 / k } }
        var error = se.reduce(0) { $0 + $1 * $1 }.squareRoot() / k
        if !error.isFinite, let m = se.max(), m > 0 {
            error = m / k * se.reduce(0) { $0 + ($1 / m) * ($1 / m) }.squareRoot()
        }
        return (mean, error)
    }

    /// A line of block characters, lowest to highest: `▁▃▅█`; a flat series
    /// sits in the middle, a missing (or non-finite) value is a space.
    public static func sparkline(_ values: [Double?]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let known = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = known.min(), let hi = known.max() else { return "" }
        return String(
            values.map { v -> Character in
                guard let v, v.isFinite else { return " " }
                guard hi > lo else { return bars[3] }
                // hi − lo overflows for values of opposite sign near the largest Double: halve first.
                let share = (hi - lo).isFinite ? (v - lo) / (hi - lo) : (v / 2 - lo / 2) / (hi / 2 - lo / 2)
                let level = (min(max(share, 0), 1) * Double(bars.count - 1) + 0.5).rounded(.down)
                return bars[Int(level)]
            })
    }
}
