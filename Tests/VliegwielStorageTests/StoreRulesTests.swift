import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage

/// The rules above the stores hold on every database: a damaged stored code is a named error,
/// and an account change lands with its audit event in one transaction or not at all (I3).
@Suite struct StoreRulesTests {
    static let created = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(
        "A stored code the vocabulary does not know, written past the stores, is a named error, never a crash",
        arguments: StoreKind.allCases)
    func aCorruptedStoredCodeIsANamedError(kind: StoreKind) async throws {
        try await kind.withDatabase { database in
            let stores = database.stores
            try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
            let id = "fictief-regio-deal-voorbeeld"
            let partner = try #require(try await stores.portfolio.record(id: id)?.partners.first)
            // As the SQLite shell or psql would, the schema's own CHECK put aside first.
            try await database.corrupt(
                "UPDATE partner SET type = 'ruimteschip' WHERE arrangement_id = '\(id)' AND id = '\(partner.id)'",
                dropping: "partner_type_check ON partner")
            await #expect(throws: StoredCodeError(column: "partner.type", value: "ruimteschip")) {
                try await stores.portfolio.record(id: id)
            }
            // The rest of the portfolio still reads.
            #expect(try await stores.portfolio.portfolio().contains { $0.id == id })
        }
    }

    @Test("An account role the store does not know is a named error on every database", arguments: StoreKind.allCases)
    func aCorruptedStoredRoleIsANamedError(kind: StoreKind) async throws {
        try await kind.withDatabase { database in
            let stores = database.stores
            try await stores.accounts.create(
                Account(name: "lezer", role: .reader, createdAt: Self.created), passwordHash: "hash")
            try await database.corrupt("UPDATE account SET role = 'keizer'", dropping: "account_role_check ON account")
            await #expect(throws: StoredCodeError(column: "account.role", value: "keizer")) {
                try await stores.accounts.account(named: "lezer")
            }
        }
    }

    /// An event the trail refuses (a secret-looking detail) makes the recording fail.
    static let refused = AuditEvent(action: "gebruiker.test", object: "gebruiker:lezer", details: ["wachtwoord": "x"])

    @Test(
        "An account change whose audit entry fails is rolled back: the change and its entry land together",
        arguments: StoreKind.allCases)
    func anAccountChangeRollsBackWhenItsAuditEntryFails(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            let accounts = stores.accounts
            try await accounts.create(
                Account(name: "lezer", role: .reader, createdAt: Self.created), passwordHash: "hash",
                recording: AuditEvent(action: "gebruiker.maken", object: "gebruiker:lezer"))
            try await accounts.createSession(
                AccountSession(
                    idHash: String(repeating: "a", count: 64), accountName: "lezer", createdAt: Self.created,
                    lastSeenAt: Self.created, expiresAt: Self.created + 3600, origin: "test"))
            try await accounts.createToken(
                AccountToken(id: "sleutel1", accountName: "lezer", name: "test", createdAt: Self.created),
                secretHash: String(repeating: "b", count: 64))
            let before = try #require(try await accounts.account(named: "lezer"))
            let entries = try await stores.audit.entries(AuditQuery()).total
            #expect(entries == 1)

            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.setRole(
                    .administrator, secondFactorRequired: true, of: "lezer", recording: Self.refused)
            }
            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.setPasswordHash("ander", of: "lezer", recording: Self.refused)
            }
            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.block("lezer", at: Self.created) { _, _ in [Self.refused] }
            }
            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.revokeTokens(of: "lezer", at: Self.created) { _ in Self.refused }
            }
            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.deleteSessions(of: "lezer") { _ in Self.refused }
            }
            await #expect(throws: AuditSecretDetail.self) {
                try await accounts.create(
                    Account(name: "tweede", role: .reader, createdAt: Self.created), passwordHash: "hash",
                    recording: Self.refused)
            }
            #expect(try await accounts.account(named: "lezer") == before)
            #expect(try await accounts.account(named: "tweede") == nil)
            #expect(try await accounts.sessions(of: "lezer").count == 1)
            #expect(try await accounts.tokens(of: "lezer").map(\.isRevoked) == [false])
            #expect(try await stores.audit.entries(AuditQuery()).total == entries)

            // Recorded, the change and its entries land together.
            let blocked = try await accounts.block("lezer", at: Self.created) { sessions, tokens in
                [
                    AuditEvent(
                        action: "gebruiker.blokkeren", object: "gebruiker:lezer",
                        details: ["aanmeldingen": "\(sessions)", "sleutels": "\(tokens)"])
                ]
            }
            #expect(blocked == (sessions: 1, tokens: 1))
            #expect(try await accounts.account(named: "lezer")?.isBlocked == true)
            let last = try await stores.audit.entries(AuditQuery(newestFirst: true, limit: 1)).entries.first
            #expect(last?.action == "gebruiker.blokkeren")
            #expect(last?.details == ["aanmeldingen": "1", "sleutels": "1"])
            // Blocking again keeps one marker.
            _ = try await accounts.block("lezer", at: Self.created) { _, _ in [] }
            #expect(try await accounts.account(named: "lezer")?.passwordHash == StoredAccount.blockMarker + "hash")
        }
    }
}

extension TestDatabase {
    /// Runs `update` past the stores and past the schema's CHECK `constraint` (`name ON table`):
    /// ignored on SQLite, dropped on PostgreSQL, as a damaged or hand-edited database would be.
    func corrupt(_ update: String, dropping constraint: String) async throws {
        if kind == .postgres {
            let parts = constraint.components(separatedBy: " ON ")
            try await execute("ALTER TABLE \(parts[1]) DROP CONSTRAINT \(parts[0])")
            try await execute(update)
        } else {
            try await execute("PRAGMA ignore_check_constraints = ON")
            try await execute(update)
            try await execute("PRAGMA ignore_check_constraints = OFF")
        }
    }
}
