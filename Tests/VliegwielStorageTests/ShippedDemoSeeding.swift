import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage

extension Stores {
    /// What a fresh installation holds for the fictional demo deal — the shipped portfolio, its
    /// contribution graph, learning log and demo indicators — for the overview tests, which
    /// compare one-snapshot reads with the per-store reads on it.
    func seedShippedDemo() async throws {
        #expect(try await portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name))
        #expect(try await contributions.seedIfAbsent(.fictionalExample, name: "graaf"))
        _ = try await learningLog.seedIfAbsent(try LearningLogFormat.fictionalExample(), name: "leerlog")
        let demo = try BundledIndicators.demo()
        #expect(
            try await indicators.seedIfAbsent(
                demo.indicators, table: demo.table, observations: demo.observations, name: "indicatoren"))
    }
}
