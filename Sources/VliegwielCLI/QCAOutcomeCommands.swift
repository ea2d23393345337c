import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielStorage

/// `vliegwiel uitkomst`: the outcomes recorded per arrangement for QCA, each with its source.
struct OutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uitkomst",
        abstract: "Legt per arrangement een uitkomst voor QCA vast (met bron) en toont de vastgelegde uitkomsten.",
        subcommands: [SetOutcomeCommand.self, ListOutcomesCommand.self])
}

/// `vliegwiel uitkomst zet ID NAAM WAARDE --bron TEKST`
struct SetOutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zet",
        abstract:
            "Legt de uitkomst NAAM van arrangement ID vast: 0 of 1 (crisp) of een score van 0 tot en met 1 (fuzzy).",
        discussion: "Een eerder vastgelegde waarde met dezelfde naam wordt vervangen.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Argument(help: ArgumentHelp("De naam van de uitkomst, bijvoorbeeld VOORTGEZET.", valueName: "NAAM")) var name:
        String
    @Argument(help: ArgumentHelp("0, 1 of een score daartussen (0,75 of 0.75).", valueName: "WAARDE")) var value: String
    @Option(
        name: .customLong("bron"),
        help: ArgumentHelp("Waar de waarde vandaan komt (verplicht): evaluatie, rapport, gesprek.", valueName: "TEKST"))
    var source: String?

    func run() async throws {
        try await reportingFailures {
            let number = Double(value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
            var problems: [String] = []
            if number == nil {
                problems.append(
                    "waarde: '\(value)' is geen getal; geef 0, 1 of een score daartussen, bijvoorbeeld 0,75")
            }
            do throws(ValidationFailure) {
                _ = try QCARecordedOutcome(arrangementID: id, name: name, value: number ?? 0, source: source ?? "")
            } catch {
                problems += error.issues.map { issue in
                    issue.field == "bron" ? "--bron: \(issue.message)" : "\(issue.field): \(issue.message)"
                }
            }
            guard problems.isEmpty, let number else { throw CommandFailure(lines: problems) }
            let installation = try await Installation.open(database)
            let arrangement = try await installation.arrangement(id)
            let outcome = try QCARecordedOutcome(arrangementID: id, name: name, value: number, source: source ?? "")
            try await installation.stores.qcaOutcomes.record(outcome)
            Terminal.write(
                "Uitkomst \(name) = \(QCACommandReport.shortNumber(number)) vastgelegd voor \(arrangement.name) (\(id)); "
                    + "bron: \(outcome.source)\n")
        }
    }
}

/// `vliegwiel uitkomst lijst [NAAM]`
struct ListOutcomesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lijst", abstract: "Toont de vastgelegde uitkomsten, alle of die met de naam NAAM.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Alleen deze uitkomst.", valueName: "NAAM")) var name: String?
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    struct Entry: Encodable {
        var arrangement: String
        var uitkomst: String
        var waarde: Double
        var bron: String
        var vastgelegdOp: String
    }

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let outcomes = try await installation.stores.qcaOutcomes.outcomes(named: name)
            let stamp = ISO8601DateFormatter()
            let entries = outcomes.map {
                Entry(
                    arrangement: $0.arrangementID, uitkomst: $0.name, waarde: $0.value, bron: $0.source,
                    vastgelegdOp: stamp.string(from: $0.recordedAt))
            }
            switch format {
            case .json: Terminal.write(try jsonText(entries))
            case .text:
                guard !entries.isEmpty else {
                    Terminal.write(
                        name.map { "Geen uitkomst \($0) vastgelegd.\n" } ?? "Nog geen uitkomsten vastgelegd.\n")
                    return
                }
                let width = max(11, entries.map(\.arrangement.count).max() ?? 0)
                var lines = [
                    "uitkomst".padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                        + "arrangement".padding(toLength: width, withPad: " ", startingAt: 0) + "  waarde  bron"
                ]
                for entry in entries {
                    let value = QCACommandReport.shortNumber(entry.waarde)
                    lines.append(
                        entry.uitkomst.padding(toLength: max(12, entry.uitkomst.count), withPad: " ", startingAt: 0)
                            + " " + entry.arrangement.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                            + value.padding(toLength: 6, withPad: " ", startingAt: 0) + "  " + entry.bron)
                }
                Terminal.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}
