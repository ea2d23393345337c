import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel importeer-contextindicatoren BESTAND… --tabel 70072NED [--formaat csv|odata|odata4] [--beschrijving MATEN]`
struct ImportContextIndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer-contextindicatoren",
        abstract: "Leest contextindicatoren (brede welvaart per regio en jaar) uit een CBS StatLine-export.",
        discussion: """
            Formaten: de CSV-download van StatLine (puntkomma's, kopregel ID;RegioS;Perioden;<maat>…), de \
            OData-v3-JSON ({"value": [ … ]}, een kolom per maat) of de OData-v4-Observations (een record per \
            waarneming met Measure, Value en ValueAttribute), ook als pagina's in een map of als meerdere \
            bestanden, met MeasureCodes.json voor de namen en eenheden van de maten; zie docs/indicatoren.md. \
            Alleen regionale tabellen (met RegioS), zoals 70072NED Regionale kerncijfers Nederland. Het bestand \
            wordt in één doorgang gelezen en in één transactie opgeslagen: bij één foute rij worden alle foute \
            rijen gemeld en wordt niets opgeslagen. De voortgang staat op standaardfout. Contextindicatoren zijn \
            context: geen deal stuurt erop.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(
        help: ArgumentHelp(
            "Het CBS-bestand (.csv of .json), of de pagina's van een OData-download (bestanden of een map).",
            valueName: "BESTAND"))
    var files: [String]
    @Option(
        name: .customLong("tabel"), help: ArgumentHelp("De StatLine-tabel, bijvoorbeeld 70072NED.", valueName: "ID"))
    var table: String
    @Option(
        name: .customLong("formaat"),
        help: "csv, odata (v3; herkent v4 zelf) of odata4 (standaard: naar de extensie van het bestand).")
    var format: String?
    @Option(
        name: .customLong("beschrijving"),
        help: ArgumentHelp(
            "YAML of JSON met titel, bron en per maat naam, thema, eenheid en gewenste richting.", valueName: "BESTAND")
    )
    var description: String?

    func run() async throws {
        try await reportingFailures {
            if !ContextTable.isValidID(table) {
                throw CommandFailure(
                    field: "--tabel", "'\(table)' is geen tabel-id; verwacht letters, cijfers en streepjes (70072NED)")
            }
            let input = try ContextImportInput(arguments: files)
            let format: StatLineFormat
            if let raw = self.format {
                format = try parseFormat(raw, as: StatLineFormat.self)
            } else if input.pages.count > 1 || input.measureCodes != nil {
                format = .odata4
            } else if let guessed = StatLineFormat(fileName: input.pages[0]) {
                format = guessed
            } else {
                throw CommandFailure(
                    field: "--formaat", "geef csv, odata of odata4; de extensie van '\(input.pages[0])' zegt het niet")
            }
            if format == .csv, input.pages.count > 1 {
                throw CommandFailure(
                    field: "BESTAND", "lees één CSV-bestand tegelijk; pagina's zijn er alleen bij OData")
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
            if let codes = input.measureCodes {
                guard let data = FileManager.default.contents(atPath: codes) else {
                    throw CommandFailure(field: "BESTAND", "kan '\(codes)' niet lezen")
                }
                let measures = try StatLineMeasureCodes.measures(
                    from: data, source: (codes as NSString).lastPathComponent)
                contextTable.measures = StatLineMeasureCodes.merge(contextTable.measures, with: measures)
            }
            for skipped in input.skipped {
                Terminal.error("Overgeslagen (metadata, geen waarnemingen): \((skipped as NSString).lastPathComponent)")
            }
            var pages: [StatLinePage] = []
            for path in input.pages {
                guard FileManager.default.isReadableFile(atPath: path), let stream = InputStream(fileAtPath: path)
                else {
                    throw CommandFailure(field: "BESTAND", "kan '\(path)' niet lezen")
                }
                pages.append(StatLinePage(name: (path as NSString).lastPathComponent, stream: stream))
            }
            // Context tables refer to no arrangement: the catalogue is not read for them.
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let progress = ProgressLine(total: input.totalBytes)
            let name = input.name
            let tableID = table
            let summary: ContextImportSummary
            nonisolated(unsafe) var result: StatLineReadResult?
            // The pages are read once, by the store's reader, while nothing else touches them.
            nonisolated(unsafe) let readPages = pages
            do {
                summary = try await installation.stores.indicators.importContext(contextTable) { store in
                    let read = try StatLineReader.read(
                        pages: readPages, format: format, tableID: tableID, progressInterval: 10_000,
                        progress: { progress.update(rows: $0.rows, done: $0.bytes) }, emit: store)
                    result = read
                    return (read.rowsRead, read.issues)
                }
            } catch {
                progress.finish()
                let count = (error as? ValidationFailure)?.issues.count
                Terminal.error(
                    "Niets opgeslagen\(count.map { ": \($0) fout(en) in \(name)" } ?? " uit \(name)"); "
                        + "de import is één transactie, eerder ingelezen gegevens blijven zoals ze waren.")
                guard let failure = error as? ValidationFailure else { throw error }
                throw ValidationFailure(
                    issues: failure.issues.map {
                        var issue = $0
                        if issue.source == nil { issue.source = name }
                        return issue
                    })
            }
            progress.finish()
            let shown = summary.measures.prefix(12).joined(separator: ", ")
            let more = summary.measures.count > 12 ? " en \(summary.measures.count - 12) meer" : ""
            var text =
                "Tabel \(summary.table.id) ingelezen uit \(name): \(summary.rowsRead) rijen, "
                + "\(summary.observations) waarnemingen, \(summary.measures.count) maten (\(shown)\(more)).\n"
            if let result, result.missingValues > 0 {
                text += "\(result.missingValues) waarnemingen zonder cijfer, opgeslagen als ontbrekend"
                text += result.markers.isEmpty ? ".\n" : ":\n"
                for (marker, count) in result.markers.sorted(by: { $0.key < $1.key }) {
                    text += "  \(count) × \(marker): \(StatLineValueAttribute.meaning(marker))\n"
                }
            }
            text += "Contextindicatoren zijn context: geen deal stuurt erop.\n"
            Terminal.write(text)
        }
    }
}

/// The files an import reads: the data pages (one file, several files, or every `.json`
/// or `.csv` file of a folder, in natural order: page 2 before page 10), the OData v4
/// `MeasureCodes` file among them, and the other metadata files of a v4 download
/// (`MeasureGroups`, `Properties`, `Dimensions`, the `…Codes` of each dimension), skipped.
struct ContextImportInput {
    var pages: [String] = []
    var measureCodes: String?
    var skipped: [String] = []
    var totalBytes = 0
    /// How the input is named in messages.
    var name: String

    init(arguments: [String]) throws {
        var files: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw CommandFailure(field: "BESTAND", "kan '\(argument)' niet lezen")
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.filter { ["json", "csv"].contains(($0 as NSString).pathExtension.lowercased()) }
                    .sorted { $0.compare($1, options: [.numeric, .caseInsensitive]) == .orderedAscending }
                    .map { (argument as NSString).appendingPathComponent($0) }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
            if base.hasPrefix("measurecodes") {
                if measureCodes != nil {
                    throw CommandFailure(field: "BESTAND", "geef één MeasureCodes-bestand, niet meer")
                }
                measureCodes = file
            } else if ["measuregroups", "properties", "dimensions"].contains(where: base.hasPrefix)
                || (base.hasSuffix("codes") && files.count > 1)
            {
                skipped.append(file)
            } else {
                pages.append(file)
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber
                totalBytes += size?.intValue ?? 0
            }
        }
        guard let first = pages.first else {
            throw CommandFailure(
                field: "BESTAND", "geen bestand met waarnemingen gevonden in \(arguments.joined(separator: ", "))")
        }
        if arguments.count == 1, pages.count > 1 {
            name = "\((arguments[0] as NSString).lastPathComponent) (\(pages.count) pagina's)"
        } else if pages.count > 1 {
            name = "\(pages.count) pagina's"
        } else {
            name = (first as NSString).lastPathComponent
        }
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
