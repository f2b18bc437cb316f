import Logging
import VentureSim

/// swift-log's stream handler with every message and metadata value made safe for a terminal:
/// scenario file names and error messages reach the log, and `StreamLogHandler` prints them as
/// they are, so an ESC sequence in a file name would retitle or recolour the operator's terminal.
struct EscapingLogHandler: LogHandler {
    var inner: LogHandler

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var safe = event
        safe.message = "\(TextRules.escaped(event.message.description))"
        safe.metadata = event.metadata?.mapValues(Self.escaped)
        inner.log(event: safe)
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let s): return .string(TextRules.escaped(s))
        case .stringConvertible(let c): return .string(TextRules.escaped(c.description))
        case .array(let a): return .array(a.map(escaped))
        case .dictionary(let d): return .dictionary(d.mapValues(escaped))
        }
    }
}
