extension ContributionPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <p class="breadcrumb"><a href="\#(arrangementHref)">\#(name)</a></p>
            <h1>Bijdragegraaf</h1>
            <p class="lead">Van interventies via deeleffecten en voorwaarden naar uitkomsten in brede welvaart: de veranderingstheorie van \#(name). In netwerksturing leidt A zelden rechtstreeks tot B (§5.1); deze pagina laat zien langs welke schakels een bijdrage aannemelijk is en hoe sterk het bewijs per schakel is. Ze verdeelt een uitkomst nooit in percentages over interventies.</p>
            """#,
            isFictional
                ? #"<p class="notice"><strong class="fictional">fictief voorbeeld</strong> Deze graaf hoort bij een verzonnen deal; alle knopen, bewijsstukken en data zijn verzonnen.</p>"#
                : .empty,
            hasGraph
                ? graph
                : "<p>Voor dit arrangement is nog geen bijdragegraaf vastgelegd. Leg er een vast met <code>vliegwiel bijdragegraaf importeer ID BESTAND --auteur NAAM --reden TEKST</code> (formaat: docs/bijdrage.md).</p>",
        ])
    }

    private func reaches(_ reaches: [Reach], none: String) -> HTML {
        guard !reaches.isEmpty else { return "<li>\(none)</li>" }
        return reaches.map { r -> HTML in
            let outcomes: HTML =
                !r.outcomes.isEmpty
                ? "<ul>\(r.outcomes.map { "<li>\($0)</li>" as HTML })</ul>" : ": bereikt geen uitkomst."
            return "<li><strong>\(r.source)</strong>\(outcomes)</li>"
        }.reduce(.empty, +)
    }

    /// The points to look at, the analysis of the graph that the dossier repeats.
    func concerns(withLimits: Bool) -> HTML {
        #"""
          \#(unreached.map { "<li>Uitkomst zonder interventie van het arrangement: \($0)</li>" as HTML })
          \#(deadEnds.map { "<li>Interventie die geen uitkomst bereikt: \($0)</li>" as HTML })
          \#(dependencies.map { "<li>\($0)</li>" as HTML })
          \#(feedback.map { "<li>Terugkoppeling: \($0)</li>" as HTML })
        """# + (withLimits ? "\n  \(limits.map { "<li>\($0)</li>" as HTML })" : .empty)
    }

    /// The contribution stories, with `prefix` before each heading id.
    func storySections(idPrefix prefix: String) -> HTML {
        HTML(
            lines: stories.map { story -> HTML in
                #"""
                <section aria-labelledby="\#(prefix)\#(story.id)" class="story">
                  <h3 id="\#(prefix)\#(story.id)">\#(story.title)</h3>
                  <ol>\#(story.steps.map { s -> HTML in "<li><strong>\(s.title)</strong><ul>\(s.lines.map { "<li>\($0)</li>" as HTML })</ul></li>" })</ol>
                </section>
                """#
            })
    }

    private var graph: HTML {
        HTML(lines: [
            #"""
            <p>\#(version)</p>
            <p class="actions"><a href="\#(dossierHref)">Evaluatiedossier</a> · <a href="\#(apiHref)">Als JSON (API)</a></p>

            <figure class="graph-figure">
            \#(diagram)
            <figcaption>De legenda onder de kolommen zegt wat de randen en vullingen van de knopen en de lijnen van de schakels betekenen: stippel = geen bewijs, streep = zwak, doorgetrokken = redelijk, dik = sterk. Een lijn die onderlangs terugloopt, is een terugkoppeling. Op een smal scherm schuift de figuur binnen haar kader.</figcaption>
            </figure>

            <h2 id="analyse">Wat de graaf zegt</h2>
            <h3>Per interventie: welke uitkomsten zijn bereikbaar</h3>
            <ul>\#(reaches(reaches, none: "De graaf heeft geen interventies van het arrangement."))</ul>
            <h3>Interventies van derden en contextfactoren</h3>
            <ul>\#(reaches(externalReaches, none: "Geen vastgelegd."))</ul>
            <h3>Aandachtspunten</h3>
            <ul>
            \#(concerns(withLimits: true))
            </ul>

            """#,
            previous.map { previous -> HTML in
                HTML(lines: [
                    #"<h2 id="wijzigingen">\#(previous)</h2>"#,
                    !changes.isEmpty
                        ? "<ul>\(changes.map { c -> HTML in "<li>\(c.title)\(if: !c.details.isEmpty, "<ul>\(c.details.map { "<li>\($0)</li>" as HTML })</ul>")</li>" })</ul>"
                        : "<p>Geen verschil.</p>",
                ])
            } ?? .empty,
            #"""

            <h2 id="verhalen">Bijdrageverhalen</h2>
            <p>Per uitkomst het verhaal in de stappen van Mayne: de claim, de theorie, het bewijs per schakel, de andere verklaringen en welk bewijs nog te verzamelen is.</p>
            """#,
            storySections(idPrefix: ""),
            #"""

            <h2 id="schakels">Schakels</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Schakels van de bijdragegraaf">
            <table>
              <caption class="visually-hidden">Schakels van de bijdragegraaf, met aanname en bewijs</caption>
              <thead><tr><th scope="col">Van</th><th scope="col">Naar</th><th scope="col">Aanname</th><th scope="col">Bewijs</th><th scope="col">Bewijsstukken</th><th scope="col">Andere verklaringen</th></tr></thead>
              <tbody>\#(links.map { l -> HTML in #"<tr id="\#(l.anchor)"><th scope="row">\#(l.from)</th><td>\#(l.to)</td><td>\#(l.assumption)</td><td>\#(l.strength)</td><td><ul class="plain">\#(l.evidence.map { "<li>\($0)</li>" as HTML })</ul></td><td><ul class="plain">\#(l.rivals.map { "<li>\($0)</li>" as HTML })</ul></td></tr>"# })</tbody>
            </table>
            </div>
            <h2 id="knopen">Knopen</h2>
            <p>Elke knoop in de figuur is een link naar zijn regel hier; de schakels van een knoop leiden naar hun aanname en bewijs in de tabel hierboven.</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Knopen van de bijdragegraaf">
            <table>
              <caption class="visually-hidden">Knopen van de bijdragegraaf, met hun schakels</caption>
              <thead><tr><th scope="col">Knoop</th><th scope="col">Soort</th><th scope="col">Gekoppeld aan</th><th scope="col">Schakels en bewijs</th></tr></thead>
              <tbody>\#(nodes.map { n -> HTML in #"<tr id="\#(n.anchor)"><th scope="row">\#(n.label)</th><td>\#(n.kind)</td><td>\#(n.linkedTo)</td><td><ul class="plain">\#(n.links.map { r -> HTML in #"<li><a href="\#(r.href)">\#(r.text)</a></li>"# })</ul></td></tr>"# })</tbody>
            </table>
            </div>
            <h2 id="versies">Versies</h2>
            <ul>\#(versions.map { v -> HTML in "<li>\(if: v.isCurrent, #"<strong aria-current="page">\#(v.label)</strong>"#, else: #"<a href="\#(v.href)">\#(v.label)</a>"#)</li>" })</ul>
            """#,
        ])
    }
}

extension PortfolioPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        func select(
            _ id: String, _ name: String, _ label: String, _ error: String?, _ options: [Option], hint: String? = nil
        ) -> HTML {
            let described = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-fout" }].compactMap { $0 }
            return HTML(lines: [
                #"""
                    <div class="field\#(if: error != nil, " field-error")">
                      <label for="\#(id)">\#(label)</label>
                """#,
                hint.map { #"      <p class="hint" id="\#(id)-hint">\#($0)</p>"# } ?? .empty,
                error.map { #"      <p class="error-message" id="\#(id)-fout">Fout: \#($0)</p>"# } ?? .empty,
                #"""
                      <select id="\#(id)" name="\#(name)"\#(if: error != nil, #" aria-invalid="true""#)\#(if: !described.isEmpty, #" aria-describedby="\#(described.joined(separator: " "))""#)>
                        \#(options.map { o -> HTML in #"<option value="\#(o.code)"\#(if: o.isSelected, " selected")>\#(o.label)</option>"# })
                      </select>
                    </div>
                """#,
            ])
        }
        return HTML(lines: [
            #"""
            <h1>Portefeuille Regio Deals</h1>
            <p class="lead">Alle Regio Deals per tranche, met de Rijksbijdrage uit openbare bronnen. Een bedrag dat geen bron noemt, heet ‘onbekend’: het telt niet mee in de totalen en wordt nooit als 0 geteld.</p>
            """#,
            PageFrame.errorSummary(errors, isShown: hasErrors, t),
            #"""
            <form class="filter" method="get" action="\#(action)">
              <fieldset>
                <legend>\#(t.filter) en sorteren</legend>
            """#,
            select("filter-tranche", "tranche", "Tranche", trancheError, tranches),
            select(
                "filter-provincie", "provincie", "Provincie", facets.provinceError, facets.provinces,
                hint: facets.provinceNote),
            facets.themes.isEmpty
                ? .empty
                : select("filter-thema", "thema", "Thema (van de projecten)", facets.themeError, facets.themes),
            facets.themeNote.map {
                #"    <p class="hint" id="\#(facets.themes.isEmpty ? "filter-thema" : "filter-thema-uitleg")">\#($0)</p>"#
            } ?? .empty,
            select(
                "filter-looptijd", "looptijd", "Looptijd", facets.termError, facets.terms,
                hint: "Naar het laatste jaar van de looptijd dat de openbare bronnen van de deal noemen."),
            select("filter-bedrag", "bedrag", "Rijksbijdrage", amountError, amounts),
            #"""
                <div class="field">
                  <label for="filter-naam">Naam bevat</label>
                  <input type="text" id="filter-naam" name="naam" value="\#(name)">
                </div>
            """#,
            select("filter-sorteer", "sorteer", "Sorteren op", sortError, sortOrders),
            #"""
                <button type="submit">Toon</button>
              </fieldset>
            </form>
            \#(hasDeals
                ? #"<p role="status">\#(facets.isFiltered ? "\(dealCount) van \(facets.totalCount) deals" : dealCount == 1 ? "1 deal" : "\(dealCount) deals"); Rijksbijdrage samen <strong>\#(total)</strong>: de som van \#(knownCount) bekende bedragen, \#(unknownCount) onbekend.\#(if: facets.isFiltered, #" <a href="\#(facets.clearHref)">Filters wissen</a>"#)</p>"#
                : #"<p role="status">Geen van de \#(facets.totalCount) deals past bij deze filters.</p>"#)
            """#,
            hasDeals
                ? deals(t)
                : #"<p>Geen deals voldoen aan deze keuze. <a href="\#(facets.clearHref)">Wis de filters</a> om alle deals te zien.</p>"#,
            demo.map { d -> HTML in
                #"""
                <aside class="notice" aria-labelledby="voorbeeld-kop">
                  <h2 id="voorbeeld-kop">Fictief voorbeeld</h2>
                  <p><a href="\#(d.href)">\#(d.name)</a> <strong class="fictional">fictief voorbeeld</strong> is een verzonnen deal met partners, geld, programmalijnen en projecten, om te laten zien wat Vliegwiel over een deal kan bijhouden. Het telt niet mee in de lijst en de totalen hierboven.</p>
                </aside>
                """#
            } ?? .empty,
            #"<p class="actions">\#(DownloadLinks.html(downloads, label: "De hele portefeuille downloaden als"))</p>"#,
        ])
    }

    private func deals(_ t: UIText) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="per-tranche">
              <h2 id="per-tranche">Rijksbijdrage per tranche</h2>
              <figure class="chart-figure" tabindex="0">\#(chart)
                <figcaption>Een balk is de som van de bekende bedragen van de tranche. Een deal zonder bekend bedrag telt niet als nul: hoeveel het er zijn, staat onder de balk en in de tabel.</figcaption>
              </figure>
              <table>
                <caption>\#(t.dataTable): Rijksbijdrage per tranche</caption>
                <thead><tr><th scope="col">Tranche</th><th scope="col">Deals</th><th scope="col">Bedrag bekend</th><th scope="col">Bedrag onbekend</th><th scope="col">Rijksbijdrage (som van de bekende bedragen)</th></tr></thead>
                <tbody>\#(trancheRows.map { r -> HTML in #"<tr><th scope="row">\#(r.label)</th><td class="number">\#(r.dealCount)</td><td class="number">\#(r.knownCount)</td><td class="number">\#(r.unknownCount)</td><td class="number">\#(r.total)</td></tr>"# })</tbody>
              </table>
            </section>
            """#,
            map.map { MapViews.portfolio($0, action: SiteURL.portfolio.path) } ?? .empty,
            #"""
            <section aria-labelledby="deals">
              <h2 id="deals">De deals</h2>
            """#,
            HTML(
                lines: groups.map { g -> HTML in
                    #"""
                      <h3 id="\#(g.headingID)">\#(g.title)</h3>
                      <p>\#(g.summary)</p>
                      <table>
                        <caption class="visually-hidden">\#(g.title)</caption>
                        <thead><tr><th scope="col">Naam</th>\#(if: g.showsTranche, #"<th scope="col">Tranche</th>"#)<th scope="col">Rijksbijdrage</th><th scope="col">Bron</th></tr></thead>
                        <tbody>
                    \#(HTML(lines: g.rows.map { Self.row($0, showsTranche: g.showsTranche) }))
                        </tbody>
                      </table>
                    """#
                }),
            "</section>",
        ])
    }

    private static func row(_ r: DealRow, showsTranche: Bool) -> HTML {
        let amount: HTML = r.isUnknown ? #"<span class="unknown">\#(r.amount)</span>"# : "\(r.amount)"
        let source: HTML = r.sourceHref.map { #"<a href="\#($0)">\#(r.source)</a>"# } ?? "\(r.source)"
        return
            #"      <tr><th scope="row"><a href="\#(r.href)">\#(r.name)</a>\#(if: r.isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</th>\#(if: showsTranche, "<td>\(r.tranche)</td>")<td class="number">\#(amount)</td><td class="aside">\#(source)</td></tr>"#
    }
}

extension PortfolioReportPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>Verslag van de portefeuille Regio Deals</h1>
            <p class="lead">De Algemene Rekenkamer stelde in mei 2024 vast dat niet duidelijk is welke doelen de deals hebben, wat ervan gevolgd wordt en of regio's waar de brede welvaart onder druk staat ervan profiteren; het verslag aan de Kamer was een opsomming van projecten. Dit verslag beantwoordt die vragen zover de vastgelegde gegevens het toelaten, en zegt wat onbekend is.</p>
            <p class="actions">\#(DownloadLinks.html(downloads))</p>
            """#,
            HTML(
                lines: answers.map { a -> HTML in
                    HTML(lines: [
                        """
                        <section class="consequence">
                          <h2>\(a.question)</h2>
                          <p>\(a.answer)</p>
                        """,
                        a.unknown.isEmpty ? .empty : "  <p><strong>Onbekend:</strong> \(a.unknown)</p>",
                        "</section>",
                    ])
                }),
            #"""
            <p class="citation">Bron van de vragen: \#(source). Een ongunstige contextindicator is context, geen effect van een deal (§5.1).</p>
            <h2 id="vastgelegd">Wat is vastgelegd</h2>
            <table>
              <caption>Van de \#(realDealCount) echte deals; het fictieve voorbeeld telt niet mee</caption>
              <thead><tr><th scope="col">Gegeven</th><th scope="col">Deals</th><th scope="col">Nog niet</th></tr></thead>
              <tbody>\#(completeness.map { c -> HTML in #"<tr><th scope="row">\#(c.label)</th><td class="number">\#(c.count) van \#(realDealCount)</td><td class="number">\#(realDealCount - c.count)</td></tr>"# })</tbody>
            </table>
            <h2 id="per-deal">Per deal</h2>
            <details>
            <summary>De tabel per deal (\#(rows.count) rijen: doel, wat gevolgd wordt, de context en de Rijksbijdrage)</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Per deal">
            <table>
              <caption class="visually-hidden">Doel, wat gevolgd wordt, de context en de Rijksbijdrage per deal</caption>
              <thead><tr><th scope="col">Deal</th><th scope="col">Tranche</th><th scope="col">Doel</th><th scope="col">Wat wordt gevolgd</th><th scope="col">Context in de regio's</th><th scope="col">Rijksbijdrage</th></tr></thead>
              <tbody>\#(rows.map(Self.row))</tbody>
            </table>
            </div>
            </details>
            """#,
        ])
    }

    private static func row(_ r: Row) -> HTML {
        let goal: HTML = r.goalKnown ? "\(r.goal)" : #"<span class="unknown">\#(r.goal)</span>"#
        let amount: HTML =
            r.isAmountKnown ? "\(r.rijkContribution)" : #"<span class="unknown">\#(r.rijkContribution)</span>"#
        return
            #"<tr><th scope="row"><a href="\#(r.href)">\#(r.name)</a>\#(if: r.isFictional, #" <span class="fictional">fictief</span>"#)</th><td>\#(r.tranche)</td><td>\#(goal)</td><td>\#(r.followed)</td><td>\#(r.context)</td><td class="number">\#(amount)</td></tr>"#
    }
}

extension DossierPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        return HTML(lines: [
            #"""
            <p class="breadcrumb"><a href="\#(arrangementHref)">\#(name)</a></p>
            <h1>Evaluatiedossier: \#(name)</h1>
            <p class="meta">\#(family) · \#(kind) · id <code>\#(id)</code> · opgesteld op \#(generatedOn)</p>
            """#,
            isFictional
                ? #"<p class="notice"><strong class="fictional">fictief voorbeeld</strong> Dit dossier bevat verzonnen gegevens: de deal, de graaf, de indicatoren en het leerlog van het demovoorbeeld bestaan niet.</p>"#
                : .empty,
            summary.map { #"<p class="lead">\#($0)</p>"# } ?? .empty,
            #"""
            <ul class="sources">\#(sources.map { "<li>\(t.source): \($0)</li>" as HTML })</ul>
            <p class="actions no-print"><button type="button" class="secondary" data-afdrukken hidden>Dossier afdrukken</button> Afdrukken of als pdf bewaren kan ook met de afdrukfunctie van de browser (Ctrl+P); de samenvatting komt op de eerste pagina, met paginanummers onderaan. · \#(DownloadLinks.html(downloads))</p>
            <script src="\#(SiteURL.printScript.path)" defer></script>
            <nav aria-label="Inhoud van het dossier" class="toc">
              <ul>
                <li><a href="#samenvatting">Samenvatting</a></li>
                <li><a href="#profiel">1. Profiel</a></li>
                <li><a href="#gevolgen">2. Advies</a></li>
                <li><a href="#profielgeschiedenis">3. Profielgeschiedenis</a></li>
                <li><a href="#partners-en-geld">4. Partners en geld</a></li>
                <li><a href="#bijdrage">5. Bijdrage</a></li>
                <li><a href="#indicatoren-kop">6. Indicatoren</a></li>
                <li><a href="#leerlog">7. Leerlog</a></li>
              </ul>
            </nav>
            """#,
            #"""
            <section aria-labelledby="samenvatting" class="dossier-summary">
              <h2 id="samenvatting">Samenvatting</h2>
            """#,
            hasProfile
                ? ProfileSections.inShort(advice, t, heading: "Het advies in het kort", level: 3)
                : "  <p>Van dit arrangement is nog geen ontwerpkeuze vastgelegd; het dossier berekent daarom geen advies.</p>",
            deal.flatMap { d in
                d.inShort.map { DealSections.inShort($0, findings: d.findings.count, heading: "De deal in het kort") }
            }
                ?? .empty,
            "</section>",
            ProfileSections.profile(elements, t),
            ProfileSections.advice(advice, t, .open),
            #"""
            <section aria-labelledby="profielgeschiedenis" class="dossier-part">
              <h2 id="profielgeschiedenis">Profielgeschiedenis</h2>
            """#,
            history.map { h -> HTML in
                HTML(lines: [
                    "  <p>Wat veranderde van \(h.fromTo):</p>",
                    !h.drift.isEmpty
                        ? "  <ul>\(h.drift.map { "<li>\($0)</li>" as HTML })</ul>"
                        : "  <p>Alleen citaten, bronnen of toelichtingen veranderden; de ontwerpkeuzes bleven gelijk.</p>",
                ])
            } ?? .empty,
            #"""
              <ul>\#(versions.isEmpty ? "<li>Geen versies vastgelegd.</li>" : versions.map { "<li>\($0)</li>" as HTML }.reduce(.empty, +))</ul>
            </section>
            <section aria-labelledby="partners-en-geld" class="dossier-part">
              <h2 id="partners-en-geld">Partners en geld</h2>
            """#,
            deal == nil
                ? "  <p>Dit arrangement is geen deal van de portefeuille Regio Deals; partners en geld worden hier niet bijgehouden.</p>"
                : .empty,
            "</section>",
            deal.map { DealSections.deal($0, t, isDossier: isDossier, session: session) } ?? .empty,
            #"""
            <section aria-labelledby="bijdrage" class="dossier-part">
              <h2 id="bijdrage">Bijdrage: verhalen per uitkomst</h2>
            """#,
            contribution.map { c -> HTML in
                HTML(lines: [
                    #"""
                      <p>\#(c.version). De volledige graaf met figuur staat op <a href="\#(c.apiHref)">de API</a> en de pagina van de bijdragegraaf.</p>
                      <h3>Aandachtspunten</h3>
                      <ul>
                    \#(c.concerns(withLimits: false))
                      </ul>
                    """#,
                    c.storySections(idPrefix: "dossier-"),
                ])
            } ?? "  <p>Geen bijdragegraaf vastgelegd.</p>",
            #"""
            </section>
            <div id="indicatoren-kop"></div>
            """#,
            indicators.map { IndicatorSections.section($0, t) }
                ?? #"<section aria-labelledby="indicatoren" class="dossier-part"><h2 id="indicatoren">Indicatoren</h2><p>Geen indicatoren vastgelegd.</p></section>"#,
            #"""
            <section aria-labelledby="leerlog" class="dossier-part">
              <h2 id="leerlog">Leerlog: les → besluit → wijziging</h2>
            \#(LearningSections.chains(learning))
            </section>
            """#,
        ])
    }
}

/// The links to a page's data as files: `Downloaden als: JSON · ODS … · Excel (XLSX) · CSV`.
enum DownloadLinks {
    static func html(_ downloads: [Download], label: String = "Downloaden als") -> HTML {
        let links = downloads.enumerated().map { index, download -> HTML in
            "\(index == 0 ? "" : " · ")<a href=\"\(download.href)\" download>\(download.label)</a>"
        }
        return "<span class=\"downloads\">\(label): \(links)</span>"
    }
}
