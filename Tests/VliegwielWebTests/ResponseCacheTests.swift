import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielTestSupport

@testable import VliegwielWeb

/// The response cache (issue 14 item 4) can never be stale: it keys on the newest audit
/// sequence, which every change moves, whichever process or instance makes it.
@Suite struct ResponseCacheTests {
    static let path = "/arrangementen/eigen-cache"

    static func arrangement(_ name: String) -> Arrangement {
        var arrangement = TestProfiles.arrangement("eigen-cache")
        arrangement.name = name
        return arrangement
    }

    static func get(_ client: some TestClientProtocol, _ path: String, etag: String? = nil) async throws
        -> TestResponse
    {
        var headers = HTTPFields()
        if let etag { headers[.ifNoneMatch] = etag }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test func anAnonymousPageIsKeptAndAChangeShowsOnTheNextRequest() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        try await app.stores.arrangements.save([Self.arrangement("Eerste naam (fictief)")], author: "T", reason: "r")
        try await app.test { client async throws in
            let first = try await Self.get(client, Self.path)
            #expect(first.status == .ok)
            #expect(String(buffer: first.body).contains("Eerste naam (fictief)"))
            let etag = try #require(first.headers[.eTag])
            // Unchanged: the browser's copy is still good.
            #expect(try await Self.get(client, Self.path, etag: etag).status == .notModified)
            let second = try await Self.get(client, Self.path)
            #expect(second.body == first.body)
            #expect(second.headers[.eTag] == etag)

            try await app.stores.arrangements.save(
                [Self.arrangement("Tweede naam (fictief)")], author: "T", reason: "r")
            let changed = try await Self.get(client, Self.path, etag: etag)
            #expect(changed.status == .ok)
            #expect(String(buffer: changed.body).contains("Tweede naam (fictief)"))
            #expect(changed.headers[.eTag] != etag)
        }
    }

    @Test func theQueryIsPartOfTheKeyInAnyOrder() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        try await app.test { client async throws in
            let all = try await Self.get(client, "/catalogus")
            let deals = try await Self.get(client, "/catalogus?familie=deal")
            #expect(all.body != deals.body)
            #expect(String(buffer: deals.body).contains("<option value=\"deal\" selected>"))
            let one = try await Self.get(
                client, "/vergelijken?arrangementen=regio-deal&arrangementen=city-deal&zoek=")
            let other = try await Self.get(
                client, "/vergelijken?zoek=&arrangementen=regio-deal&arrangementen=city-deal")
            #expect(one.body == other.body)
            // The values of one name keep their order: it is the order of the comparison's columns.
            let reversed = try await Self.get(
                client, "/vergelijken?arrangementen=city-deal&arrangementen=regio-deal&zoek=")
            #expect(reversed.body != one.body)
            #expect(ResponseCacheMiddleware.normalised("b=2&a=9&b=1") == "a=9&b=2&b=1")
            // The short ways: one item, items in order, and an empty item that is left out.
            #expect(ResponseCacheMiddleware.normalised("a=1,2") == "a=1,2")
            #expect(ResponseCacheMiddleware.normalised("a=1&a=0&b=2") == "a=1&a=0&b=2")
            #expect(ResponseCacheMiddleware.normalised("a=1&&b=2&") == "a=1&b=2")
            #expect(ResponseCacheMiddleware.normalised("b=1&&a=2") == "a=2&b=1")
        }
    }

    /// A signed-in visitor never gets the anonymous copy, and what they see is not kept.
    @Test func signedInPagesAreNeverServedFromTheCache() async throws {
        let app = try await TestApplication([.catalogue])
        try await app.application.test(.router) { client async throws in
            let anonymous = try await Self.get(client, "/catalogus")
            #expect(anonymous.headers[.eTag] != nil)
            #expect(anonymous.headers[.cacheControl] != "no-store")
            var headers = HTTPFields()
            headers[.cookie] = "vliegwiel-sessie=\(TestAdministrator.sessionID)"
            let signedIn = try await client.execute(uri: "/catalogus", method: .get, headers: headers)
            #expect(signedIn.status == .ok)
            #expect(signedIn.headers[.cacheControl] == "no-store")
            #expect(signedIn.headers[.eTag] == nil)
            #expect(signedIn.body != anonymous.body, "the signed-in header differs from the visitor's")
            // And the visitor still gets the visitor's page.
            #expect(try await Self.get(client, "/catalogus").body == anonymous.body)
        }
    }

    /// The day in the key is Amsterdam's, worked out again after midnight (and for a clock set back).
    @Test func theDayOfTheKeyTurnsAtMidnightInAmsterdam() throws {
        let day = DutchDay()
        let lastSecond = try #require(ISO8601DateFormatter().date(from: "2026-12-02T22:59:59Z"))
        let firstSecond = lastSecond.addingTimeInterval(2)
        #expect(day.today(at: lastSecond) == "2026-12-2")
        #expect(day.today(at: lastSecond) == "2026-12-2")
        #expect(day.today(at: firstSecond) == "2026-12-3")
        #expect(day.today(at: lastSecond) == "2026-12-2")
        // Summer time: midnight is 22:00 UTC.
        let summer = try #require(ISO8601DateFormatter().date(from: "2026-07-01T22:00:01Z"))
        #expect(day.today(at: summer) == "2026-7-2")
        #expect(day.today(at: summer.addingTimeInterval(-2)) == "2026-7-1")
    }

    /// What the client accepts is part of the key (and so is the host: Tests/Python/test_dcat.py
    /// asks one server by two names): a kept JSON-LD
    /// catalogue is never the answer to a request for Turtle, and a kept IATI file never the
    /// answer to a client that takes only JSON.
    @Test func acceptAndHostArePartOfTheKey() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        try await app.test { client async throws in
            func get(_ path: String, _ headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: path, method: .get, headers: headers)
            }
            let jsonLD = try await get("/api/v1/catalogus", [.accept: "application/ld+json"])
            let turtle = try await get("/api/v1/catalogus", [.accept: "text/turtle"])
            #expect(jsonLD.headers[.contentType] == "application/ld+json; charset=utf-8")
            #expect(turtle.headers[.contentType] == "text/turtle; charset=utf-8")
            #expect(try await get("/api/v1/catalogus", [.accept: "application/ld+json"]).body == jsonLD.body)
            #expect(try await get("/api/v1/catalogus", [.accept: "text/turtle"]).body == turtle.body)
            #expect(try await get("/api/v1/portefeuille", [:]).status == .ok)
            #expect(try await get("/api/v1/portefeuille", [.accept: "text/turtle"]).status == .notAcceptable)
        }
    }

    /// A request with a session cookie takes the whole way, even when the cookie names no session.
    @Test func aRequestWithASessionCookieIsNeverAnsweredFromTheCache() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        try await app.test { client async throws in
            let anonymous = try await Self.get(client, "/catalogus")
            #expect(anonymous.headers[.eTag] != nil)
            var headers = HTTPFields()
            headers[.cookie] = "vliegwiel-sessie=bestaat-niet"
            let withCookie = try await client.execute(uri: "/catalogus", method: .get, headers: headers)
            #expect(withCookie.headers[.eTag] == nil, "not from the cache and not kept")
            #expect(try await Self.get(client, "/catalogus").headers[.eTag] == anonymous.headers[.eTag])
        }
    }

    /// When the installation's version cannot be read, the request is answered uncached, by the
    /// whole chain (with its error pages), not with a bare failure from the cache.
    @Test func anUnreadableVersionAnswersUncached() async throws {
        struct Unreachable: Error {}
        let middleware = ResponseCacheMiddleware(cache: ResponseCache(), version: { throw Unreachable() })
        let router = Router(context: AppRequestContext.self)
        router.middlewares.add(middleware)
        router.get("/pagina") { _, _ in "inhoud" }
        try await Application(router: router).test(.router) { client async throws in
            let response = try await client.execute(uri: "/pagina", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "inhoud")
            #expect(response.headers[.eTag] == nil)
        }
    }

    @Test func healthAndMetricsAreNeverKept() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        try await app.test { client async throws in
            let health = try await Self.get(client, "/gezondheid")
            let metrics = try await Self.get(client, "/metrics")
            #expect(health.headers[.eTag] == nil)
            #expect(metrics.headers[.eTag] == nil)
        }
    }

    /// Two instances on one SQLite file, as two processes: a change through the second shows
    /// at once on the first's kept pages.
    @Test func aWriteThroughOneInstanceShowsAtOnceOnAnother() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vliegwiel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("gedeeld.sqlite").path
        let first = try await TestApplication(
            [.catalogue], stores: Stores(sqlite: AppDatabase(path: file)), signedIn: false)
        let second = try await TestApplication([], stores: Stores(sqlite: AppDatabase(path: file)), signedIn: false)
        try await Self.twoInstances(first, second)
    }

    @Test(.enabled(if: AccountPostgresWebTests.serverURL != nil, "VLIEGWIEL_TEST_POSTGRES_URL is niet gezet"))
    func aWriteThroughOneInstanceShowsAtOnceOnAnotherOnPostgreSQL() async throws {
        let server = try #require(AccountPostgresWebTests.serverURL)
        let name = "vliegwiel_cache_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try AccountPostgresWebTests.psql(server, "CREATE DATABASE \(name)")
        defer { try? AccountPostgresWebTests.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        let url = try #require(components.string)
        let databaseA = try await PostgresDatabase(url: url)
        let databaseB = try await PostgresDatabase(url: url)
        let first = try await TestApplication([.catalogue], stores: Stores(postgres: databaseA), signedIn: false)
        let second = try await TestApplication([], stores: Stores(postgres: databaseB), signedIn: false)
        try await Self.twoInstances(first, second)
        await databaseA.close()
        await databaseB.close()
    }

    static func twoInstances(_ first: TestApplication, _ second: TestApplication) async throws {
        try await second.stores.arrangements.save(
            [arrangement("Van instantie twee (fictief)")], author: "T", reason: "r")
        let etag = try await first.test { client async throws in
            let page = try await get(client, path)
            #expect(String(buffer: page.body).contains("Van instantie twee (fictief)"))
            #expect(try await get(client, path).body == page.body)
            return try #require(page.headers[.eTag])
        }
        try await second.stores.arrangements.save(
            [arrangement("Gewijzigd door twee (fictief)")], author: "T", reason: "r")
        try await first.test { client async throws in
            let page = try await get(client, path, etag: etag)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Gewijzigd door twee (fictief)"))
        }
    }
}
