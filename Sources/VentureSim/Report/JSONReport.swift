import Foundation

/// The machine-readable result: the summary (a pure function of scenario and
/// seed) plus a `run` object for what varies between runs.
public enum JSONReport {
    /// What varies between runs of the same scenario and seed.
    public struct RunInfo: Codable, Sendable {
        public var version: String
        public var workers: Int
        public var seconds: Double
        public var host: String
        public var generator: String
        public var blockSize: Int
        /// Set when `--precision` chose the trial count.
        public var precision: Precision.Outcome?
        public init(version: String, workers: Int, seconds: Double, host: String) {
            self.version = version
            self.workers = workers
            self.seconds = seconds
            self.host = host
            self.generator = RandomStream.generatorName
            self.blockSize = Simulator.blockSize
        }
        enum CodingKeys: String, CodingKey {
            case version, workers, seconds, host, generator
            case blockSize = "block_size", precision
        }
    }

    struct Document: Codable {
        var summary: Summary
        var run: RunInfo?
        func encode(to encoder: Encoder) throws {
            try summary.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encodeIfPresent(run, forKey: Key(stringValue: "run")!)
        }
        init(summary: Summary, run: RunInfo?) {
            self.summary = summary
            self.run = run
        }
        init(from decoder: Decoder) throws {
            summary = try Summary(from: decoder)
            run = try decoder.container(keyedBy: Key.self).decodeIfPresent(
                RunInfo.self, forKey: Key(stringValue: "run")!)
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Pretty-printed JSON with sorted keys, so equal summaries give equal text.
    public static func render(_ summary: Summary, run: RunInfo?) throws -> Data {
        try encode(Document(summary: summary, run: run))
    }

    /// VentureSim's JSON style: pretty, keys sorted (equal values give equal
    /// text); ends with a newline. A non-finite number is an error, never
    /// written in any form: undefined figures are null.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Reads a result written by `render` (for comparing runs).
    public static func parse(_ data: Data) throws -> (Summary, RunInfo?) {
        let decoder = JSONDecoder()
        let doc = try decoder.decode(Document.self, from: data)
        return (doc.summary, doc.run)
    }
}
