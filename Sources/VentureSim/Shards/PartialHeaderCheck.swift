import Foundation

/// A partial's header, decoded and checked for range and shape before any
/// arithmetic uses it: every count within the bounds a run can have, the
/// shard within the shard count, the trial range the one the split gives,
/// every per-run count between 0 and the shard's trials. A problem is named
/// by the file and the header field.
enum PartialHeaderCheck {
    /// Clamped-draw counts per run: the market factors and each strategy's churn.
    static let maxClampedCounts = 16 + Limits.maxStrategies

    /// The most values (list elements and object members) a header may hold: a real one holds at most a few hundred
    /// thousand (its runs' counts and the `--set`s); a decoder's memory grows with them, not with the text's length.
    static let maxValues = 1_000_000

    static func decode(_ json: Data, name: String) throws(PartialError) -> PartialResult.Header {
        guard separators(json) <= maxValues else {
            throw PartialError(
                reason:
                    "\(name): its header holds more than \(NumberFormat.grouped(Int64(maxValues))) values; not a "
                    + "partial result"
            )
        }
        do {
            return try JSONDecoder().decode(PartialResult.Header.self, from: json)
        } catch let error as DecodingError {
            throw describe(error, name: name)
        } catch {
            throw PartialError(reason: "\(name): its header is not readable JSON (\(error))")
        }
    }

    /// The commas outside strings: one fewer than the values in each list and object.
    private static func separators(_ json: Data) -> Int {
        var count = 0, inString = false, escaped = false
        for b in json {
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x2C {
                count += 1
            }
        }
        return count
    }

    /// A decoding error as "header field `path`: what was expected".
    private static func describe(_ error: DecodingError, name: String) -> PartialError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "(the whole header)"
                : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".")
                    .description
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .field(name, path(context.codingPath + [key]), "missing")
        case .typeMismatch(let type, let context):
            return .field(name, path(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .field(name, path(context.codingPath), "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? PartialError(
                    reason: "\(name): its header is not readable JSON (\(context.debugDescription.prefix(200)))")
                : .field(name, path(context.codingPath), "not readable (a number out of range, or not a number)")
        @unknown default:
            return PartialError(reason: "\(name): its header is not readable")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return type is any Collection.Type ? "a list" : "an object"
        }
    }

    /// Every field's range and shape that does not need the scenario.
    static func check(_ h: PartialResult.Header, name: String) throws(PartialError) {
        func fail(_ field: String, _ problem: String) -> PartialError { .field(name, field, problem) }
        func hex64(_ s: String) -> Bool {
            s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
        // Printable ASCII: messages show it.
        guard !h.engine.isEmpty, h.engine.utf8.count <= 200, h.engine.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
        else {
            throw fail("engine", "expected a version: at most 200 printable ASCII characters")
        }
        guard h.text.utf8.count <= ScenarioFile.maxBytes else {
            throw fail("text", "longer than a scenario file may be (\(ScenarioFile.maxBytes / 1_048_576) MB)")
        }
        guard h.file.utf8.count <= 4096 else { throw fail("file", "longer than a path may be (4,096 bytes)") }
        guard (1...Limits.maxTrials).contains(h.trials) else {
            throw fail(
                "trials", "\(h.trials) is not a trial count (1 to \(NumberFormat.grouped(Int64(Limits.maxTrials))))")
        }
        guard h.blockSize == Simulator.blockSize else {
            throw fail("block_size", "\(h.blockSize), but this VentureSim's blocks are \(Simulator.blockSize) trials")
        }
        guard (1...ShardSplit.maxShards).contains(h.shards) else {
            throw fail(
                "shards", "\(h.shards) is not a shard count (1 to \(NumberFormat.grouped(Int64(ShardSplit.maxShards))))"
            )
        }
        guard (0..<h.shards).contains(h.shard) else {
            throw fail("shard", "\(h.shard) is not a shard of \(h.shards) (0 to \(h.shards - 1))")
        }
        let range = ShardSplit.trials(shard: h.shard, of: h.shards, trials: h.trials)
        guard h.trialRange == [range.lowerBound, range.upperBound] else {
            throw fail(
                "trial_range",
                "\(h.trialRange.prefix(3)) is not shard \(h.shard) of \(h.shards)'s trials of \(h.trials) "
                    + "([\(range.lowerBound), \(range.upperBound)])"
            )
        }
        guard h.summary == nil || h.summary == "sketch" else {
            throw fail("summary", "expected \"sketch\" or no value")
        }
        guard hex64(h.digest) else { throw fail("digest", "expected a SHA-256 (64 lower-case hex digits)") }
        guard hex64(h.payloadSHA256) else {
            throw fail("payload_sha256", "expected a SHA-256 (64 lower-case hex digits)")
        }
        guard h.payloadBytes >= 0 else { throw fail("payload_bytes", "\(h.payloadBytes) is negative") }
        guard (1...(1 + Limits.maxStressCases)).contains(h.runs.count) else {
            throw fail(
                "runs",
                "\(h.runs.count) runs; a scenario has its base run and at most \(Limits.maxStressCases) stress cases")
        }
        for (k, run) in h.runs.enumerated() {
            guard run.clamped.count <= maxClampedCounts else {
                throw fail("runs[\(k)].clamped", "\(run.clamped.count) counts, more than a scenario has")
            }
            guard run.targets.count <= Limits.maxStrategies * Limits.maxTargets else {
                throw fail("runs[\(k)].targets", "\(run.targets.count) counts, more than a scenario has")
            }
            // Each is counted at most once a trial.
            for (field, counts) in [("clamped", run.clamped), ("targets", run.targets)] {
                if let i = counts.firstIndex(where: { !(0...range.count).contains($0) }) {
                    throw fail(
                        "runs[\(k)].\(field)[\(i)]",
                        "\(counts[i]) is not a count of the shard's \(range.count) trials (0 to \(range.count))")
                }
            }
        }
    }

    /// The checks that need the scenario: one run per plan, the counts' lengths its shape, the summary its summary.
    static func check(_ h: PartialResult.Header, name: String, plans: [Plan], sketch: Bool) throws(PartialError) {
        guard h.runs.count == plans.count else {
            throw .field(
                name, "runs",
                "\(h.runs.count) runs, but the scenario has \(plans.count) (its base and \(plans.count - 1) stress "
                    + "cases)"
            )
        }
        for (k, (run, plan)) in zip(h.runs, plans).enumerated() {
            let clamped = plan.factors.count + plan.strategyCount, targets = plan.strategyCount * plan.targets.count
            guard run.clamped.count == clamped else {
                throw .field(name, "runs[\(k)].clamped", "\(run.clamped.count) counts, but the scenario has \(clamped)")
            }
            guard run.targets.count == targets else {
                throw .field(name, "runs[\(k)].targets", "\(run.targets.count) counts, but the scenario has \(targets)")
            }
            if sketch && run.overflow {
                throw .field(name, "runs[\(k)].overflow", "true, but a sketch shard stops at its first overflow")
            }
        }
        guard (h.summary == "sketch") == sketch else {
            throw .field(
                name, "summary", "\(h.summary ?? "exact"), but its scenario's summary is \(sketch ? "sketch" : "exact")"
            )
        }
    }
}
