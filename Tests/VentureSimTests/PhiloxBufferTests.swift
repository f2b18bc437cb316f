import CPhilox
import Testing

/// The buffered generator (four Philox blocks at a time in vector lanes) hands out exactly Random123's
/// scalar philox4x32 words, in the adapter's order, across refills and counter words.
@Suite struct PhiloxBufferTests {
    @Test(arguments: [
        (UInt64(0), UInt32(0), UInt64(0)),
        (20_261_122, 0, 1),
        (20_261_122, 3, 999_999),
        (UInt64.max, UInt32.max, UInt64.max),
        (0x1234_5678_9ABC_DEF0, 0x4000_0001, 1 << 40)
    ])
    func bufferedWordsEqualRandom123(seed: UInt64, purpose: UInt32, index: UInt64) {
        // 1,001 words: many refills of 16, and a partial block at the end.
        #expect(vs_philox_check_blocks(seed, purpose, index, 1001) == -1)
    }
}
