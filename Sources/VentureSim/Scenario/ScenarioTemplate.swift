/// The scenario `venturesim new` writes: every key with its unit and an example written as a range, for the
/// strategy kinds asked for. It validates and runs as written (tested for every kind).
public enum ScenarioTemplate {
    /// A name the template can carry into a file name and a YAML value unquoted: letters, digits, `-`, `_`, `.`.
    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix(".") && !name.hasPrefix("-")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }

    /// The scenario text for `name` (a plain name) with one strategy of each kind in `kinds` (in that order).
    public static func text(name: String, kinds: [Strategy.Kind]) -> String {
        var out = """
            # \(name): a scenario to start from, written by `venturesim new`. Replace every example with
            # what the pitch says. A number can be written as said: `LOW to HIGH` is a 90 % interval
            # (a lognormal for amounts and counts, a beta for shares and rates, a normal for values that
            # may be negative; {low: L, high: H, confidence: 0.8} for another), {p10: A, p50: B, p90: C}
            # a three-point estimate (a metalog; add min/max for bounds), or a plain number.
            # Check it with `venturesim validate --explain \(name).yaml`, then `venturesim run \(name).yaml`.
            name: \(name)
            description: What the company sells, to whom, and the question this scenario answers.
            simulation:
              trials: 10_000                     # trials (a count); 100_000 for figures you will quote
              seed: 1                            # any whole number; the same seed gives the same figures
              horizon_months: 36                 # months simulated, 1 to 1,200
            market:
              size: 4_000 to 12_000              # buyers who could use the product (a count)
              performance: 0.7 to 0.95           # share (0 to 1): how well the product does the job
              demand: 0.5 to 0.9                 # share (0 to 1) of those buyers who want it
              competition: 0.1 to 0.4            # share (0 to 1) of the market competitors keep
              service: 0.8 to 0.98               # share (0 to 1): service quality
              marketing: 0.6 to 0.9              # share (0 to 1) of the market marketing reaches
            adoption:
              model: bass                        # bass (innovation and word of mouth) or fixed
              per: year                          # the period innovation and imitation are given for
              innovation: 0.01 to 0.05           # Bass p per year (meta-analysis mean 0.03)
              imitation: 0.2 to 0.6              # Bass q per year (meta-analysis mean 0.38)
            strategies:

            """
        for kind in kinds {
            out += "  - name: \(kind.rawValue)\n    kind: \(kind.rawValue)\n"
            if kind != .api {
                out += "    price_per_month: 50 to 150         # money per customer a month\n"
            }
            if kind != .subscription {
                out += """
                        price_per_unit: 0.02 to 0.08       # money per unit used (a call, a conversation)
                        units_per_customer_month: 500 to 5_000   # units a customer uses a month (a count)
                        unit_cost: 0.005 to 0.02           # money per unit: inference, hosting

                    """
            }
            out += "    churn_monthly: 0.02 to 0.05        # share (0 to 1) of customers lost each month\n"
        }
        out += """
            costs:
              data_acquisition: 100_000 to 400_000   # money, once, in month 1
              training: 200_000 to 800_000           # money, once, in month 1
              operations_monthly: 60_000 to 150_000  # money a month: salaries, rent, tools
              cost_per_customer_monthly: 2 to 8      # money per customer a month: support, hosting
              acquisition_cost: 200 to 1_500         # money per new customer: sales and marketing
            finance:
              starting_cash: 2_000_000 to 3_000_000  # money in the bank at the start
              discount_rate_annual: 0.15             # yearly rate for NPV (0.15 for 15 %; a range: 0.1 to 0.2)
            risks:
              - name: data-leak
                category: legal
                annual_probability: 0.05             # chance a year (0 to 1), a plain number
                cost: 50_000 to 500_000              # money per firing
                fine_of_annual_revenue: 0.02         # share of the last 12 months' revenue (0.02 for 2 %)

            """
        return out
    }
}

import Foundation
