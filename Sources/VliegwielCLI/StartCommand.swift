import ArgumentParser
import VliegwielCore

/// `vliegwiel start`: opens and migrates the database with the catalogue loaded.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start Vliegwiel op de ingebouwde SQLite-database.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("poort"), help: "TCP-poort van de webapplicatie.") var port = 8080
    @Option(name: .customLong("host"), help: "Adres om op te luisteren.") var host = "127.0.0.1"

    func run() async throws {
        try await reportingFailures {
            let installation = try await Installation.open(database)
            let count = try await installation.store.allArrangements().count
            Terminal.write(
                """
                Database gereed: \(installation.databasePath) (\(count) arrangementen, waarvan \
                \(installation.catalogue.count) referentievarianten uit het essay).
                De webapplicatie (http://\(host):\(port)) is nog niet gebouwd; gebruik intussen \
                'vliegwiel catalogus' en 'vliegwiel toon ID'.

                """)
        }
    }
}
