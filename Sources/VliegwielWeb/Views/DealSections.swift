/// The portfolio record of a deal and the sourced facts of a real deal, as the arrangement page
/// and the evaluation dossier show them.
enum DealSections {
    /// "Aandeel Rijk: 50,00 % van de toezeggingen, 80,00 % van de realisaties.", saying only the
    /// shares of what exists.
    private static func rijkShares(_ m: DealSection.InShort.Money) -> String {
        let parts =
            [
                m.rijkShareCommitted.map { "\($0) van de toezeggingen" },
                m.rijkShareRealised.map { "\($0) van de realisaties" },
            ]
            .compactMap { $0 }
        guard !parts.isEmpty else { return "" }
        return "Aandeel Rijk: " + parts.joined(separator: ", ") + "."
            + (m.rijkAheadInRealisations
                ? " Het Rijk betaalde tot nu toe naar verhouding meer dan het toezegde; de regel over het maximumaandeel van het Rijk toetst de toezeggingen van de hele deal, niet wat tot nu toe is betaald."
                : "")
    }

    /// "In het kort" for a deal: counts and quotes of what is recorded, each with its way on.
    static func inShort(_ s: DealSection.InShort, findings: Int, heading: String = "In het kort") -> HTML {
        let money: HTML =
            s.money.map { m -> HTML in
                #"""
                Toegezegd <strong>\#(m.committed)</strong>, gerealiseerd <strong>\#(m.realised)</strong>\#(m.realisedShare.map { " (\($0) van de toezeggingen)" } ?? "").\#(m.barPercent.map { p -> HTML in #"<svg class="progress" viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="12" aria-hidden="true" focusable="false"><rect width="100" height="6" class="progress-track"/><rect width="\#(p)" height="6" class="bar"/></svg>"# }) \#(Self.rijkShares(m)) <a href="#geld">Het geld</a>
                """#
            } ?? "Nog geen toezeggingen of realisaties vastgelegd."
        let targets: HTML =
            s.targets.map { t -> HTML in
                #"""
                \#(t.indicatorCount == 1 ? "1 programma-indicator" : "\(t.indicatorCount) programma-indicatoren"): \#(t.met) streefwaarden gehaald, \#(t.notMet) niet gehaald, \#(t.noActual) nog zonder realisatie. <a href="\#(s.indicatorsHref)">De indicatoren</a>
                """#
            } ?? "Nog geen programma-indicatoren vastgelegd."
        let lesson: HTML =
            s.lesson.map { l -> HTML in
                #"Les van \#(l.date): “\#(l.text)” <a href="\#(s.learningLogHref)">Het leerlog</a>"#
            } ?? #"Nog geen les vastgelegd. <a href="\#(s.learningLogHref)">Het leerlog</a>"#
        return #"""
              <section class="in-short" aria-labelledby="deal-in-het-kort">
                <h3 id="deal-in-het-kort">\#(heading)</h3>
                <dl>
                  <dt>Geld</dt><dd>\#(money)</dd>
                  <dt>Toetsing</dt><dd>\#(findings == 0 ? "Geen overschrijdingen van de regels die te toetsen waren." : findings == 1 ? "1 overschrijding." : "\(findings) overschrijdingen.") <a href="#toetsing">De toetsing</a></dd>
                  <dt>Indicatoren</dt><dd>\#(targets)</dd>
                  <dt>Laatste les</dt><dd>\#(lesson)</dd>
                </dl>
              </section>
            """#
    }

    /// The deal's section; in the dossier (`isDossier`) without the forms and the links to edit.
    static func deal(_ deal: DealSection, _ t: UIText, isDossier: Bool, session: SignedIn?) -> HTML {
        let csrf = PageFrame.csrfField(session)
        // The printed dossier has everything open: a closed <details> prints nothing.
        let folding: ProfileSections.Folding = isDossier ? .open : .folded
        let actionLinks =
            deal.editing.isAllowed ? deal.actions.map { a -> HTML in #"<a href="\#(a.href)">\#(a.label)</a> · "# } : []
        return HTML(lines: [
            #"""
            <section aria-labelledby="portefeuille" class="deal">
              <h2 id="portefeuille">In de portefeuille Regio Deals</h2>
            """#,
            deal.notice.map { notice -> HTML in
                let undo: HTML =
                    deal.undo.map { undo -> HTML in
                        #"<form method="post" action="\#(undo.action)" class="undo">\#(PageFrame.csrfField(session))<input type="hidden" name="soort" value="\#(undo.collection)"><input type="hidden" name="item" value="\#(undo.itemID)"><button type="submit" class="secondary">Ongedaan maken</button> <span class="aside">Dit kan tot een uur na het verwijderen; het verwijderde staat in het auditlogboek.</span></form>"#
                    } ?? .empty
                return #"  <div class="notice success" role="status"><p>\#(notice)</p>\#(undo)</div>"#
            } ?? .empty,
            isDossier ? .empty : deal.inShort.map { inShort($0, findings: deal.findings.count) } ?? .empty,
            deal.isFictional
                ? #"  <p class="notice"><strong class="fictional">fictief voorbeeld</strong> Deze deal bestaat niet. Alle organisaties, bedragen, data en projecten zijn verzonnen om te laten zien wat Vliegwiel bijhoudt.</p>"#
                : "  <p>Vliegwiel toont van deze deal alleen wat openbare bronnen noemen en wat gebruikers met een bron hebben vastgelegd. \(Absence.legend)</p>",
            #"""
              <dl class="facts">
                \#(deal.facts.map { f -> HTML in "<dt>\(f.term.map { GlossaryLink.html($0, f.label) } ?? "\(f.label)")</dt><dd>\(if: f.isUnknown, #"<span class="unknown">\#(f.value)</span>"#, else: "\(f.value)")</dd>" })
              </dl>
            """#,
            deal.curated.map { "  " + curated($0) } ?? .empty,
            deal.map.map(MapViews.deal) ?? .empty,
            deal.iati.map { iati -> HTML in
                switch iati {
                case .success(let download):
                    #"  <p class="actions">\#(DownloadLinks.html([download], label: "De deal als IATI-activiteit"))</p>"#
                case .failure(let omission):
                    "  <p>Als IATI 2.03-activiteit is deze deal (nog) niet te schrijven: \(omission.reason).</p>"
                }
            } ?? .empty,
            isDossier
                ? .empty
                : #"  <p class="actions">\#(actionLinks)<a href="\#(deal.portfolioHref)">Naar de portefeuille</a></p>"#,
            #"""

              <h3 id="toetsing">Toetsing aan de regels van het instrument</h3>
              <p>Regelset \#(deal.ruleSet). De toets geeft bevindingen, geen oordeel ja of nee.</p>
            """#,
            !deal.findings.isEmpty
                ? HTML(lines: [
                    #"""
                      <table>
                        <caption>Bevindingen</caption>
                        <thead><tr><th scope="col">Regel</th><th scope="col">Ernst</th><th scope="col">Bevinding</th><th scope="col">Cijfers</th><th scope="col">\#(t.source)</th></tr></thead>
                        <tbody>
                    """#,
                    HTML(
                        lines: deal.findings.map { f -> HTML in
                            #"      <tr><th scope="row">\#(f.title) <span class="aside">(\#(f.rule))</span></th><td><span class="status">\#(f.severity)</span></td><td>\#(f.message)</td><td><ul class="plain">\#(f.figures.map { "<li>\($0)</li>" as HTML })</ul></td><td class="aside">\#(f.source)</td></tr>"#
                        }),
                    """
                        </tbody>
                      </table>
                    """,
                ])
                : "  <p>Geen overschrijdingen: geen van de regels die Vliegwiel kon toetsen, wordt overschreden. Hieronder staat wat voldaan is en wat niet getoetst kon worden.</p>",
            // The findings stay in sight; what was met or could not be checked folds (issue 16 item 3).
            folding.fold(
                "Voldaan (\(deal.met.count)), niet getoetst (\(deal.notChecked.count)), niet van toepassing (\(deal.notApplicable.count))",
                #"""
                  <h4>Voldaan</h4>
                  <ul>\#(outcomes(deal.met, withSource: true, none: "Geen regel kon als voldaan worden getoetst."))</ul>
                  <h4>Niet getoetst bij gebrek aan gegevens</h4>
                  <ul>\#(outcomes(deal.notChecked, withSource: true, none: "Geen."))</ul>
                  <h4>Niet van toepassing op deze tranche</h4>
                  <ul>\#(outcomes(deal.notApplicable, withSource: false, none: "Geen."))</ul>
                """#),
            #"""

              <h3 id="partners">Partners op \#(deal.today)</h3>
            """#,
            !deal.partners.isEmpty
                ? #"""
                  <table>
                    <caption class="visually-hidden">Partners op \#(deal.today)</caption>
                    <thead><tr><th scope="col">Organisatie</th><th scope="col">Soort</th><th scope="col">Rollen</th><th scope="col">Toegetreden</th><th scope="col">Uitgetreden</th><th scope="col">\#(t.source)</th></tr></thead>
                    <tbody>\#(deal.partners.map { p -> HTML in #"<tr><th scope="row">\#(p.organisation)</th><td>\#(p.type)</td><td>\#(p.roles)</td><td>\#(p.joined)</td><td>\#(p.left)</td><td class="aside">\#(p.sourceHref.map { h -> HTML in #"<a href="\#(h)">\#(p.source)</a>"# } ?? "\(p.source)")</td></tr>"# })</tbody>
                  </table>
                """#
                : deal.hasNoPartnerRecorded
                    ? "  <p>Geen partners vastgelegd. De openbare bronnen die Vliegwiel meelevert, noemen de partners van deze deal niet.</p>"
                    : "  <p>Op deze datum neemt geen van de vastgelegde partners deel.</p>",
            "  <h4>Toe- en uittreden</h4>",
            deal.changesPeriod.map { period -> HTML in
                HTML(lines: [
                    !deal.changes.isEmpty
                        ? #"""
                          <table>
                            <caption class="visually-hidden">Toe- en uittreden \#(period)</caption>
                            <thead><tr><th scope="col">Datum</th><th scope="col">Organisatie</th><th scope="col">Wijziging</th></tr></thead>
                            <tbody>\#(deal.changes.map { c -> HTML in #"<tr><td>\#(c.date)</td><th scope="row">\#(c.organisation)</th><td>\#(c.change)</td></tr>"# })</tbody>
                          </table>
                        """#
                        : "  <p>Geen toe- of uittreden \(period).</p>",
                    deal.suggestion.map { suggestion -> HTML in
                        HTML(lines: [
                            "  <p>Voorstel voor de samenstelling in het profiel (essay §4.4): \(suggestion)</p>",
                            isDossier || !deal.editing.isAllowed
                                ? .empty
                                : #"  <form method="post" action="\#(deal.acceptAction)">\#(csrf)<button type="submit">Voorstel overnemen in het profiel</button></form>"#,
                        ])
                    } ?? .empty,
                ])
            } ?? "  <p>Nog niet vastgelegd: de startdatum van de deal en de data van toetreden.</p>",
            #"""

              <h3 id="geld">Geld</h3>
            """#,
            deal.hasFinance
                ? HTML(lines: [
                    #"""
                      <table>
                        <caption>Toezeggingen en realisaties: Rijk en regio</caption>
                        <thead><tr><th scope="col">Bedrag</th><th scope="col">Toezeggingen</th><th scope="col">Realisaties</th></tr></thead>
                        <tbody>\#(deal.totals.map(moneyRow))</tbody>
                      </table>
                    """#,
                    #"  <p class="actions">\#(DownloadLinks.html(deal.financeDownloads, label: "Financieringsregels downloaden als"))</p>"#,
                    deal.breakdowns.isEmpty
                        ? .empty
                        : folding.fold(
                            "Verdeeld \(deal.breakdowns.map { $0.caption.lowercased() }.joined(separator: ", "))",
                            HTML(
                                lines: deal.breakdowns.map { b -> HTML in
                                    #"""
                                      <table>
                                        <caption>\#(b.caption)</caption>
                                        <thead><tr><th scope="col">\#(b.keyHeader)</th><th scope="col">Toezeggingen</th><th scope="col">Realisaties</th></tr></thead>
                                        <tbody>\#(b.rows.map(moneyRow))</tbody>
                                      </table>
                                    """#
                                })),
                ])
                : "  <p>Nog geen toezeggingen of realisaties vastgelegd. Het regionale deel en de verdeling over partners, programmalijnen en jaren zijn daarom onbekend.</p>",
            #"""

              <h3 id="programmalijnen">Programmalijnen en projecten</h3>
              <p class="aside">Een \#(GlossaryLink.html(.programmalijn, "programmalijn")) is een thema binnen de deal waaronder projecten vallen.</p>
            """#,
            !deal.lines.isEmpty
                ? HTML(lines: [
                    HTML(lines: deal.lines.map(line)),
                    !deal.themeSummary.isEmpty
                        ? """
                          <h4>Thema's van brede welvaart over alle projecten</h4>
                          <ul>\(deal.themeSummary.map { "<li>\($0)</li>" as HTML })</ul>
                        """
                        : .empty,
                ])
                : "  <p>Geen programmalijnen of projecten vastgelegd.</p>",
            "",
            isDossier ? .empty : manage(deal, csrf: csrf),
            "</section>",
        ])
    }

    private static func outcomes(_ outcomes: [DealSection.OutcomeView], withSource: Bool, none: String) -> HTML {
        guard !outcomes.isEmpty else { return "<li>\(none)</li>" }
        return outcomes.map { o -> HTML in
            withSource
                ? #"<li><strong>\#(o.title)</strong>: \#(o.reason) <span class="citation">(\#(o.source))</span></li>"#
                : "<li><strong>\(o.title)</strong>: \(o.reason)</li>"
        }.reduce(.empty, +)
    }

    private static func moneyRow(_ row: DealSection.MoneyRow) -> HTML {
        #"<tr><th scope="row">\#(row.label)</th><td class="number">\#(row.commitments)</td><td class="number">\#(row.realisations)</td></tr>"#
    }

    private static func line(_ line: DealSection.LineView) -> HTML {
        HTML(lines: [
            "  <h4>\(line.name)</h4>",
            line.lineNote.map { "  <p>\($0)</p>" } ?? .empty,
            !line.projects.isEmpty
                ? #"""
                  <table>
                    <caption class="visually-hidden">Projecten van \#(line.name)</caption>
                    <thead><tr><th scope="col">Project</th><th scope="col">Status</th><th scope="col">Trekker</th><th scope="col">Partners</th><th scope="col">Budget</th><th scope="col">Looptijd</th><th scope="col">Brede welvaart</th></tr></thead>
                    <tbody>\#(line.projects.map { p -> HTML in #"<tr><th scope="row">\#(p.name)\#(p.projectNote.map { n -> HTML in #"<p class="aside">\#(n)</p>"# })</th><td>\#(p.status)</td><td>\#(p.lead)</td><td>\#(p.partners)</td><td class="number">\#(p.budget)</td><td>\#(p.period)</td><td>\#(p.themes)</td></tr>"# })</tbody>
                  </table>
                """#
                : "  <p>Geen projecten vastgelegd in deze programmalijn.</p>",
        ])
    }

    private static func manage(_ deal: DealSection, csrf: HTML) -> HTML {
        guard deal.editing.isAllowed else {
            return HTML(lines: [
                #"  <h3 id="beheren">Gegevens beheren</h3>"#,
                deal.editing.notice("de gegevens van deze deal"),
                #"  <p class="actions"><a href="\#(deal.portfolioHref)">Naar de portefeuille</a></p>"#,
            ])
        }
        let links = (deal.actions + deal.imports).map { a -> HTML in #"<a href="\#(a.href)">\#(a.label)</a> · "# }
        return HTML(lines: [
            #"""
              <h3 id="beheren">Gegevens beheren</h3>
              <p class="actions">\#(links)<a href="\#(deal.portfolioHref)">Naar de portefeuille</a></p>
            """#,
            !deal.items.isEmpty
                ? #"""
                  <p>Een id verandert niet bij wijzigen. Verwijderen vraagt eerst om bevestiging, en kan alleen als geen ander gegeven van de deal ernaar verwijst; anders wordt niets verwijderd.</p>
                  <table>
                    <caption class="visually-hidden">Vastgelegde gegevens van de deal</caption>
                    <thead><tr><th scope="col">Soort</th><th scope="col">Gegeven</th><th scope="col">Id</th><th scope="col">Wijzigen</th><th scope="col">Verwijderen</th></tr></thead>
                    <tbody>\#(deal.items.map { i -> HTML in #"<tr><td>\#(i.kind)</td><th scope="row">\#(i.text)</th><td><code>\#(i.id)</code></td><td><a href="\#(i.editHref)">Wijzig<span class="visually-hidden"> \#(i.itemLabel)</span></a></td><td><a href="\#(i.deleteHref)">Verwijder<span class="visually-hidden"> \#(i.itemLabel)</span></a></td></tr>"# })</tbody>
                  </table>
                """#
                : .empty,
        ])
    }

    /// The facts that public sources give about a real deal, each with its source.
    static func curated(_ c: CuratedFactsView) -> HTML {
        let source = { (href: String?) -> HTML in
            href.map { #" <a class="source" href="\#($0)">bron</a>"# } ?? .empty
        }
        let quote = { (q: String?) -> HTML in q.map { #" <q class="citation">\#($0)</q>"# } ?? .empty }
        return HTML(lines: [
            #"""
              <h3 id="bronnen">Uit de openbare bronnen</h3>
              <p>Elk feit hieronder komt uit een openbare bron, met de woorden van die bron. Het profiel van deze deal vult \#(c.statedDimensions) van de \#(c.allDimensions) ontwerpdimensies; de andere zijn in de geraadpleegde bronnen niet vermeld en blijven ontwerpkeuzes om expliciet te maken (essay §5.3).</p>
              <dl class="facts">
                \#(c.facts.map { f -> HTML in "<dt>\(f.label)</dt><dd>\(f.value)\(quote(f.quote))\(source(f.href))</dd>" })
              </dl>
              <h4>Rijksbijdrage volgens de bronnen</h4>
            """#,
            c.hasAmountConflict
                ? #"  <p class="notice"><strong>Bronnen spreken elkaar tegen.</strong> Vliegwiel kiest niet stil: de totalen gebruiken het eerste bedrag (de primaire bron), de andere staan ernaast.</p>"#
                : .empty,
            "  <ul>\(amounts(c, source: source))</ul>",
            "  <h4>Gebied (CBS-indeling 2025)</h4>",
            c.hasRegions
                ? #"  <ul class="columns">\#(c.regions.map { "<li>\($0)</li>" as HTML })</ul>\#(c.regionSource.map { s -> HTML in #"<p><a class="source" href="\#(s)">Bron van het gebied</a></p>"# })"#
                : #"  <p><span class="unknown">nog niet vastgelegd</span></p>"#,
            c.regionNote.map { #"  <p class="aside">\#($0)</p>"# } ?? .empty,
            !c.goals.isEmpty
                ? "  <h4>Doelen zoals de bronnen ze noemen</h4><ul>\(c.goals.map { g -> HTML in "<li><q>\(g.value)</q>\(source(g.href))</li>" })</ul>"
                : .empty,
            !c.lines.isEmpty
                ? "  <h4>Programmalijnen volgens de bronnen</h4><ul>\(c.lines.map { l -> HTML in "<li>\(l.value)\(source(l.href))</li>" })</ul>"
                : .empty,
            c.continues.map { d -> HTML in
                #"  <p>Deze deal zet <a href="\#(d.href)">\#(d.name)</a> voort: <q class="citation">\#(d.quote)</q> <a class="source" href="\#(d.source)">bron</a></p>"#
            } ?? .empty,
            !c.continuedBy.isEmpty
                ? #"  <p>Voortgezet in:</p><ul>\#(c.continuedBy.map { d -> HTML in #"<li><a href="\#(d.href)">\#(d.name)</a>: <q class="citation">\#(d.quote)</q> <a class="source" href="\#(d.source)">bron</a></li>"# })</ul>"#
                : .empty,
            !c.notFound.isEmpty
                ? "  <h4>Gezocht en niet gevonden</h4><ul>\(c.notFound.map { "<li>\($0)</li>" as HTML })</ul>"
                : .empty,
            #"  <details><summary>Alle bronnen van deze deal (\#(c.sourceCount))</summary><ul>\#(c.sources.map { s -> HTML in #"<li><a href="\#(s)">\#(s)</a></li>"# })</ul></details>"#,
        ])
    }

    private static func amounts(_ c: CuratedFactsView, source: (String?) -> HTML) -> HTML {
        guard !c.amounts.isEmpty else {
            return #"<li><span class="unknown">onbekend</span>: geen openbare bron met het bedrag gevonden.</li>"#
        }
        return c.amounts.map { a -> HTML in
            let quote: HTML = a.quote.map { #": <q class="citation">\#($0)</q>"# } ?? .empty
            let note: HTML = a.note.map { #" <span class="note">\#($0)</span>"# } ?? .empty
            return "<li>\(a.value) — \(a.label)\(quote)\(source(a.href))\(note)</li>"
        }.reduce(.empty, +)
    }
}
