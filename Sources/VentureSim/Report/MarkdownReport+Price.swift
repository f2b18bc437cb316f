/// The share of the market each strategy's price keeps, when the scenario gives `market.willingness_to_pay`
/// (docs/model.md#willingness-to-pay).
extension MarkdownReport {
    static func priceSection(_ summary: Summary) -> Document {
        let kept = summary.strategies.compactMap { s in s.priceShareKept.map { (s, $0) } }
        guard !kept.isEmpty else { return Document([]) }
        let p = NumberFormat.percent
        let rows = kept.map { s, k -> [Inlines] in
            // A share that is the same in every trial (fixed prices and usage) is one figure.
            let constant = k.p10 == k.p90
            return [
                .text(s.name), .text(p(k.p50)),
                .text(constant ? "(the same in every trial)" : "\(p(k.p10)) … \(p(k.p90))"),
                .text(p(k.mean))
            ]
        }
        return Document([
            .heading(level: 2, "Demand kept by price"),
            .paragraph(
                "The share of the reachable market whose willingness to pay (\(code: "market.willingness_to_pay")) "
                    + "is at least what the strategy costs a customer a month, at each trial's prices and usage; "
                    + "the strategy's customers come from that share only. A higher price earns more per customer "
                    + "from fewer customers."),
            .table(.init(labels: "Strategy", figures: ["Share kept (median)", "P10 … P90", "Mean"], rows: rows))
        ])
    }
}
