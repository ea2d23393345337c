import Logging
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// What Vliegwiel ships and loads into every database on its first opening, in one place, so
/// that `vliegwiel start`, every other command and the tests' application are built the same
/// way. Each part loads once: a deal, graph, log or indicator the user changed or deleted is
/// never overwritten or brought back (docs/portefeuille.md).
public enum ShippedData {
    /// The parts, in the order they load (a later part refers to an earlier one).
    public enum Part: Sendable, CaseIterable {
        /// The essay's 14 reference variants, kept in step with the shipped catalogue.
        case catalogue
        /// The real Regio Deals and the fictional demo deal, with its profile versions.
        case portfolio
        /// The QCA outcome `VERVOLGDEAL` of the curated real portfolio.
        case curatedOutcome
        /// The fictional demo deal's contribution graph, indicators and learning log.
        case fictionalExamples
    }

    /// Loads `parts` of the shipped data into `stores`; `catalogue` is the shipped catalogue
    /// (``BundledCatalogue/arrangements()``), read once by the caller.
    public static func load(
        into stores: Stores, catalogue: [Arrangement], parts: Set<Part> = Set(Part.allCases)
    ) async throws {
        if parts.contains(.catalogue) {
            try await stores.arrangements.synchronizeReferences(with: catalogue)
        }
        if parts.contains(.portfolio) {
            try await stores.portfolio.seedIfAbsent(name: PortfolioSeed.name) { try BundledPortfolio.seed() }
        }
        if parts.contains(.curatedOutcome) { try await loadCuratedOutcome(into: stores) }
        if parts.contains(.fictionalExamples) { try await loadFictionalExamples(into: stores) }
    }

    /// Records the QCA outcome derived from the curated real portfolio once: when no outcome of
    /// that name exists yet, for the deals present.
    static func loadCuratedOutcome(into stores: Stores) async throws {
        let name = CuratedPortfolio.followUpOutcomeName
        guard try await stores.qcaOutcomes.outcomes(named: name).isEmpty else { return }
        let present = Set(try await stores.portfolio.portfolio().filter { !$0.isFictional }.map(\.id))
        let outcomes = try CuratedPortfolioFiles.bundled().followUpOutcomes()
        try await AuditContext.$current.withValue(shippedDataActor) {
            for outcome in outcomes where present.contains(outcome.dealID) {
                try await stores.qcaOutcomes.record(
                    try QCARecordedOutcome(
                        arrangementID: outcome.dealID, name: name, value: outcome.value, source: outcome.source))
            }
        }
    }

    /// The fictional demo deal's graph, indicators and learning log, each once; the log after
    /// the graph it links to. A log whose links cannot be satisfied yet is skipped with the
    /// reason in the log and tried again next time.
    static func loadFictionalExamples(into stores: Stores) async throws {
        try await stores.contributions.seedIfAbsent(
            .fictionalExample, name: SQLiteContributionStore.fictionalExampleSeedName)
        let demo = try BundledIndicators.demo()
        try await stores.indicators.seedIfAbsent(
            demo.indicators, table: demo.table, observations: demo.observations,
            name: SQLiteIndicatorStore.fictionalExampleSeedName)
        let outcome = try await stores.learningLog.seedIfAbsent(
            try LearningLogFormat.fictionalExample(), name: SQLiteLearningLogStore.fictionalExampleSeedName)
        if case .skipped(let reason) = outcome {
            Logger(label: "vliegwiel.leerlog").warning(
                "het fictieve leerlog is (nog) niet geladen", metadata: ["reden": "\(reason)"])
        }
    }

    /// Who the audit trail names for what Vliegwiel itself loads.
    public static let shippedDataActor = AuditContext(actor: "Vliegwiel (meegeleverde gegevens)", origin: "cli")
}
