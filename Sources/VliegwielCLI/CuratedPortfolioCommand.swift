import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `vliegwiel controleer-portefeuille`: checks the curated files of the real Regio Deals after
/// an edit (docs/portefeuille-bronbestanden.md) and prints the coverage per tranche.
struct CheckCuratedPortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controleer-portefeuille",
        abstract: "Controleert de bronbestanden van de echte Regio Deals en toont de dekking per tranche.",
        discussion: """
            Zonder MAP worden de meegeleverde bestanden gecontroleerd (Resources/portefeuille); met MAP \
            de bestanden tranche-N.yaml in die map, zoals een curator ze bewerkt. Elk probleem staat op \
            een eigen regel met bestand, deal en veld; bij een probleem eindigt het commando met code 1.
            """)

    /// Accepted like every verb's, so that a script can pass it to all of them; the check reads
    /// only files, never the database.
    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("De map met tranche-N.yaml (standaard: de meegeleverde).", valueName: "MAP"))
    var directory: String?

    func run() async throws {
        try await reportingFailures {
            let url = try directory.map { URL(fileURLWithPath: $0) } ?? CuratedPortfolioFiles.bundledDirectory()
            let (portfolio, issues) = try CuratedPortfolioFiles.check(directory: url)
            if let portfolio { print(CuratedPortfolioFiles.coverageMarkdown(portfolio)) }
            guard issues.isEmpty else { throw CommandFailure(lines: issues.map(\.description)) }
            print("Geen problemen gevonden.")
        }
    }
}
