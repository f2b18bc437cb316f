import Foundation
import Testing

/// Every distribution family drawn by `venturesim sample` against SciPy, an
/// implementation independent of GSL (scripts/check_distributions.py).
@Suite struct GoodnessOfFitTests {
    /// A Python with SciPy: the first of these that imports it.
    static func python() -> String? {
        for candidate in ["python3", "/usr/bin/python3"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [candidate, "-c", "import scipy, numpy"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }

    @Test func everyFamilyFitsSciPy() throws {
        let python = try #require(Self.python(), "no python3 with scipy: run scripts/setup (it installs python3-scipy)")
        let script = CLIRunner.root.appendingPathComponent("scripts/check_distributions.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, script, CLIRunner.binary.path, "20000"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("15 passed, 0 failed"), "\(text)")
    }
}
