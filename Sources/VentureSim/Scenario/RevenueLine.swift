/// A way a strategy earns from its customers besides (or instead of) its
/// kind's own prices (`strategies[i].revenue`): the source's other business models.
///
/// Every line earns from the strategy's customers A_t and new customers n_t.
/// Its parameters are drawn once per trial from the strategy's own line
/// stream, in the order of `Kind.parameters`; advertising's revenue per
/// customer and consulting's projects are drawn again every month.
public struct RevenueLine: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case oneTime = "one_time", valueAdded = "value_added", advertising, consulting, commission, freemium

        /// Whether its month can earn revenue, and whether it can cost (`TrialKernel.lineMonth`).
        public var earns: Bool { self != .freemium }
        public var costs: Bool {
            switch self {
            case .consulting, .freemium: true
            case .oneTime, .valueAdded, .advertising, .commission: false
            }
        }

        /// Its parameters: key, default (nil: required), and whether the value is a share of 0 … 1.
        public var parameters: [(key: String, default: Double?, share: Bool)] {
            switch self {
            case .oneTime: return [("price", nil, false), ("maintenance_monthly_share", 0, true)]
            case .valueAdded: return [("attach_rate", nil, true), ("price_per_month", nil, false)]
            case .advertising: return [("revenue_per_customer_month", nil, false)]
            case .consulting:
                return [
                    ("projects_per_month", nil, false), ("fee", nil, false), ("delivery_cost_share", 0, true),
                    ("capacity_per_month", .infinity, false)
                ]
            case .commission: return [("take_rate", nil, true), ("volume_per_customer_month", nil, false)]
            case .freemium: return [("free_per_paying", nil, false), ("serving_cost_per_free_month", nil, false)]
            }
        }
    }

    public var kind: Kind
    /// The line's name in reports: `name` if given, else the kind's word.
    public var name: String
    /// Each of `kind.parameters`, in that order.
    public var values: [Distribution]

    public init(kind: Kind, name: String? = nil, values: [Distribution]) {
        self.kind = kind
        self.name = name ?? kind.rawValue
        self.values = values
    }
}
