/// VentureSim's version, recorded in every report and result.
public enum VentureSimVersion {
    public static let current = "0.1.0"
}
