import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielStorage

@testable import VliegwielWeb

/// Safe editing (issue 16 item 2; usability review, "Permissions and safety of editing"): advice
/// without saving for everyone, a refused save that comes back filled in after logging in, and
/// forms and edit links shown only to whom may use them.
@Suite struct SafeEditingTests {
    static let demo = AccountWebFixture.demo

    /// The design form's fields for a small design: a name and two choices.
    static let design = [
        ("naam", "Mijn regio + buren"), ("familie", "deal"), ("variant", "regio-deal"),
        ("interbestuurlijk.bestuurslagen.rijk", "leidend"), ("omschrijving", "Drie weken werk"),
    ]

    @Test func anyoneGetsTheAdviceOnADesignWithoutSavingIt() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let before = try await fixture.stores.arrangements.allArrangements().count
            let advice = try await client.get(SiteURL.designAdvice.path + "?" + Self.form(Self.design))
            #expect(advice.status == .ok)
            let page = advice.text
            #expect(page.contains("<h1>Mijn regio + buren</h1>"))
            #expect(page.contains("<strong>Niet opgeslagen.</strong>"))
            #expect(page.contains(#"id="evaluatie""#))
            // The way back carries every field, `+` and spaces intact; no id of its own to link to.
            #expect(page.contains("naam=Mijn%20regio%20%2B%20buren"))
            #expect(!page.contains("id <code>ontwerp</code>"))
            #expect(page.contains("log in</a> en ga dan terug naar het formulier"))
            let back = try await client.get(Self.href(named: "Terug naar het formulier", in: page))
            #expect(back.text.contains(#"value="Mijn regio + buren""#))
            #expect(back.text.contains(">Drie weken werk</textarea>"))
            #expect(try await fixture.stores.arrangements.allArrangements().count == before)

            // A choice that does not exist is refused on the form, with everything kept.
            let wrong = try await client.get(
                SiteURL.designAdvice.path + "?"
                    + Self.form(Self.design + [("resultaatgericht.maximumAandeelRijk", "150")]))
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains(#"id="foutoverzicht""#))
            #expect(wrong.text.contains(#"value="Mijn regio + buren""#))

            // A signed-in form sends its CSRF token along; the address does not keep it.
            let withToken = try await client.get(
                SiteURL.designAdvice.path + "?" + Self.form(Self.design + [("csrf", "geheim")]))
            #expect(withToken.status == .seeOther)
            let location = try #require(withToken.headers[.location])
            #expect(location.hasPrefix(SiteURL.designAdvice.path + "?") && !location.contains("geheim"))
        }
    }

    @Test func aRefusedDesignComesBackFilledInAfterLoggingIn() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let refused = try await client.execute(
                uri: "/ontwerpen", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded",
                    HTTPField.Name("Referer")!: "http://localhost/ontwerpen", HTTPField.Name("Host")!: "localhost",
                ],
                body: ByteBuffer(string: Self.form([("id", "mijn-ontwerp")] + Self.design)))
            #expect(refused.status == .unauthorized)
            #expect(refused.bodyText.contains("U bent niet ingelogd, en wijzigen vraagt een account"))
            let login = Self.href(named: "Log in", in: refused.bodyText)
            let returnTo = try #require(
                URLComponents(string: login)?.queryItems?.first { $0.name == "terug" }?.value)
            #expect(returnTo.hasPrefix("/ontwerpen?"))
            // The login form carries the whole address; the form there comes back filled in.
            let escaped = returnTo.replacingOccurrences(of: "&", with: "&amp;")
            #expect(try await client.get(login).text.contains(#"name="terug" value="\#(escaped)""#))
            let administrator = try await fixture.signedIn(client, "beheer", .administrator)
            let form = try await administrator.get(returnTo).bodyText
            #expect(form.contains(#"value="mijn-ontwerp""#))
            #expect(form.contains(#"value="Mijn regio + buren""#))
            #expect(form.contains(">Drie weken werk</textarea>"))
            #expect(form.contains(#"value="leidend" checked"#) || form.contains(#"value="leidend" selected"#))
        }
    }

    @Test func formsAndEditLinksAreShownOnlyToWhomMayUseThem() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let deal = "/arrangementen/\(Self.demo)"
            let pages = [
                deal, deal + "/leerlog", deal + "/partners/nieuw", deal + "/partners/importeren",
                deal + "/partners/hogeschool-vallei/verwijderen",
            ]
            let anonymous = Visitor(client: client, sessionID: nil)
            let reader = try await fixture.signedIn(client, "lezer", .reader)
            let other = try await fixture.signedIn(client, "ander", .editor(arrangements: ["regio-deal"]))
            let editor = try await fixture.signedIn(client, "red", .editor(arrangements: [Self.demo]))
            let administrator = try await fixture.signedIn(client, "beheer", .administrator)
            for (visitor, notice) in [
                (anonymous, "<strong>Wijzigen vraagt een account.</strong>"),
                (reader, "<strong>U kunt de gegevens van deze deal niet wijzigen.</strong>"),
                (other, "u bent redacteur van regio-deal, niet van"),
            ] {
                let page = try await visitor.get(deal).bodyText
                #expect(page.contains(notice))
                #expect(!page.contains("Partner toevoegen") && !page.contains("/verwijderen\""))
                #expect(!page.contains("Voorstel overnemen in het profiel</button>"))
                for path in pages.dropFirst() {
                    let sub = try await visitor.get(path)
                    #expect(sub.status == .ok, "\(path)")
                    #expect(sub.bodyText.contains("role=\"note\""), "\(path)")
                    // Not a form that this visitor could not send, only the way to whom may.
                    #expect(!sub.bodyText.contains(#"<form method="post""#), "\(path)")
                }
                let log = try await visitor.get(deal + "/leerlog").bodyText
                #expect(!log.contains(#"<form method="post" action="/arrangementen/\#(Self.demo)/leerlog/"#))
                let confirm = try await visitor.get(pages[4]).bodyText
                #expect(!confirm.contains("Ja, verwijderen"))
            }
            for visitor in [editor, administrator] {
                let page = try await visitor.get(deal).bodyText
                #expect(page.contains("Partner toevoegen") && page.contains("/verwijderen\""))
                #expect(!page.contains("Wijzigen vraagt een account") && !page.contains("niet wijzigen.</strong>"))
                let log = try await visitor.get(deal + "/leerlog").bodyText
                #expect(log.contains(#"<form method="post" action="/arrangementen/\#(Self.demo)/leerlog/"#))
                #expect(try await visitor.get(pages[4]).bodyText.contains("Ja, verwijderen"))
                for path in pages[2...3] {
                    #expect(try await visitor.get(path).bodyText.contains(#"<form method="post""#), "\(path)")
                }
            }
        }
    }

    @Test func comparingFromOneArrangementAsksForASecondInsteadOfAnError() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let page = try await client.get(SiteURL.compare(["regio-deal"]).href())
            #expect(page.status == .ok)
            #expect(page.text.contains("Regio Deal is gekozen. Kies nog ten minste één arrangement"))
            #expect(page.text.contains(#"value="regio-deal" checked"#))
            #expect(!page.text.contains("foutoverzicht"))
            #expect(try await client.get(SiteURL.compare(["regio-deal", "onbestaand"]).href()).status == .badRequest)
        }
    }

    /// A design with no choice stated gets one notice, not a computed perspective or advice
    /// (issue 16 item 3; usability review: a 25/25/25/25 chart that recommends everything).
    @Test func aDesignWithoutAnyChoiceGetsANoticeNotAComputedAdvice() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let empty = try await client.get(
                SiteURL.designAdvice.path + "?" + Self.form([("familie", "deal"), ("variant", "regio-deal")])
            ).text
            #expect(empty.contains("<strong>Nog geen profiel.</strong>"))
            #expect(!empty.contains(#"id="gevolgen""#) && !empty.contains(#"id="evaluatie""#))
            #expect(!empty.contains(##"href="#gevolgen""##))
            let one = try await client.get(SiteURL.designAdvice.path + "?" + Self.form(Self.design)).text
            #expect(!one.contains("Nog geen profiel.") && one.contains(#"id="gevolgen""#))
        }
    }

    /// The header offers "Inloggen" to a visitor, and the name with "Uitloggen" when signed in,
    /// never both (usability review: "Inloggen of mijn account" beside the name).
    @Test func theHeaderOffersLoggingInOnlyToAVisitor() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let visitor = try await client.get("/").text
            #expect(visitor.contains(#"<a class="account-link" href="/account">Inloggen</a>"#))
            let reader = try await fixture.signedIn(client, "lezer", .reader)
            let page = try await reader.get("/").bodyText
            #expect(!page.contains("account-link") && page.contains(">Uitloggen</button>"))
        }
    }

    /// An account that must still set up its second factor is sent to its account page, not
    /// told that a beheerder must make it redacteur (the role already allows the change).
    @Test func anAccountWithoutItsSecondFactorIsToldWhereToSetItUp() {
        let decision = AuthorizationPolicy(readingWithoutAccount: true)
            .decide(
                .account(.init(name: "beheer", role: .administrator, createdAt: Date(timeIntervalSince1970: 0))),
                .change,
                .arrangement("regio-deal"))
        #expect(decision.outcome == .needsSecondFactorSetup)
        let access = EditAccess(decision, returnTo: "/arrangementen/regio-deal")
        #expect(access == .needsSecondFactor(accountHref: AccountURL.account.href))
        let notice = access.notice("de gegevens van deze deal").description
        #expect(notice.contains(#"<a href="\#(AccountURL.account.href)">Stel het in op uw accountpagina</a>"#))
        #expect(!notice.contains("redacteur"))
        let forbidden = EditAccess(.init(.forbidden, reason: "uw rol is lezer"), returnTo: "/")
        #expect(forbidden.notice("dit").description.contains("Uw rol is lezer."))
    }

    /// A form body or query as a browser sends it: `+` in a value as `%2B`.
    static func form(_ fields: [(String, String)]) -> String {
        AccountWebFixture.form(fields).replacingOccurrences(of: "+", with: "%2B")
    }

    /// The `href` of the first link whose text is `name`, with `&amp;` decoded.
    static func href(named name: String, in page: String) -> String {
        guard let end = page.range(of: "\">\(name)</a>"),
            let start = page[..<end.lowerBound].range(of: "href=\"", options: .backwards)
        else { return "" }
        return String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
