import Foundation

/// Reading scenario files from disk (the loader itself works on text).
public enum ScenarioFile {
    /// Loads and validates the scenario at `path`; every error names the file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ScenarioError([Diagnostic(file: path, path: "", message: "the file is not UTF-8 text")])
            }
            text = decoded
        } catch let error as ScenarioError {
            throw error
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a folder, not a scenario file" : "cannot read it (\(error.localizedDescription))"
            throw ScenarioError([Diagnostic(file: path, path: "", message: why)])
        }
        return try ScenarioLoader.load(text: text, file: path)
    }

    /// A file name made from a scenario name: letters, digits, `-`, `_` and `.` kept, the rest `-`.
    public static func slug(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        var s = String(name.map { allowed.contains($0) ? $0 : "-" })
        while s.hasPrefix(".") || s.hasPrefix("-") { s.removeFirst() }
        return s.isEmpty ? "scenario" : s
    }
}
