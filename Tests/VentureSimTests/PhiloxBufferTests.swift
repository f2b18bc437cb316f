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

    /// A stream started from its first blocks made in a batch (`StreamBatch`, each lane its own key and purpose)
    /// hands out the plain stream's words, through the made blocks and the refills after them; the last stream of
    /// a batch of 1, 6 (one pass of sixteen lanes) and 20 (a second pass, lanes left over) alike.
    @Test(arguments: [(1, 8), (6, 2), (6, 3), (20, 1), (5, 3)])
    func madeBlocksContinueThePlainStream(streams: Int32, blocks: Int32) {
        for (seed, purpose, index) in [
            (UInt64(0), UInt32(0), UInt64(0)), (20_261_122, 2, 999_999), (UInt64.max, UInt32.max, UInt64.max)
        ] {
            #expect(vs_philox_check_made(seed, purpose, index, streams, blocks, 1001) == -1)
        }
    }
}
