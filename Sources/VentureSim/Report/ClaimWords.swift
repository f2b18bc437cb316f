/// The audit's findings in words (the report's "Claims" section and its chart's legend).
enum ClaimWords {
    /// A value for the words: three significant digits below 1,000, an amount above.
    static func value(_ x: Double) -> String {
        abs(x) >= 1000 ? NumberFormat.amount(x) : NumberFormat.significant(x, 3)
    }

    /// " a year" or " a month" after a Bass coefficient, as the scenario gives them.
    static func unit(_ input: String, _ scenario: Scenario) -> String {
        guard input == "adoption.innovation" || input == "adoption.imitation" else { return "" }
        return scenario.adoption.isAnnual ? " a year" : " a month"
    }

    /// "P99.7" for a percentile (0–100).
    static func percentile(_ p: Double) -> String { "P" + NumberFormat.significant(p, p >= 99 || p <= 1 ? 4 : 3) }

    /// The verdict in a few words, for a legend or a table cell.
    static func verdictShort(_ input: InputAudit, level: Double) -> String {
        switch input.verdict {
        case .neverReaches: return "no value alone reaches \(NumberFormat.percent(level))"
        case .alwaysHolds: return "holds at \(NumberFormat.percent(level)) whatever it is"
        case .withinRange, .beyondMaximum, .belowMinimum:
            let side = input.atLeast == false ? "at most" : "at least"
            let place =
                input.percentile.map { "\(percentile($0)) of its range" }
                ?? (input.verdict == .beyondMaximum ? "beyond its maximum" : "below its minimum")
            return "\(side) \(input.breakEven.map(value) ?? "–"): \(place)"
                + (input.beyondReference == true ? ", outside the published range" : "")
        }
    }

    /// One input's finding as the end of a sentence: "is at least 0.14 a year: above its own maximum (0.06) and above
    /// the published range 0.005–0.05".
    static func condition(_ input: InputAudit, level: Double, scenario: Scenario) -> Inlines {
        let unit = unit(input.input, scenario)
        switch input.verdict {
        case .neverReaches: return "no value of \(code: input.input) alone brings it to \(NumberFormat.percent(level))"
        case .alwaysHolds: return "it holds at \(NumberFormat.percent(level)) whatever \(code: input.input) is"
        case .withinRange, .beyondMaximum, .belowMinimum:
            guard let v = input.breakEven else { return "" }
            let side = input.atLeast == false ? "at most" : "at least"
            var where_: String
            switch input.verdict {
            case .beyondMaximum: where_ = "above its own maximum (\(input.maximum.map(value) ?? "–"))"
            case .belowMinimum: where_ = "below its own minimum (\(input.minimum.map(value) ?? "–"))"
            default: where_ = "\(percentile(input.percentile ?? 50)) of its own range"
            }
            if let r = input.reference {
                let range = "the published range \(value(r.low))–\(value(r.high))"
                where_ += v > r.high ? " and above \(range)" : v < r.low ? " and below \(range)" : ", inside \(range)"
            }
            return "\(code: input.input) is \(side) \(value(v))\(unit): \(where_)"
        }
    }
}
