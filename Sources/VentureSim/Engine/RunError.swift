/// Why a run produced no summary.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `RunMonitor.cancel()` stopped it (a signal, a user).
    case cancelled
    /// An outcome overflowed to ±∞ or NaN: the scenario's numbers are too
    /// large for double precision (say, a market of 10³⁰⁰ customers).
    case nonFinite(strategy: String, outcome: String, trial: Int)
    /// A statistic overflowed although every trial was finite (say, a mean of values near 10³⁰⁷).
    case nonFiniteStatistic(figure: String)
    /// The trial columns could not be allocated.
    case outOfMemory(bytes: Double)

    public var description: String {
        switch self {
        case .cancelled: return "the run was stopped before it finished"
        case .nonFinite(let strategy, let outcome, let trial):
            return
                "trial \(trial) of strategy '\(strategy)' has a non-finite \(outcome) (the numbers overflow double "
                + "precision); "
                + "look for absurdly large values in the scenario"
        case .nonFiniteStatistic(let figure):
            return "the statistic \(figure) overflows double precision although every trial is finite; "
                + "look for absurdly large values in the scenario"
        case .outOfMemory(let bytes):
            return
                "cannot allocate \(NumberFormat.fixed(bytes / 1_073_741_824, 2)) GiB for the trial columns; lower the "
                + "trials"
        }
    }
}
