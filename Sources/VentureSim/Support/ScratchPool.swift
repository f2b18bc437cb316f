import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scratch columns for one summary's tasks, handed from task to task rather than mapped afresh for each.
///
/// A page mapped afresh costs a fault and the kernel's zeroing when first written, about as much as a task's own
/// pass over it: a million-trial summary with funding rounds asks for some fifteen columns' worth of scratch, one or
/// two at a time. The pool keeps the regions its tasks give back, and takes in the stored columns no task reads any
/// more (`donate`), whose pages are already there, instead of handing them back to the system at once
/// (`ColumnRelease.pages`). It holds no more than it was given: a region given back is kept only while what the pool
/// holds (lent and free) is within what was donated, and within `keep` free regions, else the system has it back
/// (one mapped afresh first), so the summary holds no more than the simulation left (docs/performance.md#memory).
/// A region holds whatever its last user left: every user writes what it reads.
final class ScratchPool: @unchecked Sendable {
    private struct Region {
        var base: UnsafeMutablePointer<Double>
        var capacity: Int
        /// Mapped by the pool (unmapped when released), else a donated column (its pages handed back).
        var mapped: Bool
    }

    private let lock = NSLock()
    private var free: [Region] = []
    private let keep: Int
    /// Doubles the pool holds (its free regions and those lent), and doubles donated so far.
    private var held = 0, donated = 0

    /// A pool that keeps at most `keep` free regions. The default is one task's worth (two columns and the values a
    /// percentile pass gathers), handed from a task that ends to the next.
    init(keep: Int = 3) { self.keep = max(1, keep) }

    /// How many free regions the pool keeps now.
    var freeCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return free.count
    }

    deinit { drain() }

    /// Hands every free region back to the system: a donated column's pages before its columns are freed.
    func drain() {
        lock.lock()
        let regions = free
        free = []
        held -= regions.reduce(0) { $0 + $1.capacity }
        lock.unlock()
        for region in regions { Self.release(region) }
    }

    /// Runs `body` with room for `count` doubles (their values unspecified), given back to the pool when it returns.
    func with<R>(count: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        guard let region = take(count) else { return try ScratchColumn.with(count: count, body) }
        defer { give(region) }
        return try body(UnsafeMutableBufferPointer(start: region.base, count: count))
    }

    /// A stored column that nothing reads any more: its room is scratch from now on.
    func donate(_ column: UnsafeMutableBufferPointer<Double>) {
        guard let base = column.baseAddress, column.count > 0 else { return }
        lock.lock()
        (held, donated) = (held + column.count, donated + column.count)
        lock.unlock()
        give(Region(base: base, capacity: column.count, mapped: false))
    }

    /// The smallest free region that holds `count` doubles, else one mapped afresh (nil when none can be mapped).
    private func take(_ count: Int) -> Region? {
        lock.lock()
        var best: Int?
        for (i, region) in free.enumerated() where region.capacity >= count {
            if best.map({ region.capacity < free[$0].capacity }) ?? true { best = i }
        }
        if let best {
            defer { lock.unlock() }
            return free.remove(at: best)
        }
        lock.unlock()
        let capacity = max(1, count)
        let bytes = capacity * MemoryLayout<Double>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED
        else { return nil }
        lock.lock()
        held += capacity
        lock.unlock()
        return Region(base: raw.bindMemory(to: Double.self, capacity: capacity), capacity: capacity, mapped: true)
    }

    /// Keeps `region` for a later task, then hands free regions back (mapped ones first, then the smallest) while
    /// more than `keep` are free or the pool holds more than was donated.
    private func give(_ region: Region) {
        lock.lock()
        free.append(region)
        var released: [Region] = []
        while free.count > keep || held > donated,
            let i = free.indices.min(by: {
                (free[$0].mapped ? 0 : 1, free[$0].capacity) < (free[$1].mapped ? 0 : 1, free[$1].capacity)
            })
        {
            held -= free[i].capacity
            released.append(free.remove(at: i))
        }
        lock.unlock()
        for region in released { Self.release(region) }
    }

    private static func release(_ region: Region) {
        let bytes = region.capacity * MemoryLayout<Double>.stride
        if region.mapped {
            munmap(UnsafeMutableRawPointer(region.base), bytes)
        } else {
            ColumnRelease.pages(UnsafeMutableRawPointer(region.base), bytes: bytes)
        }
    }
}
