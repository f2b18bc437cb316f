/// The scenario `venturesim run` uses when given none, so a new user sees a
/// report at once. Identical to `scenarios/ai-customer-service-saas.yaml`
/// (a test keeps the two the same).
public enum DefaultScenario {
    public static let fileName = "ai-customer-service-saas.yaml"

    public static let text = #"""
        # AI customer-service assistant sold to small businesses: the default scenario.
        #
        # Grounded in the source material's worked example (a GPT-based customer
        # service subscription at 100 per user per month, data 1,000,000, training
        # 2,000,000) and its cost anchors (about 2 M for GPU servers and tools, 1 M
        # for the team). The article's figures are illustrative and unsourced; the
        # distributions around them are ours. Change `market.size` to your own
        # addressable market first, then churn and acquisition cost, which move the
        # result most.
        name: ai-customer-service-saas
        description: >-
          GPT-based customer-service assistant for small businesses, sold as a
          monthly subscription or as a usage-priced API, over five years.
        simulation:
          trials: 100000
          seed: 42
          horizon_months: 60
        market:
          # Small businesses in reach through self-serve sign-up; 90 % between
          # 60,000 and 400,000 (ours: the source gives no market size).
          size: 60_000 to 400_000           # a range: a 90 % interval, lognormal for a count
          # P: share of tickets the assistant resolves correctly.
          performance: {dist: beta, alpha: 17, beta: 3}
          # D_customer 0.8 in the source example, with our uncertainty around it.
          demand: {dist: pert, min: 0.6, mode: 0.8, max: 0.9}
          # C 0.2 in the source example; crowded markets go higher.
          competition: {dist: triangular, min: 0.1, mode: 0.2, max: 0.5}
          service: {dist: uniform, min: 0.8, max: 0.95}
          marketing: {dist: normal, mean: 0.9, sd: 0.05, max: 1}   # kept ≤ 1: a share
        adoption:
          # Bass coefficients per year: the mean of 213 published fits is p 0.03,
          # q 0.38 (Sultan, Farley & Lehmann 1990, J. Marketing Research 27:70-77).
          # Small-business software spreads a little faster than the average
          # durable; the spread around the means is ours.
          model: bass
          per: year
          innovation: {dist: pert, min: 0.01, mode: 0.03, max: 0.08}
          imitation: {dist: pert, min: 0.25, mode: 0.45, max: 0.7}
        strategies:
          - name: subscription
            kind: subscription
            price_per_month: 100            # the source example's price per user
            churn_monthly: {dist: beta, alpha: 2, beta: 48}    # about 4 % a month
          - name: api
            kind: api
            price_per_unit: 0.05            # per resolved conversation
            units_per_customer_month: 500 to 5_000
            unit_cost: 0.02                 # model inference per conversation
            churn_monthly: {dist: beta, alpha: 2, beta: 65}    # about 3 % a month
        costs:
          data_acquisition: 1000000         # source example
          training: 2000000                 # source example (GPU servers and tools)
          operations_monthly: {dist: pert, min: 150000, mode: 200000, max: 300000}
          cost_per_customer_monthly: 8      # support and hosting per account
          acquisition_cost: 80 to 600       # acquisition per customer
        risks:
          - name: hallucination-incident
            category: technical
            annual_probability: 0.3
            cost: 20_000 to 300_000
            revenue_loss: 0.2
            duration_months: 2
          - name: data-leak
            category: legal
            annual_probability: 0.05
            cost: {dist: pert, min: 100000, mode: 400000, max: 2000000}
            fine_of_annual_revenue: 0.04    # GDPR-style fine of up to 4 % of turnover
          - name: big-tech-bundles-it
            category: market
            annual_probability: 0.15
            demand_shock: 0.6
        finance:
          starting_cash: 6000000            # a seed / early Series A round
          discount_rate_annual: 0.15
        # What an investor asks next: the founder's headline claim, and two shocks
        # simulated on the same trials as the base (see the report's Targets and
        # Stress cases). The claim and the shocks are ours, for illustration.
        targets:
          - name: arr-5m-by-year-3
            metric: annual_run_rate          # 12 × that month's revenue
            month: 36
            at_least: 5_000_000
        stress:
          - name: competition-doubles
            description: a big vendor enters; competition C twice the base's
            set:
              market.competition: {dist: triangular, min: 0.2, mode: 0.4, max: 1.0}
          - name: adoption-half-as-fast
            description: word of mouth spreads at half the pace (imitation q halved)
            set:
              adoption.imitation: {dist: pert, min: 0.125, mode: 0.225, max: 0.35}

        """#
}
