import ArgumentParser
import Foundation
import Logging
import VentureSim

/// How `batch` writes its log on standard error: `text` (one line per event, every value quoted) or `json` (one
/// object per line, for a log collector). Every line starts with (or holds) its time, warnings included.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// The batch's log lines: timestamped, terminal-safe (`TextRules.escaped`), metadata in key order.
/// text: `2026-12-03T08:21:26Z info file="a b.yaml" seconds="0.01": done`; json: `{"file":"a
/// b.yaml","level":"info",…}`.
struct BatchLogHandler: LogHandler {
    let format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private static let lock = NSLock()

    func log(event: LogEvent) {
        let values = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues { TextRules.escaped("\($0)") }
        let time = ISO8601DateFormatter().string(from: Date())
        let message = TextRules.escaped(event.message.description)
        let line: String
        switch format {
        case .text:
            let pairs = values.keys.sorted().map { "\($0)=\(Self.quoted(values[$0] ?? ""))" }
            line = ([time, event.level.rawValue] + pairs).joined(separator: " ") + ": " + message
        case .json:
            var object: [String: String] = values
            (object["time"], object["level"], object["message"]) = (time, event.level.rawValue, message)
            let data =
                (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data("{}".utf8)
            line = String(decoding: data, as: UTF8.self)
        }
        Self.lock.lock()
        FileHandle.standardError.write(Data((line + "\n").utf8))
        Self.lock.unlock()
    }

    /// A value in double quotes, its quotes and backslashes escaped: a file name with spaces or `=` stays one value.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A logger writing in `format` at `level`.
    static func logger(_ format: LogFormat, level: Logger.Level) -> Logger {
        var log = Logger(label: "venturesim.batch") { _ in BatchLogHandler(format: format) }
        log.logLevel = level
        return log
    }
}
