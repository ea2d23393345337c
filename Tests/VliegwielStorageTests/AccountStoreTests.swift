import Foundation
import Testing
import VliegwielCore

@testable import VliegwielStorage

@Suite struct AccountStoreTests {
    static let created = Date(timeIntervalSince1970: 1_700_000_000.123)
    static let hash = "$2b$04$abcdefghijklmnopqrstuuVbqZqF0x3m4S0nRZp2c8A0GJj6d4d1a"

    static func sha(_ letter: Character) -> String { String(repeating: letter, count: 64) }

    @Test(arguments: StoreKind.allCases)
    func anAccountRoundTripsWithItsRoleAndOnlyItsPasswordHash(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            let editor = Account(
                name: "redactie", role: .editor(arrangements: ["regio-deal-b", "regio-deal-a"]),
                secondFactorRequired: true, createdAt: Self.created)
            try await stores.accounts.create(editor, passwordHash: Self.hash)
            let stored = try #require(try await stores.accounts.account(named: "redactie"))
            #expect(stored.account.name == "redactie")
            #expect(stored.account.role == .editor(arrangements: ["regio-deal-a", "regio-deal-b"]))
            #expect(stored.account.secondFactorRequired)
            #expect(!stored.account.secondFactorConfigured)
            #expect(abs(stored.account.createdAt.timeIntervalSince(Self.created)) < 0.001)
            #expect(stored.passwordHash == Self.hash)
            #expect(try await stores.accounts.account(named: "onbekend") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aTakenNameIsRefusedAndTheFirstAccountStays(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.accounts.create(
                Account(name: "beheer", role: .administrator, createdAt: Self.created), passwordHash: Self.hash)
            let error = await #expect(throws: ValidationFailure.self) {
                try await stores.accounts.create(
                    Account(name: "beheer", role: .reader, createdAt: Self.created), passwordHash: "ander")
            }
            #expect(error?.description == "naam: er is al een gebruiker 'beheer'; kies een andere naam")
            #expect(try await stores.accounts.account(named: "beheer")?.account.role == .administrator)
            #expect(try await stores.accounts.accounts().map(\.name) == ["beheer"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func rolesPasswordsAndTOTPChange(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.accounts.create(
                Account(name: "lezer", role: .reader, createdAt: Self.created), passwordHash: Self.hash)
            try await stores.accounts.setRole(.editor(arrangements: ["x"]), secondFactorRequired: false, of: "lezer")
            try await stores.accounts.setPasswordHash("nieuw", of: "lezer")
            try await stores.accounts.setPendingTOTPSecret("GEHEIM", of: "lezer")
            var stored = try #require(try await stores.accounts.account(named: "lezer"))
            #expect(stored.account.role == .editor(arrangements: ["x"]))
            #expect(stored.passwordHash == "nieuw")
            #expect(stored.pendingTOTPSecret == "GEHEIM" && stored.totpSecret == nil)
            try await stores.accounts.setTOTPSecret("GEHEIM", of: "lezer")
            stored = try #require(try await stores.accounts.account(named: "lezer"))
            #expect(stored.totpSecret == "GEHEIM" && stored.pendingTOTPSecret == nil)
            #expect(stored.account.secondFactorConfigured)
            let error = await #expect(throws: ValidationFailure.self) {
                try await stores.accounts.setRole(.reader, secondFactorRequired: false, of: "niemand")
            }
            #expect(error?.description == "naam: onbekende gebruiker 'niemand'")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func sessionsAreKeptByHashAndEnd(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.accounts.create(
                Account(name: "a", role: .reader, createdAt: Self.created), passwordHash: Self.hash)
            let session = AccountSession(
                idHash: Self.sha("a"), accountName: "a", createdAt: Self.created, lastSeenAt: Self.created,
                expiresAt: Self.created + 3600, origin: "127.0.0.1")
            try await stores.accounts.createSession(session)
            try await stores.accounts.createSession(
                AccountSession(
                    idHash: Self.sha("b"), accountName: "a", createdAt: Self.created + 1, lastSeenAt: Self.created + 1,
                    expiresAt: Self.created + 3601, origin: "::1"))
            #expect(try await stores.accounts.session(idHash: Self.sha("a"))?.origin == "127.0.0.1")
            try await stores.accounts.touchSession(idHash: Self.sha("a"), at: Self.created + 600)
            let touched = try #require(try await stores.accounts.session(idHash: Self.sha("a")))
            #expect(abs(touched.lastSeenAt.timeIntervalSince(Self.created + 600)) < 0.001)
            #expect(try await stores.accounts.sessions(of: "a").map(\.idHash) == [Self.sha("b"), Self.sha("a")])
            #expect(try await stores.accounts.deleteSession(idHash: Self.sha("a")))
            #expect(try await !stores.accounts.deleteSession(idHash: Self.sha("a")))
            #expect(try await stores.accounts.deleteSessions(of: "a") == 1)
            #expect(try await stores.accounts.sessions(of: "a").isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tokensAreFoundByHashAndRevokedOnce(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            try await stores.accounts.create(
                Account(name: "a", role: .reader, createdAt: Self.created), passwordHash: Self.hash)
            try await stores.accounts.create(
                Account(name: "b", role: .reader, createdAt: Self.created), passwordHash: Self.hash)
            let token = AccountToken(id: "abc12345", accountName: "a", name: "rapportage", createdAt: Self.created)
            try await stores.accounts.createToken(token, secretHash: Self.sha("c"))
            #expect(try await stores.accounts.token(secretHash: Self.sha("c"))?.name == "rapportage")
            #expect(try await stores.accounts.token(secretHash: Self.sha("d")) == nil)
            try await stores.accounts.markTokenUsed(id: "abc12345", at: Self.created + 5)
            #expect(try await stores.accounts.tokens(of: "a").first?.lastUsedAt != nil)
            #expect(try await !stores.accounts.revokeToken(id: "abc12345", of: "b", at: Self.created + 6))
            #expect(try await stores.accounts.revokeToken(id: "abc12345", of: "a", at: Self.created + 6))
            #expect(try await !stores.accounts.revokeToken(id: "abc12345", of: "a", at: Self.created + 7))
            #expect(try await stores.accounts.token(secretHash: Self.sha("c"))?.isRevoked == true)
        }
    }

    /// Security review M2, on every database: thirty reservations at the same moment, of which
    /// the throttle allows five; exactly five are recorded, the rest are told to wait.
    @Test(arguments: StoreKind.allCases)
    func reservationsAtTheSameMomentAreCountedOneByOne(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            let accounts = stores.accounts
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let throttle = AccountLoginThrottle()
            let waits = try await withThrowingTaskGroup(of: Int?.self) { group in
                for guess in 0..<30 {
                    group.addTask {
                        try await accounts.reserveLoginAttempt(
                            AccountLoginAttempt(
                                time: now.addingTimeInterval(Double(guess) / 1000), accountName: "doelwit",
                                clientAddress: "10.0.0.\(guess)", succeeded: false),
                            since: now.addingTimeInterval(-3600),
                            decide: { throttle.retryAfter(accountFailures: $0, addressFailures: $1, now: now) })
                    }
                }
                var all: [Int?] = []
                for try await wait in group { all.append(wait) }
                return all
            }
            #expect(waits.filter { $0 == nil }.count == throttle.freeAccountFailures)
            let recorded = try await accounts.loginFailures(accountName: "doelwit", since: .distantPast)
            #expect(recorded.count == throttle.freeAccountFailures)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func loginFailuresCountFromTheLastSuccess(kind: StoreKind) async throws {
        try await kind.withStores { stores in
            func attempt(_ seconds: Double, _ name: String, _ address: String, _ succeeded: Bool) async throws {
                try await stores.accounts.recordLoginAttempt(
                    AccountLoginAttempt(
                        time: Self.created + seconds, accountName: name, clientAddress: address, succeeded: succeeded))
            }
            try await attempt(1, "a", "10.0.0.1", false)
            try await attempt(2, "a", "10.0.0.1", true)
            try await attempt(3, "a", "10.0.0.2", false)
            try await attempt(4, "b", "10.0.0.1", false)
            try await attempt(5, "a", "10.0.0.1", false)
            let forA = try await stores.accounts.loginFailures(accountName: "a", since: Self.created)
            #expect(forA.count == 2)
            let fromAddress = try await stores.accounts.loginFailures(
                clientAddress: "10.0.0.1", since: Self.created + 2)
            #expect(fromAddress.count == 2)
        }
    }
}
