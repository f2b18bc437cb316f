/// Published ranges for inputs (docs/model.md, "Reference ranges"): an input's own `reference:` first, else the
/// ranges VentureSim ships.
enum References {
    /// The Bass coefficients' published ranges, per year: Sultan, Farley & Lehmann (1990, a meta-analysis of 213
    /// applications) give mean p 0.03 and q 0.38; Mahajan, Muller & Bass (1995) summarise p as about 0.03 and often
    /// below 0.01, q as typically 0.3 to 0.5. Mostly consumer durables and services (the report says so).
    static let annualInnovation = Reference(
        low: 0.005, high: 0.05,
        source: "Sultan, Farley & Lehmann (1990); Mahajan, Muller & Bass (1995), consumer durables and services")
    static let annualImitation = Reference(
        low: 0.3, high: 0.5,
        source: "Sultan, Farley & Lehmann (1990); Mahajan, Muller & Bass (1995), consumer durables and services")

    /// The reference for the input at `path`: the scenario's own, else a shipped one converted to the input's unit
    /// (a Bass coefficient given per month is the annual range divided by 12, as the model divides); nil when none.
    static func reference(for path: String, in scenario: Scenario) -> Reference? {
        if let own = scenario.inputDistributions.first(where: { $0.path == path })?.distribution.reference {
            return own
        }
        guard scenario.adoption.model == .bass else { return nil }
        let shipped: Reference
        switch path {
        case "adoption.innovation": shipped = annualInnovation
        case "adoption.imitation": shipped = annualImitation
        default: return nil
        }
        guard !scenario.adoption.isAnnual else { return shipped }
        return Reference(low: shipped.low / 12, high: shipped.high / 12, source: shipped.source + ", per year ÷ 12")
    }
}
