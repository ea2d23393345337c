import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielStorage

/// `vliegwiel audit`: the audit trail of every data change (docs/audit.md).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Controleert en toont het auditlogboek: elke wijziging met wie, wat, wanneer en vanwaar.",
        subcommands: [VerifyAuditCommand.self, ListAuditCommand.self])
}

/// `vliegwiel audit controleer [--anker VOLGNUMMER:HASH]`
struct VerifyAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controleer",
        abstract: "Controleert de hashketen van het auditlogboek en noemt elke gebroken regel.",
        discussion: """
            Elke regel bevat de hash van de vorige. Een gewijzigde, verwijderde of verplaatste regel breekt de \
            keten: de opdracht controleert toch door tot het eind, noemt elke breuk op een eigen regel en eindigt \
            met code 1. Een breuk die al is onderzocht en vastgelegd, geeft u op met --bekend VOLGNUMMER; die \
            wordt nog getoond, maar laat de opdracht niet mislukken. Het afkappen van de laatste regels ziet de \
            keten zelf niet; bewaar daarvoor de laatste hash buiten de database en geef die mee met --anker \
            (zie docs/audit.md).
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(
        name: .customLong("anker"),
        help: ArgumentHelp(
            "Een eerder bewaarde regel met haar hash, die nog in de keten moet staan.", valueName: "VOLGNUMMER:HASH"))
    var anchor: String?
    @Option(
        name: .customLong("bekend"),
        help: ArgumentHelp("Een breuk die al is onderzocht (herhaalbaar).", valueName: "VOLGNUMMER"))
    var acknowledged: [Int] = []

    func run() async throws {
        try await reportingFailures {
            let expected = try anchor.map(Self.parseAnchor)
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let report = try await installation.stores.audit.verifyAll()
            var failures: [String] = []
            for broken in report.breaks {
                let line = "regel \(broken.sequence): keten verbroken: \(broken.explanation)"
                if acknowledged.contains(broken.sequence) {
                    Terminal.write("bekend: \(line)\n")
                } else {
                    failures.append(line)
                }
            }
            if let expected {
                let found = try await installation.stores.audit.entries(
                    AuditQuery(limit: 1, offset: expected.sequence - 1)
                ).entries.first
                if let found, found.sequence == expected.sequence {
                    if found.hash != expected.hash {
                        failures.append(
                            "--anker: regel \(expected.sequence) heeft hash \(found.hash), niet de bewaarde "
                                + "\(expected.hash): het logboek is vanaf daar vervangen")
                    }
                } else {
                    failures.append(
                        "--anker: regel \(expected.sequence) ontbreekt: het logboek telt \(report.count) regels en is dus ingekort"
                    )
                }
            }
            guard failures.isEmpty else {
                if report.breaks.count > 1 {
                    failures.append("\(report.breaks.count) breuken in \(report.count) regels")
                }
                throw CommandFailure(lines: failures)
            }
            if report.breaks.isEmpty {
                Terminal.write("keten intact: \(report.count) regels\n")
            } else {
                Terminal.write("keten intact op de bekende breuken na: \(report.count) regels\n")
            }
            if let head = report.head {
                Terminal.write("laatste regel: \(head.sequence):\(head.hash)\n")
            }
        }
    }

    static func parseAnchor(_ text: String) throws -> AuditHead {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let sequence = Int(parts[0]), sequence >= 1,
            parts[1].count == 64, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else {
            throw CommandFailure(
                field: "--anker",
                "'\(text)' is geen anker; verwacht VOLGNUMMER:HASH, zoals 'audit controleer' het als laatste regel toont"
            )
        }
        return AuditHead(sequence: sequence, hash: parts[1])
    }
}

/// `vliegwiel audit lijst [--actor A] [--actie A] [--object O] [--van D] [--tot D] [--aantal N] [--formaat]`
struct ListAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lijst",
        abstract: "Toont de regels van het auditlogboek, oudste eerst, desgewenst gefilterd.",
        discussion: """
            --actie en --object met een * aan het eind tonen alles wat zo begint: --object 'arrangement:*'.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("actor"), help: ArgumentHelp("Alleen regels van deze actor.", valueName: "NAAM"))
    var actor: String?
    @Option(
        name: .customLong("actie"), help: ArgumentHelp("Alleen deze actie (arrangement.opslaan).", valueName: "ACTIE"))
    var action: String?
    @Option(
        name: .customLong("object"),
        help: ArgumentHelp("Alleen dit object (arrangement:woondeal).", valueName: "OBJECT"))
    var object: String?
    @Option(name: .customLong("van"), help: ArgumentHelp("Vanaf deze dag (UTC).", valueName: "JJJJ-MM-DD"))
    var from: String?
    @Option(name: .customLong("tot"), help: ArgumentHelp("Tot en met deze dag (UTC).", valueName: "JJJJ-MM-DD"))
    var through: String?
    @Option(name: .customLong("aantal"), help: ArgumentHelp("Alleen de laatste N regels.", valueName: "N"))
    var count: Int?
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    /// One entry in the JSON listing.
    struct Entry: Encodable {
        var volgnummer: Int
        var tijd: String
        var actor: String
        var actie: String
        var object: String
        var resultaat: String
        var herkomst: String
        var details: [String: String]
        var vorigeHash: String
        var hash: String

        init(_ entry: AuditEntry) {
            volgnummer = entry.sequence
            tijd = entry.time.iso
            actor = entry.actor
            actie = entry.action
            object = entry.object
            resultaat = entry.result.rawValue
            herkomst = entry.origin
            details = entry.details
            vorigeHash = entry.previousHash
            hash = entry.hash
        }
    }

    func run() async throws {
        try await reportingFailures {
            var problems: [String] = []
            func collect<T>(_ body: () throws -> T) -> T? {
                do { return try body() } catch let failure as CommandFailure {
                    problems += failure.lines
                } catch { problems.append(String(describing: error)) }
                return nil
            }
            let outputFormat = collect { try parseFormat(format, as: OutputFormat.self) }
            let firstDay = collect { try from.map { try parseDate($0, option: "--van") } } ?? nil
            let lastDay = collect { try through.map { try parseDate($0, option: "--tot") } } ?? nil
            if let firstDay, let lastDay, lastDay < firstDay {
                problems.append("--tot: \(lastDay.iso) ligt vóór --van \(firstDay.iso)")
            }
            if let count, count < 1 { problems.append("--aantal: \(count) is te klein; geef 1 of meer") }
            guard problems.isEmpty, let outputFormat else { throw CommandFailure(lines: problems) }
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            var query = AuditQuery(actor: actor, action: action, object: object, from: firstDay, through: lastDay)
            if let count {
                query.newestFirst = true
                query.limit = count
            }
            var entries = try await installation.stores.audit.entries(query).entries
            if query.newestFirst { entries.reverse() }
            switch outputFormat {
            case .json: Terminal.write(try jsonText(entries.map(Entry.init)))
            case .text: Terminal.write(AuditText.listing(entries))
            }
        }
    }
}

/// The text forms of the audit verbs.
enum AuditText {
    /// One line per entry: number, time, actor, origin, action, object, result, details.
    static func listing(_ entries: [AuditEntry]) -> String {
        guard !entries.isEmpty else { return "Geen regels gevonden.\n" }
        let rows =
            [["nr", "tijd (UTC)", "actor", "herkomst", "actie", "object", "resultaat", "details"]]
            + entries.map { entry in
                // Entries stored before control characters were neutralised can still hold a line
                // feed: the listing shows it escaped, so no typed name can print a fake row (review L7).
                [
                    String(entry.sequence), entry.time.iso, entry.actor, entry.origin, entry.action, entry.object,
                    entry.result.rawValue, details(entry.details),
                ].map(VliegwielCore.AuditText.neutralised)
            }
        return columns(rows) + "\(entries.count) \(entries.count == 1 ? "regel" : "regels")\n"
    }

    /// `sleutel=waarde; …`, keys sorted; control characters are escaped by the listing.
    static func details(_ details: [String: String]) -> String {
        details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }
}
