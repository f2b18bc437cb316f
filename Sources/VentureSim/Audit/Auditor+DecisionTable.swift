/// `--vary`'s decision table (docs/model.md, "The decision table").
extension Auditor {
    /// The table over `rows` (each row's values and its scenario, loaded with the `--vary` overrides), each run on the
    /// audit's trials as a plain run of that scenario would be (stress cases aside), so a row at the scenario's own
    /// values is the plain run's figures to the last digit; each claim's break-even is over its top input in `audit`.
    public static func decisionTable(
        _ vary: [DecisionTable.Vary], rows: [(values: [Double], scenario: Scenario)], audit: AuditResult,
        options: Options, monitor: RunMonitor? = nil
    ) throws(RunError) -> DecisionTable {
        var out: [DecisionTable.Row] = []
        for (values, scenario) in rows {
            var s = scenario
            s.stress = []
            s.simulation.trials = options.trialsPerPoint
            let summary = try Engine.run(s, workers: options.workers, monitor: monitor)
            var lean = s
            lean.simulation.analyses = .none
            lean.simulation.summary = .exact
            let plan = Plan(lean)
            let S = s.strategies.count
            var breakEvens: [Int: InputAudit] = [:]
            for (c, claim) in audit.claims.enumerated() where c < s.targets.count * S {
                guard let top = claim.inputs.first?.input,
                    let input = plan.driverInputs.first(where: { $0.name == top })
                else { continue }
                for (c, found) in try auditInput(plan, input, claims: [c], options: options, monitor: monitor) {
                    breakEvens[c] = found
                }
            }
            let strategies = summary.strategies.enumerated().map { si, st in
                let claims = s.targets.enumerated().map { k, t in
                    let found = breakEvens[k * S + si]
                    return DecisionTable.ClaimRow(
                        target: t.name, probability: st.targets[k].probability, input: found?.input,
                        breakEven: found?.breakEven, verdict: found?.verdict)
                }
                return DecisionTable.StrategyRow(
                    strategy: st.name, claims: claims, pLoss: st.pLoss, pCashOut: st.pCashOut,
                    npvP50: st.outcomes["npv"]?.p50, fundingNeedP90: st.fundingNeed?.p90)
            }
            out.append(DecisionTable.Row(values: values, strategies: strategies))
        }
        return DecisionTable(vary: vary, rows: out)
    }
}

extension DecisionTable.Vary {
    /// Every combination of the values of `vary` (the first varying slowest).
    public static func grid(_ vary: [DecisionTable.Vary]) -> [[Double]] {
        vary.reduce([[]]) { rows, v in rows.flatMap { row in v.values.map { row + [$0] } } }
    }

    /// The `--set` override that puts this path at `value` (the value written so YAML reads it back exactly).
    public func override(_ value: Double) throws(ScenarioError) -> Override {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return try Override.parse("\(path)=\(text)")
    }
}
