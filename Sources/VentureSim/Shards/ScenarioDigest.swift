import Crypto
import Foundation

extension PartialResult {
    /// A digest that two scenarios share only when every resolved input and stress case is the same:
    /// SHA-256 of a canonical encoding in which every string is length-prefixed, so no name or value
    /// (one holding `=`, `;` or a newline, say) can make the inputs of two scenarios read alike. The
    /// inputs are hashed in the scenario's order, every value once: the order of strategies and risks
    /// decides the report's order, and two paths that read alike must not hide a value.
    public static func digest(_ scenario: Scenario) -> String {
        var bytes = CanonicalBytes()
        // 3: strategies' and risks' streams keyed by name (issue 23); a partial drawn the old way must not merge.
        bytes.string("venturesim-scenario-digest 3")
        bytes.list(scenario.inputList)
        bytes.count(scenario.stress.count)
        for c in scenario.stress {
            bytes.string(c.name)
            bytes.pairs(c.set)
        }
        return SHA256.hash(data: bytes.data).hexadecimal
    }
}

/// Strings and counts written so that the bytes decode one way only: a count as 8 little-endian bytes,
/// a string as its UTF-8 length then its bytes, a mapping as its size then its pairs sorted by key.
struct CanonicalBytes {
    var data = Data()

    mutating func count(_ n: Int) { withUnsafeBytes(of: UInt64(n).littleEndian) { data.append(contentsOf: $0) } }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        count(utf8.count)
        data.append(contentsOf: utf8)
    }

    mutating func list(_ pairs: [(path: String, value: String)]) {
        count(pairs.count)
        for (path, value) in pairs {
            string(path)
            string(value)
        }
    }

    mutating func pairs(_ map: [String: String]) {
        count(map.count)
        // Sorted by the keys' bytes, which does not depend on the locale or on Unicode normalisation.
        for (key, value) in map.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            string(key)
            string(value)
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte.
    var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
