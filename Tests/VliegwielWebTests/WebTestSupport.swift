import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielWeb

/// The application of ``TestApplication`` on the shipped catalogue and, when asked, the
/// shipped portfolio, with a signed-in beheerder's client.
struct WebFixture {
    let app: TestApplication
    var store: any ArrangementStore { app.stores.arrangements }
    var portfolio: any PortfolioStore { app.stores.portfolio }

    /// - Parameter seedsPortfolio: whether to load the Regio Deals and the demo deal; the
    ///   pages of issue 4 are tested on the catalogue alone, so that their counts stay put.
    init(seedsPortfolio: Bool = false) async throws {
        app = try await TestApplication(seedsPortfolio ? [.catalogue, .portfolio] : [.catalogue])
    }

    /// Runs `body` with the signed-in beheerder's client (``SignedInTestClient``).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
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

    /// The page as the signed-in test beheerder sees it: with the forms and edit links that a
    /// visitor without an account does not get (issue 16 item 2).
    func getSignedIn(_ uri: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: .get, headers: [.cookie: "vliegwiel-sessie=\(TestAdministrator.sessionID)"])
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
