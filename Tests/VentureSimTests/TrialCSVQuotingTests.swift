import Testing
@testable import VentureSim

/// The per-trial CSV's text cells (issue 19): quoting decided on Unicode
/// scalars, formula-leading cells neutralised with a leading `'`, numbers left alone.
@Suite struct TrialCSVQuotingTests {
    /// RFC 4180 records of `text`, read scalar by scalar (CR LF ends a record outside quotes).
    static func records(_ text: String) -> [[String]]? {
        var records: [[String]] = [], record: [String] = [], field = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count && s[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty, !wasQuoted else { return nil }  // a quote inside an unquoted field is not RFC 4180
                quoted = true
                wasQuoted = true
            } else if c == "," {
                record.append(String(field)); field = String.UnicodeScalarView(); wasQuoted = false
            } else if c == "\r" && i + 1 < s.count && s[i + 1] == "\n" {
                record.append(String(field)); records.append(record)
                record = []; field = String.UnicodeScalarView(); wasQuoted = false
                i += 1
            } else if c == "\r" || c == "\n" {
                return nil  // a bare line break outside quotes
            } else {
                guard !wasQuoted else { return nil }
                field.append(c)
            }
            i += 1
        }
        guard !quoted, record.isEmpty, field.isEmpty else { return nil }
        return records
    }

    /// What a header cell must read back as: the name, with `'` before a formula-leading one.
    static func expected(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else {
            return name
        }
        return "'" + name
    }

    /// The CSV of a run of `yaml`.
    static func csv(_ yaml: String) throws -> (text: String, header: [String]) {
        let plan = Plan(try Fixtures.load(yaml))
        let columns = try Simulator.run(plan, workers: 2, exportInputs: true)
        var text = ""
        TrialCSV.write(plan, columns) { text += $0 }
        return (text, TrialCSV.header(plan, columns))
    }

    @Test func crLFIsQuotedAsScalars() {
        // Swift sees "\r\n" as one Character, equal to neither "\r" nor "\n".
        #expect(TrialCSV.field("a\r\nb") == "\"a\r\nb\"")
        #expect(TrialCSV.field("a\rb") == "\"a\rb\"")
        #expect(TrialCSV.field("e\u{301},x") == "\"e\u{301},x\"")
        #expect(TrialCSV.field("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(Self.records(TrialCSV.field("x\r\n=cmd|' /C calc'!A0") + ",b\r\n")?.first?.count == 2)
    }

    @Test func formulaLeadingCellsAreNeutralised() {
        #expect(TrialCSV.field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(TrialCSV.field("=cmd|' /C calc'!A0.npv") == "'=cmd|' /C calc'!A0.npv")
        #expect(TrialCSV.field("+1") == "'+1")
        #expect(TrialCSV.field("-1") == "'-1")
        #expect(TrialCSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(TrialCSV.field("\t=1") == "'\t=1")
        #expect(TrialCSV.field("\r=1") == "\"'\r=1\"")
        #expect(TrialCSV.field("=a,\"b\"") == "\"'=a,\"\"b\"\"\"")
        #expect(TrialCSV.field("sub.npv") == "sub.npv")
        #expect(TrialCSV.field("a=b") == "a=b")
        // An attacker's find: spreadsheets skip leading spaces and read full-width signs as formulas too.
        #expect(TrialCSV.field(" =1+1") == "' =1+1")
        #expect(TrialCSV.field("\u{3000}+1") == "'\u{3000}+1")
        #expect(TrialCSV.field("\u{FF1D}1+1") == "'\u{FF1D}1+1")
        #expect(TrialCSV.field("\u{FF20}SUM(A1)") == "'\u{FF20}SUM(A1)")
        #expect(TrialCSV.field(" a") == " a")
    }

    /// Negative numbers stay numbers: only the header's text is neutralised.
    @Test func numbersAreNotNeutralised() throws {
        let yaml = NameFixtures.scenario("=cmd|' /C calc'!A0", at: .strategyName, trials: 300)
            .replacingOccurrences(of: "training: 200000", with: "training: 90000000")
        let rows = try #require(Self.records(Self.csv(yaml).text))
        let header = rows[0]
        #expect(header.contains("'=cmd|' /C calc'!A0.npv"))
        let npv = try #require(header.firstIndex(of: "'=cmd|' /C calc'!A0.npv"))
        let values = rows.dropFirst().map { $0[npv] }
        #expect(
            values.count == 300 && values.allSatisfy { $0.hasPrefix("-") && Double($0) != nil }, "\(values.prefix(3))")
    }

    /// Random names that pass validation: the header reads back, column for column, as the names.
    @Test func randomNamesGiveAHeaderThatParsesBack() throws {
        let places: [NameFixtures.Place] = [.strategyName, .riskName, .revenueLineName]
        for seed in UInt64(1)...30 {
            var g = SplitMix(state: seed)
            var name = RandomNames.valid(&g)
            if seed % 3 == 0 { name = ["=", "+", "-", "@"][Int(seed / 3) % 4] + name }
            let place = places[Int(seed) % places.count]
            let (text, names) = try Self.csv(NameFixtures.scenario(name, at: place, trials: 50))
            let rows = try #require(Self.records(text), "seed \(seed): not RFC 4180")
            #expect(rows[0] == names.map(Self.expected), "seed \(seed), \(place): \(TextRules.escaped(name))")
            #expect(rows.count == 51 && rows.allSatisfy { $0.count == names.count }, "seed \(seed)")
        }
    }
}
