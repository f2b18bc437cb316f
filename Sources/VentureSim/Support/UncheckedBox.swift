/// Carries values into `concurrentPerform` whose threads write disjoint slots.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
