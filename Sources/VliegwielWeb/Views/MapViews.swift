import VliegwielInterchange

/// The map of the Netherlands (issue 16 item 4): a figure with its caption, a legend in text,
/// the same figures as a table beside it, the codes that could not be drawn, and the credit
/// the boundaries' licence asks for.
enum MapViews {
    static func figure(_ f: MapFigure) -> HTML {
        HTML(lines: [
            #"""
            <figure class="map-figure" aria-labelledby="\#(f.id)-bijschrift">
              \#(f.svg)
              <figcaption id="\#(f.id)-bijschrift">\#(f.caption)</figcaption>
            </figure>
            <ul class="map-legend" aria-label="Legenda">\#(f.legend.map { l -> HTML in #"<li><span class="map-swatch \#(l.style)\#(if: l.isHatched, " map-swatch-hatched")" aria-hidden="true"></span> \#(l.text)</li>"# })</ul>
            """#,
            f.rows.isEmpty ? .empty : table(f),
            #"<p class="aside">\#(MapText.attribution)</p>"#,
        ])
    }

    private static func table(_ f: MapFigure) -> HTML {
        #"""
        <details class="map-table">
          <summary>De kaart als tabel (\#(f.rows.count) gebieden)</summary>
          <table>
            <caption>\#(f.caption)</caption>
            <thead><tr><th scope="col">Gebied</th><th scope="col">Soort</th>\#(if: f.hasValues, #"<th scope="col">Cijfer</th>"#)\#(if: f.countsDeals, #"<th scope="col">Deals</th>"#)\#(if: f.countsDeals && !f.hasValues, #"<th scope="col">Tranches</th>"#)</tr></thead>
            <tbody>\#(f.rows.map { r -> HTML in #"<tr><th scope="row"><a href="\#(r.href)">\#(r.name)</a> (\#(r.code))</th><td>\#(r.kind)</td>\#(r.value.map { v -> HTML in #"<td class="number">\#(v)</td>"# })\#(if: f.countsDeals, #"<td class="number">\#(r.dealCount)</td>"#)\#(if: f.countsDeals && !f.hasValues, "<td>\(r.tranches)</td>")</tr>"# })</tbody>
          </table>
        </details>
        """#
    }

    static func undrawn(_ rows: [MapUndrawnRow], heading: String) -> HTML {
        guard !rows.isEmpty else { return .empty }
        return #"""
            <h3 id="niet-getekend">\#(heading) (\#(rows.count))</h3>
            <ul>\#(rows.map { r -> HTML in "<li><strong>\(r.code)</strong>: \(r.reason). Genoemd door \(r.deals.map { d -> HTML in #"<a href="\#(d.href)">\#(d.name)</a>"# }.reduce(HTML.empty) { $0.isEmpty ? $1 : $0 + ", " + $1 }).</li>" })</ul>
            """#
    }

    /// The map section of the portfolio page.
    static func portfolio(_ m: PortfolioMapSection, action: String) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="kaart">
              <h2 id="kaart">Kaart van de deals</h2>
              <p>\#(m.summary)</p>
            """#,
            figure(m.figure),
            undrawn(m.undrawn, heading: "Regiocodes die niet op de kaart staan"),
            m.withoutRegion.isEmpty
                ? .empty
                : #"""
                  <h3 id="zonder-gebied">Deals zonder regiocode (\#(m.withoutRegion.count))</h3>
                  <p>Voor deze deals is geen gemeente of provincie vastgelegd (bijvoorbeeld Caribisch Nederland, dat geen code heeft in de CBS-indeling 2025); de deal zegt waarom.</p>
                  <ul class="columns">\#(m.withoutRegion.map { d -> HTML in #"<li><a href="\#(d.href)">\#(d.name)</a></li>"# })</ul>
                """#,
            #"<h3 id="kaart-indicator-kop">Een contextindicator per gebied</h3>"#,
            m.indicators.isEmpty
                ? .empty
                : #"""
                  <form class="filter" method="get" action="\#(action)#kaart-indicator-kop">
                    <div class="field\#(if: m.indicatorError != nil, " field-error")">
                      <label for="kaart-indicator-keuze">Kleur de kaart naar</label>
                      \#(m.indicatorError.map { e -> HTML in #"<p class="error-message" id="kaart-indicator-keuze-fout">Fout: \#(e)</p>"# })
                      <select id="kaart-indicator-keuze" name="indicator"\#(if: m.indicatorError != nil, #" aria-invalid="true" aria-describedby="kaart-indicator-keuze-fout""#)>
                        \#(m.indicators.map { o -> HTML in #"<option value="\#(o.code)"\#(if: o.isSelected, " selected")>\#(o.label)</option>"# })
                      </select>
                    </div>
                    \#(m.keptFilters.map { name, value -> HTML in #"<input type="hidden" name="\#(name)" value="\#(value)">"# })
                    <button type="submit">Toon op de kaart</button>
                  </form>
                """#,
            HTML(lines: m.choroplethNotes.map { "<p>\($0)</p>" }),
            m.choropleth.map(figure) ?? .empty,
            "</section>",
        ])
    }

    /// The map on a deal's page.
    static func deal(_ m: DealMapSection) -> HTML {
        HTML(lines: [
            #"<h3 id="kaart">Het gebied op de kaart</h3>"#,
            m.figure.map(figure)
                ?? #"<p>Geen van de regiocodes van deze deal staat op de kaart van \#(RegionBoundaries.year); hieronder staat waarom.</p>"#,
            undrawn(m.undrawn, heading: "Regiocodes die niet op de kaart staan"),
        ])
    }
}

extension RegionPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>\#(name) <span class="aside">(\#(kind), \#(code))</span></h1>
            <p class="lead">De deals van de portefeuille die dit gebied noemen: \#(MapText.deals(deals.count)).</p>
            """#,
            undrawnReason.map { #"<p class="notice">\#(code) staat niet op de kaart: \#($0).</p>"# } ?? .empty,
            deals.isEmpty
                ? "<p>Geen deal van de portefeuille noemt dit gebied.</p>"
                : #"""
                <table>
                  <caption>Deals die \#(name) noemen</caption>
                  <thead><tr><th scope="col">Deal</th><th scope="col">Tranche</th></tr></thead>
                  <tbody>\#(deals.map { d -> HTML in #"<tr><th scope="row"><a href="\#(d.href)">\#(d.name)</a>\#(if: d.isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</th><td>\#(d.tranche)</td></tr>"# })</tbody>
                </table>
                """#,
            #"<p>Een deal noemt een gebied als de openbare bronnen (of de regio's bij zijn indicatoren) het noemen; een provincie die partij is, telt als genoemd.</p>"#,
            figure.map(MapViews.figure) ?? .empty,
            #"<p class="actions"><a href="\#(mapHref)">Terug naar de kaart van de portefeuille</a></p>"#,
        ])
    }
}
