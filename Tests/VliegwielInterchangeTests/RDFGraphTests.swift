import Foundation
import Testing
import VliegwielInterchange

/// The RDF writers of the DCAT catalogue (docs/dcat.md): text of the data cannot end a string,
/// an IRI or a statement, in Turtle or in JSON-LD. That the output is the same graph in both,
/// and valid DCAT-AP-NL 3.0, is checked with rdflib and pySHACL in Tests/Python/test_dcat.py.
@Suite struct RDFGraphTests {
    let hostile = "Naam met \"aanhalingstekens\", \\ schuine streep,\nregel en \t tab > <b> @prefix x: <y> ."

    func graph() -> RDFGraph {
        var graph = RDFGraph(prefixes: [("dct", "http://purl.org/dc/terms/")])
        let subject = RDFSubject.iri(RDFIRI("https://voorbeeld.test/catalogus").with(fragment: "deal 1/é\"x"))
        graph.add(subject, RDFIRI("http://purl.org/dc/terms/title"), .literal(RDFLiteral(hostile, language: "nl")))
        graph.add(subject, RDFIRI("http://purl.org/dc/terms/source"), .iri(RDFIRI("https://voorbeeld.test/a b<c>\"d")))
        graph.add(subject, RDFIRI("http://purl.org/dc/terms/title"), .literal(RDFLiteral(hostile, language: "nl")))
        return graph
    }

    @Test func turtleEscapesStringsAndIRIs() {
        let turtle = graph().turtle()
        #expect(
            turtle.contains(
                #""Naam met \"aanhalingstekens\", \\ schuine streep,\nregel en \t tab > <b> @prefix x: <y> ."@nl"#))
        #expect(turtle.contains("<https://voorbeeld.test/catalogus#deal%201%2F%C3%A9%22x>"))
        #expect(turtle.contains("<https://voorbeeld.test/a%20b%3Cc%3E%22d>"))
        #expect(turtle.contains("dct:title"))
        // Added twice, written once.
        #expect(turtle.components(separatedBy: "aanhalingstekens").count == 2)
    }

    @Test func jsonLDCarriesTheSameValuesAsJSON() throws {
        let data = try graph().jsonLD()
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((document["@context"] as? [String: String])?["dct"] == "http://purl.org/dc/terms/")
        let node = try #require((document["@graph"] as? [[String: Any]])?.first)
        #expect(node["@id"] as? String == "https://voorbeeld.test/catalogus#deal%201%2F%C3%A9%22x")
        let title = try #require((node["dct:title"] as? [[String: String]])?.first)
        #expect(title == ["@value": hostile, "@language": "nl"])
        #expect((node["dct:source"] as? [[String: String]])?.first?["@id"] == "https://voorbeeld.test/a%20b%3Cc%3E%22d")
    }

    @Test func aBlankNodeLabelIsAPlainName() {
        var graph = RDFGraph(prefixes: [])
        graph.add(.blank("a b:c"), RDFIRI("http://xmlns.com/foaf/0.1/name"), .literal(RDFLiteral("x")))
        #expect(graph.turtle().contains("_:a_b_c\n    <http://xmlns.com/foaf/0.1/name> \"x\" .\n"))
    }
}
