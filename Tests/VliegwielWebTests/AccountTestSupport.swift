import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

/// A beheerder signed in for the router tests that predate accounts (``WebFixture``): the
/// application runs with accounts on, exactly as `vliegwiel start` does, and the tests' client
/// carries this beheerder's credentials where a browser or an API client would.
///
/// The session is stored like any other (by the SHA-256 of its id) but with a fixed id, so
/// that a page rendered for it — with the CSRF token derived from that id — is the same on
/// every run and can be a snapshot.
struct TestAdministrator: Sendable {
    static let name = "testbeheer"
    static let sessionID = "testsessie-van-de-routertests-niet-geheim-0000"

    let apiToken: String

    /// Makes the account (with TOTP), its session and an API token in `stores`, straight in the
    /// store: scaffolding of the tests, not an event of the audit trail they look at.
    static func make(in stores: Stores) async throws -> TestAdministrator {
        let now = Date()
        try await stores.accounts.create(
            Account(name: name, role: .administrator, secondFactorRequired: true, createdAt: now),
            passwordHash: AccountSecrets.hashPassword("een lange testzin zonder betekenis", cost: 4))
        try await stores.accounts.setTOTPSecret(AccountSecrets.newTOTPSecret(), of: name)
        try await stores.accounts.createSession(
            AccountSession(
                idHash: AccountSecrets.sha256(sessionID), accountName: name, createdAt: now, lastSeenAt: now,
                expiresAt: now.addingTimeInterval(12 * 3600), origin: "test"))
        let token = "vw_routerts_" + String(repeating: "t", count: 43)
        try await stores.accounts.createToken(
            AccountToken(id: "routerts", accountName: name, name: "routertests", createdAt: now),
            secretHash: AccountSecrets.sha256(token))
        return TestAdministrator(apiToken: token)
    }

    /// The accounts of the application under test (bcrypt at cost 4, to keep the tests quick).
    static func settings(_ stores: Stores) -> AccountWebSettings {
        AccountWebSettings(service: AccountService(stores: stores, bcryptCost: 4))
    }
}

/// The tests' client as a signed-in beheerder uses the application: API requests carry the
/// API token; forms sent to the site carry the session cookie and the session's CSRF token.
/// Pages are read as a visitor (reading is open), so that their snapshots show the site as
/// most people see it; the pages of `/beheer/` and `/account` with the session.
struct SignedInTestClient: TestClientProtocol {
    let inner: any TestClientProtocol
    let administrator: TestAdministrator

    var port: Int? { inner.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?)
        async throws -> TestResponse
    {
        var headers = headers
        var body = body
        let forAdministrators = uri.hasPrefix("/beheer/") || uri.hasPrefix("/account")
        let writes = method != .get && method != .head
        if uri.hasPrefix(APIURL.base) {
            if headers[.authorization] == nil { headers[.authorization] = "Bearer \(administrator.apiToken)" }
        } else if headers[.cookie] == nil && (writes || forAdministrators) {
            headers[.cookie] = "vliegwiel-sessie=\(TestAdministrator.sessionID)"
            let token = AccountSecrets.csrfToken(sessionID: TestAdministrator.sessionID)
            if writes && headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                let text = body.map { String(buffer: $0) } ?? ""
                body = ByteBuffer(string: (text.isEmpty ? "" : text + "&") + "csrf=\(token)")
                headers[.contentLength] = nil
            }
        }
        return try await inner.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

/// An application built from `dependencies` with accounts on, whose `test(.router)` gives a
/// signed-in beheerder's client: for fixtures that build their own dependencies.
struct SignedInApplication: Sendable {
    let application: Application<RouterResponder<BasicRequestContext>>
    let administrator: TestAdministrator

    /// - Parameter database: the database of the stores in `dependencies`, where the
    ///   beheerder and its session are made.
    init(_ dependencies: WebDependencies, database: AppDatabase) async throws {
        let stores = Stores(sqlite: database)
        var dependencies = dependencies
        dependencies.accounts = TestAdministrator.settings(stores)
        administrator = try await TestAdministrator.make(in: stores)
        application = Application(router: try buildRouter(dependencies))
    }

    func test<Value: Sendable>(
        _ setup: TestingSetup, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let administrator = administrator
        return try await application.test(setup) { client in
            try await body(SignedInTestClient(inner: client, administrator: administrator))
        }
    }
}
