import Foundation

/// Merges the partial results of a sharded run into the summary a single
/// run gives, to the last digit: the partials must come from the same
/// scenario (digest), seed, trial count, block size and engine version, and
/// hold every shard exactly once. Each partial's payload is read once, in
/// bounded memory, straight into the merged columns (or decoded into a sketch
/// accumulator and added), its size and SHA-256 checked against its header
/// and its values checked as a shard's; so the merge needs the memory of a
/// single run, and no partial, however made, can make it trap.
public enum ShardMerge {
    /// The merged run: its scenario, summary and the first partial's header.
    public typealias Merged = (scenario: Scenario, summary: Summary, header: PartialResult.Header)

    /// The scenario and summary of the whole run, from `partials` held in memory (each with the name it is known by in
    /// messages).
    public static func merge(
        _ partials: [(name: String, partial: PartialResult)], workers: Int = Simulator.defaultWorkers
    ) throws(PartialError) -> Merged {
        try merge(files: partials.map { PartialFile(name: $0.name, partial: $0.partial) }, workers: workers)
    }

    /// The scenario and summary of the whole run, from opened partial files. `admit` sees the rebuilt scenario before
    /// any payload is read or memory taken for it (the command's memory guard).
    public static func merge(
        files: [PartialFile], workers: Int = Simulator.defaultWorkers,
        admit: (Scenario) throws(PartialError) -> Void = { _ throws(PartialError) in }
    ) throws(PartialError) -> Merged {
        guard let first = files.first else { throw PartialError(reason: "no partial results given") }
        try checkSameRun(files)
        try checkShards(files, of: first.header.shards)
        let scenario = try rebuild(first)
        let plans = ([scenario] + Engine.stressScenarios(scenario)).map(Plan.init)
        let sketch = scenario.simulation.summary == .sketch
        for f in files { try PartialHeaderCheck.check(f.header, name: f.name, plans: plans, sketch: sketch) }
        try admit(scenario)
        let summary: Summary
        if sketch {
            let totals = try mergeSketches(files, plans)
            do throws(RunError) { summary = try Engine.summarizeSketches(scenario, totals) } catch {
                throw PartialError(reason: "the merged run failed: \(error)")
            }
        } else {
            let columns = try mergeColumns(files, plans, trials: scenario.simulation.trials)
            do throws(RunError) { summary = try Engine.summarize(scenario, columns, workers: workers) } catch {
                throw PartialError(reason: "the merged run failed: \(error)")
            }
        }
        try checkWritable(summary)
        return (scenario, summary, first.header)
    }

    /// Every partial agrees with the first on what makes them one run.
    private static func checkSameRun(_ files: [PartialFile]) throws(PartialError) {
        let first = files[0].header, firstName = files[0].name
        for f in files.dropFirst() {
            let h = f.header
            // The plain differences first: the digest covers seed and trials too, and would hide which one differs.
            let differences = [
                ("engine version", h.engine != first.engine, h.engine, first.engine),
                ("seed", h.seed != first.seed, String(h.seed), String(first.seed)),
                ("trials", h.trials != first.trials, String(h.trials), String(first.trials)),
                ("shard count", h.shards != first.shards, String(h.shards), String(first.shards)),
                ("summary", h.summary != first.summary, h.summary ?? "exact", first.summary ?? "exact"),
                ("scenario (digest of every input)", h.digest != first.digest, h.digest, first.digest)
            ]
            if let d = differences.first(where: \.1) {
                throw PartialError(
                    reason: "\(f.name) is not from the same run as \(firstName): its \(d.0) is \(d.2), not \(d.3)")
            }
        }
    }

    /// Shards 0 ..< n each given once (`n` at most `ShardSplit.maxShards`, checked with the header); the message lists
    /// at most 20 of each.
    private static func checkShards(_ files: [PartialFile], of n: Int) throws(PartialError) {
        var seen: [Int: [String]] = [:]
        for f in files { seen[f.header.shard, default: []].append(f.name) }
        let duplicated = seen.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        guard !duplicated.isEmpty || seen.count < n else { return }
        let missing = (0..<n).filter { seen[$0] == nil }
        func list(_ xs: [String]) -> String {
            xs.prefix(20).joined(separator: ", ") + (xs.count > 20 ? " and \(xs.count - 20) more" : "")
        }
        var parts: [String] = []
        if !missing.isEmpty {
            parts.append("missing shard\(missing.count == 1 ? "" : "s") \(list(missing.map(String.init))) of \(n)")
        }
        for (k, names) in duplicated.prefix(20) {
            parts.append("shard \(k) given \(names.count) times (\(list(names)))")
        }
        throw PartialError(reason: parts.joined(separator: "; ") + ": give each shard's partial result exactly once")
    }

    /// The scenario, rebuilt from what the first partial recorded; it must be the one every partial ran.
    private static func rebuild(_ first: PartialFile) throws(PartialError) -> Scenario {
        let h = first.header
        var scenario: Scenario
        do throws(ScenarioError) {
            let overrides = try h.overrides.map(Override.parse)
            scenario = try ScenarioLoader.load(text: h.text, file: h.file, overrides: overrides)
        } catch {
            throw PartialError(reason: "\(first.name): its scenario does not load: \(error.description)")
        }
        scenario.simulation.trials = h.trials
        scenario.simulation.seed = h.seed
        guard PartialResult.digest(scenario) == h.digest else {
            throw .field(
                first.name, "digest",
                "does not match its scenario's inputs (a different engine version, or an edited file)")
        }
        return scenario
    }

    /// Each partial's rows and sample slots placed into full-size columns, their counts added.
    private static func mergeColumns(_ files: [PartialFile], _ plans: [Plan], trials: Int) throws(PartialError)
        -> [TrialColumns]
    {
        var columns: [TrialColumns] = []
        for plan in plans {
            do throws(RunError) { columns.append(try TrialColumns.make(for: plan, count: trials)) } catch {
                throw PartialError(reason: "merging needs the memory of a single run: \(error)")
            }
        }
        for c in columns { c.fillSamplesWithZero() }
        // Every size is checked before any payload is read.
        for f in files {
            let need = ColumnPlacement.bytes(columns, range: f.range)
            guard f.header.payloadBytes == need else {
                throw .field(
                    f.name, "payload_bytes",
                    "\(f.header.payloadBytes), but this scenario's shard \(f.header.shard) has \(need) bytes of columns"
                )
            }
        }
        for f in files {
            var stream = try f.stream()
            try ColumnPlacement.place(&stream, into: columns, range: f.range)
            try stream.finish()
        }
        var nonFinite: [Bool] = []
        for (k, (c, plan)) in zip(columns, plans).enumerated() {
            // A run with a non-finite outcome fails in the engine's own check, named as the single run names it, before
            // any other column is read; only then may other real values be non-finite too.
            let failsAnyway = c.firstNonFinite() != nil
            nonFinite.append(failsAnyway)
            for f in files {
                if let p = ColumnPlausibility.problem(c, plan: plan, range: f.range, nonFiniteAllowed: failsAnyway) {
                    throw PartialError(reason: "\(f.name): run \(k) \(p)")
                }
            }
        }
        for (k, c) in columns.enumerated() {
            // Each count is at most its shard's trials (checked with the header), so the sums are at most the run's.
            let runs = files.map { $0.header.runs[k] }
            c.clampCounts = runs.reduce(into: [Int](repeating: 0, count: runs[0].clamped.count)) { t, r in
                for i in t.indices { t[i] += r.clamped[i] }
            }
            c.targetCounts = runs.reduce(into: [Int](repeating: 0, count: runs[0].targets.count)) { t, r in
                for i in t.indices { t[i] += r.targets[i] }
            }
            // The columns were scanned above (a partial's flag is only a claim): the engine's own check runs, to name
            // the failure as a single run does, only where that scan found a non-finite outcome.
            c.mayHaveNonFinite = nonFinite[k]
        }
        return columns
    }

    /// Each partial's sketch accumulators, decoded one partial at a time and added.
    private static func mergeSketches(_ files: [PartialFile], _ plans: [Plan]) throws(PartialError)
        -> [SketchAccumulator]
    {
        for f in files {
            let bounds = SketchBounds.bytes(plans, range: f.range)
            guard bounds.contains(f.header.payloadBytes) else {
                throw .field(
                    f.name, "payload_bytes",
                    "\(f.header.payloadBytes), but this scenario's sketches of shard \(f.header.shard) take "
                        + "\(bounds.lowerBound) to \(bounds.upperBound) bytes")
            }
        }
        var totals = plans.map(SketchAccumulator.init)
        for f in files {
            var stream = try f.stream()
            var counts: [(clamped: [Int], targets: [Int])] = []
            for (k, plan) in plans.enumerated() {
                switch try SketchAccumulator.decode(&stream, plan: plan, trials: f.range) {
                case .failure(let p):
                    if let damage = stream.damage() { throw damage }
                    throw PartialError(
                        reason:
                            "\(f.name): its sketches do not have the shape this scenario needs (run \(k), \(p.place): "
                            + "\(p.problem))"
                    )
                case .success(let a):
                    counts.append((a.clamped, a.targets))
                    totals[k].merge(a)
                }
            }
            try stream.finish()
            for (k, run) in f.header.runs.enumerated()
            where run.clamped != counts[k].clamped || run.targets != counts[k].targets {
                throw .field(
                    f.name, "runs[\(k)]", "its clamped and target counts are not its sketches' (an edited file)")
            }
        }
        return totals
    }

    /// The summary must be writable as JSON: a value no real run gives (an infinite mean from tampered magnitudes) is
    /// refused here by name.
    private static func checkWritable(_ summary: Summary) throws(PartialError) {
        do {
            _ = try JSONReport.render(summary, run: nil)
        } catch let EncodingError.invalidValue(value, context) {
            let place = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw PartialError(
                reason:
                    "the merged figures are not numbers a report can hold (\(place) is \(value)): a partial's values "
                    + "are not a real run's"
            )
        } catch {
            throw PartialError(reason: "the merged figures cannot be written: \(error)")
        }
    }
}

extension PartialFile {
    /// The shard's trials (checked against the split when the header was read).
    var range: Range<Int> { header.trialRange[0]..<header.trialRange[1] }
}
