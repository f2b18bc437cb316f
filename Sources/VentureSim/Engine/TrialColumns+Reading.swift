/// Reading a run's columns one trial at a time: for checks, tests and inspection.
extension TrialColumns {
    /// The first trial (of rows 0 ..< `rows`, all by default) with an infinite or NaN outcome (roi's NaN for zero cost
    /// excepted).
    func firstNonFinite(rows: Int? = nil) -> (strategy: Int, outcome: Outcome, trial: Int)? {
        for s in 0..<strategyCount {
            for outcome in outcomes {
                let bad = withColumn(s, outcome, rows: 0..<(rows ?? count)) { x in
                    x.indices.first { i in
                        !x[i].isFinite && !(outcome == .roi && x[i].isNaN && column(s, .cost)[i] == 0)
                    }
                }
                if let bad { return (s, outcome, bad) }
            }
        }
        return nil
    }

    /// Read-only copy of one trial's value, for tests and inspection.
    public func value(strategy: Int, _ outcome: Outcome, trial: Int) -> Double {
        guard outcome.isDerived else { return column(strategy, outcome)[trial] }
        return outcome.derived(revenue: column(strategy, .revenue)[trial], cost: column(strategy, .cost)[trial])
    }
    public func breakevenMonth(strategy: Int, trial: Int) -> Int? {
        let m = breakevenColumn(strategy)[trial]
        return m == 0 ? nil : Int(m)
    }
    public func cashOutMonth(strategy: Int, trial: Int) -> Int? {
        let m = cashOutColumn(strategy)[trial]
        return m == 0 ? nil : Int(m)
    }
    public func firingCount(risk: Int, trial: Int) -> Int { Int(firingsColumn(risk)[trial]) }
    public func reachMonth(strategy: Int, level: Int, trial: Int) -> Int? {
        let m = reachColumn(strategy, level: level)[trial]
        return m == 0 ? nil : Int(m)
    }
}
