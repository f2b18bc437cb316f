import Foundation
/// The figures a batch index shows for one strategy, with their standard
/// errors, so two nights can be compared against Monte Carlo noise.
public struct Headline: Codable, Sendable, Equatable {
    public var strategy: String
    public var trials: Int
    public var pLoss: Double
    public var pCashOut: Double
    public var npvP50: Double?
    /// Standard errors: binomial for the probabilities, √((p(1 − p) + 1/n)/n)
    /// (the 1/n keeps it above 0 at p = 0 or 1); for the median,
    /// (P75 − P25)/√n, the median's s.e. 1/(2 f √n) with the density f
    /// taken as constant over the interquartile range.
    public var pLossSE: Double
    public var pCashOutSE: Double
    public var npvP50SE: Double?

    enum CodingKeys: String, CodingKey {
        case strategy, trials
        case pLoss = "p_loss", pCashOut = "p_cash_out", npvP50 = "npv_p50"
        case pLossSE = "p_loss_se", pCashOutSE = "p_cash_out_se", npvP50SE = "npv_p50_se"
    }

    public init(_ s: StrategySummary, trials n: Int) {
        let npv = s.outcome(.npv)
        self.init(
            strategy: s.name, trials: n, pLoss: s.pLoss, pCashOut: s.pCashOut, npvP25: npv.p25, npvP50: npv.p50,
            npvP75: npv.p75)
    }

    init(
        strategy: String, trials n: Int, pLoss: Double, pCashOut: Double, npvP25: Double?, npvP50: Double?,
        npvP75: Double?
    ) {
        self.strategy = strategy
        trials = n
        self.pLoss = pLoss
        self.pCashOut = pCashOut
        self.npvP50 = npvP50
        let rootN = Double(max(1, n)).squareRoot()
        let binomial = { (p: Double) in ((p * (1 - p) + 1 / Double(max(1, n))) / Double(max(1, n))).squareRoot() }
        pLossSE = binomial(pLoss)
        pCashOutSE = binomial(pCashOut)
        if let q1 = npvP25, let q3 = npvP75 {
            var se = (q3 - q1) / rootN
            // Quartiles of opposite sign near the largest Double (a tampered earlier result): the difference overflows,
            // its parts do not.
            if !se.isFinite { se = q3 / rootN - q1 / rootN }
            npvP50SE = se.isFinite && se >= 0 ? se : nil
        }
    }

    /// One headline per strategy of a run.
    public static func of(_ summary: Summary) -> [Headline] {
        summary.strategies.map { Headline($0, trials: summary.trials) }
    }
}

/// How one figure moved since the previous run.
public struct FigureDrift: Codable, Sendable, Equatable {
    public var previous: Double
    public var current: Double
    public var change: Double { current - previous }
    /// |change| in combined standard errors: √(se₁² + se₂²); nil when the
    /// figure moved although both standard errors are 0 (always flagged).
    public var zScore: Double?
    /// True when |change| exceeds `Drift.threshold` standard errors: more than noise.
    public var flagged: Bool

    /// The standard error of the change, √(se₁² + se₂²) (not in the JSON: its figures give it).
    var combinedSE: Double = 0

    /// Equal when what the JSON holds is equal (`combinedSE` is for display only).
    public static func == (a: FigureDrift, b: FigureDrift) -> Bool {
        a.previous == b.previous && a.current == b.current && a.zScore == b.zScore && a.flagged == b.flagged
    }

    enum CodingKeys: String, CodingKey { case previous, current, zScore = "z_score", flagged }

    /// `value` rounded to the digits a standard error `se` supports: to the power of ten at or below `se`
    /// (never finer than `finest` when it is above 0), and to 0 when that is finer than Doubles hold; nil when not
    /// finite. A change of 0.00000000373 against a standard error of 1,200 rounds to 0: noise in the last bits is not a
    /// move.
    static func rounded(_ value: Double, se: Double, finest: Double) -> Double? {
        guard value.isFinite else { return nil }
        guard se.isFinite, se > 0 else { return finest > 0 ? (value / finest).rounded() * finest : value }
        let step = max(pow(10, (log10(se)).rounded(.down)), finest)
        let r = (value / step).rounded() * step
        return r.isFinite ? (r == 0 ? 0 : r) : value
    }

    /// Decimals to show a value rounded for standard error `se` (0 for an se of 1 or more).
    static func decimals(se: Double) -> Int {
        guard se.isFinite, se > 0, se < 1 else { return 0 }
        return min(6, Int(-(log10(se)).rounded(.down)))
    }

    /// Finite inputs give a finite z-score or nil: when the squares or the
    /// difference overflow (figures near 10³⁰⁸), both are taken in units of
    /// the largest input, which leaves their ratio as it is; a ratio beyond
    /// the largest Double is a move no standard error explains (nil, flagged).
    init(previous: Double, previousSE: Double, current: Double, currentSE: Double) {
        self.previous = previous
        self.current = current
        var se = (previousSE * previousSE + currentSE * currentSE).squareRoot()
        var delta = abs(current - previous)
        if !se.isFinite || !delta.isFinite {
            let unit = max(abs(previous), abs(current), abs(previousSE), abs(currentSE))
            let (a, b) = (previousSE / unit, currentSE / unit)
            se = (a * a + b * b).squareRoot()
            delta = abs(current / unit - previous / unit)
        }
        // A difference in the last bits of the larger value (a mean of equal nights summed in another order) is no
        // move.
        if delta <= 1e-12 * max(abs(previous), abs(current)) { delta = 0 }
        let z = delta == 0 ? 0 : se > 0 ? delta / se : nil
        combinedSE = se.isFinite ? se : 0
        zScore = z.flatMap { $0.isFinite ? $0 : nil }
        flagged = zScore.map { $0 > Drift.threshold } ?? true
    }
}

/// A strategy's headline figures against the previous run's.
public struct Drift: Codable, Sendable, Equatable {
    /// Moves beyond this many standard errors are flagged (two-sided p ≈ 0.003 each).
    public static let threshold = 3.0

    public var strategy: String
    public var pLoss: FigureDrift
    public var pCashOut: FigureDrift
    public var npvP50: FigureDrift?

    enum CodingKeys: String, CodingKey { case strategy, pLoss = "p_loss", pCashOut = "p_cash_out", npvP50 = "npv_p50" }

    public var flagged: Bool { pLoss.flagged || pCashOut.flagged || npvP50?.flagged == true }

    /// Drift of each current strategy that the previous run also had (matched by name).
    public static func compare(current: [Headline], previous: [Headline]) -> [Drift] {
        current.compactMap { c in
            guard let p = previous.first(where: { $0.strategy == c.strategy }) else { return nil }
            var npv: FigureDrift?
            if let a = p.npvP50, let ase = p.npvP50SE, let b = c.npvP50, let bse = c.npvP50SE {
                npv = FigureDrift(previous: a, previousSE: ase, current: b, currentSE: bse)
            }
            return Drift(
                strategy: c.strategy,
                pLoss: FigureDrift(previous: p.pLoss, previousSE: p.pLossSE, current: c.pLoss, currentSE: c.pLossSE),
                pCashOut: FigureDrift(
                    previous: p.pCashOut, previousSE: p.pCashOutSE, current: c.pCashOut, currentSE: c.pCashOutSE),
                npvP50: npv)
        }
    }
}
