/// Whether a shard's placed columns could be a run's: every month within the
/// horizon (T + 1 for the launch: "not within it"), which the histograms index
/// by; every real value finite except the outcomes (the engine's own check names a
/// non-finite outcome as a single run does). When some outcome of the run is not finite, the engine refuses
/// the run before reading the other columns (as the single run is refused), so
/// their non-finite values are let through.
enum ColumnPlausibility {
    /// "buffer `name` column c, trial i: what" for the first implausible value in `range`'s slots; nil when all are
    /// plausible.
    static func problem(_ c: TrialColumns, plan: Plan, range: Range<Int>, nonFiniteAllowed: Bool) -> String? {
        for b in c.buffers {
            let slots = ColumnPlacement.slots(b, range)
            for col in 0..<b.columns {
                let start = b.base + col * b.length * b.elementSize
                if b.elementSize == 1 {
                    // The one one-byte column: a round's fate.
                    let fates = start.assumingMemoryBound(to: UInt8.self)
                    let last = Int(ColumnLayout.RoundFate.allCases.map(\.rawValue).max() ?? 0)
                    if let i = slots.first(where: { Int(fates[$0]) > last }) {
                        return "\(b.name) column \(col), trial \(i): fate \(fates[i]), beyond \(last)"
                    }
                } else if b.elementSize == 2 {
                    let months = start.assumingMemoryBound(to: UInt16.self)
                    let last: Int? =
                        switch b.name {
                        case "launch": plan.horizon + 1
                        case "firings": nil
                        default: plan.horizon
                        }
                    guard let last else { continue }
                    if let i = slots.first(where: { Int(months[$0]) > last }) {
                        return "\(b.name) column \(col), trial \(i): month \(months[i]), beyond \(last)"
                    }
                } else if b.name != "values" && !nonFiniteAllowed {
                    let x = start.assumingMemoryBound(to: Double.self)
                    if let i = slots.first(where: { !x[$0].isFinite }) {
                        return "\(b.name) column \(col), trial \(i): \(x[i]), not a value a run gives"
                    }
                }
            }
        }
        return nil
    }
}
