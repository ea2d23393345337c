import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

@Suite struct ArrangementVersionTests {
    static func rijkRole(_ code: String) -> Arrangement {
        TestProfiles.arrangement(
            "zuid-oost-drenthe", profile: TestProfiles.setting(["samenwerkend.rolRijk": [code]]))
    }

    @Test(arguments: StoreKind.allCases)
    func savingTwiceWithAChangeGivesTwoVersions(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            let before = Date(timeIntervalSinceNow: -1)
            try await store.save([Self.rijkRole("nevengeschikt")])
            try await store.save(
                [Self.rijkRole("ondergeschikt")], author: "Evaluator Drenthe", reason: "Rijk aan tafel uitgenodigd")
            let versions = try await store.versions(of: "zuid-oost-drenthe")
            #expect(versions.map(\.number) == [1, 2])
            #expect(versions.map(\.author) == ["vliegwiel", "Evaluator Drenthe"])
            #expect(versions.map(\.reason) == ["opgeslagen", "Rijk aan tafel uitgenodigd"])
            #expect(versions.map(\.arrangement) == [Self.rijkRole("nevengeschikt"), Self.rijkRole("ondergeschikt")])
            #expect(versions.allSatisfy { $0.date >= before && $0.date <= Date(timeIntervalSinceNow: 1) })
            #expect(versions[0].date <= versions[1].date)
        }
    }

    /// How each arrangement came in is the reason of its first version, whatever came after.
    @Test(arguments: StoreKind.allCases)
    func theFirstVersionsReasonIsReadForEveryArrangement(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            try await store.save([Self.rijkRole("nevengeschikt")], author: "Iemand", reason: "ontworpen")
            try await store.save([Self.rijkRole("ondergeschikt")], author: "Iemand", reason: "bijgewerkt")
            try await store.save([TestProfiles.arrangement("noord")])
            #expect(
                try await store.firstVersionReasons() == ["zuid-oost-drenthe": "ontworpen", "noord": "opgeslagen"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func savingTheSameDocumentAgainAddsNone(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            try await store.save([Self.rijkRole("nevengeschikt"), TestProfiles.arrangement("noord")])
            try await store.save([Self.rijkRole("nevengeschikt")], author: "Iemand", reason: "Niets veranderd")
            try await store.save([Self.rijkRole("nevengeschikt"), TestProfiles.arrangement("noord")])
            #expect(try await store.versions(of: "zuid-oost-drenthe").map(\.number) == [1])
            #expect(try await store.versions(of: "noord").map(\.number) == [1])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletingTheArrangementDeletesItsVersions(kind: StoreKind) async throws {
        try await kind.withDatabase { database async throws in
            let store = database.stores.arrangements
            try await store.save([Self.rijkRole("nevengeschikt"), TestProfiles.arrangement("noord")])
            try await store.save([Self.rijkRole("ondergeschikt")])
            #expect(try await store.delete(id: "zuid-oost-drenthe"))
            let remaining = try await database.strings(
                "SELECT arrangement_id || ' ' || CAST(version AS TEXT) FROM arrangement_version")
            #expect(remaining == ["noord 1"])
            let failure = try await #require(throws: ValidationFailure.self) {
                try await store.versions(of: "zuid-oost-drenthe")
            }
            #expect(failure.issues.map(\.description) == ["id: onbekend arrangement 'zuid-oost-drenthe'"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyAuthorOrReasonStoresNothing(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            let failure = try await #require(throws: ValidationFailure.self) {
                try await store.save([Self.rijkRole("nevengeschikt")], author: " ", reason: "")
            }
            #expect(
                failure.issues.map(\.description) == ["auteur: ontbreekt; wie wijzigde?", "reden: ontbreekt; waarom?"])
            #expect(try await store.arrangementCount() == 0)
        }
    }

    @Test func theMigrationGivesEveryArrangementStoredBeforeItAFirstVersion() async throws {
        let path = TemporaryFile.path("voor-versies.sqlite")
        let queue = try DatabaseQueue(path: path)
        let migrator = Migrations.migrator
        try migrator.migrate(queue, upTo: "v4 contribution graphs")
        let document = String(
            decoding: try JSONEncoder().encode(Self.rijkRole("nevengeschikt")), as: UTF8.self)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO arrangement (id, name, family, kind, variant_id, document, version, updated_at)
                    VALUES ('zuid-oost-drenthe', 'Test', 'deal', 'praktijk', 'regio-deal', ?, 3, ?)
                    """,
                arguments: [document, Date(timeIntervalSince1970: 1_700_000_000)])
        }
        try queue.close()
        let store = try SQLiteArrangementStore(path: path)
        let versions = try await store.versions(of: "zuid-oost-drenthe")
        #expect(
            versions.map { "\($0.number) \($0.isoDate) \($0.author): \($0.reason)" } == [
                "1 2023-11-14T22:13:20Z vliegwiel: bestond al vóór de profielgeschiedenis"
            ])
        #expect(versions.map(\.arrangement) == [Self.rijkRole("nevengeschikt")])
    }
}
