import Foundation
import Testing
@testable import VentureSim

/// Partials are untrusted (issue 19): each repro of a tampered partial is
/// refused with an error naming the file and the field, never a trap, an
/// overflow or a NaN in the report. The forged files carry correctly
/// recomputed digests where the check under test lies behind them.
@Suite struct PartialTamperTests {
    static let exactYaml = ShardTests.yaml.replacingOccurrences(of: "trials: 12000", with: "trials: 9000")
    static let sketchYaml = SketchTests.yaml.replacingOccurrences(of: "trials: 14000", with: "trials: 9000")

    /// Three shards of each summary, as files, computed once.
    static let exact: [(String, Data)] = files(exactYaml)
    static let sketch: [(String, Data)] = files(sketchYaml)

    static func files(_ yaml: String) -> [(String, Data)] {
        let s = try! Fixtures.load(yaml)
        return (0..<3).map { k in
            (
                "p\(k).part",
                try! PartialResult.simulate(s, file: "s.yaml", text: yaml, overrides: [], shard: k, of: 3, workers: 2)
                    .encoded()
            )
        }
    }

    /// The reason the set with shard `k` replaced by `edit` of it fails to merge.
    static func reason(_ set: [(String, Data)], shard k: Int = 1, _ edit: (inout PartialForge) -> Data) -> String {
        var forge = PartialForge(set[k].1)
        var files = set
        files[k].1 = edit(&forge)
        return PartialForge.merge(files).reason
    }

    @Test func untouchedPartialsMerge() throws {
        for (set, yaml) in [(Self.exact, Self.exactYaml), (Self.sketch, Self.sketchYaml)] {
            let merged = PartialForge.merge(set.reversed())
            #expect(merged.reason == "merged")
            #expect(merged.json == (try JSONReport.render(Engine.run(Fixtures.load(yaml), workers: 2), run: nil)))
        }
    }

    /// Header fields out of range, each named: shard count 0, trials = Int.max, shard count 2⁶², and more.
    @Test(
        arguments: [
            ("shards", 0, "p1.part: header field shards: 0 is not a shard count (1 to 100,000)"),
            ("shards", 1 << 62, "p1.part: header field shards: 4611686018427387904 is not a shard count"),
            ("shards", -1, "p1.part: header field shards: -1 is not a shard count"),
            ("trials", Int.max, "p1.part: header field trials: 9223372036854775807 is not a trial count"),
            ("trials", 0, "p1.part: header field trials: 0 is not a trial count"),
            ("shard", 3, "p1.part: header field shard: 3 is not a shard of 3 (0 to 2)"),
            ("shard", Int.min, "p1.part: header field shard: -9223372036854775808 is not a shard of 3"),
            ("block_size", 0, "p1.part: header field block_size: 0, but this VentureSim's blocks are 4096 trials"),
            ("payload_bytes", Int.max, "p1.part: header field payload_bytes: says 9223372036854775807 bytes, but"),
            ("payload_bytes", -8, "p1.part: header field payload_bytes: -8 is negative")
        ] as [(String, Int, String)])
    func headerRangesAreChecked(field: String, value: Int, message: String) {
        for set in [Self.exact, Self.sketch] {
            let got = Self.reason(set) { f in
                f.set(field, value); return f.signed()
            }
            // payload_bytes is set again by signing: forge it after.
            let text =
                field == "payload_bytes"
                ? Self.reason(set) { f in
                    f.set(field, value); return f.signed(payload: false)
                } : got
            #expect(text.hasPrefix(message), "\(text)")
        }
    }

    @Test func trialRangeMustBeTheShards() {
        for (range, message) in [
            (
                [4096, 8192],
                "header field trial_range: [4096, 8192] is not shard 1 of 3's trials of 9000 ([4096, 8192])"
            ),
            ([0, 9000], "header field trial_range: [0, 9000] is not shard 1 of 3's"),
            ([5, 4], "header field trial_range: [5, 4]"), ([1], "header field trial_range: [1]")
        ] as [([Int], String)] {
            let got = Self.reason(Self.exact) { f in
                f.set("trial_range", range); return f.signed()
            }
            if range == [4096, 8192] {
                #expect(got == "merged" || got.contains("payload_bytes"), "\(got)")
            } else {
                #expect(got.contains(message), "\(got)")
            }
        }
    }

    /// `clamped` and `targets` lists of another length (the old index out of range), and counts beyond the shard's
    /// trials.
    @Test func runCountsHaveTheScenariosShape() {
        for set in [Self.exact, Self.sketch] {
            let clamped = (PartialForge(set[1].1).value("runs") as! [[String: Any]])[0]["clamped"] as! [Int]
            #expect(
                Self.reason(set) { f in
                    f.set("runs.0.clamped", Array(clamped.dropLast())); return f.signed()
                }
                .hasPrefix(
                    "p1.part: header field runs[0].clamped: \(clamped.count - 1) counts, but the scenario has "
                        + "\(clamped.count)"
                ))
            #expect(
                Self.reason(set) { f in
                    f.set("runs.2.targets", [Int](repeating: 0, count: 7)); return f.signed()
                }
                .hasPrefix("p1.part: header field runs[2].targets: 7 counts, but the scenario has 2"))
            #expect(
                Self.reason(set) { f in
                    f.set("runs.0.targets", [Int](repeating: 0, count: 100_000)); return f.signed()
                }
                .hasPrefix("p1.part: header field runs[0].targets: 100000 counts, more than a scenario has"))
            #expect(
                Self.reason(set) { f in
                    f.set("runs.0.targets.0", Int.max); return f.signed()
                }
                .hasPrefix(
                    "p1.part: header field runs[0].targets[0]: 9223372036854775807 is not a count of the shard's 4096 "
                        + "trials"
                ))
            #expect(
                Self.reason(set) { f in
                    f.set("runs.1.clamped.2", -1); return f.signed()
                }
                .hasPrefix("p1.part: header field runs[1].clamped[2]: -1 is not a count"))
            #expect(
                Self.reason(set) { f in
                    f.set("runs", [Any]()); return f.signed()
                }.hasPrefix("p1.part: header field runs: 0 runs"))
            #expect(
                Self.reason(set) { f in
                    f.set("runs", Array((f.value("runs") as! [Any]).prefix(2))); return f.signed()
                }
                .hasPrefix("p1.part: header field runs: 2 runs, but the scenario has 3"))
        }
    }

    /// Types and missing fields are named too.
    @Test func unreadableFieldsAreNamed() {
        #expect(
            Self.reason(Self.exact) { f in
                f.set("trials", "many"); return f.signed()
            } == "p1.part: header field trials: expected a whole number")
        #expect(
            Self.reason(Self.exact) { f in
                f.set("trials", 1e300); return f.signed()
            }.hasPrefix("p1.part: its header is not readable"))
        #expect(
            Self.reason(Self.exact) { f in
                f.set("runs.0.overflow", NSNull()); return f.signed()
            }
            .hasPrefix("p1.part: header field runs[0].overflow: expected true or false"))
        #expect(
            Self.reason(Self.exact) { f in
                f.header["seed"] = nil; return f.signed()
            } == "p1.part: header field seed: missing")
        #expect(
            Self.reason(Self.exact) { f in
                f.set("summary", "median"); return f.signed()
            } == "p1.part: header field summary: expected \"sketch\" or no value")
        #expect(
            Self.reason(Self.exact) { f in
                f.set("digest", "abc"); return f.signed()
            }.hasPrefix("p1.part: header field digest: expected a SHA-256"))
    }

    /// One flipped payload bit, or an edited count, no longer merges into a plausible report.
    @Test func digestsCatchDamageAndEdits() {
        for set in [Self.exact, Self.sketch] {
            #expect(
                Self.reason(set) { f in
                    f.payload[f.payload.count / 2] ^= 4; return f.unsigned()
                }
                    == "p1.part: its payload does not match the SHA-256 in its header (payload_sha256): a damaged or "
                    + "edited file"
            )
            #expect(
                Self.reason(set) { f in
                    f.set("runs.0.targets.0", 1); return f.unsigned()
                }
                    == "p1.part: its header does not match its SHA-256 (an edited or damaged file)")
            #expect(
                Self.reason(set) { f in
                    f.payload.removeLast(); return f.unsigned()
                }
                .hasPrefix("p1.part: header field payload_bytes: says"))
            #expect(
                Self.reason(set) { f in
                    f.payload.append(0); return f.unsigned()
                }.hasPrefix("p1.part: header field payload_bytes: says"))
        }
        var old = Self.exact
        old[0].1 = Data("VENTURESIM-PARTIAL 2\n{}\n".utf8)
        #expect(
            PartialForge.merge(old).reason.hasPrefix(
                "p0.part: written in partial format '2', not this VentureSim's ('VENTURESIM-PARTIAL 8')"))
    }

    /// Sketch payloads with impossible counts: P(loss) of 50,001 %, counts near Int.max, negative ones, duplicated
    /// blocks.
    @Test func sketchCountsMustBeAShards() {
        // The first word is the length of `negatives`; then its counts.
        func word(_ f: inout PartialForge, _ index: Int, _ value: Int64) {
            withUnsafeBytes(of: value.littleEndian) {
                f.payload.replaceSubrange((8 * index)..<(8 * index + 8), with: $0)
            }
        }
        let cases: [(Int, Int64, String)] = [
            (1, 500 * 4096 + 1, "negatives[0]: 2048001 is not a count of 0 to 4096"),
            (1, Int64.max - 1, "negatives[0]: 9223372036854775806 is not a count"),
            (2, -3, "negatives[1]: -3 is not a count"),
            (0, Int64.max, "negatives: 9223372036854775807 counts, this scenario has")
        ]
        for (index, value, message) in cases {
            let got = Self.reason(Self.sketch) { f in
                word(&f, index, value); return f.signed()
            }
            #expect(
                got.hasPrefix("p1.part: its sketches do not have the shape this scenario needs (run 0, \(message)"),
                "\(got)")
        }
        // The blocks come last: a shard's one block given under another shard's key.
        let blockKey = Self.reason(Self.sketch) { f in
            let words = f.payload.count / 8
            // Run 2's last block: its key lies 3 × columns + 1 words before the end.
            let a = SketchAccumulator(plan: Plan(try! Fixtures.load(Self.sketchYaml)))
            word(&f, words - (3 * a.columnCount + 1), 0)
            return f.signed()
        }
        #expect(
            blockKey.hasPrefix(
                "p1.part: its sketches do not have the shape this scenario needs (run 2, blocks[0]: block 0, expected "
                    + "block 1"
            ), "\(blockKey)")
    }

    /// Columns whose values no run gives: a month beyond the horizon (the histograms index by it), a NaN where none can
    /// be.
    @Test func columnValuesMustBeARuns() throws {
        let s = try Fixtures.load(Self.exactYaml)
        let plan = Plan(s)
        let columns = try TrialColumns.make(for: plan, count: 4096)
        var offset = 0
        var breakeven = 0, demand = 0, lines = 0
        for b in columns.buffers {
            if b.name == "breakeven" { breakeven = offset }
            if b.name == "demand_share" { demand = offset }
            if b.name == "lines" { lines = offset }
            offset += b.columns * ColumnPlacement.slots(b, 4096..<8192).count * b.elementSize
        }
        let month = Self.reason(Self.exact) { f in
            f.payload.replaceSubrange(breakeven..<breakeven + 2, with: [0xFF, 0xFF]); return f.signed()
        }
        #expect(month == "p1.part: run 0 breakeven column 0, trial 4096: month 65535, beyond 24", "\(month)")
        let nan = Self.reason(Self.exact) { f in
            withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) {
                f.payload.replaceSubrange(demand + 16..<demand + 24, with: $0)
            }
            return f.signed()
        }
        #expect(nan == "p1.part: run 0 demand_share column 0, trial 4098: nan, not a value a run gives", "\(nan)")
        // Finite but huge: every line's revenue 1e308 in every trial sums to infinity; refused by name, not as an
        // EncodingError.
        let huge = Self.reason(Self.exact) { f in
            for i in 0..<4096 {
                withUnsafeBytes(of: (1e308).bitPattern.littleEndian) {
                    f.payload.replaceSubrange(lines + 8 * i..<lines + 8 * i + 8, with: $0)
                }
            }
            return f.signed()
        }
        #expect(huge.hasPrefix("the merged figures are not numbers a report can hold ("), "\(huge)")
        #expect(!huge.contains("EncodingError"))
    }

    /// A round's fate is one byte of four values: any other byte in a partial is refused by name.
    @Test func roundFatesMustBeARuns() throws {
        let plan = Plan(try Fixtures.scenario("fintech-series-a.yaml"))
        let columns = try TrialColumns.make(for: plan, count: 8)
        for b in columns.buffers {
            b.base.initializeMemory(as: UInt8.self, repeating: 0, count: b.columns * b.length * b.elementSize)
        }
        #expect(ColumnPlausibility.problem(columns, plan: plan, range: 0..<8, nonFiniteAllowed: true) == nil)
        columns.roundFateColumn(1, round: 2)[3] = 4
        let problem = ColumnPlausibility.problem(columns, plan: plan, range: 0..<8, nonFiniteAllowed: true)
        let column = ColumnLayout.roundMonth(strategy: 1, round: 2, rounds: plan.rounds.count)
        #expect(problem == "round_fate column \(column), trial 3: fate 4, beyond 3")
    }

    /// The shard list stays bounded whatever the shard count says; missing shards are listed, at most 20.
    @Test func missingShardsAreListedBriefly() throws {
        let yaml = Self.exactYaml.replacingOccurrences(of: "trials: 9000", with: "trials: 200000")
        let s = try Fixtures.load(yaml)
        let p = try PartialResult.simulate(
            s, file: "s.yaml", text: yaml, overrides: [], shard: 0, of: 100_000, workers: 1)
        let reason = PartialForge.merge([("p0.part", try p.encoded())]).reason
        #expect(
            reason.hasPrefix(
                "missing shards 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 99979 more "
                    + "of 100000"
            ), "\(reason)")
    }

    /// The old digest hashed `key=value` lines: a target whose name holds `=` and a newline made two scenarios one.
    @Test func scenarioDigestIsUnambiguous() throws {
        let yaml = Self.exactYaml.replacingOccurrences(
            of: "  - {name: customers, metric: customers, month: 12, at_least: 500}",
            with:
                "  - {name: a, metric: customers, month: 12, at_least: 1}\n  - {name: b, metric: customers, month: 12, "
                + "at_least: 500}"
        )
        let two = try Fixtures.load(yaml)
        var one = two
        one.targets = [two.targets[1]]
        one.targets[0].name = "a=customers at month 12 at_least 1\ntargets.b"
        #expect(two.inputs != one.inputs)
        func oldDigest(_ s: Scenario) -> String {
            var text = s.inputs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
            for c in s.stress {
                text +=
                    "stress \(c.name): " + c.set.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value);" }.joined()
                    + "\n"
            }
            return text
        }
        #expect(oldDigest(one) == oldDigest(two), "the repro no longer collides under the old scheme")
        #expect(PartialResult.digest(one) != PartialResult.digest(two))
        #expect(PartialResult.digest(two) == PartialResult.digest(try Fixtures.load(yaml)))
        #expect(PartialResult.digest(two).count == 64)
    }
}

extension PartialTamperTests {
    /// A header of millions of numbers would cost the JSON decoder gigabytes: refused by counting, before decoding.
    @Test func headersOfMillionsOfValuesAreRefusedUndecoded() {
        let got = Self.reason(Self.exact) { f in
            f.set("runs.0.clamped", [Int](repeating: 0, count: 1_100_000)); return f.signed()
        }
        #expect(got == "p1.part: its header holds more than 1,000,000 values; not a partial result", "\(got)")
        // Commas inside strings (the scenario text) are not values.
        let text = Self.reason(Self.exact) { f in
            f.set("file", String(repeating: ",", count: 2_000_000)); return f.signed()
        }
        #expect(text.hasPrefix("p1.part: header field file: longer than a path may be"), "\(text)")
    }
}

extension PartialTamperTests {
    /// The order of strategies and risks decides which random numbers each draws: two scenarios that list
    /// them in another order are different scenarios, and their partials must not merge (an attacker's find).
    @Test func scenarioDigestCoversTheOrderOfStrategiesAndRisks() throws {
        let base = try Fixtures.scenario("ai-customer-service-saas.yaml")
        #expect(base.strategies.count >= 2 && base.risks.count >= 2)
        var swapped = base
        swapped.strategies.swapAt(0, 1)
        #expect(swapped.inputs == base.inputs, "the repro: the keyed inputs alone cannot tell the orders apart")
        #expect(PartialResult.digest(swapped) != PartialResult.digest(base))
        var risks = base
        risks.risks.swapAt(0, 1)
        #expect(PartialResult.digest(risks) != PartialResult.digest(base))
    }

    /// A strategy named `S.revenue.L` writes the same input path as strategy `S`'s revenue line `L`:
    /// every value must still count, whichever of the two the keyed inputs keep (an attacker's find).
    @Test func scenarioDigestCountsValuesWhosePathsReadAlike() throws {
        func yaml(_ price: Int) -> String {
            """
            name: base
            simulation: {trials: 2000, seed: 7, horizon_months: 24}
            market: {size: 5000}
            strategies:
              - name: S
                kind: subscription
                revenue:
                  - {line: value_added, name: L, attach_rate: 0.5, price_per_month: 10}
                price_per_month: {dist: uniform, min: 50, max: 150}
              - name: S.revenue.L
                kind: subscription
                price_per_month: \(price)
            """
        }
        let one = try Fixtures.load(yaml(10)), two = try Fixtures.load(yaml(99))
        #expect(one.inputs == two.inputs, "the repro: the keyed inputs keep one of the two values")
        #expect(PartialResult.digest(one) != PartialResult.digest(two))
    }
}
