import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

@testable import VliegwielWeb

/// The DCAT-AP-NL catalogue `/api/v1/catalogus` (issue 15 item 4, docs/dcat.md). Its validity
/// against the profile's SHACL shapes is checked with pySHACL in Tests/Python/test_dcat.py.
@Suite struct CatalogueWebTests {
    @Test func acceptChoosesJSONLDOrTurtleAndRefusesTheRest() throws {
        #expect(try CatalogueFormat.negotiate(nil) == .jsonLD)
        #expect(try CatalogueFormat.negotiate("") == .jsonLD)
        #expect(try CatalogueFormat.negotiate("text/turtle") == .turtle)
        #expect(try CatalogueFormat.negotiate("application/ld+json, text/turtle") == .jsonLD)
        #expect(try CatalogueFormat.negotiate("application/ld+json;q=0.4, text/turtle;q=0.8") == .turtle)
        #expect(try CatalogueFormat.negotiate("text/html, */*;q=0.1") == .jsonLD)
        #expect(try CatalogueFormat.negotiate("text/*") == .turtle)
        #expect(throws: Problem.self) { try CatalogueFormat.negotiate("application/xml") }
        #expect(throws: Problem.self) { try CatalogueFormat.negotiate("text/turtle;q=0") }
    }

    /// The router tests' requests come from `localhost`; the real server's Host and
    /// `--publieke-url` are in Tests/Python/test_dcat.py.
    @Test func theCatalogueAnswersInBothFormatsWithAddressesFromTheHost() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            let jsonLD = try await client.execute(
                uri: "/api/v1/catalogus", method: .get,
                headers: [.accept: "application/ld+json"])
            #expect(jsonLD.status == .ok)
            #expect(jsonLD.headers[.contentType] == "application/ld+json; charset=utf-8")
            #expect(jsonLD.headers[.vary] == "Accept")
            let document = try jsonLD.json()
            #expect(document["@context"] != nil)
            #expect(jsonLD.text.contains("\"@id\" : \"http://localhost/api/v1/catalogus\""))
            let turtle = try await client.execute(
                uri: "/api/v1/catalogus", method: .get,
                headers: [.accept: "text/turtle"])
            #expect(turtle.headers[.contentType] == "text/turtle; charset=utf-8")
            #expect(turtle.text.contains("<http://localhost/api/v1/catalogus>\n    a dcat:Catalog"))
            let refused = try await client.get("/api/v1/catalogus", accept: "application/xml")
            #expect(refused.status == .notAcceptable)
            #expect(refused.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func everyExportInTheListIsARouteOfTheApplication() async throws {
        try await WebFixture(seedsPortfolio: true).test { client in
            for export in CatalogueExport.all {
                let path: String =
                    switch export.address {
                    case .once(let path): path
                    case .perArrangement(let path): path("regio-deal-3-zwolle")
                    }
                let response = try await client.get(path)
                // A POST endpoint answers a GET with 405, an existing GET with 200; never 404.
                #expect([.ok, .methodNotAllowed].contains(response.status), "\(path): \(response.status)")
                if export.isDownload { #expect(response.status == .ok, "\(path)") }
            }
        }
    }

    /// Without --publieke-url the addresses come from the Host, so only a host (and port) may.
    @Test func onlyAHostAndPortMakeAnAddress() {
        for good in ["vliegwiel.example.nl", "127.0.0.1:8080", "[::1]:8080", "localhost"] {
            #expect(CatalogueSettings.isHostAndPort(good), "\(good)")
        }
        for bad in ["", "evil.test/\"><x", "a b", "host:0", "host:99999", "[::1", "user@host", "host:80:80"] {
            #expect(!CatalogueSettings.isHostAndPort(bad), "\(bad)")
        }
    }

    @Test func thePublisherIsTheOperatorsOrAPlaceholderThatSaysSo() {
        let unset = CatalogueSettings().publisher
        #expect(unset.iri == nil)
        #expect(unset.name == "Vliegwiel-installatie (uitgever niet ingesteld)")
        let set = CatalogueSettings(publisherIRI: "https://organisatie.example.nl/id/1", publisherName: "Fictief")
            .publisher
        #expect(set.iri?.value == "https://organisatie.example.nl/id/1")
        #expect(CatalogueSettings.problem(withBaseURL: "https://vliegwiel.example.nl") == nil)
        #expect(CatalogueSettings.problem(withBaseURL: "vliegwiel.example.nl") != nil)
        #expect(CatalogueSettings.problem(withBaseURL: "https://x.nl/?a=b") != nil)
        #expect(CatalogueSettings.problem(withPublisher: "geen iri") != nil)
    }
}
