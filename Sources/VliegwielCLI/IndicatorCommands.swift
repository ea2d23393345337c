import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel importeer-contextindicatoren BESTAND --tabel 85542NED [--formaat csv|odata] [--beschrijving MATEN]`
struct ImportContextIndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer-contextindicatoren",
        abstract: "Leest contextindicatoren (brede welvaart per regio en jaar) uit een CBS StatLine-export.",
        discussion: """
            Formaten: de CSV-download van StatLine (puntkomma's, kopregel ID;RegioS;Perioden;<maat>…) of de \
            OData-JSON ({"value": [ … ]}); zie docs/indicatoren.md. Het bestand wordt in één doorgang gelezen en \
            in één transactie opgeslagen: bij één foute rij worden alle foute rijen gemeld en wordt niets \
            opgeslagen. De voortgang staat op standaardfout. Contextindicatoren zijn context: geen deal stuurt erop.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Het CBS-bestand (.csv of .json).", valueName: "BESTAND")) var file: String
    @Option(
        name: .customLong("tabel"), help: ArgumentHelp("De StatLine-tabel, bijvoorbeeld 85542NED.", valueName: "ID"))
    var table: String
    @Option(name: .customLong("formaat"), help: "csv of odata (standaard: naar de extensie van het bestand).")
    var format: String?
    @Option(
        name: .customLong("beschrijving"),
        help: ArgumentHelp(
            "YAML of JSON met titel, bron en per maat naam, thema, eenheid en gewenste richting.", valueName: "BESTAND")
    )
    var description: String?

    func run() async throws {
        try await reportingFailures {
            let format: StatLineFormat
            if let raw = self.format {
                format = try parseFormat(raw, as: StatLineFormat.self)
            } else if let guessed = StatLineFormat(fileName: file) {
                format = guessed
            } else {
                throw CommandFailure(field: "--formaat", "geef csv of odata; de extensie van '\(file)' zegt het niet")
            }
            var contextTable = ContextTable.statLine(table)
            if let description {
                let text = try readInputFile(description, field: "--beschrijving")
                let kind = ArrangementFormat(fileName: description) ?? .yaml
                contextTable = try IndicatorFormat.decodeTable(
                    text, format: kind, source: (description as NSString).lastPathComponent)
                if contextTable.id != table {
                    throw CommandFailure(
                        field: "--beschrijving", "beschrijft tabel '\(contextTable.id)', niet --tabel \(table)")
                }
            }
            if !ContextTable.isValidID(table) {
                throw CommandFailure(
                    field: "--tabel", "'\(table)' is geen tabel-id; verwacht letters, cijfers en streepjes (85542NED)")
            }
            guard let stream = InputStream(fileAtPath: file), FileManager.default.isReadableFile(atPath: file) else {
                throw CommandFailure(field: "BESTAND", "kan '\(file)' niet lezen")
            }
            let installation = try await Installation.open(database)
            let progress = ImportProgress()
            let name = (file as NSString).lastPathComponent
            let tableID = table
            let summary: ContextImportSummary
            do {
                summary = try await installation.stores.indicators.importContext(contextTable) { store in
                    let result = try StatLineReader.read(
                        stream, format: format, tableID: tableID, progressInterval: 10_000, progress: progress.report,
                        emit: store)
                    return (result.rowsRead, result.issues)
                }
            } catch let failure as ValidationFailure {
                progress.finish()
                Terminal.error("Niets opgeslagen: \(failure.issues.count) fout(en) in \(name).")
                throw ValidationFailure(
                    issues: failure.issues.map {
                        var issue = $0
                        issue.source = name
                        return issue
                    })
            }
            progress.finish()
            Terminal.write(
                "Tabel \(summary.table.id) ingelezen uit \(name): \(summary.rowsRead) rijen, "
                    + "\(summary.observations) waarnemingen, \(summary.measures.count) maten "
                    + "(\(summary.measures.joined(separator: ", "))).\n"
                    + "Contextindicatoren zijn context: geen deal stuurt erop.\n")
        }
    }
}

/// Rows read, on standard error while an import runs: one line rewritten with `\r` on a
/// terminal, a plain line every 100 000 rows otherwise (a log file stays readable).
final class ImportProgress: @unchecked Sendable {
    private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) != 0
    private var shown = false
    private var lastLine = 0

    func report(_ rows: Int) {
        if isTerminal {
            FileHandle.standardError.write(Data("\r\(rows) rijen gelezen…".utf8))
            shown = true
        } else if rows > 0, rows % 100_000 == 0, rows != lastLine {
            Terminal.error("\(rows) rijen gelezen…")
            lastLine = rows
        }
    }

    func finish() {
        if isTerminal, shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }
}

/// `vliegwiel importeer-indicatoren BESTAND`: an arrangement's programme indicators and regions.
struct ImportProgrammeIndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer-indicatoren",
        abstract:
            "Leest de programma-indicatoren en regio's van een arrangement uit YAML of JSON (vervangt de vorige).",
        discussion: "Formaat: docs/indicatoren.md. Bij één fout worden alle fouten gemeld en wordt niets opgeslagen.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Het bestand (.json, .yaml of .yml).", valueName: "BESTAND")) var file: String

    func run() async throws {
        try await reportingFailures {
            let name = (file as NSString).lastPathComponent
            let text = try readInputFile(file)
            let format =
                ArrangementFormat(fileName: file) ?? (text.drop(while: \.isWhitespace).first == "{" ? .json : .yaml)
            let indicators = try IndicatorFormat.decodeIndicators(text, format: format, source: name)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(indicators.arrangementID, field: "arrangement")
            do {
                try await installation.stores.indicators.save(indicators)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(
                    issues: failure.issues.map {
                        var issue = $0
                        issue.source = name
                        return issue
                    })
            }
            Terminal.write(
                "Indicatoren van \(arrangement.name) (\(arrangement.id)) vastgelegd: "
                    + "\(indicators.programme.count) programma-indicatoren, \(indicators.regions.count) regio's.\n")
        }
    }
}

/// `vliegwiel indicatoren ID [--formaat tekst|json]`
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicatoren",
        abstract: "Toont de programma-indicatoren en, apart, de contextindicatoren van een arrangement met hun oordeel."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let report = try await installation.stores.indicators.report(for: id)
            switch format {
            case .json: Terminal.write(try jsonText(report))
            case .text: Terminal.write(IndicatorText.render(report, name: arrangement.name))
            }
        }
    }
}

/// The indicator report as text.
enum IndicatorText {
    static func render(_ report: IndicatorReport, name: String) -> String {
        let n = IndicatorNumber.format
        var lines = ["Indicatoren van \(name) (\(report.arrangementID))"]
        if report.isFictional {
            lines.append("FICTIEF VOORBEELD: alle indicatoren, regio's en cijfers zijn verzonnen; geen CBS-cijfers.")
        }
        lines.append(
            "Regio's: "
                + (report.regions.isEmpty ? "geen vastgelegd" : report.regions.map(\.code).joined(separator: ", ")))
        lines.append("")
        lines.append("Programma-indicatoren (het programma stuurt hierop)")
        if report.programme.isEmpty { lines.append("  geen") }
        for indicator in report.programme {
            lines.append("  \(indicator.id): \(indicator.name)")
            lines.append("    eenheid \(indicator.unit); \(indicator.direction.label); bron: \(indicator.source)")
            lines.append("    nulmeting \(indicator.baseline.period.label): \(n(indicator.baseline.value))")
            for progress in indicator.progress {
                let actual = progress.actual.map { ", realisatie \(n($0))" } ?? ""
                lines.append(
                    "    streefwaarde \(progress.target.period.label): \(n(progress.target.value))\(actual): \(progress.status.label)"
                )
            }
            if !indicator.actuals.isEmpty {
                lines.append(
                    "    realisaties: "
                        + indicator.actuals.sorted { $0.period < $1.period }.map { "\($0.period.label) \(n($0.value))" }
                        .joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("Contextindicatoren (brede welvaart in de regio's; geen deal stuurt hierop)")
        if report.context.isEmpty { lines.append("  geen") }
        for view in report.context {
            let measure = view.measure
            var head = "  \(measure.name) [\(measure.unit.isEmpty ? "eenheid onbekend" : measure.unit)"
            head += measure.direction.map { "; \($0.label)" } ?? "; gewenste richting onbekend"
            head += "] — \(view.table.title), \(view.table.source)"
            lines.append(head)
            for series in view.regions + (view.comparison.map { [$0.dealMean, $0.otherMean] } ?? []) {
                lines.append(
                    "    \(series.label): "
                        + series.values.map { "\($0.period.label) \(n($0.value))" }.joined(separator: ", "))
                lines.append(
                    "      trend: "
                        + (series.assessment?.explanation ?? "geen oordeel (te weinig waarden of richting onbekend)"))
            }
            if let comparison = view.comparison {
                lines.append(
                    "    vergelijking (\(comparison.label)): \(comparison.dealRegions.count) regio's met de deal, "
                        + "\(comparison.otherRegions.count) overige regio's")
            }
        }
        lines.append("")
        lines.append("Oordeel: " + IndicatorReport.ratingRule)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Loads the fictional demo indicators once; after the user deletes the demo deal they never come back.
enum IndicatorSeeding {
    static func seedIfAbsent(in stores: Stores) async throws {
        let demo = try BundledIndicators.demo()
        try await stores.indicators.seedIfAbsent(
            demo.indicators, table: demo.table, observations: demo.observations,
            name: SQLiteIndicatorStore.fictionalExampleSeedName)
    }
}
