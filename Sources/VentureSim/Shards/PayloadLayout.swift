/// Where a shard's payload bytes go: the columns' arrays in `TrialColumns.buffers`
/// order, each column's rows of the shard (per-trial arrays) or its sample slots
/// below the sample's length; and how large a sketch payload can be.
enum ColumnPlacement {
    /// Bytes `range`'s payload holds for `columns` (one per run).
    static func bytes(_ columns: [TrialColumns], range: Range<Int>) -> Int {
        var total = 0
        for c in columns {
            for b in c.buffers { total += b.columns * slots(b, range).count * b.elementSize }
        }
        return total
    }

    /// The slots of buffer `b` that shard `range` fills.
    static func slots(_ b: TrialColumns.Buffer, _ range: Range<Int>) -> Range<Int> {
        b.perTrial ? range : min(range.lowerBound, b.length)..<min(range.upperBound, b.length)
    }

    /// Reads the payload of shard `range` into `columns`, straight from the stream into their memory.
    static func place(_ stream: inout PayloadStream, into columns: [TrialColumns], range: Range<Int>)
        throws(PartialError)
    {
        for c in columns {
            for b in c.buffers {
                let slots = slots(b, range)
                for col in 0..<b.columns {
                    let start = b.base + (col * b.length + slots.lowerBound) * b.elementSize
                    guard try stream.copy(to: start, count: slots.count * b.elementSize) else {
                        throw PartialError(
                            reason:
                                "\(stream.name): its arrays do not have the sizes this scenario needs (a damaged or "
                                + "truncated file)"
                        )
                    }
                }
            }
        }
    }
}

enum SketchBounds {
    /// The fewest and most bytes the sketch accumulators of `plans` over shard `range` can take (sparse sketches: every
    /// bucket empty, or every one used).
    static func bytes(_ plans: [Plan], range: Range<Int>) -> ClosedRange<Int> {
        let blocks = (range.count + Simulator.blockSize - 1) / Simulator.blockSize
        var least = 0, most = 0
        for plan in plans {
            let a = SketchAccumulator(plan: plan)
            let arrays = [
                a.negatives, a.better, a.paired, a.breakeven, a.reach, a.cashOut, a.fired, a.firings, a.clamped,
                a.targets
            ].reduce(0) { $0 + 1 + $1.count }
            let fixed = arrays + 1 + blocks * (1 + 3 * a.columnCount)
            least += 8 * (fixed + a.sketches.count * 6)
            most += 8 * (fixed + a.sketches.count * (6 + 4 * QuantileSketch.bucketCount))
        }
        return least...most
    }
}
