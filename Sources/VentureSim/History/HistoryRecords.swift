import Foundation

/// What a night records of one scenario file.
public struct NightRun: Sendable {
    public var file: String
    public var scenario: String?
    public var digest: String?
    public var seed: UInt64?
    public var trials: Int?
    public var status: String
    public var seconds: Double?
    public var figures: [NightFigures]
    /// The inputs compared from night to night (`ComparedInputs`), stored as JSON.
    public var inputs: [String: String]?

    public init(
        file: String, scenario: String?, digest: String?, seed: UInt64?, trials: Int?, status: String, seconds: Double?,
        figures: [NightFigures],
        inputs: [String: String]? = nil
    ) {
        (self.file, self.scenario, self.digest, self.seed, self.trials) = (file, scenario, digest, seed, trials)
        (self.status, self.seconds, self.figures, self.inputs) = (status, seconds, figures, inputs)
    }

    /// The inputs as the history stores them: JSON with sorted keys.
    static func encode(_ inputs: [String: String]) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(inputs)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Stored inputs read back; nil unless a JSON object of strings of sane size (the database is untrusted).
    static func decode(_ text: String) -> [String: String]? {
        guard text.utf8.count <= 1_048_576 else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}

/// One strategy's headline figures of a night, with their standard errors.
public struct NightFigures: Codable, Sendable, Equatable {
    public var strategy: String
    public var pLoss: Double
    public var pLossSE: Double
    public var pCashOut: Double
    public var pCashOutSE: Double
    public var npvMean: Double?
    public var npvSE: Double?
    public var npvP5: Double?
    public var npvP50: Double?
    public var npvP50SE: Double?
    public var npvP95: Double?
    public var fundingNeedP90: Double?

    enum CodingKeys: String, CodingKey {
        case strategy
        case pLoss = "p_loss", pLossSE = "p_loss_se", pCashOut = "p_cash_out", pCashOutSE = "p_cash_out_se", npvMean =
            "npv_mean", npvSE = "npv_se"
        case npvP5 = "npv_p5", npvP50 = "npv_p50", npvP50SE = "npv_p50_se", npvP95 = "npv_p95", fundingNeedP90 =
            "funding_need_p90"
    }

    /// A run's figures, strategy by strategy.
    public static func of(_ summary: Summary) -> [NightFigures] {
        zip(summary.strategies, Headline.of(summary)).map { s, h in
            let npv = s.outcome(.npv)
            return NightFigures(
                strategy: s.name, pLoss: h.pLoss, pLossSE: h.pLossSE, pCashOut: h.pCashOut, pCashOutSE: h.pCashOutSE,
                npvMean: npv.mean, npvSE: npv.se, npvP5: npv.p5, npvP50: npv.p50, npvP50SE: h.npvP50SE, npvP95: npv.p95,
                fundingNeedP90: s.fundingNeed?.p90)
        }
    }
}

/// One row of the history: a night, a scenario file, a strategy's figures.
public struct HistoryRow: Codable, Sendable, Equatable {
    /// The night's number in the database (nights are numbered in the order they were recorded).
    public var nightID: Int64
    /// When the night's batch started.
    public var night: String
    public var file: String
    public var scenario: String?
    public var digest: String?
    public var seed: String?
    public var trials: Int?
    public var status: String
    public var figures: NightFigures
    /// The run's inputs (`NightRun.inputs`); nil for nights recorded before they were, or unreadable.
    public var inputs: [String: String]? = nil
}
