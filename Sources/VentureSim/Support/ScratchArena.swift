/// A worker's scratch memory as one allocation: carved into typed regions once, freed in one place.
///
/// A user declares its regions in one function that takes a `Carver` and returns its pointers; `make` runs it twice,
/// once to measure and once on the allocation, so a region is declared in one line and never freed by hand.
/// Regions are filled after carving (`initialize`), which also remembers the regions holding references so
/// they are released when the arena is.
final class ScratchArena {
    /// Hands out aligned regions, in order, of an allocation (or, while measuring, of none).
    struct Carver {
        fileprivate let base: UnsafeMutableRawPointer?
        fileprivate(set) var bytes = 0

        /// A region of `count` values of `T` (at least one, so an empty region is still a valid pointer).
        /// While measuring, the pointer is a placeholder that must not be used; the carving function only stores it.
        mutating func take<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let align = MemoryLayout<T>.alignment
            bytes = (bytes + align - 1) / align * align
            let offset = bytes
            bytes += MemoryLayout<T>.stride * max(1, count)
            guard let base else { return UnsafeMutablePointer(bitPattern: align)! }
            return (base + offset).bindMemory(to: T.self, capacity: max(1, count))
        }

        /// The same as a buffer of exactly `count` values.
        mutating func buffer<T>(_: T.Type, _ count: Int) -> UnsafeMutableBufferPointer<T> {
            UnsafeMutableBufferPointer(start: take(T.self, count), count: count)
        }
    }

    private let base: UnsafeMutableRawPointer
    /// Regions holding values that need deinitializing (references), released with the arena.
    private var owned: [() -> Void] = []

    private init(bytes: Int) {
        base = .allocate(byteCount: max(16, bytes), alignment: 64)
    }

    /// The arena and the regions `carve` declares on it.
    static func make<Regions>(_ carve: (inout Carver) -> Regions) -> (ScratchArena, Regions) {
        var measure = Carver(base: nil)
        _ = carve(&measure)
        let arena = ScratchArena(bytes: measure.bytes)
        var carver = Carver(base: arena.base)
        let regions = carve(&carver)
        precondition(carver.bytes == measure.bytes, "a carving function declares the same regions each time")
        return (arena, regions)
    }

    /// Fills region `p` with `values`; a region of references is released with the arena.
    func initialize<T>(_ p: UnsafeMutablePointer<T>, from values: [T]) {
        p.initialize(from: values, count: values.count)
        if !_isPOD(T.self) { owned.append { p.deinitialize(count: values.count) } }
    }

    /// The same for a buffer region.
    func initialize<T>(_ b: UnsafeMutableBufferPointer<T>, from values: [T]) {
        guard let p = b.baseAddress else { return }
        initialize(p, from: values)
    }

    deinit {
        for release in owned { release() }
        base.deallocate()
    }
}
