/// A duration as an operator writes it: `90` or `90s`, `5m`, `1.5h`; in seconds.
public enum BatchDuration {
    /// Seconds, or nil unless a positive finite number with an optional unit s, m or h (at most a week).
    public static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let u = units[last] {
            number = text.dropLast()
            unit = u
        }
        guard let v = Double(number), v.isFinite, v > 0 else { return nil }
        let seconds = v * unit
        return seconds <= 7 * 86_400 ? seconds : nil
    }
}
