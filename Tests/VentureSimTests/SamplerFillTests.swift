import Testing

@testable import VentureSim

/// `Sampler.fill` (a revenue line's months drawn in one pass, in the lanes) gives the draws `draw` gives one after
/// another, bit for bit, for the family it takes a short way for (an untruncated lognormal) and every other.
@Suite struct SamplerFillTests {
    static let laws: [(String, Distribution)] = [
        ("lognormal", Distribution(.lognormal(mu: 0.5, sigma: 0.8, percentiles: nil))),
        ("scaled lognormal", Distribution(.lognormal(mu: 0.5, sigma: 0.8, percentiles: nil)).scaled(by: 1.7)),
        ("truncated lognormal", Distribution(.lognormal(mu: 0.5, sigma: 0.8, percentiles: nil), lower: 1, upper: 3)),
        ("normal", Distribution(.normal(mean: 1, sd: 2), lower: -1)),
        ("uniform", Distribution(.uniform(min: 2, max: 5))),
        ("gamma", Distribution(.gamma(shape: 2, scale: 3))),
        ("constant", .constant(4))
    ]

    @Test(arguments: laws.indices)
    func fillGivesTheDrawsInOrder(_ index: Int) {
        let (name, law) = Self.laws[index]
        let tables = SamplerTables()
        let sampler = Sampler(law, tables: tables)
        let (count, stride) = (61, 8)
        let stream = RandomStream(seed: 99)
        stream.select(.shared, trial: 3)
        let drawn = (0..<count).map { _ in sampler.draw(stream.rng) }
        stream.select(.shared, trial: 3)
        let filled = UnsafeMutablePointer<Double>.allocate(capacity: count * stride)
        defer { filled.deallocate() }
        filled.initialize(repeating: -1, count: count * stride)
        sampler.fill(stream.rng, count: count, into: filled, stride: stride)
        withExtendedLifetime(tables) {
            #expect((0..<count).map { filled[$0 * stride] }.map(\.bitPattern) == drawn.map(\.bitPattern), "\(name)")
            // Only every `stride`-th place is written.
            #expect((0..<count * stride).allSatisfy { $0 % stride == 0 || filled[$0] == -1 }, "\(name)")
        }
        // The stream goes on where `draw` left it.
        let next = sampler.draw(stream.rng)
        stream.select(.shared, trial: 3)
        for _ in 0..<count { _ = sampler.draw(stream.rng) }
        #expect(next.bitPattern == sampler.draw(stream.rng).bitPattern, "\(name)")
    }
}
