internal import CLanes

/// The month loop for eight trials at once (issue 12): each trial draws its
/// inputs from its own streams exactly as the scalar path does, then the eight
/// trials' month loops run side by side in vector lanes (`CLanes`, built for
/// the baseline, AVX2 and AVX-512, chosen at run time). Every lane does the scalar
/// loop's operations in the same order (IEEE arithmetic per lane; no fused
/// multiply-add, no reassociation), so its numbers are the scalar path's to
/// the last bit; eight independent chains (two AVX2 registers) hide the loop's latency.
extension TrialKernel {
    static let laneCount = Int(VS_LANE_COUNT)

    /// Which build of the lane loop runs: the widest the processor has (all give the same bits).
    enum LaneBuild: Sendable, CaseIterable { case base, avx2, avx512 }
    static let bestLaneBuild: LaneBuild =
        vs_lanes_have_avx512() != 0 ? .avx512 : vs_lanes_have_avx2() != 0 ? .avx2 : .base
    /// The builds this processor can run.
    static var runnableLaneBuilds: [LaneBuild] {
        LaneBuild.allCases.filter {
            $0 == .base || ($0 == .avx2 && vs_lanes_have_avx2() != 0) || ($0 == .avx512 && vs_lanes_have_avx512() != 0)
        }
    }

    /// How a kernel runs its trials: one at a time, or in lanes where they fit (with the lane loop's build).
    enum Path: Sendable, Equatable {
        case scalar
        case lanes(LaneBuild)
        static var best: Path { .lanes(bestLaneBuild) }
    }

    /// Trials `trial` ..< `trial` + `laneCount` into rows `row` ..< `row` + `laneCount` (when `lanesFit`); false when
    /// an outcome may have overflowed.
    func runLanes(trial: Int, into out: TrialColumns, row: Int) -> Bool {
        extended
            ? runLanes(ExtendedFeatures.self, trial: trial, into: out, row: row)
            : investor
                ? runLanes(InvestorFeatures.self, trial: trial, into: out, row: row)
                : runLanes(LeanFeatures.self, trial: trial, into: out, row: row)
    }

    @inline(__always)
    private func runLanes<F: KernelFeatures>(_: F.Type, trial: Int, into out: TrialColumns, row: Int) -> Bool {
        let L = Self.laneCount, T = horizon, S = strategyCount
        let x = scratch.lanes
        func own(_ s: Int, _ f: Int) -> UnsafeMutablePointer<Double> {
            x.strategyDraws + L * (VS_STRATEGY_FIELDS * s + f)
        }
        drawLanes(F.self, trial: trial, into: out, row: row)
        var finite = true
        let loop =
            switch laneBuild {
            case .base: vs_lanes_month_loop_base
            case .avx2: vs_lanes_month_loop_avx2
            case .avx512: vs_lanes_month_loop_avx512
            }
        let o = x.results
        func result(_ f: Int, _ l: Int) -> Double { o[L * f + l] }
        // Some of the trials in the year-by-year or cash sample (the first trials of a run): the loop keeps their
        // months too.
        let years = F.investor && trial < out.yearSample ? x.yearValues : nil
        let cash = F.investor && trial < out.cashSample ? x.cashValues : nil
        for s in 0..<S {
            years?.update(repeating: 0, count: L * 2 * self.years)
            if F.extended { prepareBusiness(strategy: s) }
            loop(
                T, bass ? 1 : 0, anyFine ? 1 : 0, F.investor ? 1 : 0, x.trialDraws, own(s, 0), x.shock, x.keep,
                x.eventCost, x.fine, x.revenue, F.investor ? targetCount : 0, x.targetMonths, x.targetValues, years,
                cash, F.extended ? UnsafePointer(x.business) : nil, o)
            if F.extended && scratch.lines.count[s] > 0 {
                for l in 0..<L { storeLines(out, strategy: s, row: row + l, totals: x.lineTotals, lanes: L, lane: l) }
            }
            if F.extended && roundCount > 0 {
                let f = x.funding
                for l in 0..<L {
                    storeFunding(
                        out, strategy: s, row: row + l, rounds: roundCount, exit: f[L * VS_FUNDING_EXIT + l],
                        death: Int(f[L * VS_FUNDING_DEATH + l]), lowestCash: result(VS_OUT_MIN_CASH, l),
                        lowestAfterDeath: f[L * VS_FUNDING_MIN_AFTER_DEATH + l],
                        state: { Int(x.roundState[L * $0 + l]) })
                }
            }
            for l in 0..<L {
                if let years, trial + l < out.yearSample {
                    for y in 0..<self.years {
                        out.yearColumn(s, year: y, metric: 0)[trial + l] = years[L * 2 * y + l]
                        out.yearColumn(s, year: y, metric: 1)[trial + l] = years[L * (2 * y + 1) + l]
                    }
                }
                if let cash, trial + l < out.cashSample {
                    let row =
                        out.monthlyCash + ColumnLayout.cash(strategy: s, month: 1, horizon: T) * out.cashSample + trial
                        + l
                    for t in 1...T { row[(t - 1) * out.cashSample] = cash[L * (t - 1) + l] }
                }
            }
            if F.investor {
                for k in 0..<targetCount {
                    let v = x.targetValues + L * LaneContract.targetValues * k
                    for l in 0..<L {
                        countTarget(
                            k, strategy: s, R: v[l], revenueSum: v[L + l], A: v[2 * L + l], cash: v[3 * L + l],
                            cumulative: v[4 * L + l])
                    }
                }
            }
            for l in 0..<L {
                let totals = StrategyTotals(
                    npv: result(VS_OUT_NPV, l), revenueSum: result(VS_OUT_REVENUE, l), costSum: result(VS_OUT_COST, l),
                    minCash: result(VS_OUT_MIN_CASH, l), A: result(VS_OUT_CUSTOMERS, l),
                    minCumulative: result(VS_OUT_MIN_CUMULATIVE, l), cashOutMonth: Int(result(VS_OUT_CASH_OUT, l)),
                    breakeven: Int(result(VS_OUT_BREAKEVEN, l)), reachHalf: Int(result(VS_OUT_REACH_HALF, l)),
                    reachMost: Int(result(VS_OUT_REACH_MOST, l)))
                finite = store(totals, strategy: s, into: out, row: row + l) && finite
            }
        }
        return finite
    }

    /// Strategy `s`'s business-model inputs of the lane loop (`vs_lanes_business`), its lines' totals and its rounds'
    /// states zeroed.
    @inline(__always)
    private func prepareBusiness(strategy s: Int) {
        let (L, x, lines) = (Self.laneCount, scratch.lanes, scratch.lines)
        let (first, count) = (lines.first[s], lines.count[s])
        x.lineTotals.update(repeating: 0, count: L * 2 * (count + 1))
        x.roundState.update(repeating: 0, count: L * roundCount)
        let kinds: UnsafePointer<Int32> = UnsafePointer(x.lineKind + first)
        let slots: UnsafePointer<Int> = UnsafePointer(x.lineMonthSlot + first)
        let params: UnsafePointer<Double> = UnsafePointer(x.lineParams + L * KernelScratch.lineParameters * first)
        var b = vs_lanes_business()
        (b.price_factor, b.run_factor, b.unit_factor, b.drift_cost) = (
            UnsafePointer(scratch.priceFactor), UnsafePointer(x.runFactor), UnsafePointer(x.unitFactor),
            UnsafePointer(scratch.costFactor)
        )
        (b.line_count, b.line_kind, b.line_month_slot, b.line_params) = (count, kinds, slots, params)
        (b.line_monthly, b.line_totals) = (UnsafePointer(x.lineMonthly), x.lineTotals)
        (b.round_count, b.first_round_month, b.rounds) = (roundCount, firstRoundMonth, UnsafePointer(x.rounds))
        (b.round_u, b.round_amount) = (UnsafePointer(x.roundU), UnsafePointer(x.roundAmount))
        (b.round_state, b.funding) = (x.roundState, x.funding)
        x.business.pointee = b
    }

    /// Each trial's draws into its lane of the loop's inputs, in the scalar path's order, from its own streams; its
    /// risk events straight into its lane, its revenue lines' parameters and monthly draws (`drawLaneLines`).
    @inline(__always)
    private func drawLanes<F: KernelFeatures>(_: F.Type, trial: Int, into out: TrialColumns, row: Int) {
        let L = Self.laneCount, T = horizon, S = strategyCount
        let x = scratch.lanes
        func own(_ s: Int, _ f: Int) -> UnsafeMutablePointer<Double> {
            x.strategyDraws + L * (VS_STRATEGY_FIELDS * s + f)
        }
        // Insurance premiums are a cost of every month, common to all strategies.
        MonthArrays(eventCost: x.eventCost, shock: x.shock, keep: x.keep, fine: x.fine, stride: 1).reset(
            months: L * (T + 2), premiums: F.extended && plan.anyInsurance ? plan.premiums : 0)
        for l in 0..<L {
            let months = MonthArrays(
                eventCost: x.eventCost + l, shock: x.shock + l, keep: x.keep + l, fine: x.fine + l, stride: L)
            let d = drawTrial(F.self, trial: trial + l, months: months, into: out, row: row + l)
            let drawn = x.trialDraws + l
            (drawn[L * VS_TRIAL_M], drawn[L * VS_TRIAL_P], drawn[L * VS_TRIAL_Q]) = (d.m, d.p, d.q)
            (drawn[L * VS_TRIAL_ONE_OFF], drawn[L * VS_TRIAL_OPERATIONS], drawn[L * VS_TRIAL_PER_CUSTOMER]) = (
                d.oneOff, d.operations, d.perCustomer
            )
            (drawn[L * VS_TRIAL_CAC], drawn[L * VS_TRIAL_CASH0], drawn[L * VS_TRIAL_DISCOUNT_STEP]) = (
                d.cac, d.cash0, d.discountStep
            )
            (drawn[L * VS_TRIAL_LAUNCH], drawn[L * VS_TRIAL_EXIT_MULTIPLE]) = (Double(d.launch), d.exitMultiple)
            // The rounds' terms, common to the trial's strategies.
            for k in 0..<(F.extended ? roundCount : 0) {
                (x.roundU[L * k + l], x.roundAmount[L * k + l]) = (scratch.roundU[k], scratch.roundAmount[k])
            }
            // With cost shocks, this trial's factors (drift times its shocks) into its lane.
            if F.extended, let run = scratch.runFactor, let unit = scratch.unitFactor, let lanes = x.runFactor,
                let unitLanes = x.unitFactor
            {
                for t in 0..<(T + 2) { (lanes[L * t + l], unitLanes[L * t + l]) = (run[t], unit[t]) }
            }
            for s in 0..<S {
                let draws = drawStrategy(s, trial: trial + l, recorded: d.recorded)
                if F.extended && out.hasPriceShare { out.priceShare[s * out.count + row + l] = draws.kept }
                (own(s, VS_STRATEGY_PRICE_PER_MONTH)[l], own(s, VS_STRATEGY_UNIT_REVENUE)[l]) = (
                    draws.pricePerMonth, draws.unitRevenue
                )
                (own(s, VS_STRATEGY_UNIT_VARIABLE)[l], own(s, VS_STRATEGY_RETAIN)[l]) = (
                    draws.unitVariable, draws.retain
                )
                own(s, VS_STRATEGY_KEPT)[l] = draws.kept
                if F.extended && scratch.lines.count[s] > 0 {
                    drawLaneLines(s, trial: trial + l, lane: l, recorded: d.recorded)
                }
            }
            storeRecord(trial: trial + l, sampled: d.sampled, into: out, row: row + l)
        }
    }

    /// Whether a line of this kind draws from the line stream every month (`lineDraw`): advertising unless fixed,
    /// consulting.
    static func drawsMonthly(_ kind: RevenueLine.Kind, fixed: Bool) -> Bool {
        kind == .consulting || (kind == .advertising && !fixed)
    }

    /// Whether the lane loop reads a monthly value of a line of this kind (`lineDraw`'s: advertising, consulting).
    static func readsMonthly(_ kind: RevenueLine.Kind) -> Bool { kind == .advertising || kind == .consulting }

    /// Strategy `s`'s revenue lines for the trial in lane `l`: their parameters (`drawLineParameters`) and every
    /// month's draw (`lineDraw`), from the strategy's line stream in the scalar loop's order (month by month, line by
    /// line), into the lane; and, when the trial is recorded, advertising's mean.
    @inline(__always)
    private func drawLaneLines(_ s: Int, trial: Int, lane l: Int, recorded: Bool) {
        let (L, x, lines, P, months) = (
            Self.laneCount, scratch.lanes, scratch.lines, KernelScratch.lineParameters, horizon + 2
        )
        drawLineParameters(s, trial: trial, recorded: recorded)
        let (first, count, r) = (lines.first[s], lines.count[s], stream.rng)
        for k in 0..<count {
            for j in 0..<P { x.lineParams[L * (P * (first + k) + j) + l] = lines.params[P * k + j] }
        }
        // A line of a kind that reads no monthly value (`readsMonthly`) draws nothing and has no place: skipped.
        func place(_ line: Int) -> UnsafeMutablePointer<Double>? {
            let slot = x.lineMonthSlot[line]
            return slot < 0 ? nil : x.lineMonthly + L * months * slot + l
        }
        // With at most one line drawing every month (the usual plan), line by line is the stream's order: each line's
        // months in one pass, its sampler's family decided once.
        if x.lineByLine[s] {
            for k in 0..<count {
                let line = first + k
                guard let drawn = place(line).map({ $0 + L }) else { continue }
                let (kind, params) = (lines.kind[line], lines.params + P * k)
                if kind == .advertising && !lines.fixed[line] {
                    lines.samplers[P * line].fill(r, count: horizon, into: drawn, stride: L)
                    // The sum and count in registers (through `params`, each month waited for the last one's store);
                    // the same additions in the same order, so the same bits.
                    var (sum, draws) = (params[1], params[2])
                    for t in 0..<horizon {
                        let perCustomer = max(0, drawn[L * t])
                        drawn[L * t] = perCustomer
                        sum += perCustomer
                        draws += 1
                    }
                    (params[1], params[2]) = (sum, draws)
                } else {
                    for t in 0..<horizon {
                        drawn[L * t] = lineDraw(
                            kind, samplers: lines.samplers + P * line, params: params, fixed: lines.fixed[line], r: r)
                    }
                }
            }
        } else {
            for t in 1...horizon {
                for k in 0..<count {
                    guard let drawn = place(first + k) else { continue }
                    drawn[L * t] = lineDraw(
                        lines.kind[first + k], samplers: lines.samplers + P * (first + k), params: lines.params + P * k,
                        fixed: lines.fixed[first + k], r: r)
                }
            }
        }
        if recorded { recordAdvertisingMeans(s) }
    }
}
