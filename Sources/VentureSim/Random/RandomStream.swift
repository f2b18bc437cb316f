internal import CGSL
internal import CPhilox

/// A GSL generator whose stream is chosen by (seed, purpose, trial): the
/// numbers a trial sees depend on nothing else, so results are the same for
/// any worker count, block size or shard split (docs/model.md#randomness-and-reproducibility).
///
/// Philox4x32-10 (Random123) keys on the full 64-bit seed; the trial index
/// fills 64 bits of the counter, so no two trials or seeds share a stream.
/// A strategy's, its revenue lines' and a risk's streams are keyed by the name
/// (the seed xor a 64-bit hash of it, `nameKey`), not by the position in the
/// list: adding, removing or reordering strategies leaves every other
/// strategy's draws as they were, and each risk has its own stream, so a
/// shorter horizon keeps every draw of the months it keeps.
final class RandomStream {
    /// What a stream is for; separate purposes keep, for example, the risk
    /// events of a trial unchanged when a strategy's parameters change.
    enum Purpose {
        case shared
        /// A correlated input's standard normal, by `nameKey` of its path (docs/model.md#correlated-inputs).
        case copula(UInt64)
        /// A variable's draw, by `nameKey` of `variables.NAME` (docs/model.md#shared-variables).
        case variable(UInt64)
        /// A risk's firings and costs, by `nameKey` of its name.
        case risk(UInt64)
        /// A strategy's inputs, by `nameKey` of its name.
        case strategy(UInt64)
        /// A strategy's revenue lines (by `nameKey` of the strategy's name): their parameters, then their monthly
        /// draws.
        case lines(UInt64)
        /// Funding rounds and the exit: common to all strategies.
        case funding
        var code: UInt32 {
            switch self {
            case .shared: return 0
            case .risk: return 1
            case .strategy: return 2
            case .lines: return 3
            case .variable: return 4
            case .funding: return 0x3FFF_FFFF
            case .copula: return UInt32.max  // the normals of correlated inputs' copula
            }
        }
        /// What the seed is xored with for the Philox key: a name's key, 0 for the shared purposes. Streams of one
        /// purpose differ by key, and of different purposes by counter, so no two streams of a run coincide
        /// unless two names hash alike (2⁻⁶⁴; the loader refuses duplicate names).
        var key: UInt64 {
            switch self {
            case .risk(let k), .strategy(let k), .lines(let k), .copula(let k), .variable(let k): return k
            default: return 0
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
        vs_philox_stream(rng, seed ^ purpose.key, purpose.code, UInt64(trial))
    }

    /// A name's stream key: FNV-1a over its UTF-8 bytes, then SplitMix64's finaliser so that names differing in
    /// one byte give keys differing in about half their bits. Stable across runs, machines and Swift versions
    /// (Swift's `Hasher` is seeded per process, so it cannot be used).
    static func nameKey(_ name: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// The name recorded in results.
    static let generatorName = "philox4x32-10 (Random123), stream = (seed xor name key, purpose, trial)"
}
