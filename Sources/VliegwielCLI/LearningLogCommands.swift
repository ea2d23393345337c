import ArgumentParser
import Foundation
import Logging
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel leerlog`: the learning log of an arrangement — lesson → decision → change —,
/// why something changed, and the import of new entries (issue 6 item 4; docs/leerlog.md).
struct LearningLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leerlog",
        abstract: "Toont het leerlog van een arrangement (les → besluit → wijziging) of leest nieuwe regels in.",
        subcommands: [ShowLearningLogCommand.self, ImportLearningLogCommand.self, LearningLogWhyCommand.self],
        defaultSubcommand: ShowLearningLogCommand.self)
}

/// `vliegwiel leerlog [toon] ID [--formaat tekst|json]`
struct ShowLearningLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toon",
        abstract: "Toont elke keten: de lessen, het besluit dat eruit volgt en de wijzigingen die het uitvoeren.",
        discussion: """
            Lessen waaruit (nog) geen besluit volgt, staan apart. Met --formaat json: de regels, de ketens \
            en de lessen zonder besluit, met de ids, zodat een programma de verwijzingen beide kanten op volgt.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let log = try await installation.stores.learningLog.log(of: id)
            switch format {
            case .json: Terminal.write(try jsonText(LearningLogDocument(log)))
            case .text: Terminal.write(LearningLogText.log(log, name: arrangement.name))
            }
        }
    }
}

/// `vliegwiel leerlog waarom ID (--profielversie N | --bijdragegraafversie N | --indicator ID)`
struct LearningLogWhyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waarom",
        abstract: "Zegt waarom iets veranderde: de wijziging, het besluit en de lessen die ertoe leidden.",
        discussion: "Noem precies één van --profielversie, --bijdragegraafversie en --indicator.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("profielversie"), help: ArgumentHelp("Een versie van het profiel.", valueName: "N"))
    var profileVersion: Int?
    @Option(
        name: .customLong("bijdragegraafversie"), help: ArgumentHelp("Een versie van de bijdragegraaf.", valueName: "N")
    )
    var graphVersion: Int?
    @Option(name: .customLong("indicator"), help: ArgumentHelp("Een indicator.", valueName: "ID"))
    var indicator: String?

    func run() async throws {
        try await reportingFailures {
            let targets: [LearningChangeTarget] = [
                profileVersion.map { .profileVersion($0) }, graphVersion.map { .graphVersion($0) },
                indicator.map { .indicator($0) },
            ].compactMap { $0 }
            guard targets.count == 1, let target = targets.first else {
                throw CommandFailure(
                    field: "--profielversie",
                    "noem precies één van --profielversie N, --bijdragegraafversie N of --indicator ID")
            }
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let log = try await installation.stores.learningLog.log(of: id)
            Terminal.write(LearningLogText.why(target, traces: log.traces(to: target), name: arrangement.name))
        }
    }
}

/// `vliegwiel leerlog importeer ID BESTAND`
struct ImportLearningLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer",
        abstract: "Voegt lessen, besluiten en wijzigingen uit een JSON- of YAML-bestand toe; bij één fout niets.",
        discussion: """
            Het bestand heeft de vorm van docs/leerlog.md: lessen, besluiten en wijzigingen. Een regel zonder \
            id krijgt er een uit zijn tekst. Verwijzingen naar lessen en besluiten mogen naar het bestand \
            of naar het opgeslagen leerlog wijzen; profielversies en bijdragegraafversies moeten bestaan.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("Het bestand (.json, .yaml of .yml).", valueName: "BESTAND")) var file: String

    func run() async throws {
        try await reportingFailures {
            let name = (file as NSString).lastPathComponent
            let text = try readInputFile(file)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let store = installation.stores.learningLog
            let log = try await store.log(of: id)
            let entries = try LearningLogFormat.entries(
                from: text, format: ArrangementFormat(fileName: file), source: name, adding: log,
                context: try await store.context(of: id))
            guard !entries.isEmpty else {
                throw CommandFailure(field: "BESTAND", "'\(name)' bevat geen lessen, besluiten of wijzigingen")
            }
            do {
                try await store.append(entries, to: id)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(
                    issues: failure.issues.map { issue in
                        var issue = issue
                        issue.source = name
                        return issue
                    })
            }
            Terminal.write(LearningLogText.added(entries, name: arrangement.name, id: id))
        }
    }
}
