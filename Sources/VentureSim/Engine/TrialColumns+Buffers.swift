/// A run's arrays as one list, in a fixed order: what a shard's partial carries and a merge places (`PartialResult`,
/// `PayloadLayout`), what the plausibility check reads, and what the samples' zeroing and release walk.
extension TrialColumns {
    /// One stored array: `columns` columns of `length` elements of `elementSize` bytes each, column after column.
    /// Per-trial buffers have a row per trial of this run; sample buffers a slot per global trial index below `length`.
    struct Buffer {
        let name: String
        let base: UnsafeMutableRawPointer
        let elementSize: Int
        let columns: Int
        let length: Int
        let perTrial: Bool
    }

    /// Zeroes the sample arrays, as a simulation leaves the slots it does not fill (a merge fills them shard by shard).
    func fillSamplesWithZero() {
        for b in buffers where !b.perTrial {
            b.base.initializeMemory(as: UInt8.self, repeating: 0, count: b.columns * b.length * b.elementSize)
        }
    }

    /// Hands the sample arrays' pages back to the system once the sample tasks are done (`Summarizer.sampleTasks`):
    /// they read as zeros afterwards.
    func releaseSamples() {
        for b in buffers where !b.perTrial { ColumnRelease.pages(b.base, bytes: b.columns * b.length * b.elementSize) }
    }

    /// Every array a merge must carry (the per-trial export's inputs excepted), in a fixed order.
    var buffers: [Buffer] {
        let S = strategyCount, R = riskCount
        func rows<T>(_ name: String, _ p: UnsafeMutablePointer<T>, _ columns: Int) -> Buffer {
            Buffer(
                name: name, base: UnsafeMutableRawPointer(p), elementSize: MemoryLayout<T>.stride, columns: columns,
                length: count, perTrial: true)
        }
        func sample<T>(_ name: String, _ p: UnsafeMutablePointer<T>, _ columns: Int, _ length: Int) -> Buffer {
            Buffer(
                name: name, base: UnsafeMutableRawPointer(p), elementSize: MemoryLayout<T>.stride, columns: columns,
                length: length, perTrial: false)
        }
        return [
            rows("values", values, S * stride), rows("demand_share", demandShare, 1), rows("breakeven", breakeven, S),
            rows("cash_out", cashOut, hasFundingNeed ? S : 0), rows("firings", firings, R),
            rows("reach", reach, S * Self.adoptionLevels.count),
            rows("launch", launch, hasLaunch ? 1 : 0), rows("risk_costs", riskCosts, 2 * insuredRisks),
            rows("lines", lineTotals, keptLineTotals), rows("death", deathMonth, roundCount > 0 ? S : 0),
            rows("round_month", roundMonth, S * roundCount), rows("round_fate", roundFate, S * roundCount),
            rows("funding", fundingValues, roundCount > 0 ? S * ColumnLayout.Funding.perStrategy : 0),
            rows("price_share", priceShare, hasPriceShare ? S : 0),
            rows("round_terms", roundTerms, drawnTerms),
            sample("driver_sample", sampleInputs, sampleInputCount, sampleCount),
            sample("year_sample", byYear, S * years * 2, yearSample),
            sample("cash_sample", monthlyCash, S * (horizon + 1), cashSample)
        ]
    }
}
