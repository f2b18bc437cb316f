import Foundation

/// One shard's result: what merging needs to give exactly the single run's
/// report. A text header (the format line and a JSON object: the scenario
/// as written, its overrides, seed, trials, block size, engine version, the
/// shard) followed by the shard's columns as raw little-endian arrays.
public struct PartialResult: Sendable {
    /// Format 2: profit and roi are no longer among the stored columns (format 1 partials cannot be merged).
    public static let magic = "VENTURESIM-PARTIAL 2"

    public struct Header: Codable, Sendable, Equatable {
        public var engine: String
        /// The scenario as read (its file name, text and `--set` overrides), so a merge rebuilds exactly it.
        public var file: String
        public var text: String
        public var overrides: [String]
        public var trials: Int
        public var seed: UInt64
        /// A digest of the resolved scenario (every input, overrides included, and the stress cases).
        public var digest: String
        public var blockSize: Int
        public var shard: Int
        public var shards: Int
        public var trialRange: [Int]
        /// Per run (the base, then each stress case): clamped draws, targets held, whether any trial overflowed.
        public var runs: [RunCounts]
        /// "sketch" when the payload holds sketch accumulators (`simulation.summary: sketch`); absent for columns.
        public var summary: String?

        enum CodingKeys: String, CodingKey {
            case engine, file, text, overrides, trials, seed, digest, shard, shards, runs, summary
            case blockSize = "block_size", trialRange = "trial_range"
        }
    }

    public struct RunCounts: Codable, Sendable, Equatable {
        public var clamped: [Int]
        public var targets: [Int]
        public var overflow: Bool
    }

    public var header: Header
    /// The arrays, in `TrialColumns.buffers` order for each run.
    public var payload: Data

    /// A digest that two scenarios share only when every input is the same: FNV-1a (64-bit) of the sorted inputs.
    public static func digest(_ scenario: Scenario) -> String {
        var text = scenario.inputs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
        for c in scenario.stress { text += "stress \(c.name): " + c.set.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value);" }.joined() + "\n" }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// The shard of `scenario` (read from `file` with `text` and `overrides`) over its trial range, simulated.
    public static func simulate(_ scenario: Scenario, file: String, text: String, overrides: [String], shard: Int, of shards: Int,
                                workers: Int, monitor: RunMonitor? = nil) throws(RunError) -> PartialResult {
        let range = ShardSplit.trials(shard: shard, of: shards, trials: scenario.simulation.trials)
        var payload = Data()
        let runs: [RunCounts]
        let sketch = scenario.simulation.summary == .sketch
        if sketch {
            let accumulators = try ([scenario] + Engine.stressScenarios(scenario)).map { s throws(RunError) in
                try Simulator.runSketch(Plan(s), trials: range, workers: workers, monitor: monitor)
            }
            for a in accumulators { a.encode(into: &payload) }
            // A sketch shard stops at its first non-finite outcome (a run error), so nothing it carries overflowed.
            runs = accumulators.map { RunCounts(clamped: $0.clamped, targets: $0.targets, overflow: false) }
        } else {
            let columns = try Engine.simulate(scenario, trials: range, workers: workers, monitor: monitor)
            for c in columns {
                for b in c.buffers { append(b, range: range, to: &payload) }
            }
            runs = columns.map { RunCounts(clamped: $0.clampCounts, targets: $0.targetCounts, overflow: $0.mayHaveNonFinite) }
        }
        let header = Header(engine: VentureSimVersion.current, file: file, text: text, overrides: overrides, trials: scenario.simulation.trials,
                            seed: scenario.simulation.seed, digest: digest(scenario), blockSize: Simulator.blockSize, shard: shard, shards: shards,
                            trialRange: [range.lowerBound, range.upperBound], runs: runs, summary: sketch ? "sketch" : nil)
        return PartialResult(header: header, payload: payload)
    }

    /// A per-trial buffer's rows, or a sample buffer's slots of the trials in `range`.
    private static func append(_ b: TrialColumns.Buffer, range: Range<Int>, to payload: inout Data) {
        for c in 0..<b.columns {
            let column = b.base + c * b.length * b.elementSize
            if b.perTrial {
                payload.append(column.assumingMemoryBound(to: UInt8.self), count: b.length * b.elementSize)
            } else {
                let lo = min(range.lowerBound, b.length), hi = min(range.upperBound, b.length)
                payload.append((column + lo * b.elementSize).assumingMemoryBound(to: UInt8.self), count: (hi - lo) * b.elementSize)
            }
        }
    }

    /// Copies this partial's arrays into full-size `columns` (one per run) at its trial range; false when the sizes disagree.
    func place(into columns: [TrialColumns]) -> Bool {
        let range = header.trialRange[0] ..< header.trialRange[1]
        var offset = 0
        return payload.withUnsafeBytes { raw -> Bool in
            for c in columns {
                for b in c.buffers {
                    for col in 0..<b.columns {
                        let column = b.base + col * b.length * b.elementSize
                        let (lo, hi) = b.perTrial ? (range.lowerBound, range.upperBound) : (min(range.lowerBound, b.length), min(range.upperBound, b.length))
                        let bytes = (hi - lo) * b.elementSize
                        guard offset + bytes <= raw.count else { return false }
                        (column + lo * b.elementSize).copyMemory(from: raw.baseAddress! + offset, byteCount: bytes)
                        offset += bytes
                    }
                }
            }
            return offset == raw.count
        }
    }

    /// This partial's sketch accumulators, one per plan (base, then stress cases); nil when the payload does not fit them.
    func accumulators(_ plans: [Plan]) -> [SketchAccumulator]? {
        var r = ByteReader(payload)
        var out: [SketchAccumulator] = []
        for plan in plans {
            guard let a = SketchAccumulator.decode(&r, plan: plan) else { return nil }
            out.append(a)
        }
        return r.atEnd ? out : nil
    }

    // MARK: The file

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data((Self.magic + "\n").utf8)
        data.append(try encoder.encode(header))
        data.append(0x0A)
        data.append(payload)
        return data
    }

    /// Reads a partial file's bytes; the reason when they are not one.
    public static func decode(_ data: Data) -> Result<PartialResult, PartialError> {
        let magic = Data((Self.magic + "\n").utf8)
        guard data.starts(with: magic) else {
            if data.starts(with: Data("VENTURESIM-PARTIAL ".utf8)) {
                return .failure(PartialError(reason: "written in another partial format than this VentureSim's ('\(Self.magic)'): run the shard again"))
            }
            return .failure(PartialError(reason: "not a VentureSim partial result (it does not start with '\(Self.magic)')"))
        }
        guard let end = data[magic.count...].firstIndex(of: 0x0A) else { return .failure(PartialError(reason: "its header is cut short")) }
        do {
            let header = try JSONDecoder().decode(Header.self, from: data[magic.count ..< end])
            return .success(PartialResult(header: header, payload: Data(data[(end + 1)...])))
        } catch {
            return .failure(PartialError(reason: "its header is not readable (\(error))"))
        }
    }
}

/// Why a partial result cannot be read or merged.
public struct PartialError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}

extension PartialResult {
    /// Reads a partial result file: a regular file (a link is not followed), then `decode`.
    public static func read(path: String) -> Result<PartialResult, PartialError> {
        guard case .regular = try? AtomicFile.target(path) else {
            return .failure(PartialError(reason: "not a regular file (a partial result is one; links are not followed)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(PartialError(reason: "cannot read it")) }
        return decode(data)
    }
}
