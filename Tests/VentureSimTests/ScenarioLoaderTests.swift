import Testing
@testable import VentureSim

/// Malformed scenarios: each gets a message naming the place and what was expected.
@Suite struct ScenarioLoaderTests {
    static let valid = """
        name: t
        market:
          size: 1000
        strategies:
          - name: a
            kind: subscription
            price_per_month: 10
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let yaml: String
        let path: String
        let line: Int?
        let fragments: [String]
        var testDescription: String { fragments.joined(separator: " / ") }
    }

    static let cases: [Case] = [
        Case(
            yaml: valid + "\ncosts: {trainning: 5}", path: "costs.trainning", line: 8,
            fragments: ["unknown key 'trainning'", "did you mean 'training'?"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: lots"), path: "market.size", line: 3,
            fragments: ["expected a number", "'lots'"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: \"1000\""), path: "market.size", line: 3,
            fragments: ["expected a number", "quoted text"]),
        Case(
            yaml: valid.replacingOccurrences(of: "name: t\n", with: ""), path: "name", line: 1,
            fragments: ["missing required key 'name'"]),
        Case(
            yaml: valid + "\nrisks: [{name: r, category: legal, annual_probability: 1.5}]",
            path: "risks[0].annual_probability", line: 8, fragments: ["probability from 0 to 1", "1.5"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: normal, mean: 5, sd: 0}"),
            path: "market.size.sd", line: 3, fragments: ["expected a number > 0", "found 0"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: pert, min: 5, mode: 9, max: 7}"),
            path: "market.size", line: 3, fragments: ["min ≤ mode ≤ max"]),
        Case(
            yaml: valid.replacingOccurrences(
                of: "size: 1000", with: "size: {dist: triangular, min: 5, mode: 1, max: 7}"), path: "market.size",
            line: 3, fragments: ["min ≤ mode ≤ max"]),
        Case(
            yaml: valid + "\nsimulation: {trials: 0}", path: "simulation.trials", line: 8,
            fragments: ["whole number from 1"]),
        Case(
            yaml: valid + "\nsimulation: {trials: -5}", path: "simulation.trials", line: 8,
            fragments: ["whole number from 1"]),
        Case(
            yaml: valid + "\nsimulation: {trials: "
                + "1e12}", path: "simulation.trials", line: 8, fragments: ["1000000000"]),
        Case(
            yaml: valid + "\nsimulation: {horizon_months: 1000000}", path: "simulation.horizon_months", line: 8,
            fragments: ["from 1 to 1200"]),
        Case(
            yaml: valid + "\nsimulation: {trials: 10.5}", path: "simulation.trials", line: 8,
            fragments: ["whole number"]),
        Case(
            yaml: valid + "\nsimulation: {seed: -1}", path: "simulation.seed", line: 8,
            fragments: ["whole number from 0"]),
        Case(
            yaml: valid + "\n  - name: a\n    kind: api\n    price_per_unit: 1\n    units_per_customer_month: 3",
            path: "strategies[1].name", line: 8, fragments: ["duplicate strategy name 'a'"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: .inf"), path: "market.size", line: 3,
            fragments: ["finite number"]),
        // Shares on the wrong scale, money that can only be negative, unsampleable laws (issue 7).
        Case(
            yaml: valid.replacingOccurrences(
                of: "size: 1000", with: "size: 1000\n  competition: {dist: uniform, min: 20, max: 45}"),
            path: "market.competition", line: 4, fragments: ["0 % of its probability inside [0, 1]", "fractions"]),
        Case(
            yaml: valid + "\n    churn_monthly: {dist: pert, min: 2, mode: 3, max: 4}",
            path: "strategies[0].churn_monthly", line: 8, fragments: ["inside [0, 1]", "fractions"]),
        Case(
            yaml: valid.replacingOccurrences(
                of: "size: 1000", with: "size: 1000\n  competition: {dist: normal, mean: 1.2, sd: 0.3}"),
            path: "market.competition", line: 4, fragments: ["keeps only 25.2 %"]),
        Case(
            yaml: valid + "\ncosts: {training: {dist: uniform, min: -10, max: -1}}", path: "costs.training", line: 8,
            fragments: ["can only draw negative values"]),
        Case(
            yaml: valid.replacingOccurrences(
                of: "price_per_month: 10", with: "price_per_month: {dist: normal, mean: -5, sd: 1, max: -1}"),
            path: "strategies[0].price_per_month", line: 7, fragments: ["can only draw negative values"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: poisson, mean: 4.5e9}"),
            path: "market.size.mean", line: 3, fragments: ["32-bit"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: normal, mean: 0, sd: 1, min: 3.5}"),
            path: "market.size", line: 3, fragments: ["keeps only 0.0233 %", "4,299 tries", "at least 0.1 %"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: !!str 1000"), path: "market.size", line: 3,
            fragments: ["expected a number", "tagged !!str"]),
        Case(yaml: valid + "\nadoption: {per: week}", path: "adoption.per", line: 8, fragments: ["'month' or 'year'"]),
        Case(
            yaml: valid + "\nadoption: {model: fixed, per: year}", path: "adoption.per", line: 8,
            fragments: ["bass model only"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: .nan"), path: "market.size", line: 3,
            fragments: ["finite number"]),
        Case(
            yaml: valid + "\n    churn_monthly: {dist: beta, alpha: -1, beta: 60}",
            path: "strategies[0].churn_monthly.alpha", line: 8, fragments: ["a number > 0", "-1"]),
        Case(
            yaml: valid.replacingOccurrences(of: "kind: subscription", with: "kind: subscripton"),
            path: "strategies[0].kind", line: 6, fragments: ["unknown strategy kind", "did you mean 'subscription'?"]),
        Case(
            yaml: valid.replacingOccurrences(of: "    price_per_month: 10", with: ""),
            path: "strategies[0].price_per_month", line: 5, fragments: ["missing required key 'price_per_month'"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: gausian, mean: 1, sd: 1}"),
            path: "market.size.dist", line: 3, fragments: ["unknown distribution 'gausian'"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: normal, mean: 1, sd: 1, min: 100}"),
            path: "market.size", line: 3, fragments: ["keeps", "probability"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: uniform, min: 3, max: 3}"),
            path: "market.size", line: 3, fragments: ["min < max"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: lognormal, p5: 10, sigma: 1}"),
            path: "market.size", line: 3, fragments: ["either mu and sigma or p5 and p95"]),
        Case(
            yaml: valid.replacingOccurrences(
                of: "size: 1000", with: "size: {dist: discrete, values: [1, 2], weights: [1]}"),
            path: "market.size.weights", line: 3, fragments: ["one weight per value"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: -3"), path: "market.size", line: 3,
            fragments: ["≥ 0"]),
        Case(
            yaml: valid.replacingOccurrences(of: "size: 1000", with: "size: 1000\n  performance: 80"),
            path: "market.performance", line: 4, fragments: ["share from 0 to 1"]),
        Case(
            yaml: valid + "\nrisks: [{name: r, category: legal, annual_probability: {dist: uniform, min: 0, max: 1}}]",
            path: "risks[0].annual_probability", line: 8, fragments: ["plain number"]),
        Case(
            yaml: valid + "\nfinance: {discount_rate_annual: {dist: normal, mean: 0.1, sd: 0.5}}",
            path: "finance.discount_rate_annual", line: 8, fragments: ["−100 %"]),
        Case(yaml: valid + "\nmarket: {size: 5}", path: "", line: 2, fragments: ["duplicate key 'market'"]),
        Case(yaml: "name: [unclosed", path: "", line: 2, fragments: ["invalid YAML"]),
        Case(yaml: "- just\n- a list", path: "", line: 1, fragments: ["expected a mapping"]),
        Case(yaml: "", path: "", line: nil, fragments: ["empty"]),
        Case(yaml: valid + "\nstrategies: []", path: "", line: nil, fragments: ["duplicate key"]),
        Case(
            yaml: valid.replacingOccurrences(
                of: "strategies:\n  - name: a\n    kind: subscription\n    price_per_month: 10",
                with: "strategies: "
                    + "[]"),
            path: "strategies", line: 4, fragments: ["from 1 to 64 strategies"]),
        Case(
            yaml: valid + "\nadoption: {model: logistic}", path: "adoption.model", line: 8,
            fragments: ["'bass' or 'fixed'"]),
        Case(
            yaml: valid + "\nrisks: [{name: r, category: legal, annual_probability: 0.1, duration_months: 2}]",
            path: "risks[0].duration_months", line: 8, fragments: ["applies to 'revenue_loss'"])
    ]

    @Test(arguments: cases)
    func malformedScenarioIsReported(_ c: Case) throws {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: c.yaml, file: "bad.yaml") }
        let diagnostic = try #require(error?.diagnostics.first)
        let text = error!.description
        for fragment in c.fragments { #expect(text.contains(fragment), "\(text)") }
        #expect(text.hasPrefix("bad.yaml"))
        if !c.path.isEmpty { #expect(diagnostic.path == c.path, "\(text)") }
        if let line = c.line { #expect(diagnostic.line == line, "\(text)") }
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let yaml = Self.valid + "\ncosts: {trainning: 5, operations_monthly: x}\nfinance: {starting_cash: [1]}"
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: yaml, file: "bad.yaml") }
        #expect(error?.diagnostics.count == 3)
    }

    @Test func messageShowsTheSourceLineAndACaret() throws {
        let yaml = Self.valid.replacingOccurrences(of: "size: 1000", with: "size: {dist: beta, alpha: 2, beta: 0}")
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: yaml, file: "s.yaml") }
        let text = try #require(error?.description)
        #expect(text.contains("s.yaml:3:"))
        #expect(text.contains("    size: {dist: beta, alpha: 2, beta: 0}\n"))
        #expect(text.contains("^"))
    }

    @Test func defaultsAreFilledIn() throws {
        let s = try Fixtures.load(Self.valid)
        #expect(s.simulation == Scenario.Simulation(trials: 100_000, seed: 1, horizonMonths: 36))
        #expect(s.adoption.model == .bass)
        // docs/model.md#adoption-the-unit-of-p-and-q: the annual means 0.03 and 0.38 on a monthly step.
        #expect(s.adoption.per == .month)
        #expect(s.adoption.innovation == .constant(0.03 / 12) && s.adoption.imitation == .constant(0.38 / 12))
        #expect(s.adoption.innovation == .constant(0.0025))
        #expect(s.market.competition == .constant(0) && s.market.performance == .constant(1))
        #expect(s.strategies[0].churnMonthly == .constant(0))
        #expect(s.costs == Scenario.Costs() && s.finance == Scenario.Finance() && s.risks.isEmpty)
    }

    @Test func jsonIsAcceptedToo() throws {
        let json = #"""
            {"name": "j", "market": {"size": {"dist": "lognormal", "p5": 10, "p95": 100}},
             "strategies": [{"name": "a", "kind": "api", "price_per_unit": 1, "units_per_customer_month": 5}]}
            """#
        let s = try Fixtures.load(json)
        guard case .lognormal(let mu, let sigma, _) = s.market.size.law else { Issue.record("not lognormal"); return }
        #expect(abs(mu - (log(10.0) + log(100.0)) / 2) < 1e-15)
        #expect(abs(sigma - (log(100.0) - log(10.0)) / (2 * 1.6448536269514722)) < 1e-15)
    }

    @Test func sharesThatAreMostlyInsideAreAccepted() throws {
        // A normal around 5 % clamps some draws (a warning, measured in the run), but is not refused.
        let s = try Fixtures.load(
            Self.valid.replacingOccurrences(
                of: "size: 1000", with: "size: 1000\n  competition: {dist: normal, mean: 0.05, sd: 0.03}"))
        let expected = s.expectedClamping
        #expect(expected.count == 1 && expected[0].input == "market.competition")
        #expect(abs(expected[0].share - 0.0477903522728147) < 1e-9)  // Φ(−5/3)
        // A plain-number tag is still a number.
        _ = try Fixtures.load(Self.valid.replacingOccurrences(of: "size: 1000", with: "size: !!float 1000"))
    }

    @Test func yamlIndentationErrorQuotesThePreviousLine() throws {
        let text = "name: x\nmarket: {size: 100\n\nstrategies: []\n"
        do {
            _ = try ScenarioLoader.load(text: text, file: "i.yaml")
            Issue.record("accepted")
        } catch {
            let d = error.diagnostics[0]
            #expect(d.line == 4)
            #expect(d.snippet?.contains("market: {size: 100") == true)
            #expect(d.snippet?.contains("strategies: []") == true)
        }
    }

    @Test func quotesAreCappedAndProblemsStopAtAHundred() throws {
        let secret = String(repeating: "s", count: 5000)
        do {
            _ = try ScenarioLoader.load(text: "root:\(secret):19000:0:99999:7:::\n", file: "shadow")
            Issue.record("accepted")
        } catch {
            #expect(error.description.count < 600, "\(error.description.count)")
        }
        let many = (0..<5000).map { "k\($0): 1" }.joined(separator: "\n")
        do {
            _ = try ScenarioLoader.load(text: many, file: "many.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.count == 100)
            #expect(error.diagnostics.last?.message.contains("only the first 100") == true)
        }
    }

    @Test func seedKeepsAll64Bits() throws {
        let s = try Fixtures.load(Self.valid + "\nsimulation: {seed: 18446744073709551615}")
        #expect(s.simulation.seed == UInt64.max)
    }

    @Test func everyShippedScenarioIsValid() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.root.appendingPathComponent("scenarios").path
        )
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        #expect(files.count >= 6)
        for f in files { _ = try Fixtures.scenario(f) }
    }

    @Test func builtInDefaultMatchesTheShippedFile() throws {
        let text = try String(contentsOfFile: Fixtures.scenarioPath(DefaultScenario.fileName), encoding: .utf8)
        #expect(text == DefaultScenario.text)
    }
}

import Foundation
