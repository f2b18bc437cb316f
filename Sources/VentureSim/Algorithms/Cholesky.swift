/// The lower Cholesky factor of a symmetric matrix (row-major, k × k); nil
/// when the matrix is not positive definite.
enum Cholesky {
    static func factor(_ a: [Double], k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i * k + j]
                for m in 0..<j { sum -= l[i * k + m] * l[j * k + m] }
                if i == j {
                    guard sum > 1e-12 else { return nil }
                    l[i * k + i] = sum.squareRoot()
                } else {
                    l[i * k + j] = sum / l[j * k + j]
                }
            }
        }
        return l
    }
}
