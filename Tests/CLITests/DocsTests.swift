import Foundation
import Testing

/// Every code block in the README and docs/ runs as written: shell blocks run with the built `venturesim` first on
/// the PATH, in a scratch folder holding a copy of `scenarios/`; YAML blocks validate (a fragment completed with the
/// benchmark scenario's other sections); a `text` block that starts with `$ ` runs its command and must print what the
/// block shows first. A block that cannot run here says why in a `<!-- docs-test: skip, REASON -->` line just above
/// it; blocks without a language (a synopsis, a diagram) and `cron`/`ini` files are not commands.
@Suite(.serialized) struct DocsTests {
    struct Block: CustomStringConvertible {
        var file: String
        var line: Int
        var language: String
        var body: String
        var skipReason: String?
        var description: String { "\(file):\(line) (\(language))" }
    }

    static let documents: [String] = {
        let docs = CLIRunner.root.appendingPathComponent("docs")
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return ["README.md"] + pages.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    /// The fenced blocks of one Markdown file, with the skip marker on the line before each, if any.
    static func blocks(in file: String) throws -> [Block] {
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [Block] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("```") else { i += 1; continue }
            let language = String(lines[i].dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let start = i
            var body: [String] = []
            i += 1
            while i < lines.count && !lines[i].hasPrefix("```") { body.append(lines[i]); i += 1 }
            i += 1
            var skip: String?
            if start > 0, lines[start - 1].hasPrefix("<!-- docs-test: skip") {
                skip = lines[start - 1]
            }
            found.append(
                Block(
                    file: file, line: start + 1, language: language, body: body.joined(separator: "\n"),
                    skipReason: skip))
        }
        return found
    }

    static var allBlocks: [Block] {
        documents.flatMap { (try? blocks(in: $0)) ?? [] }
    }

    /// A scratch folder with the shipped scenarios, as a reader's checkout would have them.
    static func workspace() throws -> URL {
        let dir = try CLIRunner.temporaryFolder()
        try FileManager.default.copyItem(
            at: CLIRunner.root.appendingPathComponent("scenarios"),
            to: dir.appendingPathComponent("scenarios"))
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("reports"),
            withIntermediateDirectories: true)
        return dir
    }

    /// Where the `venturesim` of the docs' commands is: the release build when it is newer than every source file
    /// (`.ci/run` builds it first; the README's first command builds it too), else the one `swift test` built.
    /// The docs' commands run whole scenarios at their own trial counts, about twelve times slower in a debug build.
    static let binaryFolder: String = {
        let release = CLIRunner.root.appendingPathComponent(".build/release/venturesim").path
        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        guard let built = modified(release) else { return CLIRunner.productsDirectory.path }
        let sources = CLIRunner.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        let newest = files.compactMap { modified(sources.appendingPathComponent($0).path) }.max() ?? .distantFuture
        return built > newest ? (release as NSString).deletingLastPathComponent : CLIRunner.productsDirectory.path
    }()

    static func shell(_ script: String, in dir: URL) throws -> CLIRunner.Result {
        let path = binaryFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try CLIRunner.run(["/usr/bin/env", "PATH=\(path)", "/bin/sh", "-ec", script], in: dir, shell: true)
    }

    @Test func theDocsHaveCodeBlocksAndEverySkipSaysWhy() throws {
        let blocks = Self.allBlocks
        #expect(blocks.count > 20, "found only \(blocks.count) blocks")
        for b in blocks {
            if let reason = b.skipReason {
                #expect(reason.count > "<!-- docs-test: skip, -->".count + 10, "\(b): a skip without a reason")
            }
        }
    }

    @Test func shellBlocksRunAsWritten() throws {
        let blocks = Self.allBlocks.filter { ["sh", "bash", "shell"].contains($0.language) && $0.skipReason == nil }
        #expect(!blocks.isEmpty)
        for b in blocks {
            let dir = try Self.workspace()
            let r = try Self.shell(b.body, in: dir)
            #expect(r.status == 0, "\(b) exited \(r.status):\n\(b.body)\n\(r.stderr.suffix(2000))")
        }
    }

    @Test func yamlBlocksValidate() throws {
        let base = try String(
            contentsOf: CLIRunner.root.appendingPathComponent("scenarios/benchmark.yaml"),
            encoding: .utf8)
        let blocks = Self.allBlocks.filter { $0.language == "yaml" && $0.skipReason == nil }
        #expect(!blocks.isEmpty)
        for b in blocks {
            let dir = try Self.workspace()
            let scenario = Self.completed(b.body, from: base)
            try scenario.write(to: dir.appendingPathComponent("block.yaml"), atomically: true, encoding: .utf8)
            let r = try Self.shell("venturesim validate block.yaml", in: dir)
            #expect(r.status == 0, "\(b) does not validate:\n\(scenario)\n\(r.stderr)")
        }
    }

    @Test func commandExamplesPrintWhatTheyShow() throws {
        let blocks = Self.allBlocks.filter { $0.language == "text" && $0.body.hasPrefix("$ ") && $0.skipReason == nil }
        for b in blocks {
            let lines = b.body.split(separator: "\n").map(String.init)
            let command = String(lines[0].dropFirst(2))
            let dir = try Self.workspace()
            let r = try Self.shell(command, in: dir)
            // The first line up to its first figure: figures such as the memory a machine has differ.
            let shown = lines.count > 1 ? String(lines[1].prefix { !$0.isNumber }) : ""
            #expect((r.stdout + r.stderr).contains(shown), "\(b): `\(command)` printed\n\(r.stderr)\nnot \(shown)")
        }
    }

    /// GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        let kept = heading.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" }
        return String(kept.map { $0 == " " ? "-" : $0 })
    }

    /// Source comments point at docs/model.md's sections by anchor; each one must exist.
    @Test func sourceCommentsPointAtSectionsThatExist() throws {
        let model = try String(contentsOf: CLIRunner.root.appendingPathComponent("docs/model.md"), encoding: .utf8)
        let anchors = Set(
            model.split(separator: "\n").filter { $0.hasPrefix("#") }
                .map { Self.anchor(String($0.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)) })
        var cited = 0
        for folder in ["Sources", "Tests"] {
            let root = CLIRunner.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") && !file.hasSuffix("DocsTests.swift") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains("MODEL" + ".md"), "\(folder)/\(file) cites a file outside the repository")
                for part in text.components(separatedBy: "docs/model.md#").dropFirst() {
                    let name = String(part.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                    cited += 1
                    #expect(
                        anchors.contains(name), "\(folder)/\(file) points at docs/model.md#\(name), which is no heading"
                    )
                }
            }
        }
        #expect(cited > 20)
    }

    /// docs/architecture.md's map names every folder of the library and every C target, and names none that is gone.
    @Test func theFolderMapMatchesTheTree() throws {
        let map = try String(contentsOf: CLIRunner.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let fm = FileManager.default
        func folders(_ path: String) -> [String] {
            let url = CLIRunner.root.appendingPathComponent(path)
            let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { name in
                var isFolder: ObjCBool = false
                return fm.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
                    && isFolder.boolValue
            }
        }
        let library = folders("Sources/VentureSim")
        #expect(library.count > 10)
        for name in library { #expect(map.contains("`\(name)/`"), "docs/architecture.md's map lacks `\(name)/`") }
        for name in folders("Sources/VentureSim/Engine") {
            #expect(map.contains("`Engine/\(name)/`"), "docs/architecture.md's map lacks `Engine/\(name)/`")
        }
        for name in folders("Sources") where name.hasPrefix("C") {
            #expect(map.contains("`\(name)`"), "docs/architecture.md does not name the C target `\(name)`")
        }
        // A folder in the map's first column that the tree no longer has.
        for row in map.split(separator: "\n") where row.hasPrefix("| `") {
            let cell = row.dropFirst(2).prefix { $0 != "|" }
            let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
            for part in parts.enumerated() where part.offset % 2 == 1 && part.element.hasSuffix("/") {
                let path = "Sources/VentureSim/" + part.element
                #expect(
                    fm.fileExists(atPath: CLIRunner.root.appendingPathComponent(path).path), "the map names \(path)")
            }
        }
    }

    @Test func fragmentsAreCompletedFromTheBase() {
        let base = "name: a\nmarket:\n  size: 1\nstrategies:\n  - name: s\n"
        let done = Self.completed("strategies:\n  - name: t", from: base)
        #expect(done == "name: a\nmarket:\n  size: 1\nstrategies:\n  - name: t\n")
    }

    /// `fragment` with the top-level sections of `base` it does not have (a fragment's sections replace the base's).
    static func completed(_ fragment: String, from base: String) -> String {
        func sections(_ text: String) -> [(key: String, lines: [String])] {
            var out: [(key: String, lines: [String])] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") {
                    out.append((String(line[..<colon]), [line]))
                } else if !out.isEmpty {
                    out[out.count - 1].lines.append(line)
                }
            }
            return out
        }
        let mine = sections(fragment)
        let keys = Set(mine.map(\.key))
        var merged: [(key: String, lines: [String])] = []
        for s in sections(base) {
            if keys.contains(s.key) {
                if let replacement = mine.first(where: { $0.key == s.key }) { merged.append(replacement) }
            } else {
                merged.append(s)
            }
        }
        for s in mine where !merged.contains(where: { $0.key == s.key }) { merged.append(s) }
        let text = merged.flatMap(\.lines).joined(separator: "\n")
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
