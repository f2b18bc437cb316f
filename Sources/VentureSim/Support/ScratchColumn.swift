#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scratch memory for a column's worth of doubles, mapped from the kernel and handed back when released.
///
/// The summary needs a few such columns for a moment each (profit and roi computed from revenue and cost, a pair's
/// NPV difference, a bracket's gathered values). From malloc, the first one freed raises glibc's threshold for
/// mapping blocks to its size, and every later one then stays in the heap when freed: some 25 MB more at the peak of a
/// million-trial run. Pages are mapped on first touch, so room reserved but not written costs nothing.
enum ScratchColumn {
    /// Runs `body` with room for `count` doubles (not initialised), released when it returns.
    static func with<R>(count: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        let bytes = max(1, count) * MemoryLayout<Double>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED
        else {
            // No mapping to be had: the heap then, as any other allocation.
            let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, count))
            defer { x.deallocate() }
            return try body(UnsafeMutableBufferPointer(rebasing: x[0..<count]))
        }
        defer { munmap(raw, bytes) }
        return try body(
            UnsafeMutableBufferPointer(start: raw.bindMemory(to: Double.self, capacity: max(1, count)), count: count))
    }
}
