import Foundation
import GRDB
import Synchronization
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielStorage

/// The databases every store contract runs against: SQLite in memory and in a file, and
/// PostgreSQL when `VLIEGWIEL_TEST_POSTGRES_URL` names a server (`scripts/test` starts one;
/// see docs/postgresql.md). Without a server the PostgreSQL case of every contract test is
/// reported as skipped, with the reason, rather than left out. Each test gets a fresh database
/// of its own, removed afterwards.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqliteMemory
    case sqliteFile
    case postgres

    /// The kinds that can run here: PostgreSQL only with a server.
    static var available: [StoreKind] { allCases.filter { $0 != .postgres || TestPostgres.serverURL != nil } }

    var testDescription: String { rawValue }

    /// Runs `body` on a fresh, empty database of this kind; a PostgreSQL database is created
    /// for it and dropped afterwards, whatever `body` does.
    func withDatabase(_ body: (TestDatabase) async throws -> Void) async throws {
        let database = try await TestDatabase(kind: self)
        do {
            try await body(database)
        } catch {
            await database.remove()
            throw error
        }
        await database.remove()
    }

    /// Runs `body` on the stores of a fresh database of this kind.
    func withStores(_ body: (Stores) async throws -> Void) async throws {
        try await withDatabase { database in try await body(database.stores) }
    }
}

/// The PostgreSQL server of the tests, if any.
enum TestPostgres {
    static let skipped = "PostgreSQL overgeslagen: VLIEGWIEL_TEST_POSTGRES_URL is niet gezet (scripts/test zet het)"

    static var serverURL: String? {
        ProcessInfo.processInfo.environment["VLIEGWIEL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `url` with its database replaced by `name`.
    static func url(_ url: String, database name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        return components.string!
    }
}

/// A row the database itself refused (a CHECK, key or foreign key), whichever database.
struct RefusedBySchema: Error {}

/// One fresh database of one test. `stores` is its first opening; `reopen()` opens it again
/// as another process would (a file or server database; the in-memory one is the same).
final class TestDatabase: Sendable {
    let kind: StoreKind
    let stores: Stores
    private let sqlite: AppDatabase?
    private let sqlitePath: String?
    private let postgres: PostgresDatabase?
    private let postgresURL: String?
    private let opened = Mutex<[PostgresDatabase]>([])

    init(kind: StoreKind) async throws {
        self.kind = kind
        switch kind {
        case .sqliteMemory, .sqliteFile:
            let path = kind == .sqliteFile ? TemporaryFile.path("contract.sqlite") : nil
            let database = try path.map { try AppDatabase(path: $0) } ?? AppDatabase()
            (sqlite, sqlitePath, postgres, postgresURL) = (database, path, nil, nil)
            stores = Stores(sqlite: database)
        case .postgres:
            guard let server = TestPostgres.serverURL else {
                // Shown as a warning with the reason, then cancelled: never a silent pass.
                Issue.record(Comment(rawValue: TestPostgres.skipped), severity: .warning)
                try Test.cancel(Comment(rawValue: TestPostgres.skipped))
            }
            let name = "vliegwiel_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            try await PostgresDatabase.administer(url: server, unsafeSQL: "CREATE DATABASE \(name)")
            let url = TestPostgres.url(server, database: name)
            let database = try await PostgresDatabase(url: url)
            (sqlite, sqlitePath, postgres, postgresURL) = (nil, nil, database, url)
            opened.withLock { $0.append(database) }
            stores = Stores(postgres: database)
        }
    }

    /// The PostgreSQL database itself, for tests that read its catalogue.
    var postgresDatabase: PostgresDatabase? { postgres }

    /// The stores of the same database, opened again (migrations run again and find nothing to do).
    func reopen() async throws -> Stores {
        if let sqlitePath { return Stores(sqlite: try AppDatabase(path: sqlitePath)) }
        if let sqlite { return Stores(sqlite: sqlite) }
        let database = try await PostgresDatabase(url: try #require(postgresURL))
        opened.withLock { $0.append(database) }
        return Stores(postgres: database)
    }

    /// The migrations applied to the database, oldest first.
    func appliedMigrations() async throws -> [String] {
        if let sqlite { return try await sqlite.appliedMigrations() }
        return try await postgres!.appliedMigrations()
    }

    /// Runs `sql` past the stores; a refusal by the schema is thrown as ``RefusedBySchema``.
    func execute(_ sql: String) async throws {
        do {
            if let sqlite {
                try await sqlite.writer.write { db in try db.execute(sql: sql) }
            } else {
                try await postgres!.execute(unsafeSQL: sql)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RefusedBySchema()
        } catch  where PostgresDatabase.isConstraintViolation(error) {
            throw RefusedBySchema()
        }
    }

    /// The first column (text) of every row of `sql`.
    func strings(_ sql: String) async throws -> [String] {
        if let sqlite { return try await sqlite.writer.read { db in try String.fetchAll(db, sql: sql) } }
        return try await postgres!.strings(unsafeSQL: sql)
    }

    /// How many rows `SELECT COUNT(*) FROM <from>` counts.
    func count(_ from: String) async throws -> Int {
        Int(try await strings("SELECT CAST(COUNT(*) AS TEXT) FROM \(from)").first ?? "") ?? -1
    }

    /// Closes every opening and drops a PostgreSQL database.
    func remove() async {
        for database in opened.withLock({ $0 }) { await database.close() }
        if let postgres, let server = TestPostgres.serverURL {
            try? await PostgresDatabase.administer(
                url: server, unsafeSQL: "DROP DATABASE IF EXISTS \(postgres.location.database) WITH (FORCE)")
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
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            #expect(try await store.allArrangements() == [])
            #expect(try await store.arrangement(id: "regio-deal") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func savedArrangementsComeBackWhole(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            var arrangement = TestProfiles.arrangement("mijn-deal")
            arrangement.summary = "Fictief voorbeeld."
            arrangement.profile.resultOrientation.effectHorizon = .notStated(reason: "onbekend")
            try await store.save([arrangement])
            #expect(try await store.arrangement(id: "mijn-deal") == arrangement)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func saveReplacesByIDAndListsCanonically(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            try await store.save([TestProfiles.arrangement("zuid"), TestProfiles.arrangement("noord")])
            var renamed = TestProfiles.arrangement("zuid")
            renamed.name = "Zuid, hernoemd"
            try await store.save([renamed, TestProfiles.arrangement("city-deal", kind: .reference)])
            #expect(try await store.allArrangements().map(\.id) == ["city-deal", "noord", "zuid"])
            #expect(try await store.arrangementCount() == 3)
            #expect(try await store.arrangement(id: "zuid")?.name == "Zuid, hernoemd")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteRemovesAndSaysWhetherItExisted(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            try await store.save([TestProfiles.arrangement("weg")])
            #expect(try await store.delete(id: "weg"))
            #expect(try await store.delete(id: "weg") == false)
            #expect(try await store.allArrangements() == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func synchronizingReferencesWritesOnlyWhatDiffers(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
            let references = [TestProfiles.arrangement("regio-deal", kind: .reference)]
            #expect(try await store.synchronizeReferences(with: references) == ["regio-deal"])
            #expect(try await store.synchronizeReferences(with: references) == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedImportChangesNothing(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            let store = stores.arrangements
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
