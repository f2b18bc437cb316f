internal import CPhilox

/// A trial's streams keyed by name (each risk's, then each strategy's) with their first Philox blocks made in one
/// batch of vector lanes at the start of the trial. Selecting such a stream hands out the words already made and goes
/// on from the next block, so the numbers are those of `RandomStream.select` to the last bit; a stream that draws a
/// few values then costs no refill of its own (a refill is ten rounds of dependent multiplies, about what a batch of
/// sixteen blocks costs).
struct StreamBatch {
    /// Streams in the batch, the blocks made of each (sixteen lanes shared out, 1 … 8 each), and the lanes (one a
    /// block, padded to a multiple of sixteen).
    let count: Int
    let blocks: Int
    let lanes: Int
    /// Each stream's Philox key (the seed xor its name's key) and purpose code.
    let keys: UnsafeMutablePointer<UInt64>
    let purposes: UnsafeMutablePointer<UInt32>
    /// The lanes' counters and keys (`vs_philox_batch_table`), and this trial's words: [word 0 … 3][lane].
    let table: UnsafeMutablePointer<UInt64>
    let words: UnsafeMutablePointer<UInt32>

    /// Carves the batch for a plan's risks and strategies (contents undefined until `fill`).
    init(plan: Plan, carving c: inout ScratchArena.Carver) {
        count = plan.risks.count + plan.strategies.count
        blocks = Swift.max(1, Swift.min(8, 16 / Swift.max(1, count)))
        lanes = Int(vs_philox_batch_lanes(Int32(count), Int32(blocks)))
        (keys, purposes) = (c.take(UInt64.self, count), c.take(UInt32.self, count))
        (table, words) = (c.take(UInt64.self, 4 * lanes), c.take(UInt32.self, 4 * lanes))
    }

    /// The stream of risk k is stream k; of strategy s, stream `plan.risks.count` + s.
    func fill(from plan: Plan) {
        let streams =
            plan.risks.map { RandomStream.Purpose.risk($0.streamKey) } + plan.strategies.map { .strategy($0.streamKey) }
        for (i, purpose) in streams.enumerated() {
            keys[i] = plan.seed ^ purpose.key
            purposes[i] = purpose.code
        }
        if count > 0 { vs_philox_batch_table(keys, purposes, Int32(count), Int32(blocks), table) }
    }

    /// Makes every stream's first blocks for `trial`.
    @inline(__always)
    func make(trial: Int) {
        vs_philox_first_blocks(table, Int32(lanes), UInt64(trial), words)
    }

    /// Points `stream` at stream `i` of `trial` (made by `make(trial:)` last).
    @inline(__always)
    func select(_ i: Int, in stream: RandomStream, trial: Int) {
        vs_philox_stream_made(
            stream.rng, keys[i], purposes[i], UInt64(trial), words, Int32(lanes), Int32(blocks * i), Int32(blocks))
    }
}
