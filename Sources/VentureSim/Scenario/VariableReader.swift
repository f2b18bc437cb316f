import Yams

/// `{var: NAME}`: an input that reads a `variables:` entry (docs/model.md#shared-variables).
extension NodeReader {
    /// The inputs a variable can stand for: those drawn once per trial into a record slot. A risk's cost (drawn
    /// afresh at each firing), a funding round's terms and the exit draw on streams of their own and refuse it.
    static let variableInputs = Set(
        ["market.size"] + Scenario.Market.factorPaths + [
            "adoption.innovation", "adoption.imitation", "costs.data_acquisition", "costs.training",
            "costs.operations_monthly", "costs.cost_per_customer_monthly", "costs.acquisition_cost",
            "finance.starting_cash", "finance.discount_rate_annual"
        ])

    /// Whether the input at loader path `path` may read a variable: the shared inputs above, a strategy's inputs and
    /// its revenue lines' parameters.
    static func acceptsVariable(_ path: String) -> Bool {
        variableInputs.contains(path) || path.hasPrefix("strategies[")
    }

    /// The variable's law, marked as read from it (a constant variable: the constant itself); nil after reporting.
    func variableReference(_ node: Node, path: String) -> Distribution? {
        guard let f = fields(node, path: path, allowed: ["var"]), let nameNode = f["var"],
            let name = string(nameNode, path: f.path("var"))
        else { return nil }
        guard let known = variables else {
            report(
                "a variable cannot refer to another variable ('\(name)'); give it a law of its own", node: node,
                path: path)
            return nil
        }
        guard Self.acceptsVariable(path) else {
            report(
                "a variable cannot be used here: '\(path)' is drawn on a stream of its own (variables can stand for "
                    + "market, adoption, costs and finance inputs, a strategy's inputs and its revenue lines')",
                node: node, path: path)
            return nil
        }
        guard var d = known[name] else {
            let names = known.keys.sorted()
            var message = "unknown variable '\(name)'"
            if let hint = Self.nearest(name, in: names) { message += "; did you mean '\(hint)'?" }
            report(
                message + (names.isEmpty ? " (the scenario has no 'variables:')" : " (known: \(Self.list(names)))"),
                node: nameNode, path: f.path("var"))
            return nil
        }
        if d.constantValue == nil { d.variable = name }
        return d
    }
}
