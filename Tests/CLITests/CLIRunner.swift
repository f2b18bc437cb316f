import Foundation

/// Runs the built `venturesim` binary and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder of the build products (where `venturesim` is).
    static let productsDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["VENTURESIM_BIN"] {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    static let binary = productsDirectory.appendingPathComponent("venturesim")
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh empty folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("venturesim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts the binary; the caller waits or signals it.
    /// With `shell`, the first argument is the program (say /bin/sh) instead of the binary.
    static func start(_ arguments: [String], in folder: URL? = nil, shell: Bool = false) throws -> (Process, Pipe, Pipe)
    {
        let p = Process()
        p.executableURL = shell ? URL(fileURLWithPath: arguments[0]) : binary
        p.arguments = shell ? Array(arguments.dropFirst()) : arguments
        if let folder { p.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out, err)
    }

    static func run(_ arguments: [String], in folder: URL? = nil, shell: Bool = false) throws -> Result {
        let (p, out, err) = try start(arguments, in: folder, shell: shell)
        // Read both pipes while the process runs so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads `pipe` until `text` appears, the pipe closes or `deadline` seconds pass; returns what was read.
    /// Tests wait on an event this way rather than sleeping for a guessed time.
    static func waitFor(_ text: String, on pipe: Pipe, deadline seconds: TimeInterval) throws -> String {
        let handle = pipe.fileHandleForReading
        let fd = handle.fileDescriptor
        let end = Date().addingTimeInterval(seconds)
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains(text) {
            let left = end.timeIntervalSinceNow
            if left <= 0 { break }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        return String(decoding: seen, as: UTF8.self)
    }

    /// Waits until `p` exits or `deadline` seconds pass; kills it then (so a failing test cannot hang the run).
    static func waitForExit(_ p: Process, deadline seconds: TimeInterval) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < end { usleep(20_000) }
        guard p.isRunning else { return true }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return false
    }

    /// Every file below `folder`, relative paths, sorted.
    static func files(in folder: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: folder.path)
        var out: [String] = []
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(f).path, isDirectory: &isDir),
                !isDir.boolValue
            {
                out.append(f)
            }
        }
        return out.sorted()
    }
}
