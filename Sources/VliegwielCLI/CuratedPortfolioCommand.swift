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

/// Records the QCA outcome derived from the curated real portfolio (`VERVOLGDEAL`,
/// docs/portefeuille.md) once: when no outcome of that name exists yet, for the deals present.
enum CuratedOutcomeSeeding {
    static func seedIfAbsent(in stores: Stores) async throws {
        let name = CuratedPortfolio.followUpOutcomeName
        guard try await stores.qcaOutcomes.outcomes(named: name).isEmpty else { return }
        let present = Set(try await stores.portfolio.portfolio().filter { !$0.isFictional }.map(\.id))
        let outcomes = try CuratedPortfolioFiles.bundled().followUpOutcomes()
        try await AuditContext.$current.withValue(
            AuditContext(actor: "Vliegwiel (meegeleverde gegevens)", origin: "cli")
        ) {
            for outcome in outcomes where present.contains(outcome.dealID) {
                try await stores.qcaOutcomes.record(
                    try QCARecordedOutcome(
                        arrangementID: outcome.dealID, name: name, value: outcome.value, source: outcome.source))
            }
        }
    }
}
