/// The inputs a batch compares from night to night: the scenario's (`Scenario.inputs`) and its stress cases'
/// (`stress.NAME.set.PATH`, `stress.NAME.description`), so that an edit to a stress case is a changed input too.
public enum ComparedInputs {
    /// A summary's inputs with its stress cases'.
    public static func of(_ summary: Summary) -> [String: String] {
        merged(summary.inputs, summary.stressCases.map { ($0.name, $0.description, $0.set) })
    }

    /// `inputs` with each stress case's keys added.
    static func merged(
        _ inputs: [String: String], _ cases: [(name: String, description: String?, set: [String: String])]
    ) -> [String: String] {
        var all = inputs
        for c in cases {
            let prefix = "stress.\(c.name)."
            if let d = c.description { all[prefix + "description"] = d }
            for (path, value) in c.set { all[prefix + "set." + path] = value }
            // A case that overrides nothing is still a case: its presence is an input.
            if c.set.isEmpty && c.description == nil { all[prefix + "set"] = "{}" }
        }
        return all
    }
}
