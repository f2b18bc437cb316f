import Foundation

/// The part of an earlier night's JSON result that drift needs, read
/// leniently: a result written by an older version (without `inputs`, say)
/// still gives its headline figures.
public struct PreviousResult: Decodable, Sendable {
    struct Strategy: Decodable {
        struct Quartiles: Decodable { var p25: Double?, p50: Double?, p75: Double? }
        var name: String
        var p_loss: Double
        var p_cash_out: Double
        var outcomes: [String: Quartiles]
    }

    struct Stress: Decodable {
        var name: String
        var description: String?
        var set: [String: String]
    }

    var trials: Int
    var strategies: [Strategy]
    /// nil when the result predates inputs in the JSON.
    var scenarioInputs: [String: String]?
    var stressCases: [Stress]?

    enum CodingKeys: String, CodingKey {
        case trials, strategies, scenarioInputs = "inputs", stressCases = "stress_cases"
    }

    /// The inputs compared from night to night (`ComparedInputs`): the scenario's and its stress cases'; nil when the
    /// result predates inputs in the JSON.
    public var inputs: [String: String]? {
        scenarioInputs.map { ComparedInputs.merged($0, (stressCases ?? []).map { ($0.name, $0.description, $0.set) }) }
    }

    /// Reads the result at `path` if it is a regular file (not a link) of sane size.
    public static func read(at path: String) -> PreviousResult? {
        guard case .regular = try? AtomicFile.target(path), let handle = FileHandle(forReadingAtPath: path) else {
            return nil
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1_048_576) else { return nil }
        return parse(data)
    }

    public static func parse(_ data: Data) -> PreviousResult? {
        try? JSONDecoder().decode(PreviousResult.self, from: data)
    }

    /// The headline figures of the strategies whose probabilities are
    /// probabilities: the file sits in the output folder, where anyone who can
    /// write there may have edited it, and a P(loss) of 1e308 would make every
    /// drift figure overflow.
    public var headlines: [Headline] {
        strategies.filter { (0...1).contains($0.p_loss) && (0...1).contains($0.p_cash_out) }.map { s in
            let npv = s.outcomes["npv"]
            return Headline(
                strategy: s.name, trials: trials, pLoss: s.p_loss, pCashOut: s.p_cash_out,
                npvP25: npv?.p25, npvP50: npv?.p50, npvP75: npv?.p75)
        }
    }
}
