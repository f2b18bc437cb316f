import Foundation
import Testing
import VentureSim

/// The HTML report in a real browser: headless Chromium (Debian's `chromium`,
/// installed by scripts/setup) renders the default scenario's page to PNG and
/// PDF and dumps its DOM. Skipped, with the reason printed, only when no
/// browser is installed.
@Suite struct BrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let skipReason: Comment =
        "no headless Chromium at /usr/bin/chromium: run scripts/setup (it installs Debian's chromium)"

    /// Runs a program to the end; its standard output, and its exit status.
    static func run(_ program: String, _ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// Headless Chromium that reaches nothing: no background or component-update traffic, every host name unresolvable.
    static func browser(_ arguments: [String]) throws -> (Int32, String) {
        try run(
            chromium!,
            [
                "--headless", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND"
            ] + (getuid() == 0 ? ["--no-sandbox"] : [])
                + ["--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-pdf-header-footer"]
                + arguments)
    }

    @Test(.enabled(if: chromium != nil, skipReason))
    func theDefaultReportRendersInChromium() throws {
        let dir = try CLIRunner.temporaryFolder()
        let r = try CLIRunner.run(
            ["run", "--trials", "20000", "--quiet", "--html", "report.html", "--json", "r.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = dir.appendingPathComponent("report.html").path
        let png = dir.appendingPathComponent("page.png").path, pdf = dir.appendingPathComponent("page.pdf").path

        _ = try Self.browser(["--window-size=1000,2400", "--screenshot=\(png)", page])
        let (status, ink) = try Self.run(
            "/usr/bin/env", ["python3", CLIRunner.root.appendingPathComponent("scripts/png_ink.py").path, png])
        #expect(status == 0, "\(ink)")
        let share = Double(ink.split(separator: " ")[1]) ?? 0
        // A blank page has no ink; the summary tables and two charts in this window cover several per cent.
        #expect(share > 0.02, "\(ink)")

        _ = try Self.browser(["--print-to-pdf=\(pdf)", page])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        let pages =
            String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Type /Page").count - 1
            - (String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Type /Pages").count - 1)
        #expect(pages >= 3, "\(pages) pages")

        // The DOM the browser built holds the summary table's figures, as the JSON has them.
        let (_, dom) = try Self.browser(["--dump-dom", page])
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.json")))
            as! [String: Any]
        let strategies = json["strategies"] as! [[String: Any]]
        #expect(strategies.count == 2)
        for s in strategies {
            let npv = (s["outcomes"] as! [String: Any])["npv"] as! [String: Any]
            for figure in [
                NumberFormat.probability(s["p_loss"] as? Double), NumberFormat.probability(s["p_cash_out"] as? Double),
                NumberFormat.amount(npv["p50"] as? Double)
            ] {
                #expect(dom.contains(">\(figure)</td>"), "\(figure) not in the rendered summary table")
            }
        }
        #expect(dom.components(separatedBy: "<svg ").count - 1 == 6)
    }
}
