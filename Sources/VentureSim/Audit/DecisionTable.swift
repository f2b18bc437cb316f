/// `audit --vary PATH=LOW..HIGH[:STEPS]` (docs/model.md, "The decision table"): the founder's own choices, each value
/// run on the same trials (the scenario's seed and trial indices), with the figures an investor reads per strategy.
public struct DecisionTable: Codable, Sendable, Equatable {
    public var vary: [Vary]
    /// One per value (two `--vary`: every pair, the first varying slowest).
    public var rows: [Row]

    /// One `--vary`: the path and the values tried.
    public struct Vary: Codable, Sendable, Equatable {
        public var path: String
        public var values: [Double]

        /// Parses `PATH=LOW..HIGH[:STEPS]` (STEPS values from LOW to HIGH, default 5); nil with the reason when
        /// malformed.
        public static func parse(_ text: String) -> Result<Vary, VaryError> {
            let bad = VaryError(argument: text)
            guard let eq = text.firstIndex(of: "=") else { return .failure(bad) }
            let path = text[..<eq].trimmingCharacters(in: .whitespaces), rest = text[text.index(after: eq)...]
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard !path.isEmpty, parts.count <= 2 else { return .failure(bad) }
            let range = parts[0].components(separatedBy: "..")
            guard range.count == 2, let low = Double(range[0].trimmingCharacters(in: .whitespaces)),
                let high = Double(range[1].trimmingCharacters(in: .whitespaces)), low.isFinite, high.isFinite
            else { return .failure(bad) }
            let steps = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : 5
            guard let steps, (1...maxSteps).contains(steps), steps > 1 || low == high else { return .failure(bad) }
            let values =
                steps == 1
                ? [low]
                : (0..<steps).map { i in i == steps - 1 ? high : low + (high - low) * Double(i) / Double(steps - 1) }
            return .success(Vary(path: path, values: values))
        }

        public static let maxSteps = 101
    }

    /// A malformed `--vary`.
    public struct VaryError: Error, CustomStringConvertible {
        public var argument: String
        public var description: String {
            "--vary '\(argument)': expected PATH=LOW..HIGH[:STEPS] with numbers LOW and HIGH and 2 to \(Vary.maxSteps) "
                + "steps, "
                + "e.g. strategies.subscription.price_per_month=50..300:11"
        }
    }

    /// The figures at one value (one per `--vary`).
    public struct Row: Codable, Sendable, Equatable {
        public var values: [Double]
        public var strategies: [StrategyRow]
    }

    /// One strategy's figures at a row's values.
    public struct StrategyRow: Codable, Sendable, Equatable {
        public var strategy: String
        public var claims: [ClaimRow]
        public var pLoss: Double
        public var pCashOut: Double
        public var npvP50: Double?
        public var fundingNeedP90: Double?

        enum CodingKeys: String, CodingKey {
            case strategy, claims, pLoss = "p_loss", pCashOut = "p_cash_out", npvP50 = "npv_p50", fundingNeedP90 =
                "funding_need_p90"
        }
    }

    /// P(claim) at a row, and the break-even of the claim's top input there (nil: none, or that input never or always
    /// reaches the level).
    public struct ClaimRow: Codable, Sendable, Equatable {
        public var target: String
        public var probability: Double
        public var input: String?
        public var breakEven: Double?
        public var verdict: InputAudit.Verdict?

        enum CodingKeys: String, CodingKey { case target, probability, input, breakEven = "break_even", verdict }
    }
}

import Foundation
