import Foundation
import Testing
@testable import VentureSim

/// Feeds the loader thousands of mutated and random documents built from the
/// shipped scenarios: each must give a scenario or an error, never a crash
/// or a hang; scenarios that load are also compiled and run for a few trials.
@Suite struct LoaderFuzzTests {
    static let tokens = [
        ":", "-", " ", "\n", "{", "}", "[", "]", ",", "'", "\"", "#", "&a", "*a", "!!str", "!!int", "~", "null", "true",
        "0", "-1", "1e308", "-1e308", "1e-320", ".inf", "-.inf", ".nan", "99999999999999999999999", "0.5", "1_000",
        "dist", "normal", "beta", "pert", "discrete", "values", "weights", "min", "max", "mode", "sd", "p5", "p95",
        "trials", "horizon_months", "seed", "strategies", "risks", "kind", "api", "hybrid", "\t", "\u{0}", "é", "  "
    ]

    static func mutate(_ text: String, _ rng: inout SplitMix) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !lines.isEmpty else { break }
            let i = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            case 3: lines[i] = "  " + lines[i]
            case 4: lines[i] = String(lines[i].drop { $0 == " " })
            case 5:
                // Replace a number with an extreme or odd token.
                lines[i] = lines[i].replacingOccurrences(
                    of: #"-?[0-9][0-9_.eE+-]*"#, with: tokens[Int.random(in: 17..<30, using: &rng)],
                    options: .regularExpression)
            case 6:
                var chars = Array(lines[i])
                let at = chars.isEmpty ? 0 : Int.random(in: 0...chars.count, using: &rng)
                chars.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)
                lines[i] = String(chars)
            default:
                let chars = Array(lines[i])
                guard chars.count > 1 else { continue }
                let a = Int.random(in: 0..<chars.count, using: &rng)
                let b = Int.random(in: a..<chars.count, using: &rng)
                lines[i] = String(chars[..<a] + chars[b...])
            }
        }
        return lines.joined(separator: "\n")
    }

    static func randomDocument(_ rng: inout SplitMix) -> String {
        (0..<Int.random(in: 0...40, using: &rng)).map { _ in tokens.randomElement(using: &rng)! }.joined()
    }

    @Test func mutatedAndRandomDocumentsNeverCrash() throws {
        let folder = Fixtures.root.appendingPathComponent("scenarios").path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        var rng = SplitMix(state: 20261123)
        var loaded = 0, rejected = 0
        let started = Date()
        for i in 0..<4_000 {
            let text = i % 5 == 4 ? Self.randomDocument(&rng) : Self.mutate(seeds[i % seeds.count], &rng)
            do {
                var s = try ScenarioLoader.load(text: text, file: "fuzz-\(i).yaml")
                loaded += 1
                s.simulation.trials = min(s.simulation.trials, 16)
                do { _ = try Engine.run(s, workers: 1) } catch RunError.nonFinite {} catch {
                    Issue.record("run \(i): \(error)")
                }
            } catch {
                rejected += 1
                #expect(!error.diagnostics.isEmpty, "document \(i) was rejected without a message")
                #expect(error.diagnostics.allSatisfy { !$0.message.isEmpty && $0.file == "fuzz-\(i).yaml" })
            }
        }
        #expect(loaded + rejected == 4_000)
        #expect(loaded > 100 && rejected > 100, "loaded \(loaded), rejected \(rejected): the mutations should do both")
        // Far below any hang; the whole loop takes a few seconds.
        #expect(Date().timeIntervalSince(started) < 300)
    }
}
