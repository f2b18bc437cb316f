import Foundation
import Testing
import VentureSim

/// Output names within 255 bytes (issue 19): a derived name is capped at a
/// character boundary, a given one that is too long is refused before the run.
@Suite struct LongNameTests {
    /// 200 four-byte letters (MATHEMATICAL BOLD CAPITAL A): 800 bytes.
    static let longName = String(repeating: "\u{1D400}", count: 200)

    static func scenario(name: String) -> String {
        """
        name: "\(name)"
        simulation: {trials: 300, seed: 2, horizon_months: 12}
        market: {size: 1000}
        strategies: [{name: a, kind: subscription, price_per_month: 10}]
        """
    }

    @Test func theDefaultReportNameIsCappedInBytes() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario(name: Self.longName).write(
            to: dir.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "l.yaml", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let files = CLIRunner.files(in: dir).filter { $0.hasPrefix("reports/") }.map {
            String($0.dropFirst("reports/".count))
        }
        #expect(files.count >= 4 && files.contains { $0.hasSuffix("-exceedance.svg") }, "\(files)")
        for f in files {
            #expect(f.utf8.count <= 255, "\(f.utf8.count) bytes")
            // Cut at a character boundary: whole letters, then the hash of the whole name.
            #expect(
                f.hasPrefix("\u{1D400}") && f.unicodeScalars.allSatisfy { $0.value < 0xD800 || $0 == "\u{1D400}" },
                "\(f)")
        }
        let md = try #require(files.first { $0.hasSuffix(".md") })
        #expect(md.utf8.count + "-exceedance.svg".utf8.count - ".md".utf8.count <= 255)
        #expect(r.stdout.contains("report: reports/\(md)"))
    }

    /// Refused before the run: the output folder, made only when files are written, is never created.
    @Test(arguments: [
        ["--report", "out/NAME.md"], ["--report", "r.md", "--json", "out/NAME.json"],
        ["--report", "r.md", "--samples", "out/NAME.csv"],
        ["--report", "out/" + String(repeating: "b", count: 245) + ".md"]
    ])
    func aGivenNameTooLongIsRefusedBeforeTheRun(_ options: [String]) throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario(name: "short").write(
            to: dir.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let long = String(repeating: "\u{1D400}", count: 70)
        let r = try CLIRunner.run(
            ["run", "l.yaml", "--quiet", "--trials", "2000000"]
                + options.map { $0.replacingOccurrences(of: "NAME", with: long) }, in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bytes long; file names are limited to 255 bytes"), "\(r.stderr)")
        if options.last?.hasSuffix("b.md") == true {
            #expect(
                r.stderr.contains("-exceedance.svg: its file name is 260 bytes") && r.stderr.contains("--no-charts"),
                "\(r.stderr)")
        }
        #expect(CLIRunner.files(in: dir) == ["l.yaml"], "\(CLIRunner.files(in: dir))")
    }

    @Test func aShardPartialNameTooLongIsRefused() throws {
        let dir = try CLIRunner.temporaryFolder()
        try Self.scenario(name: "short").write(
            to: dir.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(
            ["run", "l.yaml", "--quiet", "--shard", "0/2", "--partial", "out/" + String(repeating: "p", count: 300)],
            in: dir)
        #expect(r.status == 1 && r.stderr.contains("limited to 255 bytes"), "\(r.stderr)")
        #expect(CLIRunner.files(in: dir) == ["l.yaml"])
    }

    /// A batch names outputs after the scenario file: a long file name is capped the same way.
    @Test func aBatchStemIsCapped() throws {
        let folder = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        let file = String(repeating: "\u{1D400}", count: 61) + ".yaml"  // 249 bytes: a legal file name
        try Self.scenario(name: "batch").write(
            to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["batch", folder.path, "--out", out.path, "--trials", "300", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let written = CLIRunner.files(in: out).filter { $0.hasPrefix("\u{1D400}") }
        #expect(
            written.contains { $0.hasSuffix(".md") } && written.contains { $0.hasSuffix("-exceedance.svg") },
            "\(written)")
        #expect(written.allSatisfy { $0.utf8.count <= 255 })
    }
}
