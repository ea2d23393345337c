import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

@testable import VliegwielWeb

/// Two application instances on one PostgreSQL database, as behind a load balancer: a session
/// started through one is valid on the other, and ending it on one ends it on both
/// (docs/accounts.md, "Sessies"). Runs when `VLIEGWIEL_TEST_POSTGRES_URL` names a server.
@Suite struct AccountPostgresWebTests {
    static var serverURL: String? {
        ProcessInfo.processInfo.environment["VLIEGWIEL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-c", sql, url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql: \(sql)")
    }

    /// One instance: its own connection pool to the database and its own router.
    static func instance(_ url: String) async throws -> (
        PostgresDatabase, Application<RouterResponder<AppRequestContext>>
    ) {
        let database = try await PostgresDatabase(url: url)
        // As `vliegwiel start` does: an editor is only given arrangements that exist (review L5).
        let app = try await TestApplication(stores: Stores(postgres: database), signedIn: false)
        return (database, app.application)
    }

    @Test(.enabled(if: serverURL != nil, "VLIEGWIEL_TEST_POSTGRES_URL is niet gezet"))
    func aLoginThroughOneInstanceIsValidOnTheOther() async throws {
        let server = try #require(Self.serverURL)
        let name = "vliegwiel_accounts_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try Self.psql(server, "CREATE DATABASE \(name)")
        defer { try? Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        let url = try #require(components.string)

        let (databaseA, first) = try await Self.instance(url)
        let (databaseB, second) = try await Self.instance(url)
        let service = AccountService(stores: Stores(postgres: databaseA), bcryptCost: 4)
        try await service.createAccount(name: "beheer", password: AccountWebFixture.password, role: .administrator)
        try await service.createAccount(name: "lezer", password: AccountWebFixture.password, role: .reader)
        let secret = try await service.setSecondFactor(of: "beheer")

        let form = AccountWebFixture.form([
            ("naam", "beheer"), ("wachtwoord", AccountWebFixture.password),
            ("code", AccountSecrets.totpCode(secret: secret, at: Date())),
        ])
        let id = try await first.test(.router) { client in
            let login = try await client.execute(
                uri: "/inloggen", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form))
            #expect(login.status == .seeOther)
            return try #require(Visitor.sessionID(login))
        }
        try await second.test(.router) { client in
            let visitor = Visitor(client: client, sessionID: id)
            #expect(try await visitor.get("/beheer/gebruikers").status == .ok)
            let changed = try await visitor.post(
                "/beheer/gebruikers/lezer/rol", [("rol", "redacteur"), ("arrangementen", "woondeal")])
            #expect(changed.bodyText.contains("De rol van lezer is nu: redacteur van woondeal."))
            #expect(try await visitor.post("/uitloggen").status == .seeOther)
        }
        try await first.test(.router) { client in
            let after = try await Visitor(client: client, sessionID: id).get("/beheer/gebruikers")
            #expect(after.status == .seeOther)
        }
        let rights = try await Stores(postgres: databaseB).audit.entries(AuditQuery(action: "gebruiker.rol")).entries
        #expect(rights.map(\.actor) == ["beheer"])
        await databaseA.close()
        await databaseB.close()
    }
}
