import Crypto
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import VentureSim

/// `merge` of randomly mutated partials (issue 19): bit flips in header and
/// payload, truncation, extension, edited header numbers, swapped and mixed
/// shards. A mutation that leaves the digests as they were must never merge
/// into numbers other than the unmutated merge's; one whose digests are
/// recomputed (a forger's) may merge into other numbers, but like every
/// mutation it ends in a normal refusal or a writable report, never a trap.
@Suite struct PartialFuzzTests {
    enum Mutation: CaseIterable {
        case headerBitFlip, payloadBitFlip, truncation, extended, headerNumber, swappedShards, mixedSummaries
        case signedHeaderNumber, signedPayloadBitFlip, signedPayloadWord
        var signed: Bool { [.signedHeaderNumber, .signedPayloadBitFlip, .signedPayloadWord].contains(self) }
    }

    /// Small enough that the 1,000 merges take seconds: two shards (4,096 trials and 904), two strategies, a risk
    /// and a target (PartialTamperTests has the stress cases and the business models' columns).
    static let yaml =
        WhatIfTests.base
        .replacingOccurrences(of: "name: whatif", with: "name: fuzz")
        .replacingOccurrences(
            of: "{trials: 4000, seed: 9, horizon_months: 24}", with: "{trials: 5000, seed: 19, horizon_months: 12}")
        + "\ntargets:\n  - {name: customers, metric: customers, month: 12, at_least: 500}\n"
    static let exact = files(yaml)
    static let sketch = files(
        yaml.replacingOccurrences(of: "horizon_months: 12}", with: "horizon_months: 12, summary: sketch}"))

    static func files(_ yaml: String) -> [(String, Data)] {
        let s = try! Fixtures.load(yaml)
        return (0..<2).map { k in
            (
                "f\(k).part",
                try! PartialResult.simulate(
                    s, file: "fuzz.yaml", text: yaml, overrides: [], shard: k, of: 2, workers: 2
                ).encoded()
            )
        }
    }

    static let baseline: [Data] = [exact, sketch].map { PartialForge.merge($0).json! }

    /// The mutations in the proportions drawn: mostly byte-level damage (cheap to refuse), 6 % forged
    /// (each of those merges and summarises, the costly part), and some swapped or mixed shards.
    static let weighted: [Mutation] =
        [Mutation](repeating: .headerBitFlip, count: 17) + [Mutation](repeating: .payloadBitFlip, count: 17)
        + [Mutation](repeating: .truncation, count: 17) + [Mutation](repeating: .extended, count: 17)
        + [Mutation](repeating: .headerNumber, count: 17)
        + [Mutation](repeating: .swappedShards, count: 4) + [Mutation](repeating: .mixedSummaries, count: 4)
        + [
            .signedHeaderNumber, .signedHeaderNumber, .signedPayloadBitFlip, .signedPayloadBitFlip, .signedPayloadWord,
            .signedPayloadWord
        ]

    @Test func mutatedPartialsNeverTrapNorMergeIntoOtherNumbers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "venturesim-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = Self.baseline
        // Four independent streams of 250 iterations, run side by side; each iteration's draws depend only on its
        // stream.
        let outcomes = Mutex([Mutation: (refused: Int, merged: Int)]())
        let failures = Mutex([String]())
        DispatchQueue.concurrentPerform(iterations: 4) { stream in
            var rng = SplitMix(state: 19 &+ UInt64(stream))
            for i in 0..<250 {
                let iteration = 250 * stream + i
                let mode = Int.random(in: 0...1, using: &rng)
                let sets = [Self.exact, Self.sketch]
                let mutation = Self.weighted.randomElement(using: &rng)!
                let files = Self.mutate(sets[mode], other: sets[1 - mode], mutation, using: &rng)
                // Every 25th through files on disk, as `venturesim merge` reads them.
                let result =
                    iteration % 25 == 0
                    ? Self.mergeFiles(files, in: folder, prefix: "\(iteration)-") : PartialForge.merge(files)
                let context = "iteration \(iteration), \(mutation), \(mode == 0 ? "exact" : "sketch"): \(result.reason)"
                if result.reason.hasPrefix("unexpected") || result.reason.contains("EncodingError") {
                    failures.withLock { $0.append(context) }
                }
                if let json = result.json, !mutation.signed, json != baseline[mode] {
                    failures.withLock { $0.append("other numbers: " + context) }
                }
                outcomes.withLock { o in
                    o[mutation, default: (0, 0)].refused += result.json == nil ? 1 : 0
                    o[mutation, default: (0, 0)].merged += result.json == nil ? 0 : 1
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let counts = outcomes.withLock { $0 }
        // The mutations that cannot leave the bytes valid are all refused; shuffling alone merges; forgeries both ways.
        for m in [Mutation.headerBitFlip, .payloadBitFlip, .truncation, .extended, .headerNumber, .mixedSummaries] {
            #expect(counts[m]?.merged == 0 && (counts[m]?.refused ?? 0) > 10, "\(m): \(String(describing: counts[m]))")
        }
        #expect((counts[.swappedShards]?.merged ?? 0) > 0 && (counts[.swappedShards]?.refused ?? 0) > 0, "\(counts)")
        #expect(counts.values.reduce(0) { $0 + $1.refused + $1.merged } == 1000)
        // Forgeries reach the range and plausibility checks, and some (a count edited within range) merge.
        let forged = counts.filter(\.key.signed).values
        #expect(forged.reduce(0) { $0 + $1.refused } > 20 && forged.reduce(0) { $0 + $1.merged } > 0, "\(counts)")
    }

    static func mergeFiles(_ files: [(String, Data)], in folder: URL, prefix: String) -> (reason: String, json: Data?) {
        var paths: [PartialFile] = []
        for (name, data) in files {
            let url = folder.appendingPathComponent(prefix + name)
            try? data.write(to: url)
            do throws(PartialError) { paths.append(try PartialFile.open(path: url.path)) } catch {
                return (error.reason, nil)
            }
        }
        do {
            return ("merged", try JSONReport.render(ShardMerge.merge(files: paths, workers: 2).summary, run: nil))
        } catch let error as PartialError {
            return (error.reason, nil)
        } catch {
            return ("unexpected: \(error)", nil)
        }
    }

    /// `set` with one mutation applied.
    static func mutate(
        _ set: [(String, Data)], other: [(String, Data)], _ mutation: Mutation, using rng: inout SplitMix
    ) -> [(String, Data)] {
        var files = set
        let k = Int.random(in: 0..<files.count, using: &rng)
        var data = files[k].1
        var forge = PartialForge(data)
        let headerEnd = data.count - forge.payload.count
        switch mutation {
        case .headerBitFlip:
            data[Int.random(in: 0..<headerEnd, using: &rng)] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case .payloadBitFlip:
            data[Int.random(in: headerEnd..<data.count, using: &rng)] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case .truncation:
            data = data.prefix(Int.random(in: 0..<data.count, using: &rng))
        case .extended:
            data.append(
                contentsOf: (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng)
                })
        case .headerNumber, .signedHeaderNumber:
            data = editNumber(forge, signed: mutation.signed, using: &rng)
        case .swappedShards:
            if Bool.random(using: &rng) {
                files.shuffle(using: &rng)
                return files
            }
            data = files[(k + 1) % files.count].1
        case .mixedSummaries:
            data = other[k].1
        case .signedPayloadBitFlip:
            guard !forge.payload.isEmpty else { break }
            forge.payload[Int.random(in: 0..<forge.payload.count, using: &rng)] ^= UInt8(
                1 << Int.random(in: 0..<8, using: &rng))
            data = forge.signed()
        case .signedPayloadWord:
            guard forge.payload.count >= 8 else { break }
            let at = 8 * Int.random(in: 0..<(forge.payload.count / 8), using: &rng)
            let words: [UInt64] = [
                UInt64(bitPattern: Int64.max), UInt64(bitPattern: Int64.min), UInt64(bitPattern: -1), 0, 1 << 40,
                Double.nan.bitPattern, Double.infinity.bitPattern, (-Double.infinity).bitPattern, (1e308).bitPattern
            ]
            let word = words.randomElement(using: &rng)!
            withUnsafeBytes(of: word.littleEndian) { forge.payload.replaceSubrange(at..<at + 8, with: $0) }
            data = forge.signed()
        }
        files[k].1 = data
        return files
    }

    /// The header's JSON with one of its numbers replaced (a digit run anywhere: a count, the trials, a shard, a
    /// range), the header's digest recomputed or not.
    static func editNumber(_ forge: PartialForge, signed: Bool, using rng: inout SplitMix) -> Data {
        let file = forge.unsigned()
        let magicEnd = PartialResult.magic.utf8.count + 1
        let json = file[magicEnd...].prefix { $0 != 0x0A }
        let digits = json.indices.filter {
            (48...57).contains(json[$0]) && !(48...57).contains(json[$0 - 1]) && json[$0 - 1] != 0x22
        }
        guard let start = digits.randomElement(using: &rng) else { return file }
        var end = start
        while end < json.endIndex, (48...57).contains(json[end]) { end += 1 }
        let original = String(decoding: json[start..<end], as: UTF8.self)
        let replacement = [
            "0", "1", "-1", "4097", "9223372036854775807", "-9223372036854775808", "4611686018427387904", "1e300", "99",
            original + "0"
        ]
        .filter { $0 != original }.randomElement(using: &rng)!
        var edited = Data(json)
        edited.replaceSubrange((start - json.startIndex)..<(end - json.startIndex), with: Data(replacement.utf8))
        return forge.replacingHeader(edited, signed: signed)
    }
}

extension PartialForge {
    /// The file with this header JSON, its digest line recomputed (`signed`) or the original one kept (a hand edit).
    func replacingHeader(_ json: Data, signed: Bool) -> Data {
        let original = unsigned()
        let magicEnd = PartialResult.magic.utf8.count + 1
        let headerEnd = original[magicEnd...].firstIndex(of: 0x0A)!
        let digestEnd = original[(headerEnd + 1)...].firstIndex(of: 0x0A)!
        var data = Data(original[..<magicEnd])
        data.append(json)
        if signed {
            data.append(Data(("\n" + PartialFile.headerDigestPrefix + SHA256.hash(data: json).hexadecimal + "\n").utf8))
            data.append(original[(digestEnd + 1)...])
        } else {
            data.append(original[headerEnd...])
        }
        return data
    }
}
