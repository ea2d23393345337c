import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
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

/// The application as `vliegwiel start` builds it, for every web test (issue 14): a fresh
/// database (SQLite in memory unless `stores` are given), the shipped data that ``ShippedData``
/// loads on a first start (`parts`; most tests need only the catalogue), accounts on, and the
/// router of ``buildRouter(_:)``. With `signedIn` a beheerder is made in the store and
/// ``test(_:_:)`` gives its client; `configure` changes what a test needs changed (the accounts'
/// settings, the QCA limits), and `addRoutes` adds probe routes after the application's own.
struct TestApplication: Sendable {
    let stores: Stores
    let catalogue: [Arrangement]
    let administrator: TestAdministrator?
    /// Every route of the application: method and pattern (`/arrangementen/:id`).
    let routes: [(method: HTTPRequest.Method, pattern: String)]
    let application: Application<RouterResponder<AppRequestContext>>

    init(
        _ parts: Set<ShippedData.Part> = [.catalogue], stores: Stores? = nil, signedIn: Bool = true,
        configure: (inout WebDependencies) -> Void = { _ in },
        addRoutes: (Router<AppRequestContext>) -> Void = { _ in }
    ) async throws {
        let stores = try stores ?? Stores(sqlite: AppDatabase())
        let catalogue = try BundledCatalogue.arrangements()
        try await ShippedData.load(into: stores, catalogue: catalogue, parts: parts)
        administrator = signedIn ? try await TestAdministrator.make(in: stores) : nil
        var dependencies = WebDependencies(
            stores: stores, catalogue: catalogue, accounts: TestAdministrator.settings(stores))
        configure(&dependencies)
        let router = try buildRouter(dependencies)
        addRoutes(router)
        routes = router.routes.map { ($0.method, $0.path.description) }
        application = Application(router: router)
        self.stores = stores
        self.catalogue = catalogue
    }

    /// Runs `body` with a client that sends requests straight to the router: signed in as the
    /// beheerder where the site or the API asks for it (``SignedInTestClient``), or as a
    /// visitor when the application was made without one.
    func test<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let administrator = administrator
        return try await application.test(setup) { client in
            guard let administrator else { return try await body(client) }
            return try await body(SignedInTestClient(inner: client, administrator: administrator))
        }
    }
}
