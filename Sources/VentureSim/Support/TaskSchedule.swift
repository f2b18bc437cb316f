import Dispatch
import Foundation

/// Runs a list of tasks on parallel threads, each once the tasks it depends on are done.
///
/// The summary's work is one such list: a task that reorders a column waits only for the tasks that read it in trial
/// order, so no thread waits for a whole phase to end. A free thread takes the first task in list order whose
/// prerequisites are done (the list order is the priority: long tasks first, short ones last to fill the gaps). What
/// a task computes does not depend on which thread ran it or when.
enum TaskSchedule {
    /// The results of `count` tasks, `body(i, done)` computing task `i`; `done(j)` is the result of a prerequisite
    /// `j` of `i` (finished before `i` starts). `prerequisites[i]` lists indices below `i`.
    /// `choose`, for tests: which of the ready tasks (their indices, ascending) to take, instead of the first; any
    /// choice is an order the prerequisites allow, so the results must not depend on it.
    static func run<R>(
        _ count: Int, prerequisites: [[Int]], workers: Int, choose: (([Int]) -> Int)? = nil,
        _ body: (_ index: Int, _ done: (Int) -> R) -> R
    ) -> [R] {
        precondition(
            prerequisites.count == count && prerequisites.enumerated().allSatisfy { i, p in p.allSatisfy { $0 < i } },
            "a task may only depend on tasks before it")
        guard count > 0 else { return [] }
        let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
        out.initialize(repeating: nil)
        defer { out.deinitialize().deallocate() }
        let state = State(prerequisites: prerequisites, choose: choose)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox((out, body))
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
                let (out, body) = box.value
                while let i = state.take() {
                    // The prerequisites' results were written before they were marked done, under the same lock.
                    out[i] = body(i) { j in out[j]! }
                    state.finish(i)
                }
            }
        }
        return out.map { $0! }
    }

    /// Which tasks are taken and how many prerequisites each still waits for.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting: [Int]
        private var dependents: [[Int]]
        private var taken: [Bool]
        private var untaken: Int
        /// The first index that may be untaken (every task before it is taken).
        private var first = 0
        private let choose: (([Int]) -> Int)?

        init(prerequisites: [[Int]], choose: (([Int]) -> Int)?) {
            self.choose = choose
            waiting = prerequisites.map { Set($0).count }
            dependents = Array(repeating: [], count: prerequisites.count)
            for (i, p) in prerequisites.enumerated() { for j in Set(p) { dependents[j].append(i) } }
            taken = Array(repeating: false, count: prerequisites.count)
            untaken = prerequisites.count
        }

        /// The first untaken task that is ready (or the one `choose` picks), waiting while tasks remain but none is
        /// ready; nil when all are taken.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while untaken > 0 {
                while first < taken.count && taken[first] { first += 1 }
                let ready = { (i: Int) in !self.taken[i] && self.waiting[i] == 0 }
                let next: Int?
                if let choose {
                    let all = (first..<taken.count).filter(ready)
                    next = all.isEmpty ? nil : choose(all)
                } else {
                    next = (first..<taken.count).first(where: ready)
                }
                if let i = next {
                    taken[i] = true
                    untaken -= 1
                    return i
                }
                condition.wait()
            }
            return nil
        }

        func finish(_ i: Int) {
            condition.lock()
            for d in dependents[i] { waiting[d] -= 1 }
            condition.broadcast()
            condition.unlock()
        }
    }
}
