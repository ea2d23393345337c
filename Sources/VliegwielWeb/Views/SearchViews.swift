extension SearchPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            "<h1>Zoeken</h1>",
            #"""
            <form class="search-form" role="search" method="get" action="\#(SiteURL.search(nil).path)">
              <div class="field">
                <label for="zoekterm">Zoek naar een arrangement, deal, partner of programmalijn</label>
                <p class="hint" id="zoekterm-hint">Hoofdletters en accenten maken niet uit. Met meer woorden vindt u wat ze alle bevat.</p>
                <input type="search" id="zoekterm" name="q" value="\#(query)" maxlength="\#(SearchPage.maximumLength)" aria-describedby="zoekterm-hint">
              </div>
            """#,
            #"""
              <button type="submit">Zoek</button>
            </form>
            """#,
            hasQuery ? results : intro,
        ])
    }

    /// Before anything is typed: what can be found, and where else to look.
    private var intro: HTML {
        #"""
        <p>De zoekfunctie doorzoekt de referentievarianten uit het essay, de arrangementen uit de praktijk (waaronder de echte Regio Deals), de deals van de portefeuille met hun gebied, hun partners en hun programmalijnen.</p>
        \#(elsewhere)
        """#
    }

    private var elsewhere: HTML {
        #"""
        <ul>
          <li><a href="\#(catalogueHref)">De catalogus</a>: alle arrangementen, te filteren op familie en soort.</li>
          <li><a href="\#(portfolioHref)">De portefeuille</a>: de Regio Deals, te filteren op tranche, provincie en looptijd.</li>
          <li><a href="\#(compareHref)">Vergelijken</a>: zet twee of meer arrangementen naast elkaar.</li>
        </ul>
        """#
    }

    private var results: HTML {
        guard count > 0 else {
            return #"""
                <div role="status">
                  <h2>Niets gevonden voor ‘\#(query)’</h2>
                  <p>Controleer de spelling, of zoek met minder of kortere woorden (bijvoorbeeld ‘Twente’ of ‘woningbouw’). U kunt ook hier verder kijken:</p>
                </div>
                \#(elsewhere)
                """#
        }
        return HTML(lines: [
            #"<p role="status">\#(count == 1 ? "1 resultaat" : "\(count) resultaten") voor ‘\#(query)’.</p>"#,
            groups.count > 1
                ? ##"<nav class="toc" aria-label="Soorten resultaten"><ul>\##(groups.map { g -> HTML in ###"<li><a href="#\###(g.id)">\###(g.title) (\###(g.total))</a></li>"### })</ul></nav>"##
                : .empty,
            HTML(lines: groups.map(Self.group)),
        ])
    }

    private static func group(_ g: Group) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="\#(g.id)">
              <h2 id="\#(g.id)">\#(g.title) (\#(g.total))</h2>
            """#,
            g.total > g.results.count
                ? "  <p>De eerste \(g.results.count) van \(g.total). Maak de zoekvraag preciezer om de rest te zien.</p>"
                : .empty,
            #"  <ol class="search-results">"#,
            HTML(lines: g.results.map(Self.result)),
            "  </ol>",
            "</section>",
        ])
    }

    private static func result(_ r: Result) -> HTML {
        let excerpt = r.excerpt.map { p -> HTML in p.isMatch ? "<mark>\(p.text)</mark>" : "\(p.text)" }
        let links: HTML =
            r.links.count > 1
            ? #"<p class="search-links">Deals: \#(r.links.enumerated().map { i, l -> HTML in #"\#(if: i > 0, ", ")<a href="\#(l.href)">\#(l.name)</a>"# })</p>"#
            : .empty
        return #"""
                <li><a href="\#(r.href)">\#(r.title)</a> <span class="meta">— \#(r.detail)</span>
                  <p class="search-context">\#(r.field): \#(excerpt)</p>\#(links)</li>
            """#
    }
}
