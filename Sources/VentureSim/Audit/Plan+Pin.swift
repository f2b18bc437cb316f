internal import CGSL

/// An audit's plan: one drawn input held at a value in every trial, every other input drawn as in the scenario, on the
/// same streams (common random numbers). The held input goes through the copula (docs/model.md, "The break-even
/// value"): its law becomes the constant, and when it is correlated its partners' normals are drawn from their law
/// conditional on its own normal score.
extension Plan {
    /// This plan with the input in record slot `slot` held at `value`, whose percentile in the input's own
    /// distribution is `percentile` (its normal score conditions the partners of a correlated input).
    func pinning(slot: Int, value: Double, percentile: Double) -> Plan {
        var plan = self
        let k = correlatedSlots.count
        if let i = correlatedSlots.firstIndex(of: slot) {
            // Beyond the input's own range the partners are conditioned on its extreme (P0.01 or P99.99), not ±∞.
            let z = gsl_cdf_ugaussian_Pinv(min(max(percentile, 1e-4), 1 - 1e-4))
            let sigma = Correlation.matrix(scenario.correlations).matrix
            (plan.cholesky, plan.copulaShift) = Self.conditional(sigma, k: k, on: i, z: z)
            plan.correlatedLaws[i] = .constant(value)
        } else {
            // Appended last, with a zero row: the other correlated inputs keep their normals (each input's normal
            // has a stream of its own), and the held input's law is the constant whatever its uniform.
            var factor = [Double](repeating: 0, count: (k + 1) * (k + 1))
            for r in 0..<k { for c in 0..<k { factor[r * (k + 1) + c] = cholesky[r * k + c] } }
            plan.cholesky = factor
            plan.copulaShift = copulaShift + [Double](repeating: 0, count: k + 1 - copulaShift.count)
            plan.correlatedSlots.append(slot)
            plan.correlatedLaws.append(.constant(value))
        }
        return plan
    }

    /// The copula of k normals with correlation `sigma` (row-major) given normal i = z: the shift (the conditional
    /// means Σ_ji z, and z itself at i) and the lower factor, in the original order, of the conditional covariance
    /// Σ_{−i,−i} − Σ_{−i,i} Σ_{i,−i} (row and column i zero). For two inputs this is z_j = ρ z + √(1 − ρ²) e_j.
    static func conditional(_ sigma: [Double], k: Int, on i: Int, z: Double) -> (factor: [Double], shift: [Double]) {
        let rest = (0..<k).filter { $0 != i }
        let m = rest.count
        var cov = [Double](repeating: 0, count: m * m)
        for (a, ra) in rest.enumerated() {
            for (b, rb) in rest.enumerated() {
                cov[a * m + b] = sigma[ra * k + rb] - sigma[ra * k + i] * sigma[rb * k + i]
            }
        }
        // A positive definite Σ (validation checks it) has a positive definite conditional covariance.
        let lower = Cholesky.factor(cov, k: m) ?? [Double](repeating: 0, count: m * m)
        var factor = [Double](repeating: 0, count: k * k)
        // `rest` keeps the original order, so the embedded factor stays lower triangular there (the kernel reads j ≤
        // i).
        for (a, ra) in rest.enumerated() {
            for (b, rb) in rest.enumerated() where b <= a { factor[ra * k + rb] = lower[a * m + b] }
        }
        let shift = (0..<k).map { $0 == i ? z : sigma[$0 * k + i] * z }
        return (factor, shift)
    }
}
