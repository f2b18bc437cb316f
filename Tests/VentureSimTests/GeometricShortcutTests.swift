import Foundation
import Testing
@testable import VentureSim

/// The last draw of a risk's firings is mostly decided without a logarithm (`TrialKernel.noFiringBound`); the
/// decision must be the logarithm's for every uniform, at and around the bound.
@Suite struct GeometricShortcutTests {
    @Test func boundDecidesAsTheLogarithm() {
        var g = SplitMix(state: 12)
        var checked = 0
        for _ in 0..<400 {
            let p =
                [1e-9, 1e-4, 0.01, 0.2, 0.5, 0.9, 0.999_999][Int.random(in: 0..<7, using: &g)]
                * Double.random(in: 0.5...1, using: &g)
            let logStay = log1p(-p)
            let horizon = [1, 12, 36, 120, 1200][Int.random(in: 0..<5, using: &g)]
            let months = Int.random(in: 0...horizon, using: &g)
            let bound = TrialKernel.noFiringBound(months: months, logStay: logStay)
            // Uniforms of 32 bits, as the generator gives: the largest at or below the bound, its neighbours, and
            // random ones.
            let atBound = (bound * 4_294_967_296).rounded(.down)
            var us = [atBound - 1, atBound, atBound + 1, atBound + 2].map { $0 / 4_294_967_296 }
            us += (0..<20).map { _ in Double(UInt32.random(in: 1...UInt32.max, using: &g)) / 4_294_967_296 }
            for u in us where u > 0 && u < 1 {
                // The exact rule: the next firing is past the months left when the gap exceeds them.
                let none = TrialKernel.geometricGap(u, logStay, limit: horizon) > months
                if u <= bound { #expect(none, "p \(p), \(months) months left, u \(u), bound \(bound)") }
                checked += 1
            }
        }
        #expect(checked > 5000)
    }

    @Test func certainRiskHasNoBound() {
        #expect(TrialKernel.noFiringBound(months: 5, logStay: -.infinity) == 0)
        #expect(TrialKernel.noFiringBound(months: 0, logStay: log1p(-0.3)) == 1 - 1e-6)
    }
}
