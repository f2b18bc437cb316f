import Foundation
import VentureSim
#if canImport(Glibc)
    import Glibc
#endif

/// How much memory a run may plan to use: 80 % of the least of the machine's
/// memory, the cgroup's limit (a container, a systemd unit) and what
/// `ulimit -v` leaves of the address space.
enum MemoryBudget {
    static var bytes: Double { 0.8 * available }

    static var available: Double {
        var limits = [Double(ProcessInfo.processInfo.physicalMemory)]
        if let cgroup = cgroupLimit { limits.append(cgroup) }
        if let left = addressSpaceLeft { limits.append(left) }
        return limits.min()!
    }

    /// cgroup v2 `memory.max`, or v1 `memory.limit_in_bytes`, of this process's group.
    static var cgroupLimit: Double? {
        var candidates: [String] = []
        if let groups = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) {
            for line in groups.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3 else { continue }
                let path = String(parts[2])
                if parts[1].isEmpty { candidates.append("/sys/fs/cgroup\(path)/memory.max") }
                if parts[1].split(separator: ",").contains("memory") {
                    candidates.append("/sys/fs/cgroup/memory\(path)/memory.limit_in_bytes")
                }
            }
        }
        candidates += ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
        for file in candidates {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if value == "max" { return nil }
            // v1 reports "no limit" as a huge number near 2⁶³.
            if let n = Double(value), n < 1e18 { return n }
            return nil
        }
        return nil
    }

    /// Why `scenario` cannot run here, memory or address space, by its name; nil when it fits. What `run` and `batch`
    /// check before a run: every allocation the run makes counted, the address space `ulimit -v` leaves included.
    static func refusal(_ scenario: Scenario, workers: Int, share: Int = 1) -> String? {
        ResourceEstimate.refusal(scenario, workers: workers, budget: bytes / Double(max(1, share)))
            ?? ResourceEstimate.addressSpaceRefusal(
                scenario, workers: workers, left: addressSpaceLeft.map { $0 / Double(max(1, share)) })
    }

    /// RLIMIT_AS minus the address space already in use; nil when unlimited.
    static var addressSpaceLeft: Double? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        var used = 0.0
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = statm.split(separator: " ").first.flatMap({ Double($0) })
        {
            used = pages * Double(sysconf(Int32(_SC_PAGESIZE)))
        }
        return max(0, Double(limit.rlim_cur) - used)
    }
}
