import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

@testable import VliegwielWeb

/// A clock the tests move forward.
final class AccountTestClock: Sendable {
    private let moment = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { moment.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { moment.withLock { $0 += seconds } }
    /// The last TOTP time step a successful login used, per account.
    private let usedSteps = Mutex([String: Int64]())

    /// The current time step, after moving on to the next one when `name` has used this one:
    /// a TOTP code works once, so a person waits for the app's next code.
    func freshStep(for name: String) -> Int64 {
        let step = Int64((now.timeIntervalSince1970 / 30).rounded(.down))
        let used = usedSteps.withLock { $0[name] } ?? Int64.min
        guard step <= used else { return step }
        advance(Double(used + 1) * 30 - now.timeIntervalSince1970)
        return used + 1
    }

    func markUsed(_ step: Int64, by name: String) { usedSteps.withLock { $0[name] = step } }
}

/// The web application as `vliegwiel start` runs it, with accounts on: every store, sessions,
/// CSRF and roles; bcrypt at cost 4 to keep the tests quick (production uses 12).
struct AccountWebFixture {
    static let password = "een lange testzin zonder betekenis"
    static let demo = BundledPortfolio.demoID

    let stores: Stores
    let clock = AccountTestClock()
    let service: AccountService
    let app: TestApplication
    /// Every route of the application: method and pattern (`/arrangementen/:id`).
    var routes: [(method: HTTPRequest.Method, pattern: String)] { app.routes }

    /// The application of ``TestApplication`` with the portfolio and no account yet: each test
    /// makes the accounts it needs, with a clock it controls.
    init(readingWithoutAccount: Bool = true, secureCookies: AccountWebSettings.SecureCookies = .never) async throws {
        stores = Stores(sqlite: try AppDatabase())
        let clock = clock
        let service = AccountService(stores: stores, bcryptCost: 4, now: { clock.now })
        self.service = service
        app = try await TestApplication([.catalogue, .portfolio], stores: stores, signedIn: false) { dependencies in
            dependencies.accounts = AccountWebSettings(
                service: service, readingWithoutAccount: readingWithoutAccount, secureCookies: secureCookies)
        }
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }

    /// Makes an account with `role` and, when `secondFactor`, a confirmed TOTP secret.
    @discardableResult
    func makeAccount(_ name: String, _ role: AccountRole, secondFactor: Bool = true) async throws -> String? {
        try await service.createAccount(name: name, password: Self.password, role: role)
        guard secondFactor else { return nil }
        let secret = AccountSecrets.newTOTPSecret()
        try await stores.accounts.setTOTPSecret(secret, of: name)
        return secret
    }

    /// Logs `name` in through the form; the session as a client keeps it.
    func logIn(
        _ client: any TestClientProtocol, _ name: String, secret: String?, password: String = Self.password,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = [("naam", name), ("wachtwoord", password)]
        let step = secret.map { _ in clock.freshStep(for: name) }
        if let secret { fields.append(("code", AccountSecrets.totpCode(secret: secret, at: clock.now))) }
        var all = headers
        all[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(
            uri: AccountURL.login.href, method: .post, headers: all, body: ByteBuffer(string: Self.form(fields)))
        if let step, response.status == .seeOther { clock.markUsed(step, by: name) }
        return response
    }

    /// A signed-in browser: its cookie and its CSRF token.
    func signedIn(_ client: any TestClientProtocol, _ name: String, _ role: AccountRole) async throws -> Visitor {
        let secret = try await makeAccount(name, role)
        let response = try await logIn(client, name, secret: secret)
        let id = try #require(Visitor.sessionID(response))
        return Visitor(client: client, sessionID: id)
    }

    static func form(_ fields: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.percentEncodedQuery ?? ""
    }
}

/// A browser with a session cookie: sends it with every request and the CSRF token with every form.
struct Visitor {
    let client: any TestClientProtocol
    let sessionID: String?

    var csrf: String { sessionID.map(AccountSecrets.csrfToken) ?? "" }

    static func sessionID(_ response: TestResponse) -> String? {
        guard let cookie = response.headers[.setCookie], cookie.hasPrefix("vliegwiel-sessie=") else { return nil }
        let value = cookie.dropFirst("vliegwiel-sessie=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    var cookieHeaders: HTTPFields {
        var headers: HTTPFields = [:]
        if let sessionID { headers[.cookie] = "vliegwiel-sessie=\(sessionID)" }
        return headers
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: cookieHeaders)
    }

    func post(_ uri: String, _ fields: [(String, String)] = [], csrf token: String? = nil) async throws -> TestResponse
    {
        var headers = cookieHeaders
        headers[.contentType] = "application/x-www-form-urlencoded"
        let all = fields + [("csrf", token ?? csrf)]
        return try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: AccountWebFixture.form(all)))
    }
}

extension TestResponse {
    var bodyText: String { String(buffer: body) }
}

@Suite struct AccountWebTests {
    @Test func loginSetsASessionCookieWithItsAttributesAndANewIdEveryTime() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("beheer", .administrator)
        try await fixture.test { client in
            let first = try await fixture.logIn(client, "beheer", secret: secret)
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/")
            let cookie = try #require(first.headers[.setCookie])
            #expect(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200"))
            let firstID = try #require(Visitor.sessionID(first))
            #expect(firstID.count == 43)
            // Logging in again with the old cookie: a new id, and the old session ends.
            let second = try await fixture.logIn(
                client, "beheer", secret: secret, headers: [.cookie: "vliegwiel-sessie=\(firstID)"])
            let secondID = try #require(Visitor.sessionID(second))
            #expect(secondID != firstID)
            #expect(try await fixture.stores.accounts.session(idHash: AccountSecrets.sha256(firstID)) == nil)
            #expect(try await fixture.stores.accounts.session(idHash: AccountSecrets.sha256(secondID)) != nil)
            // The store knows the hash only.
            #expect(try await fixture.stores.accounts.session(idHash: secondID) == nil)
        }
    }

    @Test func aTOTPCodeWorksOnce() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try #require(try await fixture.makeAccount("beheer", .administrator))
        try await fixture.test { client in
            fixture.clock.advance(30)
            let code = AccountSecrets.totpCode(secret: secret, at: fixture.clock.now)
            func logIn(_ code: String) async throws -> TestResponse {
                try await client.execute(
                    uri: AccountURL.login.href, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(
                        string: AccountWebFixture.form([
                            ("naam", "beheer"), ("wachtwoord", AccountWebFixture.password), ("code", code),
                        ])))
            }
            #expect(try await logIn(code).status == .seeOther)
            // The same code again, also a few seconds later within its window: refused.
            fixture.clock.advance(5)
            let again = try await logIn(code)
            #expect(again.status != .seeOther)
            #expect(Visitor.sessionID(again) == nil)
            let refusal = try await fixture.stores.audit.entries(AuditQuery(action: "inloggen")).entries.last
            #expect(refusal?.result == .refused)
            #expect(refusal?.details["reden"] == "code al gebruikt")
            // The next code of the app works.
            fixture.clock.advance(30)
            #expect(try await logIn(AccountSecrets.totpCode(secret: secret, at: fixture.clock.now)).status == .seeOther)
        }
    }

    @Test func theCookieIsSecureBehindATrustedProxyOverHTTPS() async throws {
        let fixture = try await AccountWebFixture(secureCookies: .whenForwardedProtoIsHTTPS)
        let secret = try await fixture.makeAccount("beheer", .administrator)
        try await fixture.test { client in
            let https = try await fixture.logIn(
                client, "beheer", secret: secret, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(https.headers[.setCookie]?.hasSuffix("; Secure") == true)
            let http = try await fixture.logIn(client, "beheer", secret: secret)
            #expect(http.headers[.setCookie]?.contains("Secure") == false)
        }
    }

    @Test func aWrongPasswordAnUnknownNameAndAMissingCodeGetTheSameMessage() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("beheer", .administrator)
        try await fixture.test { client in
            let wrong = try await fixture.logIn(client, "beheer", secret: secret, password: "niet het wachtwoord")
            let unknown = try await fixture.logIn(client, "niemand", secret: nil)
            let noCode = try await fixture.logIn(client, "beheer", secret: nil)
            for response in [wrong, unknown, noCode] {
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                #expect(response.bodyText.contains(AccountService.refusedMessage))
            }
            let refusals = try await fixture.stores.audit.entries(AuditQuery(action: "inloggen")).entries
            #expect(refusals.map(\.result) == [.refused, .refused, .refused])
            #expect(
                refusals.map { $0.details["reden"] } == ["onjuist wachtwoord", "onbekende gebruiker", "code ontbreekt"])
        }
    }

    @Test func afterFiveFailuresTheNextLoginWaitsEvenWithTheRightPassword() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("beheer", .administrator)
        try await fixture.test { client in
            for _ in 0..<5 {
                #expect(
                    try await fixture.logIn(client, "beheer", secret: secret, password: "fout fout").status
                        == .unauthorized)
            }
            let throttled = try await fixture.logIn(client, "beheer", secret: secret)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] == "30")
            #expect(throttled.bodyText.contains("Probeer het over 30 seconden opnieuw"))
            fixture.clock.advance(31)
            #expect(try await fixture.logIn(client, "beheer", secret: secret).status == .seeOther)
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let visitor = try await fixture.signedIn(client, "beheer", .administrator)
            #expect(try await visitor.get("/beheer/audit").status == .ok)
            let out = try await visitor.post(AccountURL.logout.href)
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await visitor.get("/beheer/audit")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/inloggen?terug=%2Fbeheer%2Faudit")
            #expect(try await fixture.stores.audit.entries(AuditQuery(action: "uitloggen")).total == 1)
        }
    }

    @Test func aSessionEndsAfterThirtyIdleMinutesAndAfterTwelveHoursWhatever() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let idle = try await fixture.signedIn(client, "beheer", .administrator)
            fixture.clock.advance(29 * 60)
            #expect(try await idle.get("/beheer/audit").status == .ok)
            fixture.clock.advance(29 * 60)
            #expect(try await idle.get("/beheer/audit").status == .ok)
            fixture.clock.advance(30 * 60)
            let expired = try await idle.get("/beheer/audit")
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.setCookie]?.contains("Max-Age=0") == true)

            let busy = try await fixture.signedIn(client, "tweede", .administrator)
            for _ in 0..<24 {
                fixture.clock.advance(29 * 60)
                _ = try await busy.get("/beheer/audit")
            }
            // 11 h 36 min of activity: still in; past 12 h: out, however active.
            fixture.clock.advance(25 * 60)
            #expect(try await busy.get("/beheer/audit").status == .seeOther)
        }
    }

    /// The design form says before it is filled in who may save it, and a refused save shows
    /// every field again with a way to log in and come back (usability review: "Fout 401").
    @Test func theDesignFormSaysWhoMaySaveAndARefusedSaveKeepsTheInput() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let anonymous = try await client.get("/ontwerpen").text
            #expect(anonymous.contains("Opslaan vraagt een account."))
            #expect(anonymous.contains(#"href="/inloggen?terug=%2Fontwerpen""#))
            let refused = try await client.execute(
                uri: "/ontwerpen", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    HTTPField.Name("Referer")!: "http://localhost/ontwerpen", HTTPField.Name("Host")!: "localhost",
                ],
                body: ByteBuffer(string: "id=mijn-ontwerp&naam=Mijn+regio&omschrijving=Drie+weken+werk"))
            #expect(refused.status == .unauthorized)
            #expect(refused.bodyText.contains("<h1>Eerst inloggen</h1>"))
            #expect(refused.bodyText.contains("Drie weken werk"))
            #expect(refused.bodyText.contains("Wat u hebt ingevuld"))
            // Logging in leads back to the form with the fields (SafeEditingTests).
            #expect(refused.bodyText.contains(#"href="/inloggen?terug=%2Fontwerpen%3Fid%3Dmijn%2Dontwerp"#))

            let reader = try await fixture.signedIn(client, "lezer", .reader)
            let readerPage = try await reader.get("/ontwerpen").bodyText
            #expect(readerPage.contains("U kunt dit ontwerp niet opslaan."))
            let administrator = try await fixture.signedIn(client, "beheer", .administrator)
            let page = try await administrator.get("/ontwerpen").bodyText
            #expect(!page.contains("Opslaan vraagt een account") && !page.contains("U kunt dit ontwerp niet opslaan"))
        }
    }

    @Test func aFormWithoutTheSessionsCSRFTokenIsRefusedWithAnExplanation() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let visitor = try await fixture.signedIn(client, "beheer", .administrator)
            let missing = try await client.execute(
                uri: "/ontwerpen", method: .post,
                headers: [
                    .cookie: "vliegwiel-sessie=\(visitor.sessionID!)",
                    .contentType: "application/x-www-form-urlencoded",
                ],
                body: ByteBuffer(string: "id=x"))
            #expect(missing.status == .forbidden)
            #expect(missing.bodyText.contains("beveiligingscode (CSRF-token) ontbreekt of niet bij uw sessie hoort"))
            let wrong = try await visitor.post("/ontwerpen", [("id", "x")], csrf: String(repeating: "0", count: 64))
            #expect(wrong.status == .forbidden)
            let right = try await visitor.post("/ontwerpen", [("id", "Geen Geldige Id")])
            #expect(right.status == .badRequest)
            // Every post form the signed-in user sees carries the token.
            let page = try await visitor.get("/arrangementen/\(AccountWebFixture.demo)/leerlog").bodyText
            let forms = page.components(separatedBy: "method=\"post\"").count - 1
            let tokens = page.components(separatedBy: "name=\"csrf\" value=\"\(visitor.csrf)\"").count - 1
            #expect(forms >= 2)
            #expect(tokens == forms)
        }
    }

    /// The account page lists its keys with Dutch moments (`4 december 2026, 19:30 UTC`), as
    /// every page for people gives dates; the audit trail keeps ISO 8601 for auditors.
    @Test func theKeysOfAnAccountAreListedWithDutchMoments() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let editor = try await fixture.signedIn(client, "red", .editor(arrangements: [AccountWebFixture.demo]))
            let (token, _) = try await fixture.service.createToken(named: "rekenblad", for: "red")
            let page = try await editor.get(AccountURL.account.href)
            let created = AuditTimestamp(token.createdAt).dutchText
            #expect(created.hasSuffix(" UTC") && !created.contains("-"))
            #expect(page.bodyText.contains("<td>rekenblad</td><td>\(created)</td><td>nooit</td><td>geldig</td>"))
        }
    }

    @Test func anEditorChangesItsOwnArrangementAndIsRefusedAnother() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let editor = try await fixture.signedIn(client, "red", .editor(arrangements: [AccountWebFixture.demo]))
            let own = try await editor.post(
                "/arrangementen/\(AccountWebFixture.demo)/leerlog/lessen", [("datum", "niet-een-datum")])
            #expect(own.status == .badRequest)
            let other = try await editor.post("/arrangementen/regio-deal-3-zwolle/partners/nieuw", [("naam", "x")])
            #expect(other.status == .forbidden)
            #expect(
                other.bodyText.contains(
                    "Geweigerd: geweigerd voor red (redacteur): u bent redacteur van \(AccountWebFixture.demo), niet van &#39;regio-deal-3-zwolle&#39;."
                ) || other.bodyText.contains("u bent redacteur van \(AccountWebFixture.demo)"))
            #expect(try await editor.get("/beheer/gebruikers").status == .forbidden)
            let refused = try await fixture.stores.audit.entries(AuditQuery(action: "toegang")).entries
            #expect(refused.first?.actor == "red")
        }
    }

    @Test func theAPITakesBearerTokensOnlyAndAnswersWithProblems() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("lezer", .reader, secondFactor: false)
        let (_, readerToken) = try await fixture.service.createToken(named: "script", for: "lezer")
        try await fixture.makeAccount("beheer", .administrator)
        let (adminToken, adminSecret) = try await fixture.service.createToken(named: "script", for: "beheer")
        try await fixture.test { client in
            let uri = "/api/v1/arrangementen/\(AccountWebFixture.demo)"
            let visitor = try await client.execute(uri: uri, method: .delete, headers: [:])
            #expect(visitor.status == .unauthorized)
            #expect(visitor.headers[.contentType] == "application/problem+json")
            #expect(visitor.headers[.wwwAuthenticate] == "Bearer realm=\"Vliegwiel API\"")
            let reader = try await client.execute(
                uri: uri, method: .delete, headers: [.authorization: "Bearer \(readerToken)"])
            #expect(reader.status == .forbidden)
            #expect(reader.bodyText.contains("geweigerd voor lezer (lezer)"))
            let bogus = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer vw_nep_nep"])
            #expect(bogus.status == .unauthorized)
            // A session cookie is no key to the API.
            let session = try await fixture.logIn(client, "lezer", secret: nil)
            let cookie = try await client.execute(
                uri: uri, method: .delete, headers: [.cookie: "vliegwiel-sessie=\(Visitor.sessionID(session)!)"])
            #expect(cookie.status == .unauthorized)
            let admin = try await client.execute(
                uri: uri, method: .delete, headers: [.authorization: "Bearer \(adminSecret)"])
            #expect(admin.status == .noContent)
            try await fixture.service.revokeToken(id: adminToken.id, of: "beheer")
            let revoked = try await client.execute(
                uri: "/api/v1/arrangementen", method: .get, headers: [.authorization: "Bearer \(adminSecret)"])
            #expect(revoked.status == .unauthorized)
        }
        let entries = try await fixture.stores.audit.entries(AuditQuery()).entries
        #expect(!entries.contains { "\($0.details)".contains(readerToken) || "\($0.details)".contains(adminSecret) })
    }

    @Test func anAdministratorWithoutTOTPSetsItUpBeforeAnythingElse() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("nieuw", .administrator, secondFactor: false)
        try await fixture.test { client in
            let login = try await fixture.logIn(client, "nieuw", secret: nil)
            #expect(login.headers[.location] == "/account")
            let visitor = Visitor(client: client, sessionID: Visitor.sessionID(login))
            let elsewhere = try await visitor.get("/portefeuille")
            #expect(elsewhere.status == .seeOther)
            #expect(elsewhere.headers[.location] == "/account")
            #expect(try await visitor.post("/ontwerpen", [("id", "x")]).status == .forbidden)
            let begun = try await visitor.post(AccountURL.secondFactorBegin.href).bodyText
            #expect(begun.contains("otpauth://totp/Vliegwiel:nieuw?secret="))
            let secret = try #require(try await fixture.stores.accounts.account(named: "nieuw")?.pendingTOTPSecret)
            #expect(begun.contains(AccountSecrets.totpDisplaySecret(secret: secret)))
            let wrong = try await visitor.post(AccountURL.secondFactorConfirm.href, [("code", "000000")])
            #expect(wrong.status == .badRequest)
            let code = AccountSecrets.totpCode(secret: secret, at: fixture.clock.now)
            let confirmed = try await visitor.post(AccountURL.secondFactorConfirm.href, [("code", code)])
            #expect(confirmed.bodyText.contains("Tweestapsverificatie is ingesteld"))
            #expect(try await visitor.get("/portefeuille").status == .ok)
        }
    }

    @Test func anAdministratorChangesRolesAndEndsSessions() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let admin = try await fixture.signedIn(client, "beheer", .administrator)
            let reader = try await fixture.signedIn(client, "lezer", .reader)
            #expect(try await admin.get("/beheer/gebruikers").bodyText.contains("Rol van lezer"))
            let changed = try await admin.post(
                "/beheer/gebruikers/lezer/rol", [("rol", "redacteur"), ("arrangementen", "regio-deal, woondeal")])
            #expect(changed.bodyText.contains("De rol van lezer is nu: redacteur van regio-deal, woondeal."))
            let ended = try await admin.post("/beheer/gebruikers/lezer/sessies-beeindigen")
            #expect(ended.bodyText.contains("1 sessie van lezer beëindigd."))
            #expect(try await reader.get("/account").status == .seeOther)
            let rights = try await fixture.stores.audit.entries(AuditQuery(action: "gebruiker.rol")).entries
            #expect(rights.last?.actor == "beheer")
            #expect(rights.last?.details["naar"] == "redacteur van regio-deal, woondeal")
        }
    }

    @Test func readingCanBeClosedToVisitors() async throws {
        let fixture = try await AccountWebFixture(readingWithoutAccount: false)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/portefeuille", method: .get, headers: [:])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/inloggen?terug=%2Fportefeuille")
            let api = try await client.execute(uri: "/api/v1/portefeuille", method: .get, headers: [:])
            #expect(api.status == .unauthorized)
            #expect(try await client.execute(uri: "/inloggen", method: .get, headers: [:]).status == .ok)
            #expect(try await client.execute(uri: "/gezondheid", method: .get, headers: [:]).status == .ok)
        }
    }
}
