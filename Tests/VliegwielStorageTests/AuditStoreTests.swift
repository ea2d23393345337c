import Foundation
import GRDB
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// A fresh database of one kind (``StoreKind``), and a way to reach it behind the stores' back.
struct AuditTestDatabase {
    let database: TestDatabase
    var stores: Stores { database.stores }

    init(_ database: TestDatabase) { self.database = database }

    /// Runs each statement on the database as an attacker with access to it would.
    func tamper(_ statements: String...) async throws {
        for statement in statements { try await database.execute(statement) }
    }

    /// `DROP TRIGGER name` in the dialect of the database.
    func dropTrigger(_ name: String) -> String {
        database.kind == .postgres ? "DROP TRIGGER \(name) ON audit_entry" : "DROP TRIGGER \(name)"
    }

    func entries(_ query: AuditQuery = AuditQuery()) async throws -> [AuditEntry] {
        try await stores.audit.entries(query).entries
    }
}

@Suite("Audit trail on SQLite and PostgreSQL: every change recorded, append-only, tampering detected")
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

    @Test(
        "Saving, importing and deleting arrangements are recorded with actor, origin, object and reason",
        arguments: StoreKind.allCases)
    func arrangementChanges(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
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
                entries.allSatisfy {
                    $0.actor == "Evaluator (fictief)" && $0.origin == "cli" && $0.result == .succeeded
                })
            #expect(
                entries[0].details == [
                    "naam": "Test noord", "auteur": "Jan", "reden": "eerste opzet", "inhoud": "nieuw",
                ])
            #expect(entries[2].details == ["naam": "Test noord"])
            #expect(
                try await database.stores.audit.verify()
                    == .intact(count: 3, head: AuditHead(sequence: 3, hash: entries[2].hash)))
        }
    }

    @Test(
        "Portfolio, QCA outcome and contribution changes are recorded; without a context: onbekend",
        arguments: StoreKind.allCases)
    func otherStores(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
            let stores = database.stores
            try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
            let dealID = "fictief-regio-deal-voorbeeld"
            try await AuditContext.$current.withValue(Self.cli) {
                try await stores.portfolio.apply(
                    [
                        .upsertProgrammeLines([
                            ProgrammeLine(id: "testlijn", name: "Testlijn (fictief)", description: "")
                        ])
                    ],
                    to: dealID)
                try await stores.qcaOutcomes.record(
                    try QCARecordedOutcome(arrangementID: dealID, name: "VOORTGEZET", value: 1, source: "fictief"))
            }
            let entries = try await database.entries()
            #expect(
                entries.map(\.action) == ["portefeuille.laden", "portefeuille.wijzigen", "qca-uitkomst.vastleggen"])
            #expect(entries[0].actor == "onbekend")
            #expect(entries[0].object == "gegevensset:\(PortfolioSeed.name)")
            #expect(entries[1].object == "deal:\(dealID)")
            #expect(entries[1].details["wijzigingen"] == "programmalijnen bijwerken: testlijn")
            #expect(entries[2].object == "arrangement:\(dealID)/uitkomst:VOORTGEZET")
            #expect(entries[2].details == ["waarde": "1.0", "bron": "fictief"])
            #expect(entries[1...].allSatisfy { $0.actor == "Evaluator (fictief)" })
        }
    }

    @Test("A refused change records nothing: the entry is in the change's transaction", arguments: StoreKind.allCases)
    func refusedChangeRecordsNothing(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
            await #expect(throws: ValidationFailure.self) {
                try await database.stores.arrangements.save([TestProfiles.arrangement("x")], author: "", reason: "r")
            }
            await #expect(throws: ValidationFailure.self) {
                try await database.stores.portfolio.apply([.deletePartner(id: "p")], to: "bestaat-niet")
            }
            #expect(try await database.entries().isEmpty)
        }
    }

    @Test("A secret-looking detail is refused and nothing is appended", arguments: StoreKind.allCases)
    func secretRefused(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
            await #expect(throws: AuditSecretDetail(key: "wachtwoord")) {
                try await database.stores.audit.append(
                    AuditEvent(action: "aanmelden", object: "gebruiker:jan", details: ["wachtwoord": "geheim123"]))
            }
            #expect(try await database.entries().isEmpty)
        }
    }

    @Test(
        "The table refuses UPDATE, DELETE and an INSERT that does not continue the chain", arguments: StoreKind.allCases
    )
    func appendOnly(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
            try await database.stores.audit.append(AuditEvent(action: "test", object: "x"))
            for sql in [
                "UPDATE audit_entry SET actor = 'iemand anders'", "DELETE FROM audit_entry",
                kind == .postgres ? "TRUNCATE audit_entry" : "DELETE FROM audit_entry WHERE sequence = 1",
                """
                INSERT INTO audit_entry (sequence, recorded_at, actor, action, object, result, origin, details,
                  previous_hash, hash)
                VALUES (5, '2024-03-01T09:30:00.000Z', 'a', 'b', 'c', 'gelukt', 'cli', '{}', 'x', 'y')
                """,
            ] {
                await #expect(throws: RefusedBySchema.self) { try await database.tamper(sql) }
            }
            #expect(
                try await database.stores.audit.verify()
                    == .intact(count: 1, head: AuditHead(sequence: 1, hash: try await database.entries()[0].hash)))
        }
    }

    @Test(
        "Changing or deleting an entry behind the store's back (protection dropped) is detected and named",
        arguments: StoreKind.allCases)
    func tamperingDetected(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let changed = AuditTestDatabase(test)
            for number in 1...4 {
                try await changed.stores.audit.append(AuditEvent(action: "test", object: "x:\(number)"))
            }
            try await changed.tamper(
                changed.dropTrigger("audit_entry_no_update"),
                "UPDATE audit_entry SET object = 'x:99' WHERE sequence = 2")
            guard case .broken(let change) = try await changed.stores.audit.verify() else {
                Issue.record("the change went unnoticed")
                return
            }
            #expect(change.sequence == 2)
            #expect(change.kind == .changed)
        }
        try await kind.withDatabase { test async throws in
            let deleted = AuditTestDatabase(test)
            for number in 1...4 {
                try await deleted.stores.audit.append(AuditEvent(action: "test", object: "x:\(number)"))
            }
            try await deleted.tamper(
                deleted.dropTrigger("audit_entry_no_delete"), "DELETE FROM audit_entry WHERE sequence = 3")
            #expect(
                try await deleted.stores.audit.verify()
                    == .broken(
                        AuditBreak(
                            sequence: 3, kind: .missing,
                            explanation: "regel 3 ontbreekt: verwijderd (na regel 2 volgt regel 4)")))
        }
    }

    @Test(
        "Listing filters by actor, action (prefix with *), object and period, and pages", arguments: StoreKind.allCases)
    func listing(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
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
}

@Suite("Audit trail: text that a database would not store as given cannot break the chain (security H1)")
struct AuditControlCharacterTests {
    /// The probe of the security review: an anonymous login with a NUL byte in the name.
    @Test(
        "A NUL, a line feed and a bidi override in a refused login keep the chain intact",
        arguments: StoreKind.allCases)
    func controlCharactersKeepTheChainIntact(kind: StoreKind) async throws {
        try await kind.withDatabase { test async throws in
            let database = AuditTestDatabase(test)
            let event = AuditEvent(
                actor: "anoniem", action: "gebruiker.inloggen", object: "gebruiker:evil\u{0}x", result: .refused,
                origin: "web 127.0.0.1",
                details: ["reden": "onjuist wachtwoord\n31  2026-12-02t03:30:00.000z  aud", "naam": "a\u{202E}b"])
            let stored = try await database.stores.audit.append(event)
            #expect(stored.object == "gebruiker:evil\\u{0000}x")
            let later = try await database.stores.audit.append(
                AuditEvent(
                    actor: "beheerder", action: "gebruiker.rol", object: "gebruiker:jan", result: .succeeded,
                    origin: "cli", details: [:]))
            let entries = try await database.entries()
            #expect(entries.map(\.object) == ["gebruiker:evil\\u{0000}x", "gebruiker:jan"])
            #expect(entries[0].details["reden"] == "onjuist wachtwoord\\u{000A}31  2026-12-02t03:30:00.000z  aud")
            #expect(entries[0].details["naam"] == "a\\u{202E}b")
            #expect(
                try await database.stores.audit.verify()
                    == .intact(count: 2, head: AuditHead(sequence: 2, hash: later.hash)))
        }
    }
}
