import Foundation
import Testing

/// Issue 20's house limit (docs/architecture.md, "House limits"): no function in Sources/ over 80 lines without a
/// reason at its top containing "lines, on purpose". `scripts/long-functions` lists them with the same rule.
@Suite struct FunctionLengthTests {
    static let limit = 80

    static func scanSources() throws -> [(file: String, function: SwiftFunctionScan.Function)] {
        let sources = CLIRunner.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        var found: [(String, SwiftFunctionScan.Function)] = []
        for file in files.sorted() where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let stem = String((file as NSString).lastPathComponent.dropLast(".swift".count))
            found += SwiftFunctionScan.functions(in: text, stem: stem).map { ("Sources/" + file, $0) }
        }
        return found
    }

    @Test func noFunctionIsOverEightyLinesWithoutAReason() throws {
        let all = try Self.scanSources()
        // The scan sees the library's functions (about a thousand): a scan that finds none cannot pass.
        #expect(all.count > 500, "found only \(all.count) functions")
        let unexplained = all.filter {
            $0.function.length > Self.limit && !$0.function.hasReason
        }
        let names = unexplained.map { "\($0.file): \($0.function)" }.joined(separator: "; ")
        #expect(
            unexplained.isEmpty,
            Comment(
                rawValue:
                    "over \(Self.limit) lines with no reason at its top (split it, or say why in its doc comment: "
                    + "\"N lines, on purpose: …\"): \(names)"))
    }

    static func body(_ count: Int) -> [String] { Array(repeating: "        x += 1", count: count) }

    /// A source made to fool a naive count: braces in strings (raw, interpolated, multi-line) and comments, an
    /// operator with a `where` clause, a protocol's requirements, a stored property before a function.
    static let tricky =
        ([
            "struct A {",
            "    var stored: Int",
            "    /// Doc.",
            "    /// One function of about 90 lines,",
            "    /// on purpose: why.",
            "    @inline(__always)",
            "    func explained() {",
            ##"        let s = "}}}" + #"raw "}" \(x) {"# + "\(f({ "}" }))""##,
            "        // }",
            "        /* { nested /* } */ } */",
            #"        let m = """"#,
            "            { {",
            #"            """"#
        ] + body(80) + ["    }", "    func short() {}", "    func bare() {"] + body(85)
        + ["    }", "    var computed: Int {"] + body(85)
        + ["    }", "    static let table: [Int] = {"] + body(85)
        + ["    }()", "    static func == (a: A, b: A) -> Bool where A: Equatable {"]
        + ["        // Opens the body: 99 lines, on purpose."] + body(85)
        + ["    }", "}", "protocol P {", "    func f() -> Int", "    var x: Int { get }", "    init()", "}"]).joined(
            separator: "\n")

    @Test func theScanCountsBracesOutsideStringsAndComments() {
        let found = SwiftFunctionScan.functions(in: Self.tricky, stem: "A")
        let long = found.filter { $0.length > Self.limit }
        #expect(
            long.map(\.name) == ["A.explained", "A.bare", "A.computed", "A.table", "A.=="], "\(long)")
        #expect(long.map(\.length) == [88, 87, 87, 87, 88], "\(long)")
        #expect(long.map(\.hasReason) == [true, false, false, false, true], "\(long)")
        #expect(found.contains { $0.name == "A.short" && $0.length == 1 })
        #expect(found.contains { $0.name == "A.x" && $0.length == 1 }, "a protocol's `{ get }` is a body of one line")
        #expect(!found.contains { $0.name == "A.stored" || $0.name == "A.f" || $0.name == "A.init" }, "\(found)")
    }
}
