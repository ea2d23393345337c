import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielStorage

@testable import VliegwielWeb

/// The glossary on `/begrippen` (issue 16 item 7; usability review: "a glossary with tooltips
/// for referentievariant, sturingsperspectief, … inclusie/PRI/dekking and tranche").
@Suite struct GlossaryTests {
    static let demo = "fictief-regio-deal-voorbeeld"

    /// The pages that link terms, as a visitor sees them.
    static let linkingPages = [
        SiteURL.home.path, SiteURL.catalogue().path, SiteURL.arrangement("regio-deal").path,
        SiteURL.arrangement(demo).path, SiteURL.arrangement("regio-deal-4-twente").path, SiteURL.dossier(demo).path,
        SiteURL.qca.path, SiteURL.design.path, SiteURL.glossary().path,
    ]

    @Test func everyTermHasAnAnchorAMeaningAndItsGroup() async throws {
        try await TestApplication([.catalogue]).test(.router) { client in
            let response = try await client.get(SiteURL.glossary().path)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h1>Begrippenlijst</h1>"))
            for term in GlossaryTerm.allCases {
                #expect(page.contains(#"<dt id="\#(term.anchor)">"#), "\(term)")
                #expect(Glossary.groups.filter { $0.terms.contains(term) }.count == 1, "\(term) in one group")
                #expect(!Glossary.entry(term).meaning.isEmpty)
            }
            #expect(Set(Glossary.entries.map(\.term)).count == Glossary.entries.count)
            // An essay term shows the explanation as Vliegwiel's, then the essay's own words.
            let term = try #require(page.range(of: #"<dt id="netwerkende-overheid">Netwerkende overheid</dt>"#))
            let rest = page[term.upperBound...]
            let meaning = try #require(rest.range(of: "</dd>"))
            #expect(
                rest[..<meaning.lowerBound].contains(#"<span class="explanation-label">Uitleg van Vliegwiel:</span>"#))
            #expect(rest[..<meaning.lowerBound].contains("“door in netwerken samen te werken"))
            #expect(page.contains(#"<footer class="citation">Essay, §5.1</footer>"#))
        }
    }

    /// A quote in the glossary is the essay's own wording, in its order (compared without
    /// punctuation, case and line breaks, as the essay's fidelity tests do).
    @Test func everyQuoteIsTheEssaysOwnWordsAndEveryEssayTermHasOne() throws {
        let essay = Self.normalized(try Self.essayText())
        var quoted = 0
        for entry in Glossary.entries {
            guard case .essay(let section, let quote) = entry.origin else { continue }
            quoted += 1
            #expect(section.hasPrefix("§"), "\(entry.term)")
            #expect(quote.split(separator: " ").count >= 3, "\(entry.term)")
            #expect(essay.contains(Self.normalized(quote)), "\(entry.term): ‘\(quote)’ is not in the essay")
        }
        #expect(quoted >= 15)
    }

    @Test func everyPageLinksTheGlossaryFromItsFooter() async throws {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples]).test(.router) { client in
            for path in Self.linkingPages + [SiteURL.portfolio.path, SiteURL.accessibility.path, "/bestaat-niet"] {
                let page = try await client.get(path).text
                let footer = try #require(page.range(of: #"<footer class="site-footer">"#), "\(path)")
                #expect(
                    page[footer.lowerBound...].contains(#"<a href="/begrippen">Begrippenlijst</a>"#), "\(path)")
            }
        }
    }

    /// Every `/begrippen#…` link on the pages that link terms leads to a term that exists, and
    /// the pages the brief names link the terms they use.
    @Test func everyTermLinkPointsAtAnExistingTerm() async throws {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples, .curatedOutcome]).test(.router) {
            client in
            let glossary = try await client.get(SiteURL.glossary().path).text
            let anchors = Set(Self.matches(of: #"id="([^"]+)""#, in: glossary))
            // The analysis the QCA page offers as its example (the real portfolio's outcome).
            let example = try #require(
                Self.matches(of: #"href="(/qca\?uitkomst=[^"]+)""#, in: try await client.get(SiteURL.qca.path).text)
                    .first
            ).replacingOccurrences(of: "&amp;", with: "&")
            var linked: [String: Set<String>] = [:]
            for path in Self.linkingPages + [example] {
                let page = try await client.get(path).text
                let targets = Self.matches(of: #"href="/begrippen#([^"]+)""#, in: page)
                for target in targets { #expect(anchors.contains(target), "\(path) links /begrippen#\(target)") }
                linked[path] = Set(targets)
            }
            let arrangement = linked[SiteURL.arrangement("regio-deal").path] ?? []
            for term in [GlossaryTerm.interbestuurlijk, .resultaatgericht, .samenwerkend, .sturingsperspectief] {
                #expect(arrangement.contains(term.anchor), "\(term)")
            }
            for perspective in GovernancePerspective.allCases {
                #expect(arrangement.contains(perspective.rawValue), "\(perspective)")
            }
            #expect(arrangement.contains(GlossaryTerm.afstand.anchor))
            #expect(arrangement.contains(GlossaryTerm.programmaIndicator.anchor))
            let qca = linked[example] ?? []
            #expect(qca.isSuperset(of: ["inclusie", "pri", "dekking"]))
            #expect((linked[SiteURL.arrangement(Self.demo).path] ?? []).isSuperset(of: ["tranche", "programmalijn"]))
        }
    }

    static func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The essay, from `shared/seed` beside the repository or a directory above it.
    static func essayText() throws -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let url = directory.appendingPathComponent("shared/seed/waarderen-van-variatie.txt")
            if FileManager.default.fileExists(atPath: url.path) { return try String(contentsOf: url, encoding: .utf8) }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }
}
