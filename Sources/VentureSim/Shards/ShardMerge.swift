/// Merges the partial results of a sharded run into the summary a single
/// run gives, to the last digit: the partials must come from the same
/// scenario (digest), seed, trial count, block size and engine version, and
/// hold every shard exactly once.
public enum ShardMerge {
    /// The scenario and summary of the whole run, from `partials` (each with the name it is known by in messages).
    public static func merge(_ partials: [(name: String, partial: PartialResult)], workers: Int = Simulator.defaultWorkers)
        throws(PartialError) -> (scenario: Scenario, summary: Summary, header: PartialResult.Header) {
        guard let (firstName, first) = partials.first.map({ ($0.name, $0.partial.header) }) else { throw PartialError(reason: "no partial results given") }
        for (name, p) in partials.dropFirst() {
            let h = p.header
            // The plain differences first: the digest covers seed and trials too, and would hide which one differs.
            let differences = [("engine version", h.engine != first.engine, h.engine, first.engine),
                               ("seed", h.seed != first.seed, String(h.seed), String(first.seed)),
                               ("trials", h.trials != first.trials, String(h.trials), String(first.trials)),
                               ("block size", h.blockSize != first.blockSize, String(h.blockSize), String(first.blockSize)),
                               ("shard count", h.shards != first.shards, String(h.shards), String(first.shards)),
                               ("summary", h.summary != first.summary, h.summary ?? "exact", first.summary ?? "exact"),
                               ("scenario (digest of every input)", h.digest != first.digest, h.digest, first.digest)]
                .filter(\.1)
            if let d = differences.first {
                throw PartialError(reason: "\(name) is not from the same run as \(firstName): its \(d.0) is \(d.2), not \(d.3)")
            }
        }
        let n = first.shards
        var seen: [Int: [String]] = [:]
        for (name, p) in partials { seen[p.header.shard, default: []].append(name) }
        let duplicated = seen.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        let missing = (0..<n).filter { seen[$0] == nil }
        if !duplicated.isEmpty || !missing.isEmpty {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(n)") }
            for (k, names) in duplicated { parts.append("shard \(k) given \(names.count) times (\(names.joined(separator: ", ")))") }
            throw PartialError(reason: parts.joined(separator: "; ") + ": give each shard's partial result exactly once")
        }
        for (name, p) in partials where p.header.trialRange != { let r = ShardSplit.trials(shard: p.header.shard, of: n, trials: first.trials); return [r.lowerBound, r.upperBound] }() {
            throw PartialError(reason: "\(name): its trials \(p.header.trialRange) are not shard \(p.header.shard) of \(n)'s")
        }
        // The scenario, rebuilt from what the first partial recorded, must be the one every partial ran.
        var scenario: Scenario
        do throws(ScenarioError) {
            let overrides = try first.overrides.map(Override.parse)
            scenario = try ScenarioLoader.load(text: first.text, file: first.file, overrides: overrides)
        } catch {
            throw PartialError(reason: "\(firstName): its scenario does not load: \(error.description)")
        }
        scenario.simulation.trials = first.trials
        scenario.simulation.seed = first.seed
        guard PartialResult.digest(scenario) == first.digest else {
            throw PartialError(reason: "\(firstName): its scenario's digest does not match its inputs (a different engine version, or an edited file)")
        }
        let plans = ([scenario] + Engine.stressScenarios(scenario)).map(Plan.init)
        if scenario.simulation.summary == .sketch {
            var totals = plans.map(SketchAccumulator.init)
            for (name, p) in partials {
                guard let parts = p.accumulators(plans) else {
                    throw PartialError(reason: "\(name): its sketches do not have the shape this scenario needs (a damaged or truncated file)")
                }
                for k in totals.indices { totals[k].merge(parts[k]) }
            }
            do throws(RunError) {
                return (scenario, try Engine.summarizeSketches(scenario, totals), first)
            } catch {
                throw PartialError(reason: "the merged run failed: \(error)")
            }
        }
        var columns: [TrialColumns] = []
        for plan in plans {
            do throws(RunError) { columns.append(try TrialColumns.make(for: plan, count: first.trials)) } catch {
                throw PartialError(reason: "merging needs the memory of a single run: \(error)")
            }
        }
        for c in columns { c.fillSamplesWithZero() }
        for (name, p) in partials.sorted(by: { $0.partial.header.shard < $1.partial.header.shard }) {
            guard p.header.runs.count == columns.count, p.place(into: columns) else {
                throw PartialError(reason: "\(name): its arrays do not have the sizes this scenario needs (a damaged or truncated file)")
            }
        }
        for (k, c) in columns.enumerated() {
            let runs = partials.map { $0.partial.header.runs[k] }
            c.clampCounts = runs.reduce(into: [Int](repeating: 0, count: runs[0].clamped.count)) { t, r in for i in t.indices { t[i] += r.clamped[i] } }
            c.targetCounts = runs.reduce(into: [Int](repeating: 0, count: runs[0].targets.count)) { t, r in for i in t.indices { t[i] += r.targets[i] } }
            c.mayHaveNonFinite = runs.contains(where: \.overflow)
        }
        do throws(RunError) {
            return (scenario, try Engine.summarize(scenario, columns, workers: workers), first)
        } catch {
            throw PartialError(reason: "the merged run failed: \(error)")
        }
    }
}
