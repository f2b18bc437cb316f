extension Plan {
    /// The opt-in model features a plan may use, each decided here, from the plan alone. They pick the kernel's pass
    /// (a plan with none runs the lean or investor pass) and whether the lanes may run it (`LaneContract.features`).
    /// A new opt-in feature is a case here; `LaneIdentityTests` requires a scenario that uses each case.
    enum Feature: CaseIterable, Hashable, Sendable {
        /// Some risk delays the launch.
        case launchDelay
        /// Some risk is insured (premiums, deductibles, cover).
        case insurance
        /// Customers arrive from a month after the first.
        case laterLaunch
        /// Prices or running costs drift month by month.
        case drift
        /// Some strategy has revenue lines beyond its kind's prices.
        case revenueLines
        /// The scenario has funding rounds (and so a death month, a cap table and an exit).
        case fundingRounds
        /// Some risk raises a unit or running cost from its firing month on (per-trial cost factors).
        case costShocks
        /// Demand answers to price: each strategy keeps the share of the market that would pay it
        /// (`market.willingness_to_pay`).
        case willingnessToPay
    }

    /// The features this plan uses.
    var features: Set<Feature> {
        var used = Set<Feature>()
        if anyDelay { used.insert(.launchDelay) }
        if anyInsurance { used.insert(.insurance) }
        if launchMonth != 1 { used.insert(.laterLaunch) }
        if priceFactor != nil || costFactor != nil { used.insert(.drift) }
        if lineColumns > 0 { used.insert(.revenueLines) }
        if !rounds.isEmpty { used.insert(.fundingRounds) }
        if anyCostShock { used.insert(.costShocks) }
        if priceShare != nil { used.insert(.willingnessToPay) }
        return used
    }
}
