extension IndicatorsPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        #"""
        <h1>Indicatoren van \#(name)</h1>
        <p class="meta"><a href="\#(arrangementHref)">Terug naar het arrangement</a> · id <code>\#(id)</code></p>
        <p class="actions">\#(DownloadLinks.html(downloads))</p>
        \#(IndicatorSections.section(section, layout.t))
        """#
    }
}

/// The indicators of a deal, as the indicator page and the evaluation dossier show them.
enum IndicatorSections {
    static func section(_ s: IndicatorSection, _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="indicatoren" class="indicators">
              <h2 id="indicatoren">Indicatoren</h2>
            """#,
            s.isFictional
                ? #"  <p class="notice"><strong class="fictional">fictief voorbeeld</strong> Alle indicatoren, regio's en cijfers hieronder zijn verzonnen. Het zijn geen CBS-cijfers; de regiocodes FX… bestaan niet.</p>"#
                : .empty,
            #"""
              <p>Twee soorten, bewust gescheiden: <strong>programma-indicatoren</strong> zijn wat de partners zich voornamen en zelf beïnvloeden; <strong>contextindicatoren</strong> beschrijven de brede welvaart in de regio, waarop geen deal stuurt. Een verschil tussen regio's met en zonder deal is \#(s.contextLabel).</p>
              <p>Regio's van de deal: \#(if: s.hasRegions, "\(s.regions)", else: #"<span class="unknown">nog niet vastgelegd</span>"#)</p>

              <h3 id="programma-indicatoren">Programma-indicatoren</h3>
            """#,
            !s.programme.isEmpty
                ? .empty
                : "  <p><span class=\"unknown\">Geen programma-indicatoren vastgelegd.</span> Leg ze vast met <code>vliegwiel importeer-indicatoren</code>.</p>",
            HTML(lines: s.programme.map { programme($0, t) }),
            #"""

              <h3 id="contextindicatoren">Contextindicatoren: brede welvaart in de regio</h3>
              <p>Geen deal stuurt hierop. Het oordeel gunstig, neutraal of ongunstig volgt een vaste regel. \#(s.ratingRule)</p>
            """#,
            !s.context.isEmpty
                ? .empty
                : "  <p><span class=\"unknown\">Geen contextindicatoren voor de regio's van deze deal.</span> Lees ze in met <code>vliegwiel importeer-contextindicatoren</code>.</p>",
            HTML(lines: s.context.map { context($0, t) }),
            "</section>",
        ])
    }

    private static func programme(_ p: IndicatorSection.ProgrammeRow, _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
              <h4 id="\#(p.headingID)">\#(p.name)</h4>
              <dl class="facts">
                <dt>Eenheid</dt><dd>\#(p.unit)</dd>
                <dt>Gewenste richting</dt><dd>\#(p.direction)</dd>
                <dt>Nulmeting</dt><dd>\#(p.baseline)</dd>
                <dt>Realisaties</dt><dd>\#(p.actuals)</dd>
                <dt>\#(t.source)</dt><dd>\#(p.source)</dd>
              </dl>
              <figure class="chart-figure" tabindex="0">
                \#(p.chart)
                <figcaption>\#(p.name): wat gemeten is (nulmeting en realisaties, doorgetrokken lijn met ronde punten)\#(if: !p.targets.isEmpty, " en de streefwaarden (gestreepte lijn met vierkante punten)", else: "; er zijn geen streefwaarden vastgelegd"), in \#(p.unit). \#(p.axisNote)</figcaption>
              </figure>
            """#,
            !p.targets.isEmpty
                ? #"""
                  <table>
                    <caption>Streefwaarden van \#(p.name)</caption>
                    <thead><tr><th scope="col">Periode</th><th scope="col">Streefwaarde</th><th scope="col">Realisatie</th><th scope="col">Stand</th></tr></thead>
                    <tbody>\#(p.targets.map { r -> HTML in #"<tr><th scope="row">\#(r.period)</th><td>\#(r.target)</td><td>\#(r.actual)</td><td><span class="status-sign" aria-hidden="true">\#(r.sign)</span> \#(r.status)</td></tr>"# })</tbody>
                  </table>
                """#
                : .empty,
        ])
    }

    private static func rows(_ rows: [IndicatorSection.SeriesRow]) -> HTML {
        rows.map { r -> HTML in
            #"<tr><th scope="row">\#(r.label)</th>\#(r.values.map { "<td>\($0)</td>" as HTML })<td>\#(r.rating)</td><td>\#(r.explanation)</td></tr>"#
        }.reduce(.empty, +)
    }

    private static func context(_ c: IndicatorSection.ContextRow, _ t: UIText) -> HTML {
        let periods = c.periods.map { #"<th scope="col">\#($0)</th>"# as HTML }
        return HTML(lines: [
            #"""
              <h4 id="\#(c.headingID)">\#(c.name)</h4>
              <p class="meta">\#(c.unit) · \#(c.direction)\#(c.theme.map { " · thema \($0)" as HTML }) · \#(c.table)\#(if: c.isFictional, #" · <strong class="fictional">fictief</strong>"#)</p>
              <p class="citation">\#(t.source): \#(c.source)</p>
              <figure class="chart-figure" tabindex="0">
                \#(c.chart)
                <figcaption>Trend van \#(c.name) per regio met de deal en gemiddeld in de overige regio's, in \#(c.unit); de legenda onder de grafiek zegt welke lijn welke is. \#(c.axisNote)</figcaption>
              </figure>
              <table>
                <caption>\#(c.name) (\#(c.unit)) per periode, met het oordeel over de trend</caption>
                <thead><tr><th scope="col">Regio</th>\#(periods)<th scope="col">Oordeel</th><th scope="col">Trend</th></tr></thead>
                <tbody>\#(rows(c.rows))</tbody>
              </table>
            """#,
            c.comparison.map { k -> HTML in
                #"""
                  <h5>Vergelijking met de overige regio's (\#(k.label))</h5>
                  <p>Regio's met de deal: \#(k.dealRegions). Overige regio's: \#(k.otherRegions). Het verschil is \#(k.label): de regio's verschillen ook op veel andere punten.</p>
                  <figure class="chart-figure" tabindex="0">
                    \#(k.chart)
                    <figcaption>\#(c.name) in \#(k.period): regio's met de deal en overige regio's (\#(k.label)).</figcaption>
                  </figure>
                  <table>
                    <caption>Gemiddelden per periode: regio's met de deal en overige regio's (\#(k.label))</caption>
                    <thead><tr><th scope="col">Groep</th>\#(periods)<th scope="col">Oordeel</th><th scope="col">Trend</th></tr></thead>
                    <tbody>\#(rows(k.rows))</tbody>
                  </table>
                """#
            } ?? .empty,
        ])
    }
}

extension LearningLogPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            notice.map { #"<div class="notice success" role="status"><p>\#($0)</p></div>"# } ?? .empty,
            #"""
            <h1>\#(title)</h1>
            <p class="meta">Bij <a href="\#(arrangementHref)">\#(arrangementName)</a> · in de API: <a href="\#(apiHref)"><code>\#(apiHref)</code></a></p>
            <p class="lead">Wat er geleerd is, welk besluit eruit volgde en wat er daardoor veranderde: in het profiel, in de bijdragegraaf, in een indicator of elders. Regels worden alleen toegevoegd, nooit gewijzigd. Bij een fout wordt niets opgeslagen.</p>
            """#,
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            #"""
            <nav aria-label="Op deze pagina" class="toc">
              <ul>
                \#(if: !section.timeline.isEmpty, ##"<li><a href="#tijdlijn">Tijdlijn</a></li>"##)
                <li><a href="#ketens">Ketens</a></li>
                \#(shownForms.map { f -> HTML in ##"<li><a href="#\##(f.headingID)">\##(f.title)</a></li>"## })
              </ul>
            </nav>
            """#,
            section.timeline.isEmpty
                ? .empty
                : #"""
                <section aria-labelledby="tijdlijn">
                  <h2 id="tijdlijn">Tijdlijn</h2>
                  <ol class="timeline">
                    \#(section.timeline.map { i -> HTML in #"<li><time datetime="\#(i.isoDate)">\#(i.date)</time>: <a href="\#(i.href)">\#(i.kind) \#(i.who)</a></li>"# })
                  </ol>
                </section>
                """#,
            #"""
            <section aria-labelledby="ketens">
              <h2 id="ketens">Ketens</h2>
            \#(LearningSections.chains(section))
            </section>
            """#,
            HTML(lines: shownForms.map { form($0, session) }),
            editing.notice("het leerlog"),
        ])
    }

    /// The forms that add to the log, for a visitor who may add.
    private var shownForms: [LearningLogForm] { editing.isAllowed ? forms : [] }

    private func form(_ form: LearningLogForm, _ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="\#(form.headingID)">
              <h2 id="\#(form.headingID)">\#(form.title)</h2>
              <p>\#(form.intro)</p>
            """#,
            form.unavailable.map { "  <p>\($0)</p>" }
                ?? HTML(lines: [
                    #"  <form method="post" action="\#(form.action)" novalidate>\#(PageFrame.csrfField(session))"#,
                    HTML(lines: form.fields.map(Self.field)),
                    #"""
                        <button type="submit">\#(form.submitLabel)</button>
                      </form>
                    """#,
                ]),
            "</section>",
        ])
    }

    private static func field(_ f: LearningFormField) -> HTML {
        let describedBy: HTML = f.describedBy.map { #" aria-describedby="\#($0)""# } ?? .empty
        let invalid: HTML = f.error != nil ? #" aria-invalid="true""# : .empty
        let hint: HTML = f.hint.map { #"<p class="hint" id="\#(f.fieldID)-hint">\#($0)</p>"# } ?? .empty
        let error: HTML =
            f.error.map { #"<p class="error-message" id="\#(f.fieldID)-fout">Fout: \#($0)</p>"# } ?? .empty
        let body: HTML =
            f.isCheckboxes
            ? #"""
                  <fieldset class="choices" id="\#(f.fieldID)"\#(describedBy)>
                    <legend>\#(f.label)</legend>
                    \#(hint)
                    \#(error)
                    <ul class="checkbox-list">
                      \#(f.options.map { o -> HTML in #"<li><input type="checkbox" id="\#(o.fieldID)" name="\#(f.name)" value="\#(o.code)"\#(if: o.isChecked, " checked")> <label for="\#(o.fieldID)">\#(o.label)</label></li>"# })
                    </ul>
                  </fieldset>
            """#
            : #"""
                  <label for="\#(f.fieldID)">\#(f.label)</label>
                  \#(hint)
                  \#(error)
                  \#(if: f.isText, #"<input type="\#(f.isDate ? "date" : "text")" id="\#(f.fieldID)" name="\#(f.name)" value="\#(f.value)"\#(describedBy)\#(invalid)>"#)
                  \#(if: f.isTextarea, #"<textarea id="\#(f.fieldID)" name="\#(f.name)" rows="3"\#(describedBy)\#(invalid)>\#(f.value)</textarea>"#)
                  \#(if: f.isSelect, #"<select id="\#(f.fieldID)" name="\#(f.name)"\#(describedBy)\#(invalid)>\#(f.options.map { o -> HTML in #"<option value="\#(o.code)"\#(if: o.isChecked, " selected")>\#(o.label)</option>"# })</select>"#)
            """#
        return HTML(lines: [
            #"    <div class="field\#(if: f.error != nil, " field-error")">"#,
            body,
            "    </div>",
        ])
    }
}

/// The chains of a learning log (lesson → decision → change), as the learning-log page and the
/// evaluation dossier show them.
enum LearningSections {
    static func chains(_ s: LearningLogSection) -> HTML {
        HTML(lines: [
            s.isFictional
                ? #"<p><strong class="fictional">fictief voorbeeld</strong> Alle lessen, besluiten, wijzigingen, bronnen en data in dit leerlog zijn verzonnen.</p>"#
                : .empty,
            s.isEmpty ? "<p>Het leerlog is nog leeg.</p>" : "<p>\(s.counts).</p>",
            HTML(lines: s.chains.map(chain)),
            !s.openLessons.isEmpty
                ? """
                <h3 id="lessen-zonder-besluit">Lessen zonder besluit</h3>
                <ul>
                  \(s.openLessons.map(lesson))
                </ul>
                """
                : .empty,
        ])
    }

    private static func lesson(_ l: LearningLogSection.LessonView) -> HTML {
        #"<li id="\#(l.anchor)"><strong>Les van \#(l.date)</strong> · \#(l.learnedBy) · bron: \#(l.source)<br>\#(l.text) <code>\#(l.id)</code></li>"#
    }

    private static func chain(_ c: LearningLogSection.ChainView) -> HTML {
        let d = c.decision
        return HTML(lines: [
            #"""
            <article class="learning-chain" aria-labelledby="\#(c.headingID)">
              <h3 id="\#(c.headingID)">Keten \#(c.number): les → besluit → wijziging</h3>
              <h4>Lessen</h4>
              <ul>
                \#(c.lessons.map(lesson))
              </ul>
              <h4>Besluit</h4>
              <p id="\#(d.anchor)"><strong>Besluit van \#(d.date)</strong> · \#(d.decidedBy)<br>\#(d.text) <code>\#(d.id)</code></p>
              <h4>Wijzigingen</h4>
            """#,
            !c.changes.isEmpty
                ? """
                  <ul>
                    \(c.changes.map(change))
                  </ul>
                """
                : "  <p>Het besluit is nog niet uitgevoerd.</p>",
            "</article>",
        ])
    }

    private static func change(_ c: LearningLogSection.ChangeView) -> HTML {
        let target: HTML = c.targetHref.map { #"<a href="\#($0)">\#(c.targetLabel)</a>"# } ?? "\(c.targetLabel)"
        return
            #"<li id="\#(c.anchor)"><strong>Wijziging van \#(c.date)</strong> · \#(target)\#(c.targetDetail.map { " (\($0))" as HTML })<br>\#(c.text) <code>\#(c.id)</code></li>"#
    }
}
