import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielApplication
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

@testable import VliegwielWeb

/// Plain Dutch (issue 16 item 7; usability review §5): one word for each kind of absence, a
/// catalogue that says what its rows are, and labels instead of keys.
@Suite struct PlainDutchTests {
    /// A design with the choices left open says "nog niet vastgelegd" (nobody recorded it),
    /// not "niet vermeld" (the source is silent), and does not say it twice.
    @Test func aChoiceLeftOpenInADesignIsNotRecordedNotUnstatedBySource() async throws {
        try await TestApplication([.catalogue]).test(.router) { client in
            let page = try await client.get(
                SiteURL.designAdvice.path
                    + "?naam=Mijn+deal&familie=deal&variant=regio-deal&bron=notitie"
                    + "&interbestuurlijk.bestuurslagen.rijk=aanwezig"
            ).text
            #expect(page.contains("<strong>nog niet vastgelegd</strong>"))
            #expect(!page.contains("<strong>niet vermeld</strong>"))
            #expect(!page.contains("Nog niet vastgelegd in het ontwerp."))
            // A reference variant's silent source is still "niet vermeld", with its reason.
            let reference = try await client.get(SiteURL.arrangement("veiligheidsregio").path).text
            #expect(reference.contains("<strong>niet vermeld</strong>"))
            #expect(!reference.contains("<strong>nog niet vastgelegd</strong>"))
        }
    }

    /// A real deal explains the three words, each linked to the glossary, and uses them.
    @Test func aDealSaysWhichWordMeansWhat() async throws {
        try await TestApplication([.catalogue, .portfolio]).test(.router) { client in
            let page = try await client.get(SiteURL.arrangement("regio-deal-4-twente").path).text
            for (term, word) in [
                (GlossaryTerm.nietVermeld, "niet vermeld"), (.nogNietVastgelegd, "nog niet vastgelegd"),
                (.onbekend, "onbekend"),
            ] {
                #expect(page.contains(#"‘<a class="term" href="\#(SiteURL.glossary(term).href())">\#(word)</a>’"#))
            }
            #expect(!page.contains("‘niet vastgelegd’"))
            #expect(!page.contains("Onbekend: de startdatum"))
            let report = try await client.get(SiteURL.portfolioReport.path).text
            #expect(!report.contains(">niet vastgelegd<"))
            #expect(!report.contains("regio's niet vastgelegd"))
        }
    }

    /// The catalogue explains referentievariant versus praktijk, names the variant instead of
    /// its slug, and gives a deal its tranche and provinces.
    @Test func theCatalogueExplainsItsRowsAndGivesDealsTheirTrancheAndProvince() async throws {
        let app = try await TestApplication([.catalogue, .portfolio])
        let deal = try #require(try await app.stores.portfolio.deal(id: "regio-deal-4-twente"))
        try await app.test(.router) { client in
            let page = try await client.get(SiteURL.catalogue().path).text
            #expect(page.contains(#"href="/begrippen#referentievariant">referentievarianten</a>"#))
            #expect(page.contains(#"href="/begrippen#praktijk">arrangementen uit de praktijk</a>"#))
            #expect(page.contains("De 14 "))
            #expect(page.contains(#"<th scope="col">Provincie</th>"#))
            let row = try #require(
                page.split(separator: "\n").first { $0.contains(#"href="/arrangementen/regio-deal-4-twente""#) })
            #expect(row.contains(#"<td><a href="/arrangementen/regio-deal">Regio Deal</a></td>"#))
            #expect(row.contains("<td>\(deal.tranche)</td>"))
            #expect(row.contains("<td>Overijssel</td>"))
            // The amount, as the portfolio gives it (usability review: "amount and status expected").
            let amount = try #require(deal.rijkContribution)
            #expect(row.contains(#"<td class="number">\#(amount.formatted)</td>"#))
            #expect(!page.contains("<td>regio-deal</td>"))
        }
    }

    /// The design form: one choice where two contradict (radio buttons, the same field names),
    /// the id explained and not first, a refusal that names the allowed values, and a saved
    /// design called one's own design instead of "Praktijk".
    @Test func theDesignFormAsksOneChoiceWhereTwoContradictAndExplainsItsFields() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let form = try await client.get(SiteURL.design.path).text
            #expect(
                form.contains(
                    #"<input type="radio" id="veld-interbestuurlijk-bestuurslagen-rijk-leeg" name="interbestuurlijk.bestuurslagen.rijk" value="" checked>"#
                ))
            #expect(form.contains(#"<input type="radio" id="veld-interbestuurlijk-bestuurslagen-rijk-leidend""#))
            #expect(form.contains(#"<input type="checkbox" id="veld-samenwerkend-rolRijk-nevengeschikt""#))
            let name = try #require(form.range(of: #"id="veld-naam""#))
            let id = try #require(form.range(of: #"id="veld-id""#))
            #expect(name.lowerBound < id.lowerBound)
            #expect(form.contains("Alleen kleine letters a tot en met z, cijfers en losse streepjes"))

            let design: [(String, String)] = [
                ("naam", "Eigen deal"), ("familie", "deal"), ("variant", "regio-deal"), ("bron", "notitie"),
            ]
            let both = try await client.postForm(
                SiteURL.design.path,
                design + [
                    ("id", "eigen-deal"), ("interbestuurlijk.bestuurslagen.rijk", "afwezig"),
                    ("interbestuurlijk.bestuurslagen.rijk", "leidend"), ("resultaatgericht.maximumAandeelRijk", "150"),
                ])
            #expect(both.status == .badRequest)
            #expect(both.text.contains("Rijk: kies één waarde; afwezig en leidend gaan niet samen"))
            #expect(
                both.text.contains(
                    "Maximum aandeel van het Rijk: ‘150’ kan hier niet; vul een heel percentage van 0 tot en met 100 in"
                ))
            #expect(both.text.contains(#"value="Eigen deal""#))

            let saved = try await client.postForm(
                SiteURL.design.path,
                design + [("id", "eigen-deal"), ("interbestuurlijk.bestuurslagen.rijk", "leidend")])
            #expect(saved.status == .seeOther)
            let page = try await client.get(SiteURL.arrangement("eigen-deal").path).text
            #expect(page.contains(#"<p class="meta">Deal · eigen ontwerp"#))
            #expect(!page.contains("Deal · Praktijk"))
            // A choice is shown as a choice with its source, not as a quote of nobody's words.
            #expect(
                page.contains(
                    #"<p class="design-choice">leidend: keuze in het ontwerp <span class="citation">(bron: notitie)</span></p>"#
                ))
            #expect(!page.contains("“Ontwerpkeuze"))
            // The catalogue and the search call it the same (usability review: "Praktijk" for a
            // design), while a deal from practice keeps its kind.
            var practice = try #require(try await fixture.store.arrangement(id: "eigen-deal"))
            (practice.id, practice.name) = ("andere-deal", "Andere deal")
            try await fixture.store.save([practice], author: "test", reason: "ingelezen uit een bron")
            let catalogue = try await client.get(SiteURL.catalogue().path).text
            #expect(catalogue.contains(#"Eigen deal</a></th><td>Deal</td><td>eigen ontwerp</td>"#))
            #expect(catalogue.contains(#"Andere deal</a></th><td>Deal</td><td>Praktijk</td>"#))
            let found = try await client.get(SiteURL.search("Eigen deal").href()).text
            #expect(found.contains("Eigen ontwerp, familie Deal"))
            // No raw id in the page's text: the address bar has it (usability review, "id regio-deal").
            #expect(!page.contains("id <code>eigen-deal</code>"))
        }
    }

    /// Date fields are date pickers that work without JavaScript; the server keeps reading
    /// YYYY-MM-DD, which is what the browser sends.
    @Test func dateFieldsAreDatePickers() async throws {
        let demo = "fictief-regio-deal-voorbeeld"
        try await TestApplication([.catalogue, .portfolio, .fictionalExamples]).test(.router) { client in
            let partner = try await client.getSignedIn(SiteURL.newDealItem(demo, .partners).path).text
            for key in ["toegetreden", "uitgetreden"] {
                #expect(partner.contains(#"<input type="date" id="veld-\#(key)" name="\#(key)""#), "\(key)")
            }
            #expect(partner.contains(DateHint.text))
            #expect(!partner.contains("Leeg laten als het niet bekend is"))
            let project = try await client.getSignedIn(SiteURL.newDealItem(demo, .projects).path).text
            #expect(project.contains(#"<input type="date" id="veld-start" name="start""#))
            // The learning log's forms, as a refused lesson shows them to an editor.
            let log = try await client.postForm(SiteURL.addLearningEntry(demo, .lessons).path, [("datum", "")]).text
            #expect(log.contains(#"<input type="date" id="les-datum" name="datum""#))
            #expect(!log.contains("Schrijf JJJJ-MM-DD"))
        }
    }

    /// Starting a design from a reference variant (usability review: "offer the instrument
    /// profile as a 'start from' option"): every variant's choices come back whole through the
    /// form, as the advice without saving reads them.
    @Test func aDesignCanStartFromEveryReferenceVariantWithItsChoicesWhole() throws {
        let catalogue = try BundledCatalogue.arrangements()
        let references = catalogue.filter { $0.kind == .reference }
        #expect(references.count == 14)
        for reference in references {
            let form = try #require(
                DesignForm(values: ["vanaf": [reference.id], "naam": ["Mijn deal"], "overnemen": ["1"]])
                    .starting(from: catalogue))
            #expect(form.first("naam") == "Mijn deal")
            #expect(form.first("variant") == reference.id)
            #expect(form.values["overnemen"] == nil)
            let design = try DesignForm(
                values: Dictionary(grouping: form.filledIn, by: \.name).mapValues {
                    $0.compactMap(\.value)
                }
            ).preview(references: catalogue).get()
            #expect(design.family == reference.family)
            for dimension in ProfileDimension.all {
                #expect(
                    dimension.codes(in: design.profile) == dimension.codes(in: reference.profile),
                    "\(reference.id) \(dimension.id)")
            }
        }
        #expect(DesignForm(values: ["vanaf": ["regio-deal-4-twente"]]).starting(from: catalogue) == nil)
        #expect(DesignForm(values: ["vanaf": [""]]).starting(from: catalogue) == nil)
    }

    @Test func theDesignFormTakesAVariantsChoicesKeepsTheTextsAndExplainsEachChoiceByTheEssay() async throws {
        let catalogue = try BundledCatalogue.arrangements()
        try await TestApplication([.catalogue], signedIn: false).test(.router) { client in
            let taking = try await client.get(
                SiteURL.design.path + "?vanaf=woondeal&overnemen=1&naam=Mijn%20woondeal&bron=notitie&csrf=x")
            #expect(taking.status == .seeOther)
            let location = try #require(taking.headers[.location])
            #expect(!location.contains("overnemen") && !location.contains("csrf"))
            let page = try await client.get(location).text
            #expect(page.contains("Ingevuld vanaf de referentievariant Woondeal."))
            #expect(page.contains(#"id="veld-naam" name="naam" value="Mijn woondeal""#))
            #expect(page.contains(#"name="bron" value="notitie""#))
            // The Woondeal's Rijk is leading in the essay; the form shows it chosen.
            #expect(
                page.contains(
                    #"id="veld-interbestuurlijk-bestuurslagen-rijk-leidend" name="interbestuurlijk.bestuurslagen.rijk" value="leidend" checked>"#
                ))

            // The contents say per step how many questions are answered, as the form stands.
            let woondeal = try #require(catalogue.first { $0.id == "woondeal" })
            for (index, element) in ProfileElement.allCases.enumerated() {
                let dimensions = ProfileDimension.of(element)
                let answered = dimensions.filter { $0.codes(in: woondeal.profile)?.isEmpty == false }.count
                #expect(
                    page.contains(
                        ##"<a href="#stap-\##(index + 1)">Stap \##(index + 1): \##(element.label)</a>: \##(dimensions.count) vragen, \##(answered) ingevuld"##
                    ))
                #expect(answered > 0)
            }

            // Nothing chosen: an error linked to the field, the texts kept.
            let none = try await client.get(SiteURL.design.path + "?vanaf=&overnemen=1&naam=Mijn%20deal")
            #expect(none.status == .badRequest)
            #expect(none.text.contains(##"<a href="#veld-vanaf">"##))
            #expect(none.text.contains(#"aria-invalid="true""#))
            #expect(none.text.contains(#"value="Mijn deal""#))

            // Each choice is explained by the reference variants that have it in the essay.
            let form = try await client.get(SiteURL.design.path).text
            let rijk = try #require(ProfileDimension.all.first { $0.id == "interbestuurlijk.bestuurslagen.rijk" })
            let references = catalogue.filter { $0.kind == .reference }
            for option in rijk.vocabulary ?? [] {
                let having = references.filter { rijk.codes(in: $0.profile)?.contains(option.code) == true }
                let expected =
                    having.isEmpty
                    ? "<dt>\(option.label)</dt><dd>Geen referentievariant uit het essay heeft deze keuze.</dd>"
                    : "<dt>\(option.label)</dt><dd>Bij: \(having.map(\.name).joined(separator: ", ")). Het essay bij "
                #expect(form.contains(expected), "\(option.code)")
            }
            let examples = form.components(separatedBy: #"<details class="fold choice-examples">"#).count - 1
            #expect(examples == ProfileDimension.all.count)
        }
    }
}
