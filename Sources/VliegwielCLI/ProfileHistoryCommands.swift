import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielStorage

/// `vliegwiel profielversies ID [--formaat tekst|json]`: every version of an arrangement's
/// profile with its date, author and reason (issue 6 item 5).
struct ProfileVersionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profielversies",
        abstract: "Toont de versies van het profiel van een arrangement: nummer, datum, auteur en reden.",
        discussion: """
            Elke opslag die het arrangement wijzigt (ook 'vliegwiel importeer') legt een versie vast. \
            Vergelijk twee versies met 'vliegwiel drift ID --van A --tot B'.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    /// One version as the listing shows it, without the arrangement itself.
    struct Entry: Encodable {
        var versie: Int
        var datum: String
        var auteur: String
        var reden: String

        init(_ version: ArrangementVersion) {
            versie = version.number
            datum = version.isoDate
            auteur = version.author
            reden = version.reason
        }
    }

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let versions = try await installation.store.versions(of: id)
            switch format {
            case .json: Terminal.write(try jsonText(versions.map(Entry.init)))
            case .text: Terminal.write(ProfileHistoryText.versions(versions, of: arrangement))
            }
        }
    }
}

/// `vliegwiel drift ID --van A --tot B [--formaat tekst|json]`: how the profile changed
/// between two versions, compared as two arrangements.
struct ProfileDriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Toont hoe het profiel van een arrangement veranderde tussen twee versies.",
        discussion: """
            De twee versies worden vergeleken als twee arrangementen ('vliegwiel vergelijk'): de dimensies \
            die veranderden en de variatie per element. Zie de versies met 'vliegwiel profielversies ID'.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(name: .customLong("van"), help: ArgumentHelp("De oudere versie.", valueName: "A")) var from: Int
    @Option(name: .customLong("tot"), help: ArgumentHelp("De nieuwere versie.", valueName: "B")) var to: Int
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let versions = try await installation.store.versions(of: id)
            let known = "versies: " + versions.map { String($0.number) }.joined(separator: ", ")
            var lines: [String] = []
            for (option, number) in [("--van", from), ("--tot", to)]
            where !versions.contains(where: { $0.number == number }) {
                lines.append("\(option): versie \(number) bestaat niet; \(known)")
            }
            if !lines.isEmpty { throw CommandFailure(lines: lines) }
            let old = versions.first { $0.number == from }!
            let new = versions.first { $0.number == to }!
            let drift: ProfileDrift
            do {
                drift = try ProfileDrift(from: old, to: new)
            } catch let failure as ValidationFailure {
                throw CommandFailure(lines: failure.issues.map { "--\($0.field): \($0.message)" })
            }
            switch format {
            case .json: Terminal.write(try jsonText(drift))
            case .text: Terminal.write(ProfileHistoryText.drift(drift, from: old, to: new, of: arrangement))
            }
        }
    }
}

/// The text output of the profile history verbs.
enum ProfileHistoryText {
    static func line(_ version: ArrangementVersion) -> String { version.line }

    static func versions(_ versions: [ArrangementVersion], of arrangement: Arrangement) -> String {
        var text = "Profielversies van \(arrangement.name) (\(arrangement.id))\n"
        for version in versions { text += "  \(line(version))\n" }
        text += versions.count == 1 ? "1 versie\n" : "\(versions.count) versies\n"
        return text
    }

    static func drift(
        _ drift: ProfileDrift, from old: ArrangementVersion, to new: ArrangementVersion, of arrangement: Arrangement
    ) -> String {
        var text = "Drift van het profiel van \(arrangement.name) (\(arrangement.id))\n"
        text += "  van: \(line(old))\n  tot: \(line(new))\n"
        text += "\nGEWIJZIGDE DIMENSIES\n"
        if drift.isEmpty { text += "  geen: het profiel is in beide versies gelijk\n" }
        for line in drift.summary { text += "  \(line)\n" }
        text += "\nVARIATIE PER ELEMENT (som van de verschillen per dimensie, 0–1 per dimensie; §1.4)\n"
        for variation in drift.elements {
            text +=
                "  \(variation.element.label): \(AnalysisText.number(variation.variation)) "
                + "(\(variation.differingCount) van \(variation.comparableCount) vergelijkbare dimensies verschillen)"
                + " · cumulatief \(AnalysisText.number(variation.cumulativeVariation))\n"
        }
        return text
    }
}
