@testable import VentureSim

/// Scenarios that carry a chosen text in one chosen place, written so that
/// every scalar of the text reaches the loader exactly.
enum NameFixtures {
    /// Where a text goes in a scenario.
    enum Place: String, CaseIterable, Sendable {
        case scenarioName, description, strategyName, revenueLineName, riskName, riskCategory, fundingRoundName,
            targetName
        case stressCaseName, stressDescription, correlationInput

        /// The key path a refusal names.
        var path: String {
            switch self {
            case .scenarioName: "name"
            case .description: "description"
            case .strategyName: "strategies[0].name"
            case .revenueLineName: "strategies[0].revenue[0].name"
            case .riskName: "risks[0].name"
            case .riskCategory: "risks[0].category"
            case .fundingRoundName: "funding[0].name"
            case .targetName: "targets[0].name"
            case .stressCaseName: "stress[0].name"
            case .stressDescription: "stress[0].description"
            case .correlationInput: "correlations[0].between[0]"
            }
        }

        var isFreeText: Bool { self == .description || self == .stressDescription }
    }

    /// A YAML double-quoted scalar holding exactly `text`: printable ASCII as
    /// it is, every other scalar as `\UXXXXXXXX` (YAML's escape for any code point).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            if s == "\"" || s == "\\" {
                out += "\\" + String(s)
            } else if s.value >= 0x20 && s.value < 0x7F {
                out.unicodeScalars.append(s)
            } else {
                let hex = String(s.value, radix: 16, uppercase: true)
                out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// A small scenario with `text` at `place` and plain names elsewhere; `trials` kept small for runs.
    static func scenario(_ text: String, at place: Place, trials: Int = 400) -> String {
        func q(_ p: Place, _ plain: String) -> String { p == place ? quoted(text) : plain }
        return """
            name: \(q(.scenarioName, "names"))
            description: \(q(.description, "a test"))
            simulation: {trials: \(trials), seed: 5, horizon_months: 24}
            market: {size: {dist: lognormal, p5: 2000, p95: 20000}, competition: {dist: uniform, min: 0.1, max: 0.4}}
            strategies:
              - name: \(q(.strategyName, "sub"))
                kind: subscription
                price_per_month: 50
                churn_monthly: {dist: beta, alpha: 2, beta: 60}
                revenue: [{line: advertising, name: \(q(.revenueLineName, "ads")), revenue_per_customer_month: 2}]
            costs: {training: 200000, operations_monthly: 30000}
            risks:
              - {name: \(q(.riskName, "leak")), category: \(q(.riskCategory, "legal")), annual_probability: 0.2,
                 cost: 50000}
            finance: {starting_cash: 300000}
            funding: [{name: \(q(.fundingRoundName, "seed")), month: 3, amount: 100000, pre_money: 900000}]
            targets: [{name: \(q(.targetName, "customers")), metric: customers, month: 12, at_least: 50}]
            correlations: [{between: [\(q(.correlationInput, "market.size")), market.competition], rank: 0.3}]
            stress:
              - name: \(q(.stressCaseName, "crowded"))
                description: \(q(.stressDescription, "more competition"))
                set: {market.competition: {dist: uniform, min: 0.3, max: 0.7}}
            """
    }
}
