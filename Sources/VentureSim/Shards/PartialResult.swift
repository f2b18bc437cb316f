import Crypto
import Foundation

/// One shard's result: what merging needs to give exactly the single run's
/// report. The file (`PartialFile`): the format line, a JSON header (the
/// scenario as written, its overrides, seed, trials, block size, engine
/// version, the shard, the payload's size and SHA-256), the header's own
/// SHA-256, then the payload: the shard's columns as raw little-endian arrays,
/// or its sketch accumulators.
public struct PartialResult: Sendable {
    /// Format 6: a sketch accumulator keeps each pair's paired counts, and with funding rounds a partial keeps the
    /// rounds' terms and each strategy's exit value rather than its raised, ownership, proceeds and MOIC
    /// (`ColumnLayout.Funding`); older formats are refused by their number. (Format 3 put the payload's size and
    /// SHA-256 in the header, the header's SHA-256 after it, and made the scenario digest a SHA-256.)
    public static let magic = "VENTURESIM-PARTIAL 8"

    public struct Header: Codable, Sendable, Equatable {
        public var engine: String
        /// The scenario as read (its file name, text and `--set` overrides), so a merge rebuilds exactly it.
        public var file: String
        public var text: String
        public var overrides: [String]
        public var trials: Int
        public var seed: UInt64
        /// `PartialResult.digest` of the resolved scenario (every input, overrides included, and the stress cases).
        public var digest: String
        public var blockSize: Int
        public var shard: Int
        public var shards: Int
        public var trialRange: [Int]
        /// Per run (the base, then each stress case): clamped draws, targets held, whether any trial overflowed.
        public var runs: [RunCounts]
        /// "sketch" when the payload holds sketch accumulators (`simulation.summary: sketch`); absent for columns.
        public var summary: String?
        /// The payload's length in bytes and its SHA-256 (lower-case hex).
        public var payloadBytes: Int
        public var payloadSHA256: String

        enum CodingKeys: String, CodingKey {
            case engine, file, text, overrides, trials, seed, digest, shard, shards, runs, summary
            case blockSize = "block_size", trialRange = "trial_range", payloadBytes = "payload_bytes", payloadSHA256 =
                "payload_sha256"
        }
    }

    public struct RunCounts: Codable, Sendable, Equatable {
        public var clamped: [Int]
        public var targets: [Int]
        public var overflow: Bool
    }

    public var header: Header
    /// The arrays, in `TrialColumns.buffers` order for each run; or each run's sketch accumulator.
    public var payload: Data

    /// The shard of `scenario` (read from `file` with `text` and `overrides`) over its trial range, simulated.
    public static func simulate(
        _ scenario: Scenario, file: String, text: String, overrides: [String], shard: Int, of shards: Int,
        workers: Int, monitor: RunMonitor? = nil
    ) throws(RunError) -> PartialResult {
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
            runs = columns.map {
                RunCounts(clamped: $0.clampCounts, targets: $0.targetCounts, overflow: $0.mayHaveNonFinite)
            }
        }
        let header = Header(
            engine: VentureSimVersion.current, file: file, text: text, overrides: overrides,
            trials: scenario.simulation.trials,
            seed: scenario.simulation.seed, digest: digest(scenario), blockSize: Simulator.blockSize, shard: shard,
            shards: shards,
            trialRange: [range.lowerBound, range.upperBound], runs: runs, summary: sketch ? "sketch" : nil,
            payloadBytes: payload.count, payloadSHA256: SHA256.hash(data: payload).hexadecimal)
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
                payload.append(
                    (column + lo * b.elementSize).assumingMemoryBound(to: UInt8.self), count: (hi - lo) * b.elementSize)
            }
        }
    }

    // MARK: The file

    /// The file's bytes: the format line, the header, the header's SHA-256, the payload.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        var data = Data((Self.magic + "\n").utf8)
        data.append(json)
        data.append(Data(("\n" + PartialFile.headerDigestPrefix + SHA256.hash(data: json).hexadecimal + "\n").utf8))
        data.append(payload)
        return data
    }

    /// Reads a partial file's bytes, its header and payload checked (see `PartialFile`); the reason when they are not
    /// one.
    public static func decode(_ data: Data, name: String = "the partial") -> Result<PartialResult, PartialError> {
        do throws(PartialError) {
            let file = try PartialFile.open(data, name: name)
            var stream = try file.stream()
            let payload = try stream.bytes(file.header.payloadBytes)
            try stream.finish()
            return .success(PartialResult(header: file.header, payload: payload))
        } catch {
            return .failure(error)
        }
    }
}

/// Why a partial result cannot be read or merged: the reason names the file and, where there is one, the header field.
public struct PartialError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }

    public init(reason: String) { self.reason = reason }

    /// "`name`: header field `field`: `problem`".
    static func field(_ name: String, _ field: String, _ problem: String) -> PartialError {
        PartialError(reason: "\(name): header field \(field): \(problem)")
    }
}
