/// Which of the investor analyses a run computes (`simulation.analyses`).
///
/// All are on by default. Each costs time and memory that a plain
/// uncertainty run does not need (a nightly batch of large scenarios, a
/// tail study): `none` gives the report and speed of a run without them.
public struct Analyses: Sendable, Equatable {
    /// The drivers' tornado (over the driver sample).
    public var drivers: Bool
    /// Where the inputs sit in losing and cash-out trials (over the driver sample).
    public var whatHasToBeTrue: Bool
    /// The funding need per trial, the cash-out month and year.
    public var fundingNeed: Bool
    /// Revenue, cost and profit of each year (over the year sample).
    public var byYear: Bool
    /// A distribution-free 95 % confidence interval beside every percentile.
    public var confidenceIntervals: Bool
    /// The data of the charts: quantile curves of NPV and funding need, cash by month (over fixed samples).
    public var charts: Bool

    public static let all = Analyses(
        drivers: true, whatHasToBeTrue: true, fundingNeed: true, byYear: true, confidenceIntervals: true, charts: true)
    public static let none = Analyses(
        drivers: false, whatHasToBeTrue: false, fundingNeed: false, byYear: false, confidenceIntervals: false,
        charts: false)

    /// The names a scenario lists, in report order.
    public static let names = [
        "drivers", "what_has_to_be_true", "funding_need", "by_year", "confidence_intervals", "charts"
    ]

    public init(
        drivers: Bool, whatHasToBeTrue: Bool, fundingNeed: Bool, byYear: Bool, confidenceIntervals: Bool, charts: Bool
    ) {
        (self.drivers, self.whatHasToBeTrue, self.fundingNeed, self.byYear, self.confidenceIntervals, self.charts) = (
            drivers, whatHasToBeTrue, fundingNeed, byYear, confidenceIntervals, charts
        )
    }

    /// The analyses named (each of `names`); nil for an unknown name.
    public init?(names list: [String]) {
        self = .none
        for name in list {
            switch name {
            case "drivers": drivers = true
            case "what_has_to_be_true": whatHasToBeTrue = true
            case "funding_need": fundingNeed = true
            case "by_year": byYear = true
            case "confidence_intervals": confidenceIntervals = true
            case "charts": charts = true
            default: return nil
            }
        }
    }

    /// The names of those on, in `names` order.
    public var enabled: [String] {
        zip(Self.names, [drivers, whatHasToBeTrue, fundingNeed, byYear, confidenceIntervals, charts]).filter(\.1).map(
            \.0)
    }

    /// As a scenario writes it: `all`, `none` or a YAML list of names.
    public var yaml: String {
        self == .all ? "all" : self == .none ? "none" : "[" + enabled.joined(separator: ", ") + "]"
    }
}
