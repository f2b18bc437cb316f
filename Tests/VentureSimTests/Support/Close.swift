/// Whether `a` is within `tol` of `b`, relative to |b| (absolute below 1); false when `a` is nil.
func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}
