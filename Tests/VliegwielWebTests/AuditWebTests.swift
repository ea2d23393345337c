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

/// A web application on a fresh in-memory database with the catalogue, the portfolio and the
/// audit trail, as `vliegwiel start` runs it.
struct AuditedWebFixture {
    let app: TestApplication
    var stores: Stores { app.stores }

    init() async throws { app = try await TestApplication([.catalogue, .portfolio]) }

    /// Runs `body` with a signed-in beheerder's client (``SignedInTestClient``).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }

    func entries(_ query: AuditQuery = AuditQuery()) async throws -> [AuditEntry] {
        try await stores.audit.entries(query).entries
    }
}

@Suite struct AuditWebTests {
    static let demo = BundledPortfolio.demoID

    /// Woondeal as an own, fictional arrangement with id `id`, as JSON.
    static func ownArrangement(_ id: String, name: String, in stores: Stores) async throws -> String {
        var arrangement = try #require(try await stores.arrangements.arrangement(id: "woondeal"))
        arrangement = Arrangement(
            id: id, name: name, family: arrangement.family, kind: .practice, variantID: "woondeal",
            sources: arrangement.sources, profile: arrangement.profile)
        return String(decoding: try JSONEncoder().encode(arrangement), as: UTF8.self)
    }

    static func put(_ client: any TestClientProtocol, _ id: String, _ body: String, ifMatch: String? = nil)
        async throws -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await client.execute(
            uri: "/api/v1/arrangementen/\(id)", method: .put, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func theAPIDetectsASecondWriterWithETagAndIfMatch() async throws {
        let fixture = try await AuditedWebFixture()
        let first = try await Self.ownArrangement("eigen-fictief", name: "Eigen (fictief)", in: fixture.stores)
        let byA = try await Self.ownArrangement("eigen-fictief", name: "Eigen, door A (fictief)", in: fixture.stores)
        let byB = try await Self.ownArrangement("eigen-fictief", name: "Eigen, door B (fictief)", in: fixture.stores)
        try await fixture.test { client in
            let created = try await Self.put(client, "eigen-fictief", first)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/arrangementen/eigen-fictief")
            let read = try await client.get("/api/v1/arrangementen/eigen-fictief")
            let tag = try #require(read.headers[.eTag])
            #expect(tag == created.headers[.eTag])
            #expect(tag.count == 34 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
            // A and B both read `tag`; A saves first.
            let savedByA = try await Self.put(client, "eigen-fictief", byA, ifMatch: tag)
            #expect(savedByA.status == .ok)
            #expect(savedByA.headers[.eTag] != tag)
            let refused = try await Self.put(client, "eigen-fictief", byB, ifMatch: tag)
            #expect(refused.status == .conflict)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.headers[.eTag] == savedByA.headers[.eTag])
            #expect(
                try refused.json()["detail"] as? String
                    == "Het arrangement 'eigen-fictief' is gewijzigd sinds u het ophaalde (uw If-Match past niet bij de huidige ETag); uw wijziging is niet opgeslagen. Haal het opnieuw op met GET /api/v1/arrangementen/eigen-fictief, neem uw wijziging over in de actuele inhoud en stuur die met de nieuwe ETag in If-Match."
            )
            let stale = try await client.execute(
                uri: "/api/v1/arrangementen/eigen-fictief", method: .delete, headers: [.ifMatch: tag])
            #expect(stale.status == .conflict)
            let current = try #require(savedByA.headers[.eTag])
            let deleted = try await client.execute(
                uri: "/api/v1/arrangementen/eigen-fictief", method: .delete, headers: [.ifMatch: current])
            #expect(deleted.status == .noContent)
            let gone = try await Self.put(client, "eigen-fictief", byB, ifMatch: current)
            #expect(gone.status == .conflict)
            #expect(
                (try gone.json()["detail"] as? String)?.hasPrefix(
                    "Het arrangement 'eigen-fictief' is intussen verwijderd") == true)
            let badHeader = try await Self.put(client, "eigen-fictief", byB, ifMatch: "geen-etag")
            #expect(badHeader.status == .badRequest)
            let otherID = try await Self.put(client, "ander-id", byB)
            #expect(otherID.status == .badRequest)
            let reference = try await client.execute(uri: "/api/v1/arrangementen/woondeal", method: .delete)
            #expect(reference.status == .conflict)
        }
        #expect(try await fixture.stores.arrangements.arrangement(id: "eigen-fictief") == nil)
        let entries = try await fixture.entries(AuditQuery(object: "arrangement:eigen-fictief"))
        #expect(entries.map(\.action) == ["arrangement.opslaan", "arrangement.opslaan", "arrangement.verwijderen"])
        #expect(entries.allSatisfy { $0.actor == TestAdministrator.name })
        #expect(
            entries.map { $0.details["naam"] } == [
                "Eigen (fictief)", "Eigen, door A (fictief)", "Eigen, door A (fictief)",
            ])
    }

    @Test func theDealFormCarriesItsRevisionAndShowsAConflictWithoutOverwriting() async throws {
        let fixture = try await AuditedWebFixture()
        try await fixture.test { client in
            let path = "/arrangementen/\(Self.demo)/financiering/dorpsveen-toezegging/wijzigen"
            let form = try await client.getSignedIn(path)
            let record = try #require(try await fixture.stores.portfolio.record(id: Self.demo))
            let revision = try RecordRevision(of: record).rawValue
            #expect(form.text.contains("<input type=\"hidden\" name=\"revisie\" value=\"\(revision)\">"))
            // Someone else changes the deal after the form was opened.
            try await fixture.stores.portfolio.apply(
                [.upsertProgrammeLines([ProgrammeLine(id: "andere-lijn", name: "Andere lijn (fictief)")])],
                to: Self.demo)
            let fields = [
                ("partner", "gemeente-dorpsveen"), ("jaar", "2024"), ("soort", "toezegging"), ("sector", "publiek"),
                ("vorm", "natura"), ("bedrag", "1200000"), ("revisie", revision),
            ]
            let conflict = try await client.postForm(path, fields)
            #expect(conflict.status == .conflict)
            #expect(
                conflict.text.contains(
                    "<a href=\"#veld-partner\">Gelijktijdige wijziging: iemand anders heeft deze deal gewijzigd nadat u dit formulier opende."
                ))
            #expect(conflict.text.contains("value=\"1200000\""))
            let current = try RecordRevision(of: try #require(try await fixture.stores.portfolio.record(id: Self.demo)))
            #expect(conflict.text.contains("name=\"revisie\" value=\"\(current.rawValue)\""))
            var line = try #require(
                try await fixture.stores.portfolio.record(id: Self.demo)?.financeLines.first {
                    $0.id == "dorpsveen-toezegging"
                })
            #expect(line.amount.cents == 100_000_000)
            // Sent again, knowingly, from the re-shown form: stored.
            let again = try await client.postForm(path, fields.dropLast() + [("revisie", current.rawValue)])
            #expect(again.status == .seeOther)
            line = try #require(
                try await fixture.stores.portfolio.record(id: Self.demo)?.financeLines.first {
                    $0.id == "dorpsveen-toezegging"
                })
            #expect(line.amount.cents == 120_000_000)
        }
    }

    @Test func theAuditPageListsAndFiltersTheTrail() async throws {
        let fixture = try await AuditedWebFixture()
        try await fixture.test { client in
            let page = try await client.get("/beheer/audit?actie=portefeuille.*")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Auditlogboek</h1>"))
            #expect(page.text.contains("De hashketen is intact: 15 regels. Laatste regel 15, hash "))
            #expect(page.text.contains("<td>portefeuille.laden</td><td>gegevensset:\(PortfolioSeed.name)</td>"))
            #expect(page.text.contains("1 regel gevonden"))
            let none = try await client.get("/beheer/audit?actor=niemand")
            #expect(none.text.contains("Geen regels gevonden."))
            let bad = try await client.get("/beheer/audit?van=gisteren&tot=2024-01-01")
            #expect(bad.status == .badRequest)
            #expect(
                bad.text.contains(
                    "<a href=\"#audit-van\">Vanaf: &#39;gisteren&#39; is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-03-01</a>"
                ) || bad.text.contains("<a href=\"#audit-van\">Vanaf: 'gisteren' is geen datum"))
            #expect(bad.text.contains("aria-invalid=\"true\" aria-describedby=\"audit-van-fout\""))
        }
    }
}
