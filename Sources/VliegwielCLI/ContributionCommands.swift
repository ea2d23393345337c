import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel bijdragegraaf`: the contribution graph of an arrangement, its analysis, the
/// difference between two versions, and the import of a new version (issue 6 items 1-2).
struct ContributionGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bijdragegraaf",
        abstract:
            "Toont de bijdragegraaf (veranderingstheorie) van een arrangement met de analyse, of leest een nieuwe versie in.",
        subcommands: [ShowContributionGraphCommand.self, ImportContributionGraphCommand.self],
        defaultSubcommand: ShowContributionGraphCommand.self)
}

/// `vliegwiel bijdragegraaf [toon] ID [--versie N] [--verschil A B] [--formaat tekst|json]`
struct ShowContributionGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toon",
        abstract:
            "Toont een versie van de bijdragegraaf met de analyse, of met --verschil wat er tussen twee versies veranderde.",
        discussion: """
            De analyse noemt per interventie de uitkomsten die ze kan bereiken en langs welke paden, \
            met de zwakste schakel op elk pad; de uitkomsten die geen interventie bereikt; de interventies \
            zonder uitkomst; en de uitkomsten die ook van interventies van derden of contextfactoren afhangen. \
            Geen percentages: een uitkomst wordt nooit over de interventies verdeeld (docs/bijdrage.md).
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("versie"), help: ArgumentHelp("Deze versie in plaats van de nieuwste.", valueName: "N"))
    var version: Int?
    @Option(
        name: .customLong("verschil"), parsing: .upToNextOption,
        help: ArgumentHelp("Toont wat er veranderde van versie A naar versie B.", valueName: "A B"))
    var difference: [Int] = []
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            if !difference.isEmpty, difference.count != 2 {
                throw CommandFailure(field: "--verschil", "verwacht twee versienummers, bijvoorbeeld --verschil 1 2")
            }
            if !difference.isEmpty, version != nil {
                throw CommandFailure(field: "--versie", "gaat niet samen met --verschil")
            }
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let history = try await installation.stores.contributions.history(of: id)
            guard !history.versions.isEmpty else {
                throw CommandFailure(
                    field: "id",
                    "'\(id)' heeft nog geen bijdragegraaf; lees er een in met 'vliegwiel bijdragegraaf importeer \(id) BESTAND'"
                )
            }
            if difference.count == 2 {
                for number in difference where history.version(number) == nil {
                    throw CommandFailure(
                        field: "--verschil", "versie \(number) bestaat niet; \(ContributionText.versions(history))")
                }
                let diff = history.diff(from: difference[0], to: difference[1])!
                switch format {
                case .json: Terminal.write(try jsonText(diff))
                case .text: Terminal.write(ContributionText.diff(diff, history: history, name: arrangement.name))
                }
                return
            }
            guard let document = ContributionGraphDocument(history, version: version) else {
                throw CommandFailure(
                    field: "--versie", "versie \(version ?? 0) bestaat niet; \(ContributionText.versions(history))")
            }
            switch format {
            case .json: Terminal.write(try jsonText(document))
            case .text: Terminal.write(ContributionText.graph(document, name: arrangement.name))
            }
        }
    }
}

/// `vliegwiel bijdragegraaf importeer ID BESTAND --auteur NAAM --reden TEKST [--datum JJJJ-MM-DD]`
struct ImportContributionGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer",
        abstract:
            "Leest een nieuwe versie van de bijdragegraaf uit een JSON- of YAML-bestand; bij één fout wordt niets opgeslagen.",
        discussion: "Het bestand heeft de vorm van docs/bijdrage.md: arrangement, knopen, schakels en fictief.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Het bestand (.json, .yaml of .yml).", valueName: "BESTAND")) var file: String
    @Option(name: .customLong("auteur"), help: ArgumentHelp("Wie de graaf wijzigde (verplicht).", valueName: "NAAM"))
    var author: String?
    @Option(name: .customLong("reden"), help: ArgumentHelp("Waarom (verplicht).", valueName: "TEKST"))
    var reason: String?
    @Option(
        name: .customLong("datum"),
        help: ArgumentHelp("De datum van de versie (standaard: vandaag).", valueName: "JJJJ-MM-DD"))
    var date: String?

    /// The core's codes decode through `RawRepresentable`, whose message is English: an
    /// unknown code becomes `onbekende waarde 'x'; toegestaan: …` with the allowed codes.
    static func dutch(_ issue: ValidationIssue) -> ValidationIssue {
        let marker = "from invalid String value "
        guard let range = issue.message.range(of: marker) else { return issue }
        let value = String(issue.message[range.upperBound...])
        let allowed: String? =
            switch issue.field.split(separator: ".").last.map({ String($0.split(separator: "[")[0]) }) {
            case "soort": ContributionNodeKind.allowedCodes
            case "bewijskracht": EvidenceStrength.allowedCodes
            case "thema": WellbeingTheme.allowedCodes
            default: nil
            }
        var issue = issue
        issue.message = "onbekende waarde '\(value)'" + (allowed.map { "; toegestaan: \($0)" } ?? "")
        return issue
    }

    func run() async throws {
        try await reportingFailures(actor: author) {
            let day = try date.map { try parseDate($0, option: "--datum") } ?? today()
            let name = (file as NSString).lastPathComponent
            let text = try readInputFile(file)
            let format =
                ArrangementFormat(fileName: file) ?? (text.drop(while: \.isWhitespace).first == "{" ? .json : .yaml)
            let (graph, decodingIssues): (ContributionGraph, [ValidationIssue])
            do {
                (graph, decodingIssues) = try format.decodeValue(ContributionGraph.self, from: text, source: name)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(issues: failure.issues.map(Self.dutch))
            }
            if !decodingIssues.isEmpty {
                throw ValidationFailure(
                    issues: decodingIssues.map { issue in
                        var issue = issue
                        issue.source = name
                        return issue
                    })
            }
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let store = installation.stores.contributions
            let version: ContributionGraphVersion
            do {
                version = try await store.append(graph, to: id, on: day, author: author ?? "", reason: reason ?? "")
            } catch let failure as ValidationFailure {
                throw CommandFailure(
                    lines: failure.issues.map { issue in
                        switch issue.field {
                        case "auteur", "reden", "datum": return "--\(issue.field): \(issue.message)"
                        default:
                            var issue = issue
                            issue.source = name
                            issue.arrangementID = nil
                            return issue.description
                        }
                    })
            }
            let analysis = ContributionAnalysis(version.graph)
            Terminal.write(
                "Versie \(version.number) van de bijdragegraaf van \(arrangement.name) (\(id)) vastgelegd: "
                    + "\(version.graph.nodes.count) knopen, \(version.graph.links.count) schakels, "
                    + "\(analysis.unreachedOutcomes.count) uitkomsten zonder interventie, "
                    + "\(analysis.deadEndInterventions.count) interventies zonder uitkomst\n")
        }
    }
}

/// `vliegwiel bijdrageverhaal ID [UITKOMST]`: the contribution stories after Mayne.
struct ContributionStoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bijdrageverhaal",
        abstract:
            "Vertelt per uitkomst het bijdrageverhaal (Mayne): claim, theorie, bewijs per schakel, rivalen, wat nog nodig is."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Alleen het verhaal van deze uitkomst (een knoop-id).", valueName: "UITKOMST"))
    var outcome: String?
    @Option(name: .customLong("versie"), help: ArgumentHelp("Deze versie in plaats van de nieuwste.", valueName: "N"))
    var version: Int?
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            _ = try await installation.arrangement(id)
            let history = try await installation.stores.contributions.history(of: id)
            guard !history.versions.isEmpty else {
                throw CommandFailure(
                    field: "id",
                    "'\(id)' heeft nog geen bijdragegraaf; lees er een in met 'vliegwiel bijdragegraaf importeer \(id) BESTAND'"
                )
            }
            guard let document = ContributionGraphDocument(history, version: version) else {
                throw CommandFailure(
                    field: "--versie", "versie \(version ?? 0) bestaat niet; \(ContributionText.versions(history))")
            }
            let analysis = document.analysis
            let stories: [ContributionStory]
            if let outcome {
                guard let story = analysis.story(for: outcome) else {
                    let outcomes = document.version.graph.nodes.filter { $0.kind == .outcome }.map(\.id)
                    throw CommandFailure(
                        field: "UITKOMST",
                        "'\(outcome)' is geen uitkomst van de graaf; uitkomsten: \(outcomes.isEmpty ? "(geen)" : outcomes.joined(separator: ", "))"
                    )
                }
                stories = [story]
            } else {
                stories = analysis.stories
            }
            switch format {
            case .json: Terminal.write(try jsonText(stories))
            case .text:
                guard !stories.isEmpty else {
                    Terminal.write("De graaf heeft nog geen uitkomsten, dus nog geen bijdrageverhaal.\n")
                    return
                }
                Terminal.write(stories.map { $0.text + "\n" }.joined(separator: "\n"))
            }
        }
    }
}
