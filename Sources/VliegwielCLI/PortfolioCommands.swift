import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel portefeuille`: the Regio Deals per tranche, with the Rijk's totals.
struct PortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portefeuille",
        abstract: "Toont de Regio Deals per tranche met de Rijksbijdrage; onbekende bedragen heten 'onbekend'.",
        discussion: "Het fictieve voorbeeld telt niet mee in de totalen; toon het met --met-voorbeeld.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("tranche"), help: ArgumentHelp("Alleen deze tranche (1 tot en met 6).", valueName: "N"))
    var tranche: Int?
    @Option(
        name: .customLong("bedrag"), help: "bekend of onbekend: alleen deals waarvan de Rijksbijdrage (on)bekend is.")
    var amount: String?
    @Option(
        name: .customLong("naam"), help: ArgumentHelp("Alleen deals waarvan de naam dit bevat.", valueName: "TEKST"))
    var name: String?
    @Option(name: .customLong("sorteer"), help: "naam, tranche of bedrag (grootste eerst, onbekend achteraan).")
    var sortOrder = "tranche"
    @Flag(name: .customLong("met-voorbeeld"), help: "Toon ook het fictieve voorbeeld (en tel het mee).")
    var includesFictional = false
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            if let tranche, !PortfolioDeal.tranches.contains(tranche) {
                throw CommandFailure(field: "--tranche", "\(tranche) bestaat niet; toegestaan: 1 tot en met 6")
            }
            let query = PortfolioQuery(
                tranche: tranche,
                amount: try amount.map { try parseVocabulary($0, "--bedrag", as: PortfolioQuery.AmountFilter.self) },
                nameContains: name,
                sortOrder: try parseVocabulary(sortOrder, "--sorteer", as: PortfolioQuery.SortOrder.self),
                includesFictional: includesFictional)
            let deals = try await Installation.open(database).portfolio.portfolio()
            let summary = PortfolioSummary(deals: deals, query: query)
            switch format {
            case .json: Terminal.write(try jsonText(summary))
            case .text:
                Terminal.write(
                    PortfolioText.render(summary, demo: includesFictional ? nil : deals.first(where: \.isFictional)))
            }
        }
    }
}

/// `vliegwiel toets ID`: the findings of the instrument's rules for one deal.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toets",
        abstract: "Toetst een deal aan de regels van het instrument Regio Deals: bevindingen met cijfers en bronnen.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal, bijvoorbeeld regio-deal-3-zwolle.", valueName: "ID")) var id:
        String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let record = try await Installation.open(database).dealRecord(id)
            let report = RuleCheck.check(record, against: try BundledPortfolio.rules())
            switch format {
            case .json: Terminal.write(try jsonText(report))
            case .text: Terminal.write(PortfolioText.render(report, name: record.deal.name))
            }
        }
    }
}

/// `vliegwiel partners ID`: who takes part on a day, who joined and left, and a suggestion
/// for the profile's `samenstelling`.
struct PartnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract:
            "Toont de partners van een deal op een datum, de toe- en uittredingen en een voorstel voor de samenstelling."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal.", valueName: "ID")) var id: String
    @Option(name: .customLong("op"), help: ArgumentHelp("De datum (standaard: vandaag).", valueName: "DATUM"))
    var date: String?
    @Option(
        name: .customLong("sinds"),
        help: ArgumentHelp(
            "Begin van de wijzigingen (standaard: het sluiten van de deal of de eerste toetreding).", valueName: "DATUM"
        ))
    var since: String?
    @Flag(
        name: .customLong("accepteer-samenstelling"),
        help: "Neem het voorstel voor samenwerkend.samenstelling over in het profiel van de deal.")
    var accept = false
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let on = try date.map { try parseDate($0, option: "--op") } ?? today()
            let installation = try await Installation.open(database)
            let record = try await installation.dealRecord(id)
            let start = try since.map { try parseDate($0, option: "--sinds") } ?? record.startDate
            if let start, start > on {
                throw CommandFailure(field: "--sinds", "\(start.iso) ligt na \(on.iso)")
            }
            let view = PartnerView(record: record, on: on, since: start)
            if accept {
                guard let suggestion = view.voorstel else {
                    throw CommandFailure(
                        field: "--accepteer-samenstelling", "er is geen voorstel: de deal heeft geen partners")
                }
                var arrangement = try await installation.arrangement(id)
                arrangement.profile = arrangement.profile.accepting(suggestion)
                try await installation.store.save([arrangement])
            }
            switch format {
            case .json: Terminal.write(try jsonText(view))
            case .text:
                Terminal.write(PortfolioText.render(view, name: record.deal.name))
                if accept {
                    Terminal.write(
                        "Overgenomen in het profiel: samenwerkend.samenstelling = \(view.voorstel!.waarde)\n")
                }
            }
        }
    }
}

/// The partners of a deal as `vliegwiel partners` shows them (JSON keys are the API's).
struct PartnerView: Encodable {
    var arrangement: String
    var samenstelling: PartnerComposition
    var wijzigingen: CompositionChanges?
    var voorstel: CompositionSuggestion?

    init(record: DealRecord, on date: CalendarDate, since start: CalendarDate?) {
        arrangement = record.deal.id
        samenstelling = PartnerComposition(partners: record.partners, on: date)
        wijzigingen = start.map { CompositionChanges(partners: record.partners, from: $0, to: date) }
        voorstel = start.flatMap {
            CompositionSuggestion(dealID: record.deal.id, partners: record.partners, from: $0, to: date)
        }
    }

    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case arrangement, samenstelling, wijzigingen, voorstel }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(arrangement, forKey: .arrangement)
        try container.encode(samenstelling, forKey: .samenstelling)
        try container.encode(wijzigingen, forKey: .wijzigingen)
        try container.encode(voorstel, forKey: .voorstel)
    }
}

/// `vliegwiel financiering ID`: commitments and realisations with the Rijk's and the region's share.
struct FinanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "financiering",
        abstract: "Toont toezeggingen en realisaties van een deal: Rijk en regio, per partner, programmalijn en jaar.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal.", valueName: "ID")) var id: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let record = try await Installation.open(database).dealRecord(id)
            let summary = FinanceSummary(record)
            switch format {
            case .json: Terminal.write(try jsonText(summary))
            case .text: Terminal.write(PortfolioText.render(summary, name: record.deal.name))
            }
        }
    }
}

/// The three CSV imports share everything but the kind of file.
protocol PortfolioImport: AsyncParsableCommand {
    static var kind: PortfolioCSV.Kind { get }
    var database: DatabaseOptions { get }
    var id: String { get }
    var file: String { get }
}

extension PortfolioImport {
    static func importConfiguration(_ name: String, _ what: String) -> CommandConfiguration {
        CommandConfiguration(
            commandName: name,
            abstract: "Leest \(what) van een deal uit een CSV-bestand (UTF-8); bij één fout wordt niets opgeslagen.",
            discussion:
                "De kolommen staan in docs/portefeuille.md. Rijen met een bestaande id vervangen die; nieuwe worden toegevoegd."
        )
    }

    func run() async throws {
        try await reportingFailures {
            let name = (file as NSString).lastPathComponent
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(field: name, "kan het bestand '\(file)' niet lezen")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CommandFailure(field: name, "geen geldige UTF-8; sla het bestand op als CSV UTF-8")
            }
            let installation = try await Installation.open(database)
            let record = try await installation.dealRecord(id)
            let changes = try PortfolioCSV.changes(Self.kind, csv: text, source: name, record: record)
            do {
                try await installation.portfolio.apply(changes, to: id)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(
                    issues: failure.issues.map { issue in
                        var issue = issue
                        issue.source = name
                        return issue
                    })
            }
            let counts = changes.map { change -> String in
                switch change {
                case .upsertPartners(let items): "\(items.count) partners"
                case .upsertFinanceLines(let items): "\(items.count) financieringsregels"
                case .upsertProgrammeLines(let items): "\(items.count) nieuwe programmalijnen"
                case .upsertProjects(let items): "\(items.count) projecten"
                default: ""
                }
            }
            Terminal.write("\(name): \(counts.joined(separator: ", ")) opgeslagen bij \(id)\n")
        }
    }
}

struct ImportPartnersCommand: PortfolioImport {
    static let kind = PortfolioCSV.Kind.partners
    static let configuration = importConfiguration("importeer-partners", "partners")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Het CSV-bestand.", valueName: "BESTAND")) var file: String
}

struct ImportFinanceCommand: PortfolioImport {
    static let kind = PortfolioCSV.Kind.finance
    static let configuration = importConfiguration("importeer-financiering", "toezeggingen en realisaties")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Het CSV-bestand.", valueName: "BESTAND")) var file: String
}

struct ImportProjectsCommand: PortfolioImport {
    static let kind = PortfolioCSV.Kind.projects
    static let configuration = importConfiguration("importeer-projecten", "projecten (en nieuwe programmalijnen)")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van de deal.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Het CSV-bestand.", valueName: "BESTAND")) var file: String
}

/// Parses a code of a vocabulary given to `option`, naming the allowed codes when unknown.
func parseVocabulary<V: Vocabulary>(_ raw: String, _ option: String, as type: V.Type) throws -> V {
    guard let value = V(code: raw) else {
        throw CommandFailure(field: option, "onbekende waarde '\(raw)'; toegestaan: \(V.allowedCodes)")
    }
    return value
}
