import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The stores of a fresh SQLite file, and a way to reach the file behind their back.
struct AuditTestDatabase {
    let path: String
    let stores: Stores

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-audit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("audit.sqlite").path
        stores = Stores(sqlite: try AppDatabase(path: path))
    }

    /// Runs SQL on the file as an attacker with file access would.
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    func entries(_ query: AuditQuery = AuditQuery()) async throws -> [AuditEntry] {
        try await stores.audit.entries(query).entries
    }
}

@Suite("Audit trail in SQLite: every change recorded, append-only, tampering detected")
struct AuditStoreTests {
    static let cli = AuditContext(actor: "Evaluator (fictief)", origin: "cli")

    @Test("SHA-256 over the canonical form: the known answer of the documented example")
    func sha256KnownAnswer() {
        let event = AuditEvent(
            actor: "Jan (fictief)", action: "arrangement.opslaan", object: "arrangement:woondeal", result: .succeeded,
            origin: "cli", details: ["reden": "test", "naam": "Woondeal"])
        let bytes = AuditCanonicalForm.bytes(
            sequence: 1, time: AuditTimestamp(millisecondsSince1970: 1_709_285_400_123), event: event,
            previousHash: AuditChain.genesisHash)
        #expect(
            AuditHashing.sha256.hex(bytes) == "af69bd0d04f7bfe41031afdb55cc7925a10017e8ac4f92146f1cb014acbeedf5")
    }

    @Test("Saving, importing and deleting arrangements are recorded with actor, origin, object and reason")
    func arrangementChanges() async throws {
        let database = try AuditTestDatabase()
        let store = database.stores.arrangements
        try await AuditContext.$current.withValue(Self.cli) {
            try await store.save([TestProfiles.arrangement("noord")], author: "Jan", reason: "eerste opzet")
            _ = try await store.importArrangements(
                [TestProfiles.arrangement("zuid")], shippedReferences: [], author: "Jan", reason: "import")
            #expect(try await store.delete(id: "noord"))
        }
        let entries = try await database.entries()
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries.map(\.action) == ["arrangement.opslaan", "arrangement.opslaan", "arrangement.verwijderen"])
        #expect(entries.map(\.object) == ["arrangement:noord", "arrangement:zuid", "arrangement:noord"])
        #expect(
            entries.allSatisfy { $0.actor == "Evaluator (fictief)" && $0.origin == "cli" && $0.result == .succeeded })
        #expect(
            entries[0].details == ["naam": "Test noord", "auteur": "Jan", "reden": "eerste opzet", "inhoud": "nieuw"])
        #expect(entries[2].details == ["naam": "Test noord"])
        #expect(
            try await database.stores.audit.verify()
                == .intact(count: 3, head: AuditHead(sequence: 3, hash: entries[2].hash)))
    }

    @Test("Portfolio, QCA outcome and contribution changes are recorded; without a context: onbekend")
    func otherStores() async throws {
        let database = try AuditTestDatabase()
        let stores = database.stores
        try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
        let dealID = "fictief-regio-deal-voorbeeld"
        try await AuditContext.$current.withValue(Self.cli) {
            try await stores.portfolio.apply(
                [.upsertProgrammeLines([ProgrammeLine(id: "testlijn", name: "Testlijn (fictief)", description: "")])],
                to: dealID)
            try await stores.qcaOutcomes.record(
                try QCARecordedOutcome(arrangementID: dealID, name: "VOORTGEZET", value: 1, source: "fictief"))
        }
        let entries = try await database.entries()
        #expect(entries.map(\.action) == ["portefeuille.laden", "portefeuille.wijzigen", "qca-uitkomst.vastleggen"])
        #expect(entries[0].actor == "onbekend")
        #expect(entries[0].object == "gegevensset:\(PortfolioSeed.name)")
        #expect(entries[1].object == "deal:\(dealID)")
        #expect(entries[1].details["wijzigingen"] == "programmalijnen bijwerken: testlijn")
        #expect(entries[2].object == "arrangement:\(dealID)/uitkomst:VOORTGEZET")
        #expect(entries[2].details == ["waarde": "1.0", "bron": "fictief"])
        #expect(entries[1...].allSatisfy { $0.actor == "Evaluator (fictief)" })
    }

    @Test("A refused change records nothing: the entry is in the change's transaction")
    func refusedChangeRecordsNothing() async throws {
        let database = try AuditTestDatabase()
        await #expect(throws: ValidationFailure.self) {
            try await database.stores.arrangements.save([TestProfiles.arrangement("x")], author: "", reason: "r")
        }
        await #expect(throws: ValidationFailure.self) {
            try await database.stores.portfolio.apply([.deletePartner(id: "p")], to: "bestaat-niet")
        }
        #expect(try await database.entries().isEmpty)
    }

    @Test("A secret-looking detail is refused and nothing is appended")
    func secretRefused() async throws {
        let database = try AuditTestDatabase()
        await #expect(throws: AuditSecretDetail(key: "wachtwoord")) {
            try await database.stores.audit.append(
                AuditEvent(action: "aanmelden", object: "gebruiker:jan", details: ["wachtwoord": "geheim123"]))
        }
        #expect(try await database.entries().isEmpty)
    }

    @Test("The table refuses UPDATE, DELETE and an INSERT that does not continue the chain")
    func appendOnly() async throws {
        let database = try AuditTestDatabase()
        try await database.stores.audit.append(AuditEvent(action: "test", object: "x"))
        for sql in [
            "UPDATE audit_entry SET actor = 'iemand anders'", "DELETE FROM audit_entry",
            """
            INSERT INTO audit_entry (sequence, recorded_at, actor, action, object, result, origin, details,
              previous_hash, hash)
            VALUES (5, '2024-03-01T09:30:00.000Z', 'a', 'b', 'c', 'gelukt', 'cli', '{}', 'x', 'y')
            """,
        ] {
            #expect(throws: DatabaseError.self) { try database.tamper(sql) }
        }
        #expect(
            try await database.stores.audit.verify()
                == .intact(count: 1, head: AuditHead(sequence: 1, hash: try await database.entries()[0].hash)))
    }

    @Test("Changing or deleting an entry behind the store's back (triggers dropped) is detected and named")
    func tamperingDetected() async throws {
        let changed = try AuditTestDatabase()
        for number in 1...4 { try await changed.stores.audit.append(AuditEvent(action: "test", object: "x:\(number)")) }
        try changed.tamper(
            "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET object = 'x:99' WHERE sequence = 2")
        guard case .broken(let change) = try await changed.stores.audit.verify() else {
            Issue.record("the change went unnoticed")
            return
        }
        #expect(change.sequence == 2)
        #expect(change.kind == .changed)

        let deleted = try AuditTestDatabase()
        for number in 1...4 { try await deleted.stores.audit.append(AuditEvent(action: "test", object: "x:\(number)")) }
        try deleted.tamper("DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence = 3")
        #expect(
            try await deleted.stores.audit.verify()
                == .broken(
                    AuditBreak(
                        sequence: 3, kind: .missing,
                        explanation: "regel 3 ontbreekt: verwijderd (na regel 2 volgt regel 4)")))
    }

    @Test("Listing filters by actor, action (prefix with *), object and period, and pages")
    func listing() async throws {
        let database = try AuditTestDatabase()
        let audit = database.stores.audit
        for (actor, action, object) in [
            ("Jan", "arrangement.opslaan", "arrangement:a"), ("Piet", "arrangement.verwijderen", "arrangement:a"),
            ("Jan", "portefeuille.wijzigen", "deal:b"), ("Jan", "arrangement.opslaan", "arrangement:c"),
        ] {
            try await AuditContext.$current.withValue(AuditContext(actor: actor, origin: "cli")) {
                try await audit.append(AuditEvent(action: action, object: object))
            }
        }
        func sequences(_ query: AuditQuery) async throws -> [Int] {
            try await audit.entries(query).entries.map(\.sequence)
        }
        #expect(try await sequences(AuditQuery(actor: "Jan")) == [1, 3, 4])
        #expect(try await sequences(AuditQuery(action: "arrangement.*")) == [1, 2, 4])
        #expect(try await sequences(AuditQuery(action: "arrangement.")) == [])
        #expect(try await sequences(AuditQuery(object: "arrangement:a")) == [1, 2])
        #expect(try await sequences(AuditQuery(actor: "Jan", action: "arrangement.opslaan")) == [1, 4])
        #expect(try await sequences(AuditQuery(newestFirst: true, limit: 2)) == [4, 3])
        #expect(try await sequences(AuditQuery(newestFirst: true, limit: 2, offset: 2)) == [2, 1])
        #expect(try await audit.entries(AuditQuery(actor: "Jan", limit: 1)).total == 3)
        let today = try #require(CalendarDate(iso: String(AuditTimestamp(Date()).iso.prefix(10))))
        let yesterday = try #require(CalendarDate(year: 2000, month: 1, day: 1))
        #expect(try await sequences(AuditQuery(from: today, through: today)) == [1, 2, 3, 4])
        #expect(try await sequences(AuditQuery(through: yesterday)) == [])
    }
}
