import Foundation
import Testing
import VliegwielCore
import VliegwielStorage
import VliegwielTestSupport

/// The contract every ArrangementStore keeps. Each test runs against every store kind;
/// a PostgreSQL store joins `StoreKind` when it exists (issue 7).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqliteMemory
    case sqliteFile

    var testDescription: String { rawValue }

    func makeStore() throws -> any ArrangementStore {
        switch self {
        case .sqliteMemory: try SQLiteArrangementStore()
        case .sqliteFile: try SQLiteArrangementStore(path: TemporaryFile.path("contract.sqlite"))
        }
    }
}

enum TemporaryFile {
    static func path(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }
}

@Suite struct StoreContract {
    @Test(arguments: StoreKind.allCases)
    func aNewStoreIsEmpty(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        #expect(try await store.allArrangements() == [])
        #expect(try await store.arrangement(id: "regio-deal") == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func savedArrangementsComeBackWhole(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        var arrangement = TestProfiles.arrangement("mijn-deal")
        arrangement.summary = "Fictief voorbeeld."
        arrangement.profile.resultOrientation.effectHorizon = .notStated(reason: "onbekend")
        try await store.save([arrangement])
        #expect(try await store.arrangement(id: "mijn-deal") == arrangement)
    }

    @Test(arguments: StoreKind.allCases)
    func saveReplacesByIDAndListsCanonically(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        try await store.save([TestProfiles.arrangement("zuid"), TestProfiles.arrangement("noord")])
        var renamed = TestProfiles.arrangement("zuid")
        renamed.name = "Zuid, hernoemd"
        try await store.save([renamed, TestProfiles.arrangement("city-deal", kind: .reference)])
        #expect(try await store.allArrangements().map(\.id) == ["city-deal", "noord", "zuid"])
        #expect(try await store.arrangementCount() == 3)
        #expect(try await store.arrangement(id: "zuid")?.name == "Zuid, hernoemd")
    }

    @Test(arguments: StoreKind.allCases)
    func deleteRemovesAndSaysWhetherItExisted(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        try await store.save([TestProfiles.arrangement("weg")])
        #expect(try await store.delete(id: "weg"))
        #expect(try await store.delete(id: "weg") == false)
        #expect(try await store.allArrangements() == [])
    }

    @Test(arguments: StoreKind.allCases)
    func synchronizingReferencesWritesOnlyWhatDiffers(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        let references = [TestProfiles.arrangement("regio-deal", kind: .reference)]
        #expect(try await store.synchronizeReferences(with: references) == ["regio-deal"])
        #expect(try await store.synchronizeReferences(with: references) == [])
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedImportChangesNothing(kind: StoreKind) async throws {
        let store = try kind.makeStore()
        let reference = TestProfiles.arrangement("regio-deal", kind: .reference)
        try await store.save([reference, TestProfiles.arrangement("bestaand")])
        let before = try await store.allArrangements()
        var changedReference = reference
        changedReference.name = "Gewijzigd"
        var changedExisting = TestProfiles.arrangement("bestaand")
        changedExisting.name = "Zou niet mogen landen"
        let plan = try await store.importArrangements(
            [TestProfiles.arrangement("nieuw"), changedExisting, changedReference], shippedReferences: [reference])
        #expect(!plan.isAccepted)
        #expect(try await store.allArrangements() == before)
    }
}

@Suite struct SQLiteStoreTests {
    @Test func aDatabaseFileIsCreatedMigratedAndKeptAcrossOpenings() async throws {
        let path = TemporaryFile.path("blijvend.sqlite")
        do {
            let database = try AppDatabase(path: path)
            #expect(try await database.appliedMigrations().first == "v1 arrangements")
            let store = SQLiteArrangementStore(database: database)
            try await store.save([TestProfiles.arrangement("blijft")])
        }
        let reopened = try SQLiteArrangementStore(path: path)
        #expect(try await reopened.arrangement(id: "blijft") == TestProfiles.arrangement("blijft"))
    }

    @Test func aSecondStoreOnTheSameFileSeesEveryWriteOfTheFirst() async throws {
        let path = TemporaryFile.path("gedeeld.sqlite")
        let writer = try SQLiteArrangementStore(path: path)
        let reader = try SQLiteArrangementStore(path: path)
        try await writer.save([TestProfiles.arrangement("gedeeld")])
        #expect(try await reader.arrangement(id: "gedeeld")?.name == "Test gedeeld")
        var renamed = TestProfiles.arrangement("gedeeld")
        renamed.name = "Hernoemd"
        try await writer.save([renamed])
        #expect(try await reader.arrangement(id: "gedeeld")?.name == "Hernoemd")
        #expect(try await reader.allArrangements().map(\.name) == ["Hernoemd"])
        #expect(try await writer.delete(id: "gedeeld"))
        #expect(try await reader.allArrangements().isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let path = TemporaryFile.path("tekst.sqlite")
        try "geen database".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try SQLiteArrangementStore(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "geen database")
    }
}
