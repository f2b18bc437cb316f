import Foundation
import Testing
import VentureSim

/// A batch under an address-space limit (`ulimit -v`, systemd `LimitAS=`): a scenario that would not fit is refused
/// by name before it runs, and the others finish (issue 27: once a trap ended the night).
@Suite struct MemoryLimitTests {
    @Test func aBatchUnderUlimitRefusesTheBigScenarioByName() throws {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("scenarios"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let demand = try String(
            contentsOf: CLIRunner.root.appendingPathComponent("scenarios/worked-check-demand.yaml"), encoding: .utf8)
        try demand.replacingOccurrences(of: "trials: 1000", with: "trials: 2000")
            .write(to: input.appendingPathComponent("a-small.yaml"), atomically: true, encoding: .utf8)
        // Eight million trials of the deterministic scenario: about 1.3 GiB of address space on two workers.
        try demand.replacingOccurrences(of: "trials: 1000", with: "trials: 8000000").replacingOccurrences(
            of: "name: worked-check-demand", with: "name: big-one"
        )
        .write(to: input.appendingPathComponent("b-big.yaml"), atomically: true, encoding: .utf8)
        try demand.replacingOccurrences(of: "trials: 1000", with: "trials: 3000")
            .write(to: input.appendingPathComponent("c-small.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(
            [
                "/bin/sh", "-c", "ulimit -v 1000000; exec \"$0\" \"$@\"", CLIRunner.binary.path, "batch", input.path,
                "--out", out.path, "--quiet", "--workers", "2"
            ], shell: true)
        let index = try JSONDecoder().decode(
            BatchIndex.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
        #expect(index.entries.map(\.status) == [.ok, .failed, .ok], "\(r.stderr)")
        #expect(
            index.entries[1].error?.contains("big-one: 8,000,000 trials") == true, "\(index.entries[1].error ?? "")")
        #expect(r.stderr.contains("scenario refused") && !r.stderr.contains("Fatal error"))
        #expect(r.status == 4)  // a first night: the refusal is a new failure
    }
}
