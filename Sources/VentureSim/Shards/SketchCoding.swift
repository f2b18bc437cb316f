import Foundation

/// A sketch accumulator in a partial result: little-endian 64-bit integers and doubles, each array
/// prefixed by its length; sketches sparse (the non-empty buckets only). The plan gives the shapes,
/// so decoding checks every length against it.
extension SketchAccumulator {
    func encode(into data: inout Data) {
        var w = ByteWriter()
        for array in [negatives, better, breakeven, reach, cashOut, fired, firings, clamped, targets] { w.ints(array) }
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

    /// Reads what `encode` wrote into an accumulator of `plan`'s shape; nil when the bytes do not fit it.
    static func decode(_ r: inout ByteReader, plan: Plan) -> SketchAccumulator? {
        var a = SketchAccumulator(plan: plan)
        func ints(_ target: inout [Int]) -> Bool {
            guard let v = r.ints(), v.count == target.count else { return false }
            target = v
            return true
        }
        guard ints(&a.negatives), ints(&a.better), ints(&a.breakeven), ints(&a.reach), ints(&a.cashOut), ints(&a.fired),
              ints(&a.firings), ints(&a.clamped), ints(&a.targets) else { return nil }
        for i in a.sketches.indices {
            guard let count = r.int(), let zeros = r.int(), let lo = r.double(), let hi = r.double() else { return nil }
            var s = QuantileSketch()
            (s.zeros, s.minimum, s.maximum) = (zeros, lo, hi)
            for sign in 0..<2 {
                guard let used = r.int(), used >= 0, used <= QuantileSketch.bucketCount else { return nil }
                for _ in 0..<used {
                    guard let b = r.int(), let c = r.int(), (0..<QuantileSketch.bucketCount).contains(b) else { return nil }
                    if sign == 0 { s.positive[b] = c } else { s.negative[b] = c }
                }
            }
            s.count = count
            a.sketches[i] = s
        }
        guard let blockCount = r.int(), blockCount >= 0 else { return nil }
        for _ in 0..<blockCount {
            guard let key = r.int() else { return nil }
            var values = [Double](repeating: 0, count: 3 * a.columnCount)
            for j in values.indices {
                guard let x = r.double() else { return nil }
                values[j] = x
            }
            a.blocks[key] = values
        }
        return a
    }
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

struct ByteReader {
    let data: Data
    var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var atEnd: Bool { offset == data.endIndex }

    mutating func word() -> UInt64? {
        guard offset + 8 <= data.endIndex else { return nil }
        var x: UInt64 = 0
        for k in 0..<8 { x |= UInt64(data[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return x
    }
    mutating func int() -> Int? { word().map { Int(Int64(bitPattern: $0)) } }
    mutating func double() -> Double? { word().map { Double(bitPattern: $0) } }
    mutating func ints() -> [Int]? {
        guard let n = int(), n >= 0, n <= (data.endIndex - offset) / 8 else { return nil }
        var out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n { guard let x = int() else { return nil }; out.append(x) }
        return out
    }
}
