import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The overview of one arrangement, read in one snapshot for its page, says exactly what the
/// separate reads of each store say (those are the oracle), for every arrangement.
@Suite struct ArrangementOverviewTests {
    @Test(arguments: StoreKind.allCases)
    func theOverviewAgreesWithTheReadsPerStore(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.seedShippedDemo()
            for round in 1...2 {
                var arrangement = try #require(try await stores.arrangements.arrangement(id: BundledPortfolio.demoID))
                arrangement.summary = (arrangement.summary ?? "") + " (ronde \(round))"
                try await stores.arrangements.save([arrangement], author: "Tester (fictief)", reason: "ronde \(round)")
            }

            var checked = (deals: 0, histories: 0, logs: 0, indicators: 0, graphs: 0)
            for stored in try await stores.arrangements.allArrangements() {
                let id = stored.id
                let overview = try #require(try await stores.arrangements.overview(of: id))
                let versions = try await stores.arrangements.versions(of: id)
                #expect(overview.arrangement == stored, "\(id)")
                #expect(overview.deal == (try await stores.portfolio.record(id: id)), "\(id)")
                #expect(
                    overview.versionLines
                        == versions.map {
                            .init(number: $0.number, date: $0.date, author: $0.author, reason: $0.reason)
                        },
                    "\(id)")
                #expect(overview.latestVersions == Array(versions.suffix(2)), "\(id)")
                let log = try await stores.learningLog.log(of: id)
                #expect(overview.learningLog == log, "\(id)")
                #expect(overview.indicators == (try await stores.indicators.indicators(of: id)), "\(id)")
                let graphs = try await stores.contributions.history(of: id).versions
                #expect(overview.hasContributionGraph == !graphs.isEmpty, "\(id)")
                checked.deals += overview.deal == nil ? 0 : 1
                checked.histories += versions.count >= 2 ? 1 : 0
                checked.logs += overview.learningLog.entries.count > 0 ? 1 : 0
                checked.indicators += overview.hasIndicators ? 1 : 0
                checked.graphs += overview.hasContributionGraph ? 1 : 0
            }
            // Arrangements with each kind of data were compared, not only empty ones.
            #expect(
                checked.deals > 0 && checked.histories > 0 && checked.logs > 0 && checked.indicators > 0
                    && checked.graphs > 0)
            #expect(try await stores.arrangements.overview(of: "bestaat-niet") == nil)
        }
    }
}
