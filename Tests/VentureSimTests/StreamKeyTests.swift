import Foundation
import Testing
@testable import VentureSim

/// Draws that follow names and months (issue 23): a strategy's figures do not depend on the other strategies
/// listed or their order, and a shorter horizon keeps every figure of the months it keeps. On random scenarios.
@Suite struct StreamKeyTests {
    /// A random scenario: random laws for every input, two to four strategies of every kind (some with revenue
    /// lines), one to four risks of every effect (costs drawn per firing, fines, revenue losses, demand shocks).
    static func scenario(_ seed: UInt64) -> Scenario {
        var g = SplitMix(state: seed)
        func law(_ lo: Double, _ hi: Double) -> Distribution {
            switch Int.random(in: 0..<4, using: &g) {
            case 0: return .constant(Double.random(in: lo...hi, using: &g))
            case 1: return Distribution(.uniform(min: lo, max: hi))
            case 2: return Distribution(Distribution.lognormal(p5: lo, p95: hi))
            default: return Distribution(.pert(min: lo, mode: (lo + hi) / 2, max: hi))
            }
        }
        var market = Scenario.Market(size: law(2_000, 20_000), demand: law(0.4, 0.9), competition: law(0.1, 0.4))
        market.performance = law(0.6, 0.95)
        var s = Scenario(
            name: "random \(seed)", simulation: Scenario.Simulation(trials: 600, seed: seed, horizonMonths: 36),
            market: market,
            adoption: Scenario.Adoption(per: .year, innovation: law(0.01, 0.05), imitation: law(0.2, 0.6)),
            strategies: [])
        for i in 0..<Int.random(in: 2...4, using: &g) {
            let kind = Strategy.Kind.allCases.randomElement(using: &g)!
            var st = Strategy(
                name: "strategy \(i) \(RandomNames.valid(&g))", kind: kind, pricePerMonth: law(20, 200),
                pricePerUnit: law(0.02, 0.1),
                unitsPerCustomerMonth: law(100, 3_000), unitCost: law(0.005, 0.02), churnMonthly: law(0.01, 0.06))
            if Bool.random(using: &g) {
                // Advertising draws its revenue per customer again every month: the line stream runs through the
                // months.
                st.revenueLines = [RevenueLine(kind: .advertising, values: [law(0.5, 3)])]
            }
            s.strategies.append(st)
        }
        s.costs = Scenario.Costs(
            training: law(1e5, 5e5), operationsMonthly: law(2e4, 8e4), costPerCustomerMonthly: law(1, 5),
            acquisitionCost: law(50, 400))
        s.finance = Scenario.Finance(startingCash: law(5e5, 2e6), discountRateAnnual: .constant(0.12))
        for i in 0..<Int.random(in: 1...4, using: &g) {
            var r = Risk(
                name: "risk \(i)", category: "c", annualProbability: Double.random(in: 0.05...0.6, using: &g),
                cost: law(1e4, 1e5))
            switch Int.random(in: 0..<3, using: &g) {
            case 0: r.fineOfAnnualRevenue = 0.04
            case 1: (r.revenueLoss, r.durationMonths) = (0.3, 3)
            default: r.demandShock = 0.8
            }
            s.risks.append(r)
        }
        return s
    }

    /// A strategy's figures as JSON, less what compares it with the others (its drivers rank every drawn input,
    /// the other strategies' too; diversification pairs it with another).
    static func figures(_ st: StrategySummary) throws -> String {
        var st = st
        (st.drivers, st.whatHasToBeTrue, st.diversification) = (nil, nil, nil)
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try e.encode(st), as: UTF8.self)
    }

    static func byName(_ summary: Summary) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try summary.strategies.map { ($0.name, try figures($0)) })
    }

    @Test(arguments: [UInt64(3), 17, 2026, 90_210])
    func strategiesKeepTheirFiguresWhateverElseIsListed(_ seed: UInt64) throws {
        let s = Self.scenario(seed)
        let all = try Self.byName(Engine.run(s, workers: 2))
        var g = SplitMix(state: seed ^ 0xABCD)
        // Reordered, with one removed, and with a new one added in front: each remaining strategy unchanged.
        var reordered = s
        reordered.strategies.shuffle(using: &g)
        var fewer = s
        fewer.strategies.remove(at: Int.random(in: 0..<s.strategies.count, using: &g))
        var more = s
        more.strategies.insert(
            Strategy(
                name: "newcomer", kind: .subscription, pricePerMonth: .constant(50),
                churnMonthly: Distribution(.beta(alpha: 2, beta: 60))), at: 0)
        for variant in [reordered, fewer, more] {
            for (name, figures) in try Self.byName(Engine.run(variant, workers: 1)) where name != "newcomer" {
                #expect(figures == all[name], "\(name)")
            }
        }
    }

    @Test(arguments: [UInt64(5), 44, 777])
    func aShorterHorizonKeepsTheMonthsItKeeps(_ seed: UInt64) throws {
        let s = Self.scenario(seed)
        var short = s
        short.simulation.horizonMonths = 24
        let long = try Engine.run(s, workers: 2), cut = try Engine.run(short, workers: 1)
        for (a, b) in zip(long.strategies, cut.strategies) {
            // Years 1 and 2: revenue, cost, profit, customers, the same to the last digit.
            #expect(a.byYear.map { Array($0.prefix(2)) } == b.byYear, "\(a.name)")
            #expect(b.byYear?.count == 2)
        }
        // Cash month by month (the chart's fan over the same trials), from month 0 (the starting cash).
        for (a, b) in zip(long.charts?.strategies ?? [], cut.charts?.strategies ?? []) {
            #expect(Array(a.cash.prefix(25)) == b.cash)
            #expect(b.cash.count == 25)
        }
    }
}
