extension HomePage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        #"""
        <h1>Vliegwiel: ontwerpen, uitvoeren en evalueren van samenwerking tussen overheden</h1>
        <p class="lead">Regio Deals, andere deals, Nationale Programma's en structurele samenwerkingen verschillen in drie elementen. Die verschillen zijn ontwerpkeuzes met voorspelbare gevolgen — en de evaluatie moet de sturingsvorm volgen. Vliegwiel maakt die keuzes zichtbaar, naar het essay <cite>Waarderen van variatie</cite> (NSOB, 2024).</p>
        <h2>Wat wilt u doen?</h2>
        <div class="roles">
        \#(HTML(lines: roles.map { role -> HTML in
            #"""
              <section class="role" aria-labelledby="rol-\#(role.phase.replacingOccurrences(of: " ", with: "-"))">
                <h3 id="rol-\#(role.phase.replacingOccurrences(of: " ", with: "-"))">\#(role.title) <span class="phase">(\#(role.phase))</span></h3>
                <p>\#(role.intro)</p>
                <ul>\#(role.links.map { link -> HTML in ##"<li><a href="\##(link.href)">\##(link.label)</a>: \##(link.text)</li>"## })</ul>
              </section>
            """#
        }))
        </div>
        <h2>De drie elementen</h2>
        <ol class="elements">
        \#(HTML(lines: elements.map { e -> HTML in
            #"  <li><strong>\#(e.label)</strong> — \#(e.question) <span class="citation">(\#(e.chapter))</span></li>"#
        }))
        </ol>
        <h2>Of begin bij het voorbeeld</h2>
        <ul class="start-list">
          <li><a href="\#(catalogueHref)">Bekijk de catalogus</a>: \#(referenceCount) referentievarianten uit het essay en \#(practiceCount) arrangementen uit de praktijk: echte deals en samenwerkingen uit openbare bronnen, de fictieve voorbeelddeal en wat gebruikers ontwierpen.</li>
          <li><a href="\#(exampleHref)">Lees het profiel en advies van de Regio Deal</a>: gevolgen, sturingsperspectief, tijdshorizon en evaluatieontwerp.</li>
          <li><a href="\#(compareHref)">Vergelijk de Regio Deal met de Woondeal</a> en zie de variatie groeien per element.</li>
          <li><a href="\#(designHref)">Ontwerp een nieuw arrangement</a> en krijg direct advies (ex ante).</li>
          <li><a href="\#(whatIfHref)">Probeer een wat-als</a>: verander een ontwerpkeuze en zie wat er verandert.</li>
        </ul>
        """#
    }
}

extension CataloguePage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        return #"""
            <h1>\#(t.navCatalogue)</h1>
            <p class="lead">De catalogus heeft twee soorten arrangementen. De \#(referenceCount) \#(GlossaryLink.html(.referentievariant, "referentievarianten")) zijn de varianten zoals het essay ze beschrijft, zoals ‘de Regio Deal’ in het algemeen, met bij elke ontwerpkeuze het citaat uit het essay. De \#(GlossaryLink.html(.praktijk, "arrangementen uit de praktijk")) zijn echte deals en samenwerkingen uit openbare bronnen, de fictieve voorbeelddeal en wat gebruikers ontwierpen; elk hoort bij een referentievariant (kolom Variant) en laat zien hoe een echt arrangement van die variant afwijkt. De \#(GlossaryLink.html(.familie, "familie")) is de groep uit het essay: deals, Nationale Programma’s of structurele samenwerkingen.</p>
            <form class="filter" method="get" action="\#(SiteURL.catalogue().path)">
              <fieldset>
                <legend>\#(t.filter)</legend>
                <div class="field">
                  <label for="familie">\#(t.family)</label>
                  <select id="familie" name="familie">
                    \#(families.map(Self.option))
                  </select>
                </div>
                <div class="field">
                  <label for="soort">\#(t.kind)</label>
                  <select id="soort" name="soort">
                    \#(kinds.map(Self.option))
                  </select>
                </div>
                <button type="submit">\#(t.filter)</button>
              </fieldset>
            </form>
            <p role="status">\#(count) van \#(total) arrangementen</p>
            <table>
              <caption class="visually-hidden">\#(t.navCatalogue)</caption>
              <thead><tr><th scope="col">Naam</th><th scope="col">\#(t.family)</th><th scope="col">\#(t.kind)</th><th scope="col">Variant</th><th scope="col">\#(GlossaryLink.html(.tranche, "Tranche"))</th><th scope="col">Provincie</th><th scope="col">Rijksbijdrage</th></tr></thead>
              <tbody>
            \#(HTML(lines: rows.map { row -> HTML in
                let variant: HTML = row.variantHref.map { #"<a href="\#($0)">\#(row.variant)</a>"# } ?? "\(row.variant)"
                return #"    <tr><th scope="row"><a href="\#(row.href)">\#(row.name)</a></th><td>\#(row.family)</td><td>\#(row.kind)</td><td>\#(variant)</td><td>\#(row.tranche ?? "—")</td><td>\#(row.provinces ?? "—")</td><td class="number">\#(row.amount ?? "—")</td></tr>"#
            }))
              </tbody>
            </table>
            <p class="actions">\#(DownloadLinks.html([Download(label: "JSON", href: APIURL.arrangements.path)], label: "Alle arrangementen met hun profiel downloaden als")) · Wat deze installatie als open data publiceert: <a href="\#(APIURL.catalogue.path)">de catalogus (DCAT-AP-NL, zoals data.overheid.nl die leest)</a></p>
            """#
    }

    private static func option(_ option: Option) -> HTML {
        #"<option value="\#(option.code)"\#(if: option.isSelected, " selected")>\#(option.label)</option>"#
    }
}

extension AccessibilityPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        #"""
        <h1>\#(layout.t.footerAccessibility)</h1>
        <p>Vliegwiel wil voor iedereen bruikbaar zijn en voldoet aan de Web Content Accessibility Guidelines (WCAG) 2.1, niveau A en AA, zoals de Nederlandse overheid vraagt (EN 301 549).</p>
        <h2>Hoe wij dat bewaken</h2>
        <ul>
          <li>Elke pagina, ook het ontwerpformulier met foutmeldingen, wordt bij elke wijziging automatisch getest met axe-core in een echte browser (Chromium), op de regels voor WCAG 2.1 A en AA.</li>
          <li>Alles werkt zonder JavaScript; de pagina's zijn gewone HTML.</li>
          <li>Grafieken hebben een titel en een beschrijving, en staan ook als tabel op de pagina.</li>
          <li>Formulieren tonen fouten bovenaan met links naar de velden, en herhalen de fout bij elk veld.</li>
          <li>De focus is altijd zichtbaar, klikdoelen zijn minstens 24 bij 24 pixels, en de modus voor hoog contrast (forced colors) wordt ondersteund.</li>
          <li>De site laadt niets van buiten: geen lettertypen, scripts of trackers van derden.</li>
        </ul>
        <h2>Bekende beperkingen</h2>
        <ul>
          <li>Vliegwiel is er alleen in het Nederlands. Een Engelse weergave vertaalde alleen het kader van de pagina's en is weggehaald; een volledige vertaling is niet gepland.</li>
          <li>Een formele toegankelijkheidsverklaring volgens het model van de overheid vraagt een onderzoek door een externe partij; dat is nog niet gedaan.</li>
        </ul>
        <h2>Een probleem melden</h2>
        <p>Loopt u tegen een probleem aan? Meld het als issue in de openbare repository van Vliegwiel, met de pagina en wat u probeerde te doen.</p>
        """#
    }
}

extension ErrorPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            "<h1>\(layout.title)</h1>",
            refusedFields.isEmpty
                ? .empty
                : #"""
                <div class="error-summary" role="alert" aria-labelledby="foutoverzicht-kop" tabindex="-1" id="foutoverzicht">
                  <h2 id="foutoverzicht-kop">Er is niets opgeslagen</h2>
                  <ul>\#(refusedFields.map { f -> HTML in ##"<li><a href="#\##(f.id)">\##(f.name): \##(f.reason ?? "")</a></li>"## })</ul>
                </div>
                """#,
            "<p>\(message)</p>",
            keptFields.isEmpty
                ? .empty
                : """
                <h2>Wat u hebt ingevuld</h2>
                <p>Hieronder staat alles wat u hebt verstuurd, zodat u niets kwijt bent. Een teken dat niet mag, staat er als
                ⟨U+…⟩. Kopieer de tekst, ga terug naar het formulier, laat die tekens weg en verstuur het opnieuw.</p>
                """,
            HTML(
                lines: keptFields.map { f -> HTML in
                    #"""
                    <div class="field">
                      <label for="\#(f.id)">\#(f.name)</label>
                    \#(f.reason.map { r -> HTML in #"  <p class="field-error" id="\#(f.id)-fout">\#(r)</p>"# })
                      <textarea id="\#(f.id)" rows="\#(f.rows)" readonly\#(if: f.reason != nil, #" aria-describedby="\#(f.id)-fout""#)>\#(f.text)</textarea>
                    </div>
                    """#
                }),
            #"""
            <h2>Hoe verder?</h2>
            <ul>
            """#,
            loginHref.map { href -> HTML in
                #"<li><a href="\#(href)">Log in</a>; daarna komt u terug op deze pagina.</li>"#
            }
                ?? .empty,
            accountHref.map { href -> HTML in
                #"<li>Op <a href="\#(href)">uw account</a> staat welke rol u hebt. Een beheerder van deze installatie kan u een andere rol geven.</li>"#
            } ?? .empty,
            suggestion.map { s -> HTML in
                #"<li>Bedoelde u iets anders? <a href="\#(s.href)">Zoek naar ‘\#(s.words)’</a>.</li>"#
            } ?? .empty,
            #"""
            <li><a href="\#(searchHref)">Zoeken</a> naar een arrangement, deal, partner of programmalijn.</li>
            <li><a href="\#(catalogueHref)">De catalogus</a>: alle arrangementen.</li>
            <li><a href="\#(portfolioHref)">De portefeuille</a>: de Regio Deals.</li>
            <li><a href="\#(layout.homeHref)">De beginpagina</a>.</li>
            </ul>
            <p class="status-code">Foutcode \#(status).</p>
            """#,
        ])
    }
}
