import ArgumentParser
import Logging
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

/// `vliegwiel start`: the web application on the embedded SQLite database.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start de webapplicatie op de ingebouwde SQLite-database, met de catalogus geladen.",
        discussion: "Stoppen met Ctrl-C (SIGINT) of SIGTERM: lopende verzoeken worden netjes afgerond.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("poort"), help: "TCP-poort van de webapplicatie.") var port = 8080
    @Option(name: .customLong("host"), help: "Adres om op te luisteren.") var host = "127.0.0.1"

    func run() async throws {
        try await reportingFailures {
            guard (1...65535).contains(port) else {
                throw CommandFailure(field: "--poort", "\(port) is geen geldige poort; kies 1 tot en met 65535")
            }
            let installation = try await Installation.open(database)
            var logger = Logger(label: "vliegwiel")
            logger.logLevel = .info
            let count = try await installation.store.allArrangements().count
            logger.info(
                "Vliegwiel start",
                metadata: [
                    "database": "\(installation.databasePath)", "arrangementen": "\(count)",
                    "adres": "http://\(host):\(port)",
                ])
            let application = try buildApplication(
                WebConfiguration(host: host, port: port),
                dependencies: WebDependencies(
                    store: installation.store, portfolio: installation.portfolio, catalogue: installation.catalogue,
                    logger: logger, qcaOutcomes: installation.stores.qcaOutcomes,
                    contributions: installation.stores.contributions, indicators: installation.stores.indicators,
                    learningLog: installation.stores.learningLog
                ).auditing(installation.stores.audit))
            do {
                try await application.runService()
            } catch  where String(describing: error).contains("Address already in use") {
                throw CommandFailure(
                    field: "--poort", "poort \(port) op \(host) is al in gebruik; kies een andere met --poort")
            }
        }
    }
}
