/// `venturesim audit`'s engine (docs/model.md, "Auditing a claim"), no I/O: for every target and strategy, each drawn
/// input's break-even on common random numbers (the same trials at every value), the success profile, and `--vary`'s
/// decision table.
public enum Auditor {
    /// How the audit searches.
    public struct Options: Sendable {
        /// The probability a claim must reach (default a coin flip).
        public var level = 0.5
        public var trialsPerPoint = 20_000
        /// The percentiles of each input's own distribution scanned first.
        public var scan: [Double] = [0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999]
        public var bisectionSteps = 10
        public var workers = Simulator.defaultWorkers
        public init() {}
    }

    /// The trials an audit simulates, about (for a progress display): the base run twice, and per input the scan and
    /// each claim's bisection.
    public static func plannedTrials(_ scenario: Scenario, _ options: Options) -> Int {
        let inputs = Plan(scenario).driverInputs.count, claims = scenario.targets.count * scenario.strategies.count
        return options.trialsPerPoint * (2 + inputs * (options.scan.count + claims * options.bisectionSteps))
    }

    /// The audit of every target of `scenario` for every strategy (its stress cases are not audited).
    public static func run(_ scenario: Scenario, options: Options, monitor: RunMonitor? = nil) throws(RunError)
        -> AuditResult
    {
        let settings = AuditSettings(
            trialsPerPoint: options.trialsPerPoint, level: options.level, scan: options.scan,
            bisectionSteps: options.bisectionSteps, seed: scenario.simulation.seed)
        var base = scenario
        base.stress = []
        base.simulation.trials = options.trialsPerPoint
        base.simulation.summary = .exact
        // The drivers' ranking, from a run of the audit's trials with the drivers on.
        var ranking = base
        ranking.simulation.analyses = .none
        ranking.simulation.analyses.drivers = true
        let summary = try Engine.run(ranking, workers: options.workers, monitor: monitor)
        // The pinned runs compute nothing but the targets' counts.
        var lean = base
        lean.simulation.analyses = .none
        let plan = Plan(lean)
        let profiles = try SuccessProfile.all(plan, workers: options.workers, monitor: monitor)
        let n = Double(options.trialsPerPoint), claimCount = scenario.targets.count * scenario.strategies.count
        var claims = [[InputAudit]](repeating: [], count: claimCount)
        for input in plan.driverInputs {
            let found = try auditInput(plan, input, claims: Array(0..<claimCount), options: options, monitor: monitor)
            for (c, audit) in found { claims[c].append(audit) }
        }
        return AuditResult(
            settings: settings, claims: assemble(scenario, summary, claims, profiles, n: n, level: options.level),
            decisionTable: nil)
    }

    /// One drawn input's audit for each claim in `claims` (index target × strategies + strategy, the audit's order),
    /// on `plan`'s trials; the points tried are shared between the claims (one run gives every claim's count).
    static func auditInput(
        _ plan: Plan, _ input: (name: String, slot: Int), claims: [Int], options: Options,
        monitor: RunMonitor?
    ) throws(RunError) -> [(Int, InputAudit)] {
        let scenario = plan.scenario, n = Double(plan.trials), K = scenario.targets.count, S = scenario.strategies.count
        let law = InputLaw(
            path: input.name, slot: input.slot, distribution: scenario.drawnInputs[input.slot].distribution)
        var cache: [Double: [Int]] = [:]
        func counts(_ v: Double) throws(RunError) -> [Int] {
            if let c = cache[v] { return c }
            let pinned = plan.pinning(slot: input.slot, value: v, percentile: law.percentile(of: v))
            let c = try Simulator.run(pinned, workers: options.workers, monitor: monitor).targetCounts
            cache[v] = c
            return c
        }
        let search = BreakEvenSearch(law: law, level: options.level, scan: options.scan, steps: options.bisectionSteps)
        let reference = References.reference(for: input.name, in: scenario)
        var out: [(Int, InputAudit)] = []
        for c in claims {
            // The kernel counts [strategy][target]; the audit lists [target][strategy].
            let hit = (c % S) * K + c / S
            let found = try search.run { v throws(RunError) in Double(try counts(v)[hit]) / n }
            let curve = cache.keys.sorted().map { v in
                let p = Double(cache[v]?[hit] ?? 0) / n
                return CurvePoint(
                    value: v, percentile: 100 * law.percentile(of: v), probability: p,
                    se: (p * (1 - p) / n).squareRoot())
            }
            out.append((c, audit(law, found, curve: curve, reference: reference)))
        }
        return out
    }

    /// One input's audit from what the search found.
    static func audit(_ law: InputLaw, _ found: BreakEvenSearch.Found, curve: [CurvePoint], reference: Reference?)
        -> InputAudit
    {
        var out = InputAudit(
            input: law.path, breakEven: nil, atLeast: nil, percentile: nil, verdict: .neverReaches,
            reference: reference,
            beyondReference: nil, curve: curve,
            minimum: law.support.lowerBound.isFinite ? law.support.lowerBound : nil,
            maximum: law.support.upperBound.isFinite ? law.support.upperBound : nil)
        switch found {
        case .neverReaches: out.verdict = .neverReaches
        case .alwaysHolds: out.verdict = .alwaysHolds
        case .crossing(let v, let atLeast):
            (out.breakEven, out.atLeast) = (v, atLeast)
            if v > law.support.upperBound {
                out.verdict = .beyondMaximum
            } else if v < law.support.lowerBound {
                out.verdict = .belowMinimum
            } else {
                (out.verdict, out.percentile) = (.withinRange, 100 * law.percentile(of: v))
            }
            out.beyondReference = reference.map { !$0.contains(v) }
        }
        return out
    }

    /// The claims in order (targets, then strategies), each with its inputs ranked by the strategy's drivers.
    private static func assemble(
        _ scenario: Scenario, _ summary: Summary, _ inputs: [[InputAudit]], _ profiles: [SuccessProfile],
        n: Double, level: Double
    ) -> [ClaimAudit] {
        let S = scenario.strategies.count
        return scenario.targets.enumerated().flatMap { k, t in
            scenario.strategies.indices.map { s in
                let order = (summary.strategies[s].drivers ?? []).map(\.input)
                func rank(_ name: String) -> Int { order.firstIndex(of: name) ?? order.count }
                let ranked = inputs[k * S + s].enumerated().sorted {
                    (rank($0.element.input), $0.offset) < (rank($1.element.input), $1.offset)
                }.map(\.element)
                let p = summary.strategies[s].targets[k].probability
                return ClaimAudit(
                    target: t.name, claim: t.words, strategy: scenario.strategies[s].name, level: level, probability: p,
                    se: (p * (1 - p) / n).squareRoot(), inputs: ranked, successProfile: profiles[k * S + s])
            }
        }
    }
}
