import ArgumentParser
import Foundation
import VentureSim

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw from one distribution, one value per line.",
        discussion: """
            The distribution is written as in a scenario, e.g. '{dist: beta, alpha: 2, beta: 5}' \
            or '{dist: lognormal, p5: 20, p95: 150, max: 100}', or as said: '4_000 to 12_000' \
            (a 90 % interval; --quantity picks its family) or '{p10: 400, p50: 600, p90: 900}'. Values are printed \
            with 17 significant digits so another library can test them.
            """
    )

    @Argument(help: "The distribution, inline YAML.")
    var spec: String

    @Option(help: "How many values to draw.")
    var count: Int = 10

    @Option(help: "Seed (unsigned 64-bit).")
    var seed: UInt64 = 1

    @Option(help: "What a range stands for: signed (normal), amount (lognormal) or share (beta).")
    var quantity: String = "signed"

    func validate() throws {
        guard ScenarioLoader.Quantity(rawValue: quantity) != nil else {
            throw ValidationError("--quantity must be signed, amount or share.")
        }
        guard count >= 0, count <= 10_000_000 else { throw ValidationError("--count must be from 0 to 10,000,000.") }
    }

    func run() throws {
        let dist: Distribution
        do {
            dist = try ScenarioLoader.distribution(
                text: spec, source: "<spec>", quantity: ScenarioLoader.Quantity(rawValue: quantity) ?? .signed)
        } catch {
            printError(error.description)
            throw Exit.failure
        }
        var out = ""
        out.reserveCapacity(24 * min(count, 1 << 16))
        for x in Engine.draws(dist, count: count, seed: seed) {
            out += String(format: "%.17g\n", x)
            if out.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
