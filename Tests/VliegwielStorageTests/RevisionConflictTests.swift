import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// Concurrent edits of one record: the second writer, who read an older revision, gets a
/// conflict and nothing of the first writer's change is lost (issue 7 item 5).
@Suite("Revision checks: a lost update becomes a conflict")
struct RevisionConflictTests {
    static func named(_ name: String) -> Arrangement {
        var arrangement = TestProfiles.arrangement("noord")
        arrangement.name = name
        return arrangement
    }

    @Test(arguments: StoreKind.allCases)
    func secondWriterOfAnArrangementGetsAConflict(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            let first = try await store.save(Self.named("Noord"), expecting: .absent, author: "a", reason: "nieuw")
            #expect(try await store.revision(of: "noord") == first)
            // Two people read revision `first`; A saves, then B tries.
            let afterA = try await store.save(
                Self.named("Noord (A)"), expecting: .revision(first), author: "A", reason: "r")
            #expect(afterA != first)
            let conflict = try await #require(throws: RevisionConflict.self) {
                try await store.save(Self.named("Noord (B)"), expecting: .revision(first), author: "B", reason: "r")
            }
            #expect(conflict.description == "arrangement 'noord' is intussen door iemand anders gewijzigd")
            #expect(conflict.found == afterA)
            #expect(try await store.arrangement(id: "noord")?.name == "Noord (A)")
            #expect(try await store.versions(of: "noord").map(\.author) == ["a", "A"])
            // Creating what exists, deleting an old revision: conflicts too; nothing changes.
            let exists = try await #require(throws: RevisionConflict.self) {
                try await store.save(Self.named("Ander"), expecting: .absent, author: "C", reason: "r")
            }
            #expect(exists.description == "arrangement 'noord' bestaat al: iemand anders heeft het intussen aangemaakt")
            await #expect(throws: RevisionConflict.self) { try await store.delete(id: "noord", expecting: first) }
            #expect(try await store.arrangement(id: "noord")?.name == "Noord (A)")
            #expect(try await store.delete(id: "noord", expecting: afterA))
            #expect(try await store.delete(id: "noord", expecting: afterA) == false)
            let gone = try await #require(throws: RevisionConflict.self) {
                try await store.save(Self.named("Noord (B)"), expecting: .revision(afterA), author: "B", reason: "r")
            }
            #expect(gone.description == "arrangement 'noord' is intussen verwijderd")
            #expect(try await store.arrangement(id: "noord") == nil)
        }
    }

    @Test("The revision is the content's: saving the same again keeps it, a new arrangement never takes an old one")
    func revisionFollowsContent() async throws {
        let store = try SQLiteArrangementStore()
        let first = try await store.save(Self.named("Noord"), expecting: .absent, author: "a", reason: "r")
        try await store.save([Self.named("Noord")])
        #expect(try await store.revision(of: "noord") == first)
        #expect(try await store.delete(id: "noord"))
        let again = try await store.save(Self.named("Noord opnieuw"), expecting: .absent, author: "a", reason: "r")
        #expect(again != first)
        #expect(first.rawValue.count == 32)
    }

    @Test(arguments: StoreKind.allCases)
    func secondWriterOfADealGetsAConflict(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
            let id = "fictief-regio-deal-voorbeeld"
            let read = try #require(try await stores.portfolio.record(id: id))
            let revision = try RecordRevision(of: read)
            func line(_ id: String) -> DealChange {
                .upsertProgrammeLines([ProgrammeLine(id: id, name: "Lijn \(id) (fictief)", description: "")])
            }
            try await stores.portfolio.apply([line("lijn-a")], to: id, expecting: revision)
            let conflict = try await #require(throws: RevisionConflict.self) {
                try await stores.portfolio.apply([line("lijn-b")], to: id, expecting: revision)
            }
            #expect(conflict.description == "deal '\(id)' is intussen door iemand anders gewijzigd")
            let stored = try #require(try await stores.portfolio.record(id: id))
            #expect(stored.programmeLines.map(\.id) == read.programmeLines.map(\.id) + ["lijn-a"])
        }
    }
}
