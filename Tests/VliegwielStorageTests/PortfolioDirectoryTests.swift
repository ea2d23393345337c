import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The directory the search and the portfolio's filters read says of every deal exactly what
/// its record says: the partners' names, the programme lines and its projects' themes.
@Suite struct PortfolioDirectoryTests {
    @Test(arguments: StoreKind.allCases)
    func theDirectoryAgreesWithTheRecords(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.seedShippedDemo()
            let directory = try await stores.portfolio.directory()
            #expect(directory.entries.map(\.deal) == (try await stores.portfolio.portfolio()))
            var counted = (partners: 0, lines: 0, themes: 0)
            for entry in directory.entries {
                let record = try #require(try await stores.portfolio.record(id: entry.deal.id))
                #expect(
                    entry.partners
                        == record.partners.map {
                            PortfolioDirectory.PartnerName(id: $0.id, organisation: $0.organisation)
                        },
                    "\(entry.deal.id)")
                #expect(entry.programmeLines == record.programmeLines, "\(entry.deal.id)")
                let themes = Set(record.projects.flatMap(\.themes))
                #expect(entry.themes == WellbeingTheme.allCases.filter(themes.contains), "\(entry.deal.id)")
                counted.partners += entry.partners.count
                counted.lines += entry.programmeLines.count
                counted.themes += entry.themes.count
            }
            // The comparison covers deals with partners, lines and themes, not only empty ones.
            #expect(counted.partners > 0 && counted.lines > 0 && counted.themes > 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyPortfolioHasAnEmptyDirectory(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            let directory = try await stores.portfolio.directory()
            #expect(directory.entries.isEmpty)
        }
    }
}
