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

    /// Makes the account (with TOTP), its session and an API token in `stores`.
    static func make(in stores: Stores) async throws -> TestAdministrator {
        let service = AccountService(stores: stores, bcryptCost: 4)
        try await service.createAccount(
            name: name, password: "een lange testzin zonder betekenis", role: .administrator)
        _ = try await service.setSecondFactor(of: name)
        let now = Date()
        try await stores.accounts.createSession(
            AccountSession(
                idHash: AccountSecrets.sha256(sessionID), accountName: name, createdAt: now, lastSeenAt: now,
                expiresAt: now.addingTimeInterval(service.absoluteTimeout), origin: "test"))
        return TestAdministrator(apiToken: try await service.createToken(named: "routertests", for: name).1)
    }

    /// The accounts of the application under test (bcrypt at cost 4, to keep the tests quick).
    static func settings(_ stores: Stores) -> AccountWebSettings {
        AccountWebSettings(service: AccountService(stores: stores, bcryptCost: 4))
    }
}

/// The tests' client as a signed-in beheerder uses the application: API requests carry the
/// API token; forms sent to the site carry the session cookie and the session's CSRF token.
/// Pages are read as a visitor (reading is open), so that their snapshots show the site as
/// most people see it.
struct SignedInTestClient: TestClientProtocol {
    let inner: any TestClientProtocol
    let administrator: TestAdministrator

    var port: Int? { inner.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?)
        async throws -> TestResponse
    {
        var headers = headers
        var body = body
        if uri.hasPrefix(APIURL.base) {
            if headers[.authorization] == nil { headers[.authorization] = "Bearer \(administrator.apiToken)" }
        } else if method != .get && method != .head && headers[.cookie] == nil {
            headers[.cookie] = "vliegwiel-sessie=\(TestAdministrator.sessionID)"
            let token = AccountSecrets.csrfToken(sessionID: TestAdministrator.sessionID)
            if headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                let text = body.map { String(buffer: $0) } ?? ""
                body = ByteBuffer(string: (text.isEmpty ? "" : text + "&") + "csrf=\(token)")
                headers[.contentLength] = nil
            }
        }
        return try await inner.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}
