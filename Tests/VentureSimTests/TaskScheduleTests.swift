import Synchronization
import Testing
@testable import VentureSim

/// The summary's scheduler: every task once, each after its prerequisites, results in list order.
@Suite struct TaskScheduleTests {
    @Test(arguments: [1, 2, 4, 8])
    func everyTaskRunsOnceAfterItsPrerequisites(workers: Int) {
        var g = SplitMix(state: UInt64(workers) + 7)
        let count = 300
        // Random prerequisites among the tasks before, some tasks with many, most with few or none.
        let prerequisites: [[Int]] = (0..<count).map { i in
            i == 0 ? [] : (0..<Int.random(in: 0...3, using: &g)).map { _ in Int.random(in: 0..<i, using: &g) }
        }
        let work = (0..<count).map { _ in Int.random(in: 0..<20_000, using: &g) }
        let clock = Atomic<Int>(0)
        let stamps = Mutex([(start: Int, end: Int)](repeating: (-1, -1), count: count))
        let results = TaskSchedule.run(count, prerequisites: prerequisites, workers: workers) { i, done -> Int in
            let start = clock.add(1, ordering: .sequentiallyConsistent).oldValue
            // Uneven work, so threads overtake each other.
            var x = UInt64(i)
            for _ in 0..<work[i] { x = x &* 6364136223846793005 &+ 1442695040888963407 }
            // A task sees each prerequisite's result: its own index plus theirs.
            let value = i + prerequisites[i].reduce(0) { $0 + done($1) } + Int(x & 0)
            let end = clock.add(1, ordering: .sequentiallyConsistent).oldValue
            stamps.withLock { $0[i] = (start, end) }
            return value
        }
        var expected = [Int]()
        for i in 0..<count { expected.append(i + prerequisites[i].reduce(0) { $0 + expected[$1] }) }
        #expect(results == expected)
        let s = stamps.withLock { $0 }
        #expect(s.allSatisfy { $0.start >= 0 && $0.end > $0.start })
        for i in 0..<count {
            for j in prerequisites[i] {
                #expect(s[j].end < s[i].start, "task \(i) started before its prerequisite \(j) ended")
            }
        }
    }

    @Test func noTasksNoResults() {
        #expect(TaskSchedule.run(0, prerequisites: [], workers: 2) { i, _ in i }.isEmpty)
    }
}
