import Foundation

/// A sketch accumulator in a partial result: little-endian 64-bit integers and doubles, each array
/// prefixed by its length; sketches sparse (the non-empty buckets only, in increasing order). The plan
/// gives the shapes, so decoding checks every length against it; `SketchPlausibility` then checks the values.
extension SketchAccumulator {
    func encode(into data: inout Data) {
        var w = ByteWriter()
        for array in [negatives, better, paired, breakeven, reach, cashOut, fired, firings, clamped, targets] {
            w.ints(array)
        }
        for s in sketches {
            w.int(s.count); w.int(s.zeros); w.double(s.minimum); w.double(s.maximum)
            for counts in [s.positive, s.negative] {
                let used = counts.indices.filter { counts[$0] > 0 }
                w.int(used.count)
                for b in used { w.int(b); w.int(counts[b]) }
            }
        }
        w.int(blocks.count)
        for key in blocks.keys.sorted() {
            w.int(key)
            for x in blocks[key]! { w.double(x) }
        }
        data.append(w.data)
    }

    /// Reads what `encode` wrote into an accumulator of `plan`'s shape, for the shard of `trials`; the reason
    /// (a place in the accumulator and what was expected) when the bytes do not fit the shape or are not a shard's.
    static func decode(_ r: inout PayloadStream, plan: Plan, trials: Range<Int>) throws(PartialError) -> Result<
        SketchAccumulator, SketchProblem
    > {
        var a = SketchAccumulator(plan: plan)
        let m = trials.count
        func ints(_ target: inout [Int], _ name: String) throws(PartialError) -> SketchProblem? {
            guard let n = try r.int() else { return .init(place: name, problem: "cut short") }
            guard n == target.count else {
                return .init(place: name, problem: "\(n) counts, this scenario has \(target.count)")
            }
            for i in 0..<n {
                guard let x = try r.int() else { return .init(place: name, problem: "cut short") }
                target[i] = x
            }
            return nil
        }
        for (name, path) in [
            ("negatives", \SketchAccumulator.negatives), ("better", \.better), ("paired", \.paired),
            ("breakeven", \.breakeven),
            ("reach", \.reach),
            ("cash_out", \.cashOut), ("fired", \.fired), ("firings", \.firings), ("clamped", \.clamped),
            ("targets", \.targets)
        ] {
            if let p = try ints(&a[keyPath: path], name) { return .failure(p) }
        }
        for i in a.sketches.indices {
            switch try decodeSketch(&r, place: "sketch \(i)", trials: m) {
            case .success(let sketch): a.sketches[i] = sketch
            case .failure(let p): return .failure(p)
            }
        }
        guard let blockCount = try r.int() else { return .failure(.init(place: "blocks", problem: "cut short")) }
        let size = Simulator.blockSize
        let firstBlock = trials.lowerBound / size, blocks = (m + size - 1) / size
        guard blockCount == blocks else {
            return .failure(
                .init(place: "blocks", problem: "\(blockCount) blocks, but the shard's \(m) trials make \(blocks)"))
        }
        for j in 0..<blocks {
            guard let key = try r.int() else { return .failure(.init(place: "blocks", problem: "cut short")) }
            // Sorted and inside the shard, so no block is given twice and none is missing.
            guard key == firstBlock + j else {
                return .failure(
                    .init(place: "blocks[\(j)]", problem: "block \(key), expected block \(firstBlock + j) of the shard")
                )
            }
            var values = [Double](repeating: 0, count: 3 * a.columnCount)
            for i in values.indices {
                guard let x = try r.double() else {
                    return .failure(.init(place: "blocks[\(j)]", problem: "cut short"))
                }
                values[i] = x
            }
            a.blocks[key] = values
        }
        if let p = SketchPlausibility.problem(a, trials: trials) { return .failure(p) }
        return .success(a)
    }
    /// One sketch as `encode` wrote it: its count and zeros, extremes, and each sign's used buckets.
    private static func decodeSketch(_ r: inout PayloadStream, place: String, trials m: Int) throws(PartialError)
        -> Result<QuantileSketch, SketchProblem>
    {
        guard let count = try r.int(), let zeros = try r.int(), let lo = try r.double(), let hi = try r.double()
        else { return .failure(.init(place: place, problem: "cut short")) }
        guard (0...m).contains(count), (0...count).contains(zeros) else {
            return .failure(
                .init(
                    place: place,
                    problem: "count \(count) and zeros \(zeros) are not counts of the shard's \(m) trials"))
        }
        var s = QuantileSketch()
        (s.zeros, s.minimum, s.maximum, s.count) = (zeros, lo, hi, count)
        var total = zeros
        for sign in 0..<2 {
            guard let used = try r.int() else { return .failure(.init(place: place, problem: "cut short")) }
            guard (0...QuantileSketch.bucketCount).contains(used) else {
                return .failure(.init(place: place, problem: "\(used) buckets, more than a sketch has"))
            }
            var previous = -1
            for _ in 0..<used {
                guard let b = try r.int(), let c = try r.int() else {
                    return .failure(.init(place: place, problem: "cut short"))
                }
                // Each bucket once, in increasing order, with a count no sum can overflow.
                guard b > previous, b < QuantileSketch.bucketCount, (1...m).contains(c) else {
                    return .failure(
                        .init(
                            place: place,
                            problem:
                                "bucket \(b) with count \(c) (buckets in increasing order, each counted 1 to \(m) "
                                + "times)"
                        ))
                }
                previous = b
                total += c
                guard total <= count else {
                    return .failure(.init(place: place, problem: "its buckets hold more than its count \(count)"))
                }
                if sign == 0 { s.positive[b] = c } else { s.negative[b] = c }
            }
        }
        guard total == count else {
            return .failure(
                .init(place: place, problem: "its buckets and zeros hold \(total) values, its count says \(count)"))
        }
        return .success(s)
    }
}

/// Where a sketch accumulator in a partial is wrong, and how.
struct SketchProblem: Error {
    var place: String
    var problem: String
}

struct ByteWriter {
    var data = Data()
    mutating func int(_ x: Int) { withUnsafeBytes(of: Int64(x).littleEndian) { data.append(contentsOf: $0) } }
    mutating func double(_ x: Double) { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    mutating func ints(_ xs: [Int]) {
        int(xs.count)
        for x in xs { int(x) }
    }
}
