/// What `venturesim audit` finds (docs/model.md, "Auditing a claim"): for each claim and strategy, where each drawn
/// input must be for the claim to be a coin flip, and what the trials that make it look like.
public struct AuditResult: Codable, Sendable, Equatable {
    public var settings: AuditSettings
    /// One per target and strategy, in the scenario's order (targets, then strategies).
    public var claims: [ClaimAudit]
    /// `--vary`'s table (nil when none was asked for).
    public var decisionTable: DecisionTable?

    enum CodingKeys: String, CodingKey {
        case settings, claims = "audit", decisionTable = "decision_table"
    }
}

/// How the audit searched: trials a point, the level, and the scan.
public struct AuditSettings: Codable, Sendable, Equatable {
    public var trialsPerPoint: Int
    public var level: Double
    /// The percentiles of each input's own distribution scanned first (0–1).
    public var scan: [Double]
    /// Bisection steps between the two scanned points where the probability crosses the level.
    public var bisectionSteps: Int
    public var seed: UInt64

    enum CodingKeys: String, CodingKey {
        case trialsPerPoint = "trials_per_point", level, scan, bisectionSteps = "bisection_steps", seed
    }

    /// The widest gap between scanned percentiles, halved by each bisection step: the break-even's resolution inside
    /// an input's range, in percentile points.
    public var resolution: Double {
        let gaps = zip(scan, scan.dropFirst()).map { $1 - $0 }
        return 100 * (gaps.max() ?? 1) / Double(1 << min(bisectionSteps, 52))
    }
}

/// The audit of one claim for one strategy.
public struct ClaimAudit: Codable, Sendable, Equatable {
    public var target: String
    /// The claim in words (`Target.words`).
    public var claim: String
    public var strategy: String
    public var level: Double
    /// P(claim) with every input drawn, on the audit's trials, and its standard error.
    public var probability: Double
    public var se: Double
    /// Every drawn input, ranked as the strategy's drivers rank them.
    public var inputs: [InputAudit]
    public var successProfile: SuccessProfile?

    enum CodingKeys: String, CodingKey {
        case target, claim, strategy, level, probability, se, inputs, successProfile = "success_profile"
    }
}

/// One input's break-even for a claim.
public struct InputAudit: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable, Equatable {
        /// The break-even lies inside the input's own range (`percentile` says where).
        case withinRange = "within_range"
        case beyondMaximum = "beyond_maximum"
        case belowMinimum = "below_minimum"
        /// No value of this input alone brings the claim to the level.
        case neverReaches = "never_reaches"
        /// The claim is at the level whatever this input is (over its own range).
        case alwaysHolds = "always_holds"
    }

    public var input: String
    /// The value where P(claim | input = v) reaches the level; nil for `never_reaches` and `always_holds`.
    public var breakEven: Double?
    /// Whether the claim needs the input at least (true) or at most (false) the break-even.
    public var atLeast: Bool?
    /// The break-even's percentile in the input's own distribution (0–100); nil outside its range.
    public var percentile: Double?
    public var verdict: Verdict
    /// The published range the input is compared with, and whether the break-even lies outside it.
    public var reference: Reference?
    public var beyondReference: Bool?
    /// Every point tried, by value: P(claim | input = value) and its standard error.
    public var curve: [CurvePoint]
    /// The input's own range (its support), for the report's words; nil where it is unbounded.
    public var minimum: Double?
    public var maximum: Double?

    enum CodingKeys: String, CodingKey {
        case input, breakEven = "break_even", atLeast = "at_least", percentile, verdict, reference
        case beyondReference = "beyond_reference", curve, minimum, maximum
    }
}

/// P(claim | input = value) on the audit's trials.
public struct CurvePoint: Codable, Sendable, Equatable {
    public var value: Double
    /// The value's percentile in the input's own distribution (0–100).
    public var percentile: Double
    public var probability: Double
    /// Binomial: √(p(1 − p)/n).
    public var se: Double
}

/// A published range for an input (`reference: {low, high, source}`), in the input's own unit.
public struct Reference: Codable, Sendable, Equatable {
    public var low: Double
    public var high: Double
    public var source: String

    public init(low: Double, high: Double, source: String) {
        (self.low, self.high, self.source) = (low, high, source)
    }

    public func contains(_ v: Double) -> Bool { v >= low && v <= high }
}
