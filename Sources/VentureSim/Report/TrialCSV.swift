internal import CFormat
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every trial of a run as CSV (RFC 4180: CRLF line ends, a field quoted
/// when it holds a comma, quote or line break; a text field that starts with
/// `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so a spreadsheet never
/// reads a name as a formula): the trial index, each drawn
/// input (named as in the drivers table), each risk's firings, the demand
/// share, and per strategy each outcome (`subscription.npv`, …, and
/// `subscription.funding_need` when computed); with funding rounds, per
/// strategy its failure month and gap beyond the plan, and per round its
/// closing month, amount, ownership at the horizon, proceeds, MOIC and IRR
/// (empty where the company lived or the round did not close). Numbers carry
/// 17 significant digits, so they read back to the same double.
public enum TrialCSV {
    /// Each round's columns, after its strategy's failure month and gap beyond the plan.
    static let roundFields = ["closing_month", "amount", "ownership_at_horizon", "proceeds", "moic", "irr"]

    /// The header's column names.
    public static func header(_ plan: Plan, _ columns: TrialColumns) -> [String] {
        let funded =
            columns.roundCount > 0
            ? plan.scenario.strategies.flatMap { s in
                ["\(s.name).failure_month", "\(s.name).gap_beyond_plan"]
                    + plan.scenario.funding.flatMap { r in roundFields.map { "\(s.name).\(r.name).\($0)" } }
            } : []
        return ["trial"] + plan.driverInputs.map(\.name) + plan.scenario.risks.map { "risks.\($0.name).firings" } + [
            "demand_share"
        ]
            + plan.scenario.strategies.flatMap { s in columns.outcomes.map { "\(s.name).\($0.key)" } } + funded
    }

    /// One strategy's funding columns, read in place; ownership and proceeds come from its cap table replayed
    /// (`FundingOutcome.replay`), as the summary's do.
    struct FundingColumns {
        let death: UnsafeMutableBufferPointer<UInt16>
        let gap, exit: UnsafeMutableBufferPointer<Double>
        let months: [UnsafeMutableBufferPointer<UInt16>]

        init(_ columns: TrialColumns, strategy s: Int) {
            death = columns.deathColumn(s)
            gap = columns.fundingColumn(s, field: ColumnLayout.Funding.gap)
            exit = columns.fundingColumn(s, field: ColumnLayout.Funding.exit)
            months = (0..<columns.roundCount).map { columns.roundMonthColumn(s, round: $0) }
        }
    }

    /// Streams the CSV to `emit` in chunks of `rows` rows, reading the columns in place.
    public static func write<E: Error>(
        _ plan: Plan, _ columns: TrialColumns, rows: Int = 2048, _ emit: (String) throws(E) -> Void
    ) throws(E) {
        try emit(header(plan, columns).map(field).joined(separator: ",") + "\r\n")
        let inputs = plan.driverInputs.indices.map { columns.exportColumn($0) }
        let firings = (0..<columns.riskCount).map { columns.firingsColumn($0) }
        let demand = columns.column(0, .demandShare)
        // A stored outcome's column, or a derived one's (profit, roi) with the revenue and cost it is computed from.
        let outcomes = (0..<columns.strategyCount).flatMap { s in
            columns.outcomes.map { o in
                o.isDerived
                    ? (o, columns.column(s, .revenue), columns.column(s, .cost))
                    : (o, columns.column(s, o), columns.column(s, o))
            }
        }
        let funding =
            columns.roundCount > 0 ? (0..<columns.strategyCount).map { FundingColumns(columns, strategy: $0) } : []
        var table = CapTable(rounds: columns.roundCount)
        let horizon = plan.horizon, emptyRound = [UInt8](repeating: UInt8(ascii: ","), count: roundFields.count)
        // Bytes, not Strings: a million rows of thirty numbers is most of the export's time otherwise.
        var chunk: [UInt8] = []
        chunk.reserveCapacity(
            rows * 32
                * (2 + inputs.count + firings.count + outcomes.count + funding.count * (2 + 6 * columns.roundCount)))
        var scratch = [CChar](repeating: 0, count: 32)
        func append(_ x: Double) {
            chunk.append(UInt8(ascii: ","))
            // A NaN (roi of a trial that cost nothing) is an empty field.
            guard !x.isNaN else { return }
            let n = scratch.withUnsafeMutableBufferPointer { b in Int(venturesim_format17(b.baseAddress!, b.count, x)) }
            scratch.withUnsafeBufferPointer { b in b.prefix(n).forEach { chunk.append(UInt8(bitPattern: $0)) } }
        }
        for i in 0..<columns.count {
            chunk.append(contentsOf: String(i).utf8)
            for c in inputs { append(c[i]) }
            for c in firings { chunk.append(UInt8(ascii: ",")); chunk.append(contentsOf: String(c[i]).utf8) }
            append(demand[i])
            for (o, a, b) in outcomes { append(o.isDerived ? o.derived(revenue: a[i], cost: b[i]) : a[i]) }
            for f in funding {
                chunk.append(UInt8(ascii: ","))
                if f.death[i] > 0 { chunk.append(contentsOf: String(f.death[i]).utf8) }
                append(f.gap[i])
                FundingOutcome.replay(columns, f.months, trial: i, into: &table)
                let waterfall = table.waterfall(exit: f.exit[i], preference: plan.liquidationPreference)
                for k in f.months.indices {
                    let month = Int(f.months[k][i])
                    guard month > 0, let payout = waterfall.payout(k) else {
                        chunk.append(contentsOf: emptyRound)
                        continue
                    }
                    chunk.append(UInt8(ascii: ","))
                    chunk.append(contentsOf: String(month).utf8)
                    append(columns.roundTerm(ColumnLayout.Funding.amount(k), trial: i))
                    append(payout.ownership)
                    append(payout.proceeds)
                    append(payout.moic)
                    // As the summary's: one flow in at the closing month, one back at the horizon; none when closed in
                    // the last month.
                    append(
                        payout.moic.isFinite
                            ? CapTable.irr(moic: payout.moic, monthsHeld: horizon - month) ?? .nan : .nan)
                }
            }
            chunk.append(13)
            chunk.append(10)
            if (i + 1) % rows == 0 {
                try emit(String(decoding: chunk, as: UTF8.self))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try emit(String(decoding: chunk, as: UTF8.self)) }
    }

    /// A text field (a header name): neutralised when a spreadsheet would take
    /// it for a formula, then quoted when RFC 4180 needs it. Numbers never come here.
    static func field(_ s: String) -> String {
        // OWASP's CSV-injection advice: these first characters start a formula (or hide one after a tab or CR).
        // Spreadsheets also skip leading spaces and read the full-width forms (＝ ＋ － ＠) as the same signs.
        let formula: Set<Unicode.Scalar> = [
            "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"
        ]
        let first = s.unicodeScalars.first { $0 != " " && $0 != "\u{3000}" && $0 != "\u{A0}" }
        let text = first.map(formula.contains) == true ? "'" + s : s
        // Decided on scalars: Swift reads CR LF as one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var quoted = String.UnicodeScalarView(["\""])
        for c in text.unicodeScalars {
            if c == "\"" { quoted.append("\"") }
            quoted.append(c)
        }
        quoted.append("\"")
        return String(quoted)
    }
}

import Foundation
