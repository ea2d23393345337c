import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

/// Short pages (issue 16 item 3; usability review: the Regio Deal page is 13,000 px with one
/// quote four times in a row, the comparison 10,400 px with a quote in every cell and no
/// "alleen verschillen" or "citaten verbergen"). Expected counts come from the core's own
/// readings and comparison, not from typed-in numbers.
@Suite struct ShortPagesTests {
    static func section(_ start: String, in page: String) -> Substring? {
        guard let from = page.range(of: start),
            let end = page.range(of: "</section>\n<section", range: from.upperBound..<page.endIndex)
                ?? page.range(of: "</section>", range: from.upperBound..<page.endIndex)
        else { return nil }
        return page[from.lowerBound..<end.lowerBound]
    }

    static func count(_ needle: String, in text: some StringProtocol) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func aQuoteThatADimensionAboveCitedAlreadyIsReferredToNotRepeated() async throws {
        let app = try await TestApplication([.catalogue])
        let profile = try #require(try await app.stores.arrangements.arrangement(id: "regio-deal")).profile
        var seen: Set<String> = []
        var repeated: [(dimension: ProfileDimension, first: ProfileDimension)] = []
        var firstOf: [String: ProfileDimension] = [:]
        var entries = 0
        for dimension in ProfileDimension.all {
            for entry in dimension.reading(of: profile).entries {
                entries += 1
                let key = entry.quote + "|" + entry.citation
                if !entry.quote.isEmpty, !seen.insert(key).inserted {
                    repeated.append((dimension, firstOf[key]!))
                } else if firstOf[key] == nil {
                    firstOf[key] = dimension
                }
            }
        }
        // The review's case: Rijk, provincie, gemeente and waterschap share one quote.
        #expect(repeated.count >= 3)
        let (entryCount, repeats) = (entries, repeated)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.arrangement("regio-deal").path).text
            let profileSection = try #require(Self.section(#"<section aria-labelledby="profiel">"#, in: page))
            #expect(Self.count("<blockquote>", in: profileSection) == entryCount - repeats.count)
            #expect(Self.count(#"<p class="same-quote">"#, in: profileSection) == repeats.count)
            for (dimension, first) in repeats {
                let anchor = "dimensie-" + first.id.replacingOccurrences(of: ".", with: "-")
                #expect(profileSection.contains(#"<dt id="\#(anchor)">\#(first.label)</dt>"#))
                #expect(
                    profileSection.contains(
                        ##"hetzelfde citaat als bij <a href="#\##(anchor)">\##(first.label)</a>"##), "\(dimension.id)")
            }
        }
    }

    @Test func theArrangementPageFoldsHowItDerivedItsAdviceAndTheDossierPrintsItOpen() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let advice = Advice(try #require(try await app.stores.arrangements.arrangement(id: "regio-deal")).profile)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.arrangement("regio-deal").path).text
            // Each consequence keeps its advice in sight and folds only what triggered it.
            #expect(Self.count(#"<details class="fold"><summary>Aanleiding: "#, in: page) == advice.consequences.count)
            for consequence in advice.consequences {
                let article = try #require(
                    Self.section(#"<article class="consequence" id="gevolg-\#(consequence.id)">"#, in: page))
                #expect(article.contains("<strong>Advies:</strong>"))
            }
            #expect(
                page.contains(#"<details class="fold"><summary>Hoe de band van elk perspectief is bepaald</summary>"#))
            #expect(page.contains(#"<details class="fold"><summary>Aandachtspunten voor het evaluatieontwerp ("#))
            #expect(!page.contains(#"<details class="fold" open>"#))
            // The evaluation's questions stay visible: they are not inside a fold.
            let evaluation = try #require(Self.section(#"<section aria-labelledby="evaluatie">"#, in: page))
            let questions = try #require(evaluation.range(of: "<h3>Evaluatievragen</h3>"))
            #expect(!evaluation[..<questions.lowerBound].contains("<details"))
            // A deal folds what its rules met and how its money divides; the totals stay in sight.
            let deal = try await client.get(SiteURL.arrangement("fictief-regio-deal-voorbeeld").path).text
            #expect(deal.contains(#"<details class="fold"><summary>Voldaan ("#))
            #expect(deal.contains(#"<details class="fold"><summary>Verdeeld per partner, per programmalijn, per jaar"#))
            #expect(deal.contains(">Toezeggingen en realisaties: Rijk en regio</caption>"))
            // The printed dossier has everything open: a closed <details> prints nothing.
            let dossier = try await client.get(SiteURL.dossier("fictief-regio-deal-voorbeeld").path).text
            #expect(dossier.contains(#"<details class="fold" open>"#))
            #expect(!dossier.contains(#"<details class="fold">"#))
        }
    }

    static let compared = ["regio-deal", "woondeal", "nprz"]

    static func comparePath(_ display: [String]) -> String {
        SiteURL.compare([]).path + "?"
            + (compared.map { "arrangementen=\($0)" } + display.map { "weergave=\($0)" })
            .joined(separator: "&")
    }

    @Test func theComparisonShowsOnlyTheDifferencesOrHidesTheQuotesOnRequest() async throws {
        let app = try await TestApplication([.catalogue])
        var arrangements: [Arrangement] = []
        for id in Self.compared {
            arrangements.append(try #require(try await app.stores.arrangements.arrangement(id: id)))
        }
        let comparison = try Comparison(arrangements)
        let differing = comparison.rows.filter { $0.status == .different }.count
        try await app.test(.router) { client in
            let all = try await client.get(Self.comparePath([])).text
            #expect(Self.count("<tr class=\"status-", in: all) == comparison.rows.count)
            #expect(all.contains(#"<p class="quote">"#))
            #expect(
                all.contains(#"<input type="checkbox" id="weergave-verschillen" name="weergave" value="verschillen">"#))
            for id in Self.compared {
                #expect(all.contains(#"<input type="hidden" name="arrangementen" value="\#(id)">"#))
            }
            let onlyDifferences = try await client.get(Self.comparePath(["verschillen"])).text
            #expect(Self.count("<tr class=\"status-different\">", in: onlyDifferences) == differing)
            #expect(Self.count("<tr class=\"status-", in: onlyDifferences) == differing)
            #expect(onlyDifferences.contains(#"value="verschillen" checked>"#))
            let withoutQuotes = try await client.get(Self.comparePath(["zonder-citaten"])).text
            #expect(!withoutQuotes.contains(#"<p class="quote">"#))
            #expect(Self.count("<tr class=\"status-", in: withoutQuotes) == comparison.rows.count)
        }
    }

    @Test func theComparisonCountsDifferingDimensionsInsteadOfAnAbstractScore() async throws {
        let app = try await TestApplication([.catalogue])
        var arrangements: [Arrangement] = []
        for id in Self.compared {
            arrangements.append(try #require(try await app.stores.arrangements.arrangement(id: id)))
        }
        let comparison = try Comparison(arrangements)
        try await app.test(.router) { client in
            let page = try await client.get(Self.comparePath([])).text
            for element in ProfileElement.allCases {
                let rows = comparison.rows.filter { $0.element == element }
                let differing = rows.filter { $0.status == .different }.count
                let unknown = rows.filter { $0.status == .unknown }.count
                #expect(
                    page.contains(
                        "\(element.label): \(differing) van \(rows.count) dimensies verschillen"
                            + (unknown > 0 ? ", \(unknown) niet bij alle bekend" : "")))
            }
            // A legend names every colour; the status never reads "onbekend".
            for word in ["verschillend", "gelijk", "niet bij alle bekend"] {
                #expect(page.contains(#"aria-hidden="true" focusable="false"><rect width="16" height="16" class="#))
                #expect(page.contains("</svg> \(word)</li>"))
            }
            #expect(!page.contains(#"<span class="status">onbekend</span>"#))
        }
    }
}
