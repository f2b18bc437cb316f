/// Why a run produced no summary.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `RunMonitor.cancel()` stopped it (a signal, a user).
    case cancelled
    /// An outcome overflowed to ±∞ or NaN: the scenario's numbers are too
    /// large for double precision (say, a market of 10³⁰⁰ customers).
    case nonFinite(strategy: String, outcome: String, trial: Int)

    public var description: String {
        switch self {
        case .cancelled: return "the run was stopped before it finished"
        case .nonFinite(let strategy, let outcome, let trial):
            return "trial \(trial) of strategy '\(strategy)' has a non-finite \(outcome) (the numbers overflow double precision); "
                + "look for absurdly large values in the scenario"
        }
    }
}
