import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

/// A summary first (issue 16 item 3; usability review: a 13,000-px arrangement page, a demo
/// deal without a dashboard, a dossier of 22 A4 pages without a summary, page numbers or a
/// print button). Every figure expected here is computed from the stores, not typed in.
@Suite struct SummaryFirstTests {
    static let demo = "fictief-regio-deal-voorbeeld"

    @Test func theArrangementPageOpensWithItsAdviceInShort() async throws {
        let app = try await TestApplication([.catalogue])
        let advice = Advice(try #require(try await app.stores.arrangements.arrangement(id: "regio-deal")).profile)
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.arrangement("regio-deal").path).text
            let summary = try #require(Self.section(#"<section class="in-short""#, in: page))
            // Before the long sections, with the dominant perspective and the first consequences.
            #expect(
                page.range(of: #"<section class="in-short""#)!.lowerBound
                    < page.range(of: #"id="gevolgen""#)!.lowerBound)
            for perspective in advice.perspectives.dominant { #expect(summary.contains(perspective.label)) }
            for consequence in advice.consequences.prefix(3) {
                #expect(summary.contains(##"<a href="#gevolg-\##(consequence.id)">"##))
            }
            if advice.consequences.count > 3 {
                #expect(summary.contains("De eerste 3 van \(advice.consequences.count)"))
                #expect(!summary.contains("#gevolg-\(advice.consequences[3].id)\""))
            }
            for fitting in advice.evaluation.assessments.filter(\.fits) {
                #expect(summary.contains(fitting.approach.name))
            }
        }
    }

    @Test func aRealDealWithoutRecordsSaysSoAndAnEmptyDesignHasNoAdviceInShort() async throws {
        try await TestApplication([.catalogue, .portfolio]).test(.router) { client in
            let page = try await client.get(SiteURL.arrangement("regio-deal-4-twente").path).text
            let deal = try #require(
                Self.section(#"<section class="in-short" aria-labelledby="deal-in-het-kort""#, in: page))
            #expect(deal.contains("Nog geen toezeggingen of realisaties vastgelegd."))
            #expect(deal.contains("Nog geen programma-indicatoren vastgelegd."))
            #expect(deal.contains("Nog geen les vastgelegd."))
            // A design without any stated choice: one notice, no summary computed from nothing.
            let empty = try await client.get(
                SiteURL.designAdvice.path + "?naam=Leeg&familie=deal&variant=regio-deal&omschrijving=x")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("<strong>Nog geen profiel.</strong>"))
            #expect(!empty.text.contains(#"id="in-het-kort""#))
        }
    }

    @Test func theDemoDealSummarisesMoneyTargetsAndTheLatestLesson() async throws {
        let app = try await TestApplication([.catalogue, .portfolio, .fictionalExamples])
        let record = try #require(try await app.stores.portfolio.record(id: Self.demo))
        let money = FinanceSummary(record)
        let programme = try #require(try await app.stores.indicators.indicators(of: Self.demo)).programme
        let progress = programme.flatMap(\.progress)
        let lesson = try #require(try await app.stores.learningLog.log(of: Self.demo).lessons.max { $0.date < $1.date })
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.arrangement(Self.demo).path).text
            let deal = try #require(
                Self.section(#"<section class="in-short" aria-labelledby="deal-in-het-kort""#, in: page))
            #expect(deal.contains("Toegezegd <strong>\(money.toezeggingen.total.formatted)</strong>"))
            #expect(deal.contains("gerealiseerd <strong>\(money.realisaties.total.formatted)</strong>"))
            #expect(deal.contains(Share(part: money.realisaties.total, whole: money.toezeggingen.total).percentText))
            // The Rijk paid relatively more than it committed; the summary says what the rule checks.
            let ahead = money.realisaties.rijkShare.ratio > money.toezeggingen.rijkShare.ratio
            #expect(ahead)
            #expect(deal.contains("de regel over het maximumaandeel van het Rijk toetst de toezeggingen") == ahead)
            #expect(
                deal.contains(
                    "\(progress.count { $0.status == .met }) streefwaarden gehaald, \(progress.count { $0.status == .notMet }) niet gehaald"
                ))
            #expect(deal.contains("Les van \(lesson.date.dutchText)"))
            #expect(deal.contains(#"<a href="\#(SiteURL.learningLog(Self.demo).path)">"#))
            // The summary sits at the top of the deal, before the rule check.
            #expect(page.range(of: "deal-in-het-kort")!.lowerBound < page.range(of: #"id="toetsing""#)!.lowerBound)
        }
    }

    @Test func theDossierOpensWithASummaryPageAndCanBePrinted() async throws {
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples]).test(.router) { client in
            let page = try await client.get(SiteURL.dossier(Self.demo).path).text
            let start = try #require(page.range(of: #"<section aria-labelledby="samenvatting""#))
            let end = try #require(page.range(of: #"<h2 id="profiel">"#))
            // The summary comes first, before the profile.
            try #require(start.lowerBound < end.lowerBound)
            let summary = page[start.lowerBound..<end.lowerBound]
            #expect(summary.contains("Het advies in het kort"))
            #expect(summary.contains("De deal in het kort"))
            // The deal's summary is on the summary page only, not again in the deal's part.
            #expect(page.components(separatedBy: #"id="deal-in-het-kort""#).count == 2)
            // A print button that the script shows; without it the page says how to print.
            #expect(page.contains(#"<button type="button" class="secondary" data-afdrukken hidden>"#))
            #expect(page.contains(#"<script src="/afdrukken.js" defer></script>"#))
            let script = try await client.get(SiteURL.printScript.path)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("window.print()"))
            let css = try await client.get(SiteURL.stylesheet.path).text
            #expect(css.contains("counter(pages)") && css.contains(".dossier-summary { break-after: page; }"))
        }
    }

    /// The section that starts with `start`, up to its closing tag.
    static func section(_ start: String, in page: String) -> String? {
        guard let from = page.range(of: start) else { return nil }
        guard let to = page.range(of: "</section>", range: from.upperBound..<page.endIndex) else { return nil }
        return String(page[from.lowerBound..<to.upperBound])
    }
}
