internal import CGSL
internal import CPhilox

/// A GSL generator whose stream is chosen by (seed, purpose, trial): the
/// numbers a trial sees depend on nothing else, so results are the same for
/// any worker count, block size or shard split (docs/model.md#randomness-and-reproducibility).
///
/// Philox4x32-10 (Random123) keys on the full 64-bit seed; the trial index
/// fills 64 bits of the counter, so no two trials or seeds share a stream.
final class RandomStream {
    /// What a stream is for; separate purposes keep, for example, the risk
    /// events of a trial unchanged when a strategy's parameters change.
    enum Purpose {
        case shared, risks, strategy(Int), correlation
        /// A strategy's revenue lines: their parameters, then their monthly draws.
        case lines(Int)
        /// Funding rounds and the exit: common to all strategies.
        case funding
        var code: UInt32 {
            switch self {
            case .shared: return 0
            case .risks: return 1
            case .strategy(let s): return 2 + UInt32(s)
            case .lines(let s): return 0x4000_0000 + UInt32(s)
            case .funding: return 0x3FFF_FFFF
            case .correlation: return UInt32.max  // the normals of correlated inputs' copula
            }
        }
    }

    let rng: UnsafeMutablePointer<gsl_rng>
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        rng = gsl_rng_alloc(vs_philox_type())
    }

    deinit { gsl_rng_free(rng) }

    /// Points the generator at the start of the stream for `purpose` in `trial`.
    @inline(__always)
    func select(_ purpose: Purpose, trial: Int) {
        vs_philox_stream(rng, seed, purpose.code, UInt64(trial))
    }

    /// The name recorded in results.
    static let generatorName = "philox4x32-10 (Random123), stream = (seed, purpose, trial)"
}
