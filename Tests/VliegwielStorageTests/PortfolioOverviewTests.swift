import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The overview of the portfolio, read in one snapshot with a handful of statements, says of
/// every deal exactly what the per-deal reads say (the report's old way is the oracle).
@Suite struct PortfolioOverviewTests {
    @Test(arguments: StoreKind.allCases)
    func theOverviewAgreesWithTheReadsPerDeal(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.seedShippedDemo()
            var arrangement = try #require(try await stores.arrangements.arrangement(id: BundledPortfolio.demoID))
            arrangement.name += " (tweede versie)"
            try await stores.arrangements.save([arrangement], author: "Tester (fictief)", reason: "tweede versie")

            let overview = try await stores.portfolio.overview()
            let deals = try await stores.portfolio.portfolio()
            #expect(overview.entries.map(\.deal) == deals)
            #expect(overview.contextTables.map(\.0) == (try await stores.indicators.contextTables()))
            var checked = (graphs: 0, entries: 0, versions: 0, indicators: 0)
            for entry in overview.entries {
                let id = entry.deal.id
                let record = try #require(try await stores.portfolio.record(id: id))
                let stored = try await stores.arrangements.arrangement(id: id)
                #expect(entry.programmeLines == record.programmeLines.map(\.name), "\(id)")
                #expect(entry.profile == stored?.profile, "\(id)")
                #expect(overview.indicatorReport(entry) == (try await stores.indicators.report(for: id)), "\(id)")
                let graphs = try await stores.contributions.history(of: id).versions.count
                let entries = try await stores.learningLog.log(of: id).entries.count
                let versions = try await stores.arrangements.versions(of: id).count
                #expect(entry.contributionGraphVersions == graphs, "\(id)")
                #expect(entry.learningEntries == entries, "\(id)")
                #expect(entry.profileVersions == versions, "\(id)")
                checked.graphs += graphs
                checked.entries += entries
                checked.versions += versions > 1 ? 1 : 0
                checked.indicators += entry.indicators == nil ? 0 : 1
            }
            // The comparison covers deals that have each kind of data, not only empty ones.
            #expect(checked.graphs > 0 && checked.entries > 0 && checked.versions > 0 && checked.indicators > 0)
            #expect(overview.entries.contains { !overview.indicatorReport($0).context.isEmpty })
        }
    }
}
