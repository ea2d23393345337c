extension APIDocumentationPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let d = documentation
        return HTML(lines: [
            #"""
            <h1>API-documentatie</h1>
            <p>\#(d.title), versie \#(d.version). \#(d.description)</p>
            <p>Het adres van elke bewerking begint met <code>\#(APIURL.base)</code>. Het volledige OpenAPI-document staat op <a href="\#(openAPIHref)"><code>\#(openAPIHref)</code></a>; deze pagina is eruit gemaakt en toont hetzelfde.</p>
            <p>Wat deze installatie publiceert, staat als open data beschreven in de catalogus <a href="\#(APIURL.catalogue.path)"><code>\#(APIURL.catalogue.path)</code></a> (DCAT-AP-NL 3.0, JSON-LD of Turtle), zoals data.overheid.nl datasets vindt.</p>
            <h2 id="toegang">Toegang</h2>
            <p>\#(d.authentication)</p>
            <p>Stuur de sleutel mee als kop: <code>Authorization: Bearer vw_…</code>. Zonder sleutel kunt u lezen, tenzij de installatie alleen met account werkt; een sleutel die de API niet kent, geeft 401.</p>
            <h2 id="fouten">Foutmeldingen</h2>
            <p>Elke fout komt als <code>application/problem+json</code> (RFC 9457): <code>status</code>, <code>title</code>, <code>detail</code> en, bij ongeldige invoer, <code>invalidParams</code> met elk ongeldig veld en de reden. Voorbeeld:</p>
            <pre><code>{
              "detail": "De zoekvraag is ongeldig.",
              "invalidParams": [{"name": "familie", "reason": "'x' is geen familie"}],
              "status": 400,
              "title": "Bad Request"
            }</code></pre>
            <h2 id="bewerkingen">Bewerkingen</h2>
            <ul class="toc">
            """#,
            HTML(
                lines: d.sections.map { section -> HTML in
                    #"""
                    <li>\#(section.tag)<ul>\#(section.operations.map { o -> HTML in
                        ##"<li><a href="#\##(o.id)"><code>\##(o.method) \##(o.path)</code></a> — \##(o.summary)</li>"##
                    })</ul></li>
                    """#
                }),
            "</ul>",
            HTML(lines: d.sections.map(Self.section)),
        ])
    }

    private static func section(_ section: APIDocumentation.Section) -> HTML {
        HTML(lines: [
            #"<h2>\#(section.tag)</h2>"#,
            HTML(lines: section.operations.map(operation)),
        ])
    }

    private static func operation(_ o: APIDocumentation.Operation) -> HTML {
        HTML(lines: [
            #"""
            <section class="api-operation" aria-labelledby="\#(o.id)">
            <h3 id="\#(o.id)"><code>\#(o.method) \#(o.path)</code></h3>
            <p>\#(o.summary)\#(if: !o.description.isEmpty, " ")\#(o.description)</p>
            <p>\#(o.isReading ? "Lezen: zonder sleutel, tenzij de installatie alleen met account werkt." : "Wijzigen: vraagt een API-sleutel van een account met de juiste rol.")</p>
            """#,
            o.parameters.isEmpty
                ? .empty
                : #"""
                <h4>Parameters</h4>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Parameters van \#(o.method) \#(o.path)">
                <table>
                <thead><tr><th scope="col">Naam</th><th scope="col">Waar</th><th scope="col">Soort</th><th scope="col">Verplicht</th><th scope="col">Betekenis</th></tr></thead>
                <tbody>
                \#(o.parameters.map { p -> HTML in
                    ##"<tr><td><code>\##(p.name)</code></td><td>\##(p.location)</td><td>\##(p.type)</td><td>\##(p.isRequired ? "ja" : "nee")</td><td>\##(p.description)</td></tr>"##
                })
                </tbody>
                </table>
                </div>
                """#,
            o.request.map { body(title: "Inhoud van het verzoek", $0, o) } ?? .empty,
            #"""
            <h4>Antwoorden</h4>
            <ul>
            \#(o.answers.map { a -> HTML in ##"<li><strong>\##(a.status)</strong>: \##(a.description)\##(a.body.map { b -> HTML in ###" (<code>\###(b.mediaType)</code>, \###(b.schema))"### } ?? .empty)</li>"## })
            </ul>
            <details>
            <summary>Voorbeeld van een verzoek</summary>
            <pre><code>\#(o.exampleRequest)</code></pre>
            </details>
            """#,
            o.answers.first { $0.status.hasPrefix("2") }?.body?.example.map { example -> HTML in
                #"""
                <details>
                <summary>Voorbeeld van een antwoord (verzonnen waarden)</summary>
                <pre><code>\#(example)</code></pre>
                </details>
                """#
            } ?? .empty,
            "</section>",
        ])
    }

    private static func body(title: String, _ body: APIDocumentation.Body, _ o: APIDocumentation.Operation) -> HTML {
        HTML(lines: [
            #"<h4>\#(title)</h4>"#,
            #"<p><code>\#(body.mediaType)</code>: \#(body.schema)</p>"#,
            body.fields.isEmpty
                ? .empty
                : #"""
                <div class="table-scroll" tabindex="0" role="region" aria-label="Velden van het verzoek \#(o.method) \#(o.path)">
                <table>
                <thead><tr><th scope="col">Veld</th><th scope="col">Soort</th><th scope="col">Verplicht</th><th scope="col">Betekenis</th></tr></thead>
                <tbody>
                \#(body.fields.map { f -> HTML in
                    ##"<tr><td><code>\##(f.name)</code></td><td>\##(f.type)</td><td>\##(f.isRequired ? "ja" : "nee")</td><td>\##(f.description)</td></tr>"##
                })
                </tbody>
                </table>
                </div>
                """#,
        ])
    }
}
