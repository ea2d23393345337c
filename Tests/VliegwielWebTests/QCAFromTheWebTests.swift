import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielStorage

@testable import VliegwielWeb

/// QCA from the web (issue 16 item 9; usability review, `/qca` "poor"): a CSV file sent with the
/// form (a file or pasted text, no JavaScript), errors when nothing is chosen, explanations of the
/// measures where they are shown, the arrangements left out by reason, a first column that looks
/// like a condition, and outcomes recorded with their source by whom may change the arrangement.
/// Every outcome recorded here is made up for the test.
@Suite struct QCAFromTheWebTests {
    static let boundary = "----vliegwiel-test-grens"

    /// A `multipart/form-data` body as a browser sends the form: the fields, then the file.
    static func multipart(_ fields: [(String, String)], file: (name: String, content: String)? = nil) -> String {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(file.content)\r\n"
        }
        return body + "--\(boundary)--\r\n"
    }

    static func postMultipart(
        _ client: any TestClientProtocol, _ body: String, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: "/qca", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The application for a visitor without an account (reading is open), with fictional
    /// outcomes recorded for the reference variants of the catalogue.
    static func visitorApplication(outcomes: [(String, String, Double, String)] = QCAWebTests.Fixture.standard)
        async throws -> TestApplication
    {
        let stores = Stores(sqlite: try AppDatabase())
        let application = try await TestApplication(stores: stores, signedIn: false)
        for (id, name, value, source) in outcomes {
            try await stores.qcaOutcomes.record(
                try QCARecordedOutcome(arrangementID: id, name: name, value: value, source: "\(source) (fictief)"))
        }
        return application
    }

    @Test func aVisitorAnalysesAnUploadedCSVFileAndSeesWhatWasReadAsNames() async throws {
        try await Self.visitorApplication().test(.router) { client in
            let response = try await Self.postMultipart(
                client,
                Self.multipart(
                    [
                        ("uitkomst", "SURV"), ("voorwaarden", ""), ("eerste-kolom", "automatisch"),
                        ("oplossing", "spaarzaam"),
                    ],
                    file: ("lipset.csv", QCAWebTests.lipset)))
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains(#"<h2 id="resultaat">Analyse van SURV</h2>"#))
            #expect(page.contains("<h4>M1: DEV*STB</h4>"))
            #expect(
                page.contains(
                    "Gelezen uit het bestand lipset.csv: de eerste kolom (zonder kop) is gelezen als de namen van de 18 gevallen (AU, BE, CZ …)."
                ))
            // The file's text comes back in the text field, and the page says so.
            #expect(page.contains("Het gekozen bestand lipset.csv staat nu in het tekstvak hieronder"))
            #expect(page.contains("&quot;AU&quot;,1,0,1,1,0,0"))
            #expect(page.contains(#"<form method="post" action="/qca" enctype="multipart/form-data" novalidate>"#))
            #expect(!page.contains("<script"))
            // Without a database there is nothing left out, and no such heading.
            #expect(!page.contains("Weggelaten"))
            // Another site's form is refused, as any cross-site form is.
            let foreign = try await Self.postMultipart(
                client, Self.multipart([("uitkomst", "SURV")], file: ("lipset.csv", QCAWebTests.lipset)),
                headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
        }
    }

    @Test func pastedTextWorksAsWellWithTheSessionsToken() async throws {
        try await QCAWebTests.Fixture().test { client in
            // The signed-in client sends the session and its CSRF token, as the form does.
            let response = try await client.postForm(
                "/qca", [("csv", QCAWebTests.lipset), ("uitkomst", "SURV"), ("oplossing", "spaarzaam")])
            #expect(response.status == .ok)
            #expect(response.text.contains("<h4>M1: DEV*STB</h4>"))
            #expect(response.text.contains("Gelezen uit de geplakte tekst:"))
        }
    }

    @Test func sendingNothingGivesAnErrorSummaryLinkedToTheFieldsWithTheInputKept() async throws {
        try await Self.visitorApplication().test(.router) { client in
            let response = try await Self.postMultipart(
                client, Self.multipart([("uitkomst", ""), ("voorwaarden", "A, B"), ("incl-drempel", "0,9")]))
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.contains(#"<div class="error-summary" role="alert""#))
            #expect(
                page.contains(
                    ##"<li><a href="#veld-csv-bestand">CSV-bestand: kies een CSV-bestand, of plak de inhoud ervan in het tekstvak</a></li>"##
                ))
            #expect(
                page.contains(
                    ##"<li><a href="#veld-csv-uitkomst">Uitkomstkolom: vul de naam van de uitkomstkolom in, bijvoorbeeld SURV</a></li>"##
                ))
            #expect(page.contains(#"<p class="error-message" id="veld-csv-uitkomst-fout">"#))
            #expect(
                page.contains(#"aria-describedby="veld-csv-uitkomst-hint veld-csv-uitkomst-fout" aria-invalid="true""#))
            #expect(page.contains(#"name="voorwaarden" value="A, B""#))
            #expect(page.contains(#"id="veld-csv-incl-drempel" name="incl-drempel" value="0,9""#))

            // The analysis of the arrangements: no outcome and no condition chosen.
            let database = try await client.get("/qca?analyse=1&incl-drempel=0,8")
            #expect(database.status == .badRequest)
            #expect(database.text.contains(##"<li><a href="#veld-uitkomst">Uitkomst: kies een uitkomst</a></li>"##))
            #expect(
                database.text.contains(
                    ##"<li><a href="#veld-voorwaarde-REGIO">Voorwaarden: kies ten minste één voorwaarde</a></li>"##))
            #expect(database.text.contains(#"<p class="error-message" id="voorwaarden-fout">"#))
            #expect(!database.text.contains(#"value="REGIO" checked"#))
            // The empty choice is the first option, so "Analyseer" never runs on a guess.
            #expect(database.text.contains(#"<option value="" selected>Kies een uitkomst</option>"#))
        }
        try await Self.visitorApplication(outcomes: []).test(.router) { client in
            let page = try await client.get("/qca?analyse=1&voorwaarden=REGIO").text
            #expect(page.contains("Uitkomst: er is nog geen uitkomst vastgelegd; leg eerst per arrangement"))
            #expect(page.contains(#"<option value="" selected>Nog geen uitkomst vastgelegd</option>"#))
        }
    }

    /// A multipart body does not pass the form middleware: the page checks its text itself, once.
    @Test func aControlCharacterInTheCSVIsNamedOnceWithItsLine() async throws {
        try await Self.visitorApplication().test(.router) { client in
            let response = try await Self.postMultipart(
                client, Self.multipart([("uitkomst", "Y\u{202E}")], file: ("x.csv", "A,B,Y\nx,1,\u{0}1\n")))
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.components(separatedBy: "(U+0000)").count - 1 == 2)  // the summary and the field
            #expect(!page.contains("\u{202E}"))
            #expect(page.contains(#"value="Y⟨U+202E⟩""#))
            #expect(page.contains("regel 2"))
            #expect(
                page.contains(
                    ##"<li><a href="#veld-csv-uitkomst">Uitkomstkolom: bevat een teken dat de leesrichting omdraait (U+202E)"##
                ))
            #expect(page.contains("⟨U+0000⟩"))
            // Pasted, the text is checked the same way.
            let pasted = try await Self.postMultipart(
                client, Self.multipart([("uitkomst", "Y"), ("csv", "A,B,Y\nx,1,\u{0}1\n")]))
            #expect(pasted.status == .badRequest)
            #expect(
                pasted.text.contains("de geplakte tekst: regel 2, kolom 5: bevat een onzichtbaar stuurteken (U+0000)"))
        }
    }

    @Test func aFirstColumnThatLooksLikeAConditionIsAskedAbout() async throws {
        let csv = "A,B,Y\n1,0,1\n0,1,0\n1,1,1\n0,0,0\n"
        try await Self.visitorApplication().test(.router) { client in
            let asked = try await Self.postMultipart(client, Self.multipart([("csv", csv), ("uitkomst", "Y")]))
            #expect(asked.status == .badRequest)
            #expect(
                asked.text.contains(
                    ##"<li><a href="#veld-csv-eerste-kolom-automatisch">Eerste kolom: de eerste kolom &quot;A&quot; lijkt een voorwaarde"##
                ))
            #expect(asked.text.contains("Kies hieronder bij ‘Eerste kolom’ wat ze is</a></li>"))
            #expect(asked.text.contains(">A,B,Y\n1,0,1\n"))
            let data = try await Self.postMultipart(
                client, Self.multipart([("csv", csv), ("uitkomst", "Y"), ("eerste-kolom", "gegevens")]))
            #expect(data.status == .ok)
            #expect(
                data.text.contains(
                    "de eerste kolom, ‘A’ is gelezen als gegevens, niet als namen; de 4 gevallen zijn genummerd 1 tot en met 4."
                ))
            #expect(data.text.contains("configuratie in de volgorde A B;"))
            #expect(data.text.contains(#"value="gegevens" checked"#))
            let names = try await Self.postMultipart(
                client, Self.multipart([("csv", csv), ("uitkomst", "Y"), ("eerste-kolom", "namen")]))
            #expect(names.status == .ok)
            #expect(names.text.contains("is gelezen als de namen van de 4 gevallen (1, 0, 1 …)"))
        }
    }

    @Test func theMeasuresAndTheConfigurationAreExplainedWhereTheyAreShown() async throws {
        try await Self.visitorApplication().test(.router) { client in
            let response = try await client.get(
                "/qca?uitkomst=VOORTGEZET&voorwaarden=REGIO&voorwaarden=PRESTATIE&oplossing=spaarzaam")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<summary>Hoe leest u de waarheidstabel?</summary>"))
            #expect(page.contains("De cijfers staan voor de voorwaarden in de volgorde REGIO PRESTATIE"))
            #expect(page.contains(#"<th scope="col">In woorden</th>"#))
            #expect(page.contains("<strong>PRI</strong> (proportionele vermindering van inconsistentie)"))
            #expect(page.contains("<summary>Wat betekenen model, inclusie, PRI en dekking?</summary>"))
            #expect(
                page.contains(
                    #"<strong><a class="term" href="/begrippen#dekking">Dekking</a></strong>: welk deel van de gevallen mét de uitkomst"#
                ))
            #expect(page.contains("REGIO = 1: Initiatief bij de regio (Initiatief voor het voorstel: "))
            let example = try #require(page.range(of: "Configuratie ")).upperBound
            let sentence = String(page[example...].prefix { $0 != "." })
            // "10 betekent: met REGIO; zonder PRESTATIE", whatever row comes first.
            #expect(sentence.contains(" betekent: "))
            #expect(sentence.contains("REGIO") && sentence.contains("PRESTATIE"))
            #expect(
                QCAConfiguration.words("1100", conditions: ["REGIO", "COFIN", "PRESTATIE", "VAST"])
                    == "met REGIO en COFIN; zonder PRESTATIE en VAST")
            #expect(QCAConfiguration.words("201", conditions: ["DEV", "URB", "LIT"]) == "met LIT; zonder URB; DEV = 2")
        }
    }

    @Test func theArrangementsLeftOutAreGroupedByReasonInWords() async throws {
        try await Self.visitorApplication().test(.router) { client in
            let page = try await client.get("/qca?uitkomst=VOORTGEZET&voorwaarden=PRESTATIE").text
            #expect(page.contains("<h3>Weggelaten (9)</h3>"))
            #expect(page.contains("<summary>Geen uitkomst VOORTGEZET vastgelegd: 9 arrangementen</summary>"))
            #expect(page.contains(#"<li><a href="/arrangementen/woondeal">Woondeal</a></li>"#))
            // No key of a dimension in the visible text, and no ".;".
            for key in ["resultaatgericht.", "samenwerkend.", "interbestuurlijk.", ".;"] {
                #expect(!page.contains(key), "\(key)")
            }
        }
        let reason = "Nog niet voor deze deal vastgesteld; het profiel staat bij de referentievariant."
        let groups = QCAExclusionGroups.groups(
            [
                QCAExclusion(
                    arrangementID: "a", arrangementName: "A", reasons: [],
                    causes: [
                        .noOutcome(outcome: "Y"),
                        .notStated(condition: "COFIN", dimensionID: "resultaatgericht.cofinanciering", reason: reason),
                    ]),
                QCAExclusion(
                    arrangementID: "b", arrangementName: "B", reasons: [],
                    causes: [
                        .notStated(condition: "COFIN", dimensionID: "resultaatgericht.cofinanciering", reason: reason)
                    ]),
                QCAExclusion(arrangementID: "c", arrangementName: "C", reasons: [], causes: [.noOutcome(outcome: "Y")]),
                QCAExclusion(
                    arrangementID: "d", arrangementName: "D", reasons: [],
                    causes: [
                        .notStated(condition: "COFIN", dimensionID: "resultaatgericht.cofinanciering", reason: "anders")
                    ]),
            ])
        #expect(
            groups.map(\.reason) == [
                "Cofinanciering (voorwaarde COFIN) niet vastgesteld in het profiel", "Geen uitkomst Y vastgelegd",
            ])
        #expect(groups.map(\.count) == [3, 2])
        // The arrangements differ in the profile's words, so each says its own.
        #expect(groups[0].detail == nil)
        #expect(groups[0].cases.map(\.detail) == [reason, reason, "anders"])
        #expect(
            QCAExclusion(
                arrangementID: "a", arrangementName: "A", reasons: ["x niet vastgesteld: Regio Deal.", "geen uitkomst"]
            )
            .reasonsText == "x niet vastgesteld: Regio Deal; geen uitkomst")
    }

    /// Usability review: "The scatter plot has overlapping labels." Labels at one place stack.
    @Test func labelsOfPointsWithEqualMeasuresDoNotOverlap() {
        let svg = QCAPlot.svg(
            id: "p", title: "t", description: "d",
            points: [
                .init(label: "M1", inclusion: 1, coverage: 0.5, isModel: true),
                .init(label: "M2", inclusion: 1, coverage: 0.5, isModel: true),
                .init(label: "A*B", inclusion: 1, coverage: 0.5, isModel: false),
                .init(label: "C", inclusion: 0.5, coverage: 0.5, isModel: false),
            ])
        let labels = svg.components(separatedBy: "<text ").compactMap { part -> String? in
            guard part.contains("class=\"chart-value\"") else { return nil }
            return part.components(separatedBy: "y=\"").dropFirst().first?.components(separatedBy: "\"").first
        }
        #expect(labels == ["10.0", "25.0", "39.0", "175.0"])
    }

    @Test func outcomesAreRecordedWithTheirSourceByWhomMayChangeTheArrangement() async throws {
        let fixture = try await AccountWebFixture()
        let demo = AccountWebFixture.demo
        let path = "/arrangementen/\(demo)/qca-uitkomsten"
        try await fixture.test { client in
            // A visitor reads the outcomes and the notice, not the form.
            let anonymous = try await client.get(path)
            #expect(anonymous.status == .ok)
            #expect(anonymous.bodyText.contains("<h1>Uitkomsten voor QCA</h1>"))
            #expect(anonymous.bodyText.contains("<strong>Wijzigen vraagt een account.</strong>"))
            #expect(!anonymous.bodyText.contains(#"name="waarde""#))
            let reader = try await fixture.signedIn(client, "lezer", .reader)
            let read = try await reader.get(path).bodyText
            #expect(read.contains("<strong>U kunt de uitkomsten van dit arrangement niet wijzigen.</strong>"))
            #expect(!read.contains(#"name="waarde""#))
            let refused = try await reader.post(path, [("naam", "VERVOLG"), ("waarde", "1"), ("bron", "fictief")])
            #expect(refused.status == .forbidden)

            let editor = try await fixture.signedIn(client, "redacteur", .editor(arrangements: [demo]))
            let form = try await editor.get(path).bodyText
            #expect(form.contains(#"<form method="post" action="\#(path)" novalidate>"#))
            #expect(form.contains(#"<input type="hidden" name="csrf" value="\#(editor.csrf)">"#))
            #expect(form.contains("Voor dit arrangement is nog geen uitkomst vastgelegd."))

            // Wrong input: every problem in the summary and at its field, the input kept, nothing stored.
            let wrong = try await editor.post(path, [("naam", "vervolg deal"), ("waarde", "veel"), ("bron", " ")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.bodyText.contains(##"<li><a href="#veld-waarde">Waarde: &#39;veel&#39; is geen getal"##))
            #expect(
                wrong.bodyText.contains(
                    ##"<li><a href="#veld-naam">Naam van de uitkomst: &#39;vervolg deal&#39; is geen geldige naam"##))
            #expect(wrong.bodyText.contains(##"<li><a href="#veld-bron">Bron: verplicht"##))
            #expect(wrong.bodyText.contains(#"name="waarde" value="veel""#))
            #expect(try await fixture.stores.qcaOutcomes.outcomes(named: nil).isEmpty)
            // Without the session's token nothing is stored either.
            let forged = try await editor.post(
                path, [("naam", "VERVOLG"), ("waarde", "1"), ("bron", "fictief")],
                csrf: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden)

            let saved = try await editor.post(
                path, [("naam", "VERVOLG"), ("waarde", "0,75"), ("bron", "Fictieve evaluatie voor deze test")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "\(path)?vastgelegd=1")
            let stored = try await fixture.stores.qcaOutcomes.outcomes(named: "VERVOLG")
            #expect(stored.map(\.arrangementID) == [demo])
            #expect(stored.first?.value == 0.75)
            #expect(stored.first?.source == "Fictieve evaluatie voor deze test")
            let after = try await editor.get("\(path)?vastgelegd=1").bodyText
            #expect(after.contains(#"<p class="notice success" role="status">De uitkomst is vastgelegd.</p>"#))
            #expect(
                after.contains(
                    "<tr><th scope=\"row\">VERVOLG</th><td>0,75</td><td>Fictieve evaluatie voor deze test</td>"))
            // The audit trail says who recorded what, with the source.
            let entries = try await fixture.stores.audit.entries(AuditQuery(action: "qca-uitkomst.vastleggen")).entries
            #expect(entries.map(\.event.actor) == ["redacteur"])
            #expect(entries.first?.event.object == "arrangement:\(demo)/uitkomst:VERVOLG")
            #expect(entries.first?.event.details["bron"] == "Fictieve evaluatie voor deze test")

            // An editor of another arrangement may not; the page on /qca leads to the form.
            let other = try await editor.post(
                "/arrangementen/regio-deal/qca-uitkomsten", [("naam", "VERVOLG"), ("waarde", "1"), ("bron", "fictief")])
            #expect(other.status == .forbidden)
            let choice = try await client.get("/qca/uitkomsten?arrangement=\(demo)")
            #expect(choice.status == .seeOther)
            #expect(choice.headers[.location] == path)
            #expect(try await client.get("/qca/uitkomsten?arrangement=bestaat-niet").status == .notFound)
            // The arrangement's page links to its outcomes.
            #expect(
                try await client.get("/arrangementen/\(demo)").bodyText.contains(
                    #"<a href="\#(path)">Uitkomsten voor QCA</a>"#))
        }
    }
}
