import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// A web application on a fresh in-memory database holding the shipped catalogue and,
/// when asked, the shipped portfolio (as `Installation.open` loads it on a first start).
struct WebFixture {
    let store: SQLiteArrangementStore
    let portfolio: SQLitePortfolioStore
    let application: Application<RouterResponder<BasicRequestContext>>
    let administrator: TestAdministrator

    /// - Parameter seedsPortfolio: whether to load the Regio Deals and the demo deal; the
    ///   pages of issue 4 are tested on the catalogue alone, so that their counts stay put.
    init(seedsPortfolio: Bool = false) async throws {
        let catalogue = try BundledCatalogue.arrangements()
        let database = try AppDatabase()
        store = SQLiteArrangementStore(database: database)
        portfolio = SQLitePortfolioStore(database: database)
        try await store.synchronizeReferences(with: catalogue)
        if seedsPortfolio {
            try await portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name)
        }
        // Accounts on, as `vliegwiel start` runs it; the client is a signed-in beheerder.
        let stores = Stores(sqlite: database)
        administrator = try await TestAdministrator.make(in: stores)
        var dependencies = WebDependencies(store: store, portfolio: portfolio, catalogue: catalogue)
        dependencies.accounts = TestAdministrator.settings(stores)
        let router = try buildRouter(dependencies)
        application = Application(router: router)
    }

    /// Runs `body` with a client that sends requests straight to the router, signed in as a
    /// beheerder where the site or the API asks for it (``SignedInTestClient``).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let administrator = administrator
        try await application.test(.router) { client in
            try await body(SignedInTestClient(inner: client, administrator: administrator))
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}

extension TestClientProtocol {
    func get(_ uri: String, accept: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let accept { headers[.accept] = accept }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, json: String, contentType: String = "application/json") async throws -> TestResponse {
        try await execute(
            uri: uri, method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: json))
    }

    func postForm(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        return try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: components.percentEncodedQuery ?? ""))
    }
}
