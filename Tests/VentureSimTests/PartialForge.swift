import Crypto
import Foundation
@testable import VentureSim

/// A partial file taken apart and put back together, for tests that play the
/// attacker: the header edited as JSON, the payload as bytes, and both digests
/// recomputed (`signed`) as anyone can, or left as they were.
struct PartialForge {
    var header: [String: Any]
    var payload: Data
    /// The header's JSON exactly as read (kept when the header is not edited).
    private var json: Data
    private var edited = false

    init(_ file: Data) {
        let magic = Data((PartialResult.magic + "\n").utf8)
        let rest = file[magic.count...]
        let end = rest.firstIndex(of: 0x0A)!
        json = Data(rest[..<end])
        let digestEnd = rest[(end + 1)...].firstIndex(of: 0x0A)!
        payload = Data(rest[(digestEnd + 1)...])
        header = try! JSONSerialization.jsonObject(with: json) as! [String: Any]
    }

    init(_ partial: PartialResult) throws { self.init(try partial.encoded()) }

    /// Sets header field `key` (a top-level key, or `runs.K.clamped.I` style paths for nested lists).
    mutating func set(_ path: String, _ value: Any) {
        edited = true
        let keys = path.split(separator: ".").map(String.init)
        func put(_ node: Any, _ keys: ArraySlice<String>) -> Any {
            guard let key = keys.first else { return value }
            if var list = node as? [Any], let i = Int(key) {
                list[i] = put(list[i], keys.dropFirst())
                return list
            }
            var object = node as! [String: Any]
            object[key] = put(object[key] as Any, keys.dropFirst())
            return object
        }
        header = put(header, keys[...]) as! [String: Any]
    }

    func value(_ key: String) -> Any? { header[key] }

    /// The file with both digests (and the payload's size) recomputed: what an attacker who edits a partial writes.
    /// With `payload` false, the payload's size and digest stay as the header says (only the header's own digest is
    /// recomputed).
    func signed(payload fields: Bool = true) -> Data {
        var forge = self
        if fields {
            forge.set("payload_bytes", payload.count)
            forge.set("payload_sha256", SHA256.hash(data: payload).hexadecimal)
        }
        return forge.assembled(resign: true)
    }

    /// The file as edited, the digests left as they were: what a damaged or hand-edited partial looks like.
    func unsigned() -> Data { assembled(resign: false) }

    private func assembled(resign: Bool) -> Data {
        let body = edited ? try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) : json
        var data = Data((PartialResult.magic + "\n").utf8)
        data.append(body)
        let digest = SHA256.hash(data: resign ? body : json).hexadecimal
        data.append(Data(("\n" + PartialFile.headerDigestPrefix + digest + "\n").utf8))
        data.append(payload)
        return data
    }

    /// Why `files` do not merge, or "merged" with the merged JSON.
    static func merge(_ files: [(String, Data)]) -> (reason: String, json: Data?) {
        do {
            let opened = try files.map { name, data throws(PartialError) in try PartialFile.open(data, name: name) }
            let merged = try ShardMerge.merge(files: opened, workers: 2)
            return ("merged", try JSONReport.render(merged.summary, run: nil))
        } catch let error as PartialError {
            return (error.reason, nil)
        } catch {
            return ("unexpected: \(error)", nil)
        }
    }
}
