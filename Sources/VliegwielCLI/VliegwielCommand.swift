import ArgumentParser
import Foundation
import VliegwielCore

/// The root command: `vliegwiel <werkwoord>`.
public struct VliegwielCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vliegwiel",
        abstract: "Ontwerpen, volgen en waarderen van interbestuurlijk resultaatgericht samenwerken.",
        discussion: """
            Vliegwiel maakt de ontwerpkeuzes van Regio Deals, andere deals, Nationale Programma's en \
            structurele samenwerkingen zichtbaar, naar het essay 'Waarderen van variatie' (NSOB, 2024).
            """,
        subcommands: [
            StartCommand.self, CatalogueCommand.self, ShowCommand.self, ExportCommand.self, ImportCommand.self,
            CompareCommand.self, AdviceCommand.self, WhatIfCommand.self,
            PortfolioCommand.self, CheckCommand.self, CheckCuratedPortfolioCommand.self, CodingAccountCommand.self,
            PartnersCommand.self,
            FinanceCommand.self,
            ImportPartnersCommand.self, ImportFinanceCommand.self, ImportProjectsCommand.self, QCACommand.self,
            OutcomeCommand.self, ContributionGraphCommand.self, ContributionStoryCommand.self,
            ProfileVersionsCommand.self, ProfileDriftCommand.self, LearningLogCommand.self, AuditCommand.self,
            ImportContextIndicatorsCommand.self, ImportProgrammeIndicatorsCommand.self, IndicatorsCommand.self,
            AccountCommand.self, AccountTokenCommand.self,
        ]
    )

    public init() {}
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            """
            Pad van het SQLite-databasebestand, of een PostgreSQL-URL \
            postgres://gebruiker:wachtwoord@host:poort/database (standaard: $VLIEGWIEL_DATABASE of vliegwiel.sqlite).
            """,
            valueName: "PAD|URL"))
    var path: String?

    @Flag(
        name: .customLong("maak-database"),
        help: ArgumentHelp(
            """
            Maak het SQLite-bestand aan als het er nog niet is. Zonder deze vlag weigeren alle opdrachten \
            behalve start en importeer een ontbrekend bestand, zodat een verdwenen database niet ongemerkt \
            door een lege wordt vervangen.
            """))
    var mayCreate = false

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["VLIEGWIEL_DATABASE"] ?? "vliegwiel.sqlite"
    }
}

/// The output formats of the listing verbs.
enum OutputFormat: String, CaseIterable {
    case text = "tekst"
    case json
}

/// Stops a command with exit code 1 after printing each problem on its own line to
/// standard error: `fout: <veld>: <bericht>`.
struct CommandFailure: Error {
    var lines: [String]
}

extension CommandFailure {
    init(field: String, _ message: String) { lines = ["\(field): \(message)"] }
}

/// Runs a command body and turns failures into Dutch lines on standard error and exit code 1.
/// Every change the body makes is recorded in the audit trail as by `actor` (a command's
/// `--auteur`; `onbekend` without one) from origin `cli`.
func reportingFailures(actor: String? = nil, _ body: () async throws -> Void) async throws {
    do {
        // The author goes into the audit trail: the same input rule as every other text (issue 17).
        if let actor, let problem = InputText.problem(in: actor) {
            throw CommandFailure(field: "--auteur", problem)
        }
        let actor = actor.map(InputText.normalized)
        try await AuditContext.$current.withValue(.commandLine(actor: actor)) { try await body() }
    } catch let failure as CommandFailure {
        for line in failure.lines { Terminal.error("fout: \(line)") }
        throw ExitCode(1)
    } catch let failure as ValidationFailure {
        for issue in failure.issues { Terminal.error("fout: \(issue.description)") }
        throw ExitCode(1)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        // Anything else (a database that cannot be written, a full disk): still one line, exit 1.
        Terminal.error("fout: \(String(describing: error).replacingOccurrences(of: "\n", with: " "))")
        throw ExitCode(1)
    }
}

/// Parses a `--formaat` value, naming the allowed values when it is unknown.
func parseFormat<F: RawRepresentable & CaseIterable>(_ raw: String, as type: F.Type) throws -> F
where F.RawValue == String {
    guard let format = F(rawValue: raw) else {
        throw CommandFailure(
            field: "--formaat",
            "onbekende waarde '\(raw)'; toegestaan: \(F.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return format
}

/// Standard output and standard error.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Reads a file that a person hands to a command: UTF-8 text under the one input rule
/// (``InputText``: no control or bidi characters, each one reported with its line and column),
/// in NFC, so that a file stores exactly what a form or the API would have stored.
func readInputFile(_ path: String, field: String = "BESTAND") throws -> String {
    let text: String
    do {
        text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw CommandFailure(field: field, "kan '\(path)' niet lezen als UTF-8-tekst")
    }
    return try InputText.checkedFile(text, source: (path as NSString).lastPathComponent)
}
