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

    /// Arrangements are decoded once per stored text (``KeptDocuments``); a profile changed
    /// through the store is another text, so the next overview shows it, never the kept one.
    @Test(arguments: StoreKind.allCases)
    func aChangedProfileShowsInTheNextOverview(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.seedShippedDemo()
            let id = BundledPortfolio.demoID
            let before = try await stores.portfolio.overview()
            var arrangement = try #require(try await stores.arrangements.arrangement(id: id))
            #expect(before.entries.first { $0.deal.id == id }?.profile == arrangement.profile)
            let other = try #require(
                try await stores.arrangements.allArrangements().first { $0.profile != arrangement.profile })
            arrangement.profile = other.profile
            try await stores.arrangements.save(
                arrangement,
                expecting: .revision(
                    try RecordRevision(
                        of: try #require(
                            try await stores.arrangements.arrangement(id: id)))),
                author: "Tester (fictief)", reason: "ander profiel")

            let after = try await stores.portfolio.overview()
            #expect(after.entries.first { $0.deal.id == id }?.profile == other.profile)
        }
    }
}

/// The kept documents decode each text once and never answer one text with another's value.
@Suite struct KeptDocumentsTests {
    struct Note: Codable, Sendable, Equatable {
        var text: String
    }

    @Test func theSameTextIsTheSameValueAndAnotherTextIsDecodedAfresh() throws {
        let kept = KeptDocuments(capacity: 2)
        #expect(try kept.decode(Note.self, #"{"text":"een"}"#) == Note(text: "een"))
        #expect(try kept.decode(Note.self, #"{"text":"een"}"#) == Note(text: "een"))
        #expect(kept.count == 1)
        #expect(try kept.decode(Note.self, #"{"text":"twee"}"#) == Note(text: "twee"))
        // Full: it starts afresh rather than grow beyond its capacity.
        #expect(try kept.decode(Note.self, #"{"text":"drie"}"#) == Note(text: "drie"))
        #expect(kept.count == 1)
        // The same text as another type is another key.
        #expect(try kept.decode([String: String].self, #"{"text":"een"}"#) == ["text": "een"])
        #expect(throws: (any Error).self) { try kept.decode(Note.self, #"{"tekst":"een"}"#) }
    }

    @Test func itKeepsAtMostItsBytesOfText() throws {
        let kept = KeptDocuments(capacity: 100, maximumBytes: 50)
        #expect(try kept.decode(Note.self, #"{"text":"een"}"#) == Note(text: "een"))
        #expect(try kept.decode(Note.self, #"{"text":"twee"}"#) == Note(text: "twee"))
        #expect(try kept.decode(Note.self, #"{"text":"drie"}"#) == Note(text: "drie"))
        // 14 + 15 + 15 bytes fit in 50; a fourth text of 15 bytes does not, so it starts afresh.
        #expect(kept.count == 3)
        #expect(try kept.decode(Note.self, #"{"text":"vier"}"#) == Note(text: "vier"))
        #expect(kept.count == 1)
        // A text larger than the whole bound is decoded but not kept.
        let long = "een tekst die langer is dan de hele grens"
        #expect(try kept.decode(Note.self, #"{"text":"\#(long)"}"#) == Note(text: long))
        #expect(kept.count == 1)
    }
}
