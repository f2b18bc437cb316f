import Foundation
import Testing
import VentureSim

/// Issue 19: the batch's lock file is never written through a second name.
/// A hard link to another file planted at `.venturesim-batch.lock` would have
/// that file truncated to the batch's PID; a symbolic link would be followed.
@Suite struct LockFileTests {
    func folders() throws -> (input: URL, out: URL, victim: URL) {
        let dir = try CLIRunner.temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        for f in [input, out] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        try FileSafetyTests.tiny.write(to: input.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let victim = dir.appendingPathComponent("precious.txt")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
        return (input, out, victim)
    }

    @Test func aHardLinkedLockIsRefusedAndItsOtherFileLeftAlone() throws {
        let (input, out, victim) = try folders()
        let lock = out.appendingPathComponent(FolderLock.fileName)
        #expect(link(victim.path, lock.path) == 0)
        let r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("has 2 links") && r.stderr.contains("hard link"), "\(r.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("t.md").path))
        // Once the planted link is gone, the batch runs.
        try FileManager.default.removeItem(at: lock)
        #expect(try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"]).status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    @Test func aSymlinkedLockIsRefusedWithAClearError() throws {
        let (input, out, victim) = try folders()
        try FileManager.default.createSymbolicLink(
            at: out.appendingPathComponent(FolderLock.fileName), withDestinationURL: victim)
        let r = try CLIRunner.run(["batch", input.path, "--out", out.path, "--quiet"])
        #expect(r.status == 1 && r.stderr.contains("is a symbolic link"), "\(r.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    @Test func theLockOfAFolderHasOneLinkAndHoldsThePID() throws {
        let dir = try CLIRunner.temporaryFolder()
        let held = try FolderLock(folder: dir.path)
        var st = stat()
        #expect(lstat(dir.appendingPathComponent(FolderLock.fileName).path, &st) == 0 && st.st_nlink == 1)
        #expect(
            try String(contentsOf: dir.appendingPathComponent(FolderLock.fileName), encoding: .utf8) == "\(getpid())\n")
        withExtendedLifetime(held) {}
    }
}
