import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange

/// `vliegwiel vergelijk ID ID [ID…]`.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vergelijk",
        abstract:
            "Zet arrangementen naast elkaar, per element en dimensie, met de variatie en de dichtstbijzijnde referenties."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Twee of meer ids.", valueName: "ID")) var ids: [String] = []
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            var arrangements: [Arrangement] = []
            var problems: [String] = []
            for id in ids {
                do { arrangements.append(try await installation.arrangement(id)) } catch let failure as CommandFailure {
                    problems += failure.lines
                }
            }
            if !problems.isEmpty { throw CommandFailure(lines: problems) }
            let report = try ComparisonReport(arrangements, references: installation.catalogue)
            switch format {
            case .json: Terminal.write(try jsonText(report))
            case .text: Terminal.write(AnalysisText.comparison(report))
            }
        }
    }
}

/// `vliegwiel advies ID|BESTAND`.
struct AdviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advies",
        abstract:
            "Toont de voorspelbare gevolgen, het sturingsperspectief, de temporele cel en een passend evaluatieontwerp.",
        discussion:
            "Geef de id van een opgeslagen arrangement, of een JSON- of YAML-bestand met een nog niet opgeslagen ontwerp."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Een id of een bestand.", valueName: "ID|BESTAND")) var subject: String
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            let installation = try await Installation.open(database)
            let arrangements: [Arrangement]
            if FileManager.default.fileExists(atPath: subject) {
                arrangements = try ArrangementFile.read(subject)
            } else {
                arrangements = [try await installation.arrangement(subject, field: "ID|BESTAND")]
            }
            let reports = arrangements.map { AdviceReport(arrangement: $0, advice: Advice($0.profile)) }
            switch format {
            case .json:
                Terminal.write(try jsonText(reports.count == 1 ? AnyEncodable(reports[0]) : AnyEncodable(reports)))
            case .text: Terminal.write(reports.map(AnalysisText.advice).joined(separator: "\n"))
            }
        }
    }
}

/// `vliegwiel wat-als ID --zet DIMENSIE=WAARDE`.
struct WhatIfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wat-als", abstract: "Verandert ontwerpkeuzes van een arrangement en toont wat er dan verandert.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De id van het arrangement.", valueName: "ID")) var id: String
    @Option(
        name: .customLong("zet"),
        help: ArgumentHelp(
            "Een ontwerpkeuze, bijvoorbeeld resultaatgericht.doel=streefwaarden of rolRijk=bovengeschikt,nevengeschikt.",
            valueName: "DIMENSIE=WAARDE"))
    var changes: [String] = []
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    func run() async throws {
        try await reportingFailures {
            let format = try parseFormat(format, as: OutputFormat.self)
            guard !changes.isEmpty else {
                throw CommandFailure(field: "--zet", "geef ten minste één ontwerpkeuze als DIMENSIE=WAARDE")
            }
            var parsed: [DimensionChange] = []
            var issues: [ValidationIssue] = []
            for change in changes {
                do { parsed.append(try DimensionChange.parse(change)) } catch let error as ValidationFailure {
                    issues += error.issues
                }
            }
            if !issues.isEmpty { throw ValidationFailure(issues: issues) }
            let arrangement = try await Installation.open(database).arrangement(id)
            let whatIf = try WhatIf(arrangement, changes: parsed)
            switch format {
            case .json: Terminal.write(try jsonText(whatIf))
            case .text: Terminal.write(AnalysisText.whatIf(whatIf, name: arrangement.name))
            }
        }
    }
}

/// The JSON of `vliegwiel advies`: the arrangement's id and name with the advice.
struct AdviceReport: Encodable {
    var arrangement: Arrangement
    var advice: Advice

    enum CodingKeys: String, CodingKey {
        case id
        case name = "naam"
        case advice = "advies"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arrangement.id, forKey: .id)
        try container.encode(arrangement.name, forKey: .name)
        try container.encode(advice, forKey: .advice)
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// Reads an arrangements file for the verbs that take one.
enum ArrangementFile {
    static func read(_ path: String) throws -> [Arrangement] {
        let text = try readInputFile(path)
        let format =
            ArrangementFormat(fileName: path) ?? (text.drop(while: \.isWhitespace).first == "{" ? .json : .yaml)
        return try format.decode(text, source: (path as NSString).lastPathComponent)
    }
}
