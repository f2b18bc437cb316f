import Foundation
import Testing
import VentureSim

/// What the commands print quotes file names and scenario text: a control
/// character or bidirectional control there is shown escaped, never acted on (issue 19).
@Suite struct TerminalTextTests {
    static func rawUnsafe(_ printed: String) -> Bool {
        printed.unicodeScalars.contains { $0 != "\n" && TextRules.refusal($0, as: .name) != nil }
    }

    @Test func aFileNameWithAnEscapeSequenceIsPrintedEscaped() throws {
        let dir = try CLIRunner.temporaryFolder()
        let name = "evil\u{1B}[2J\u{202E}lmy.yaml"
        try "name: x\nmarket: {size: lots}\nstrategies: [{name: a, kind: subscription, price_per_month: 1}]\n"
            .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        for command in [["validate", name], ["run", name, "--quiet"]] {
            let r = try CLIRunner.run(command, in: dir)
            #expect(r.status == 1)
            #expect(r.stderr.contains("evil\\u{1B}[2J\\u{202E}lmy.yaml:2:"), "\(TextRules.escaped(r.stderr))")
            #expect(!Self.rawUnsafe(r.stderr) && !Self.rawUnsafe(r.stdout), "\(TextRules.escaped(r.stderr))")
        }
        try "name: x\nmarket: {size: 100}\nstrategies: [{name: a, kind: subscription, price_per_month: 1}]\n"
            .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let ok = try CLIRunner.run(["validate", name], in: dir)
        #expect(
            ok.status == 0 && ok.stdout.contains("evil\\u{1B}[2J\\u{202E}lmy.yaml: ok"),
            "\(TextRules.escaped(ok.stdout))")
        let run = try CLIRunner.run(["run", name, "--quiet", "--trials", "200", "--report", "r\u{1B}[1m.md"], in: dir)
        #expect(
            run.status == 0 && run.stdout.contains("report: r\\u{1B}[1m.md") && !Self.rawUnsafe(run.stdout),
            "\(TextRules.escaped(run.stdout))")
    }

    @Test func aLineBreakInAFileNameStaysOnOneLine() throws {
        let dir = try CLIRunner.temporaryFolder()
        let name = "two\nlines.yaml"
        try "name: x\nmarket: {size: 100}\nstrategies: [{name: a, kind: subscription, price_per_month: 1}]\n"
            .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let ok = try CLIRunner.run(["validate", name], in: dir)
        #expect(ok.status == 0 && ok.stdout.hasPrefix("two\\nlines.yaml: ok"), "\(ok.stdout)")
        let run = try CLIRunner.run(["run", name, "--quiet", "--trials", "200", "--report", "r\nq.md"], in: dir)
        #expect(run.status == 0 && run.stdout.contains("report: r\\nq.md"), "\(run.stdout)")
    }

    @Test func aNameWithAnEscapeSequenceIsRefusedAndPrintedEscaped() throws {
        let dir = try CLIRunner.temporaryFolder()
        try
            ("name: \"x\\e]0;owned\\a\"\nmarket: {size: 100}\nstrategies: [{name: a, kind: subscription, "
            + "price_per_month: 1}]\n")
            .write(to: dir.appendingPathComponent("n.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["run", "n.yaml", "--quiet"], in: dir)
        #expect(
            r.status == 1 && r.stderr.contains("n.yaml:1:7: error: name:") && r.stderr.contains("U+001B"), "\(r.stderr)"
        )
        #expect(!Self.rawUnsafe(r.stderr))
        let set = try CLIRunner.run(["run", "--set", "strategies[0].name=\"a\\u202Eb\"", "--quiet"], in: dir)
        #expect(
            set.status == 1 && set.stderr.contains("--set") && set.stderr.contains("bidirectional"), "\(set.stderr)")
        #expect(!Self.rawUnsafe(set.stderr))
    }
}
