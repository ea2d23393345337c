import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielWeb

/// `vliegwiel catalogus`: lists the arrangements.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogus",
        abstract: "Toont alle arrangementen: de referentievarianten en de eigen arrangementen.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"
    @Flag(name: .customLong("alle"), help: "Ook de eigen arrangementen (soort praktijk), zoals de Regio Deals.")
    var includesPractice = false

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let all = try await Installation.open(database).store.allArrangements()
            let shown = includesPractice ? all : all.filter { $0.kind == .reference }
            switch format {
            case .json: Terminal.write(try jsonText(shown.map(CatalogueEntry.init)))
            case .text:
                Terminal.write(CatalogueEntry.table(shown.map(CatalogueEntry.init)))
                if !includesPractice {
                    Terminal.write("Met --alle ook de \(all.count - shown.count) eigen arrangementen.\n")
                }
            }
        }
    }
}

/// One line of the catalogue listing; its JSON keys are the API's.
struct CatalogueEntry: Encodable {
    var id: String
    var naam: String
    var familie: String
    var soort: String
    var variant: String

    init(_ arrangement: Arrangement) {
        id = arrangement.id
        naam = arrangement.name
        familie = arrangement.family.code
        soort = arrangement.kind.code
        variant = arrangement.variantID
    }

    static func table(_ entries: [CatalogueEntry]) -> String {
        let rows = [["id", "naam", "familie", "soort"]] + entries.map { [$0.id, $0.naam, $0.familie, $0.soort] }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        return text + "\(entries.count) arrangementen\n"
    }
}

/// `vliegwiel toon ID`: one profile, element by element, with the source's wording.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toon", abstract: "Toont het profiel van één arrangement, met citaten en bronnen.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement, bijvoorbeeld regio-deal.", valueName: "ID"))
    var id: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let arrangement = try await Installation.open(database).arrangement(id)
            switch format {
            case .json: Terminal.write(try jsonText(arrangement))
            case .text: Terminal.write(ProfileText.render(arrangement))
            }
        }
    }
}

/// `vliegwiel exporteer`: writes all arrangements as one document.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporteer",
        abstract:
            "Schrijft alle arrangementen naar JSON of YAML, de portefeuille als IATI 2.03 (docs/iati.md), of een rekenblad (ODS, XLSX, CSV; docs/exports.md)."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(
        name: .customLong("formaat"),
        help:
            "json of yaml (de arrangementen), iati (de deals van de portefeuille als IATI 2.03-XML), of ods, xlsx of csv (een rekenblad, zie --rekenblad)."
    )
    var format = "json"
    @Option(
        name: .customLong("deal"),
        help: ArgumentHelp(
            "Met --formaat iati: alleen deze deal van de portefeuille. Met ods, xlsx of csv: het rekenblad van dit arrangement.",
            valueName: "ID"))
    var deal: String?
    @Option(
        name: .customLong("rekenblad"),
        help: ArgumentHelp(
            "Met --formaat ods, xlsx of csv: portefeuille (standaard zonder --deal), of met --deal: dossier (standaard), financiering of indicatoren.",
            valueName: "SOORT"))
    var sheet: String?
    @OptionGroup var iati: IATIOptions
    @Option(
        name: .customLong("uitvoer"),
        help: ArgumentHelp("Bestand om naar te schrijven (standaard: standaarduitvoer).", valueName: "BESTAND"))
    var output: String?
    @Option(
        name: .customLong("alles"),
        help: ArgumentHelp(
            "Schrijft de hele installatie (alle soorten gegevens, zonder auditlogboek en accounts) naar BESTAND.",
            valueName: "BESTAND"))
    var everything: String?

    func run() async throws {
        try await reportingFailures {
            if let everything { return try await InstallationExport.export(database, to: everything) }
            if format == "iati" { return try await exportIATI() }
            if let spreadsheet = SpreadsheetFormat(rawValue: format) { return try await exportSpreadsheet(spreadsheet) }
            if deal != nil { throw CommandFailure(field: "--deal", "hoort bij --formaat iati, ods, xlsx of csv") }
            if sheet != nil { throw CommandFailure(field: "--rekenblad", "hoort bij --formaat ods, xlsx of csv") }
            let format = try parseFormat(format, as: ArrangementFormat.self)
            let arrangements = try await Installation.open(database).store.allArrangements()
            try write(try format.encode(arrangements))
            if let output { Terminal.error("\(arrangements.count) arrangementen geschreven naar \(output)") }
        }
    }

    /// The portfolio, or one deal, as IATI 2.03; the deals IATI cannot take are named on
    /// standard error (for one deal: a failure).
    private func exportIATI() async throws {
        let reporter = try iati.reporter()
        let stores = try await Installation.open(database).stores
        let sources: [IATIActivitySource]
        if let deal {
            guard let source = try await IATISources.source(deal, stores) else {
                throw CommandFailure(field: "--deal", "'\(deal)' is geen deal van de portefeuille")
            }
            sources = [source]
        } else {
            sources = try await IATISources.all(stores)
        }
        let document = try await IATISources.export(reporter, stores: stores).document(sources)
        if deal != nil, let omission = document.omitted.first {
            throw CommandFailure(
                field: "--deal", "'\(omission.dealID)' kan geen geldige IATI-activiteit worden: \(omission.reason)")
        }
        try write(document.xml)
        for omission in document.omitted {
            Terminal.error("weggelaten: \(omission.dealID): \(omission.reason)")
        }
        if let output { Terminal.error("\(document.activityCount) IATI-activiteiten geschreven naar \(output)") }
    }

    /// The portfolio, or one arrangement's dossier, finance lines or indicators, as a spreadsheet
    /// file: the same workbook the site and the API give (``SpreadsheetSources``).
    private func exportSpreadsheet(_ format: SpreadsheetFormat) async throws {
        let kinds = ["portefeuille"] + ArrangementSpreadsheet.allCases.map(\.rawValue)
        let kind = sheet ?? (deal == nil ? "portefeuille" : ArrangementSpreadsheet.dossier.rawValue)
        guard kinds.contains(kind) else {
            throw CommandFailure(field: "--rekenblad", "'\(kind)' bestaat niet; kies \(kinds.joined(separator: ", "))")
        }
        if format != .csv, output == nil, isatty(FileHandle.standardOutput.fileDescriptor) != 0 {
            throw CommandFailure(
                field: "--uitvoer",
                "ontbreekt; een \(format.rawValue.uppercased())-bestand is geen tekst voor de terminal")
        }
        let stores = try await Installation.open(database).stores
        let day = today()
        let workbook: Workbook
        let name: String
        if let arrangementSheet = ArrangementSpreadsheet(rawValue: kind) {
            guard let deal else {
                throw CommandFailure(field: "--deal", "ontbreekt; het rekenblad \(kind) is van één arrangement")
            }
            guard let arrangement = try await stores.arrangements.arrangement(id: deal) else {
                throw CommandFailure(field: "--deal", "'\(deal)' is geen arrangement van deze installatie")
            }
            do {
                workbook = try await SpreadsheetSources.workbook(
                    arrangementSheet, of: arrangement, stores: stores, day: day)
            } catch let error as SpreadsheetSources.NotADeal {
                throw CommandFailure(field: "--deal", error.message)
            }
            name = "\(kind)-\(deal)"
        } else {
            if deal != nil {
                throw CommandFailure(field: "--rekenblad", "portefeuille gaat over alle deals; laat --deal weg")
            }
            workbook = try await SpreadsheetSources.portfolio(stores)
            name = "portefeuille"
        }
        let data = try format.data(workbook, on: day)
        try write(data)
        if let output {
            Terminal.error(
                "\(name): \(workbook.sheets.count == 1 || format == .csv ? "1 blad" : "\(workbook.sheets.count) bladen") geschreven naar \(output)"
            )
        }
    }

    private func write(_ text: String) throws { try write(Data(text.utf8)) }

    private func write(_ data: Data) throws {
        guard let output else { return FileHandle.standardOutput.write(data) }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure(field: "--uitvoer", "kan '\(output)' niet schrijven: \(error.localizedDescription)")
        }
    }
}

/// `vliegwiel importeer BESTAND`: reads arrangements, all or nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer",
        abstract: "Leest arrangementen uit een JSON- of YAML-bestand; bij één fout wordt niets opgeslagen.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Het bestand (.json, .yaml of .yml).", valueName: "BESTAND")) var file: String
    @Option(name: .customLong("auteur"), help: "Wie de wijziging doet; komt in de profielgeschiedenis.")
    var author = "vliegwiel"
    @Option(
        name: .customLong("reden"),
        help: "Waarom; komt in de profielgeschiedenis (standaard: 'geïmporteerd uit BESTAND').")
    var reason: String?
    @Flag(
        name: .customLong("alles"),
        help: "BESTAND is een hele installatie (van 'exporteer --alles'); alleen in een lege database.")
    var everything = false

    func run() async throws {
        try await reportingFailures(actor: author) {
            if everything || InstallationExport.isInstallationFile(file) {
                return try await InstallationExport.importInstallation(database, from: file)
            }
            let name = (file as NSString).lastPathComponent
            let arrangements = try ArrangementFile.read(file)
            let installation = try await Installation.open(database, creating: true)
            let author = author.trimmingCharacters(in: .whitespaces)
            let reason = (reason ?? "geïmporteerd uit \(name)").trimmingCharacters(in: .whitespaces)
            if author.isEmpty { throw CommandFailure(field: "--auteur", "ontbreekt; wie wijzigde?") }
            if reason.isEmpty { throw CommandFailure(field: "--reden", "ontbreekt; waarom?") }
            let plan = try await installation.store.importArrangements(
                arrangements, shippedReferences: installation.catalogue, author: author, reason: reason)
            guard plan.isAccepted else {
                throw ValidationFailure(
                    issues: plan.issues.map { issue in
                        var issue = issue
                        issue.source = name
                        return issue
                    })
            }
            Terminal.write(
                "\(name): \(plan.created.count) nieuw, \(plan.updated.count) bijgewerkt, \(plan.unchanged.count) ongewijzigd\n"
            )
        }
    }
}

/// `vliegwiel codeerverantwoording`: the coding account of the shipped reference catalogue, as
/// Markdown — every coded value with its status, passage and reasoning (docs/codeerverantwoording.md).
struct CodingAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codeerverantwoording",
        abstract: "Toont per gecodeerde waarde van de referentiecatalogus de status, de passage en de redenering.",
        discussion: """
            Schrijft Markdown naar de standaarduitvoer; docs/codeerverantwoording.md is deze uitvoer. \
            Ontbreekt bij een waarde de status of de toelichting die een interpretatie of algemene uitspraak \
            verklaart, dan noemt het commando elke plek en eindigt het met code 1.
            """)

    func run() async throws {
        try await reportingFailures {
            let catalogue = try BundledCatalogue.arrangements().filter { $0.kind == .reference }
            let problems = catalogue.flatMap(CodingAccount.problems)
            guard problems.isEmpty else { throw CommandFailure(lines: problems.map(\.description)) }
            Terminal.write(CodingAccount.markdown(catalogue))
        }
    }
}
