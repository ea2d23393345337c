/// The sections that the arrangement page and the evaluation dossier share: the profile by
/// element, and the advice (consequences, perspective, temporal matrix, evaluation design).
///
/// On the arrangement page the long parts fold (`<details>`, issue 16 item 3): what a reader
/// needs first stays visible — each consequence with its advice, the dominant perspective, the
/// approaches that fit, the questions and indicators — and how it was derived opens on request.
/// The dossier is printed, and a closed `<details>` prints nothing, so there everything is open.
enum ProfileSections {
    /// Whether the long parts start closed (a page) or open (the printed dossier).
    enum Folding {
        case folded, open

        /// `content` under `summary`, closed or open.
        func fold(_ summary: String, _ content: HTML) -> HTML {
            #"""
            <details class="fold"\#(if: self == .open, " open")><summary>\#(summary)</summary>
            \#(content)
            </details>
            """#
        }
    }

    static func profile(_ elements: [ElementView], _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="profiel">
              <h2 id="profiel">\#(t.elements)</h2>
            """#,
            HTML(lines: elements.map { element($0, t) }),
            "</section>",
        ])
    }

    private static func element(_ element: ElementView, _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
              <section class="element" aria-labelledby="element-\#(element.anchor)">
                <h3 id="element-\#(element.anchor)">\#(element.label) — \#(element.question) <span class="citation">(\#(element.chapter))</span>\#(element.term.map { #" \#(GlossaryLink.explain($0))"# })</h3>
                <dl class="dimensions">
            """#,
            HTML(lines: element.dimensions.map { dimension($0, t) }),
            #"""
                </dl>
              </section>
            """#,
        ])
    }

    private static func dimension(_ dimension: ElementView.DimensionView, _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
                  <dt id="\#(dimension.anchor)">\#(dimension.label)</dt>
                  <dd>
                    <strong>\#(dimension.summary)</strong>
            """#,
            dimension.notStated.map { notStated -> HTML in
                #"        <p class="not-stated">\#(notStated)</p><p class="note">Een ontwerpkeuze die nog expliciet te maken is: „Niet elke vorm is het gevolg van een expliciete keuze” (§5.3).</p>"#
            } ?? .empty,
            HTML(
                lines: dimension.entries.map { entry -> HTML in
                    if let same = entry.sameAs {
                        let status = entry.status.map { s in ", " + s } ?? ""
                        return HTML(lines: [
                            ##"        <p class="same-quote">\##(entry.label): hetzelfde citaat als bij <a href="#\##(same.anchor)">\##(same.label)</a> <span class="citation">(\##(entry.citation)\##(status))</span></p>"##,
                            entry.note.map { #"        <p class="note">\#(t.note): \#($0)</p>"# } ?? .empty,
                        ])
                    }
                    let citation: HTML =
                        entry.citationHref.map { #"<a href="\#($0)">\#(entry.citation)</a>"# } ?? "\(entry.citation)"
                    if entry.isDesignChoice {
                        return
                            #"        <p class="design-choice">\#(entry.label): keuze in het ontwerp <span class="citation">(bron: \#(citation))</span></p>"#
                    }
                    return HTML(lines: [
                        #"        <blockquote><p>\#(entry.label): “\#(entry.quote)”</p><footer class="citation">\#(citation)\#(entry.status.map { #" · <span class="status">\#($0)</span>"# })</footer></blockquote>"#,
                        entry.note.map { #"        <p class="note">\#(t.note): \#($0)</p>"# } ?? .empty,
                    ])
                }),
            "      </dd>",
        ])
    }

    /// "In het kort" (issue 16 item 3): what the advice says, before the long sections, each
    /// line linked to the section that explains it. Nothing here is new: it repeats the
    /// dominant perspective, the first consequences in the rule bank's order, the approaches
    /// that fit and the risk of the arrangement's cell in the temporal matrix.
    static func inShort(_ advice: AdviceView, _ t: UIText, heading: String = "In het kort", level: Int = 2) -> HTML {
        let first = advice.consequences.prefix(3)
        let consequences: HTML =
            first.isEmpty
            ? "Bij de vastgelegde keuzes volgen nog geen gevolgen uit de regelbank."
            : #"""
            <ul class="plain">\#(first.map { c -> HTML in ##"<li><a href="#gevolg-\##(c.id)">\##(c.title)</a></li>"## })</ul>\#(if: advice.consequences.count > first.count, ##"<p class="aside">De eerste \##(first.count) van \##(advice.consequences.count), in de volgorde van de regelbank; <a href="#gevolgen">alle gevolgen</a>.</p>"##)
            """#
        let fitting: HTML =
            advice.fitting.isEmpty
            ? "Nog geen aanpak past aantoonbaar."
            : "\(advice.fitting.map(\.name).joined(separator: ", "))."
        let current = advice.temporalRows.flatMap { row in
            row.cells.enumerated().filter(\.element.isCurrent).map { (row.instrument, $0.offset, $0.element) }
        }
        let temporal: HTML =
            if let (instrument, column, cell) = current.first {
                #"Instrument \#(instrument), effect \#(column == 0 ? "structureel" : "tijdelijk"): risico “\#(cell.risk)” <span class="citation">(§5.3)</span>"#
            } else {
                "\(advice.temporalQuestion ?? "Niet te bepalen uit het profiel.")"
            }
        return #"""
            <section class="in-short" aria-labelledby="in-het-kort">
              <h\#(level) id="in-het-kort">\#(heading)</h\#(level)>
              <dl>
                <dt>\#(t.perspective)</dt>
                <dd>\#(t.dominant): <strong>\#(advice.dominant)</strong> · <a href="#perspectief-kop">waarom</a></dd>
                <dt>\#(t.consequences)</dt>
                <dd>\#(consequences)</dd>
                <dt>Passende evaluatie</dt>
                <dd>\#(fitting) <a href="#evaluatie">Het evaluatieontwerp</a></dd>
                <dt>\#(t.temporal)</dt>
                <dd>\#(temporal) <a href="#temporeel">Het schema</a></dd>
              </dl>
            </section>
            """#
    }

    static func advice(_ advice: AdviceView, _ t: UIText, _ folding: Folding = .folded) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="gevolgen">
              <h2 id="gevolgen">\#(t.consequences)</h2>
            """#,
            advice.consequences.isEmpty
                ? "  <p>Bij de vastgelegde ontwerpkeuzes volgen nog geen gevolgen uit de regelbank.</p>" : .empty,
            HTML(lines: advice.consequences.map { consequence($0, t, folding) }),
            "</section>",
            perspective(advice, t, folding),
            temporal(advice, t, folding),
            evaluation(advice, t, folding),
        ])
    }

    private static func consequence(_ c: AdviceView.ConsequenceView, _ t: UIText, _ folding: Folding) -> HTML {
        #"""
          <article class="consequence" id="gevolg-\#(c.id)">
            <h3>\#(c.title)</h3>
            <p>\#(c.consequence)</p>
            <p><strong>\#(t.advice):</strong> \#(c.advice)</p>
            <p class="citation">\#(t.source): \#(c.citation)</p>
            \#(folding.fold("\(t.triggers): de ontwerpkeuzes waaruit dit volgt (\(c.triggers.count))", #"<ul class="triggers">\#(c.triggers.map { "<li>\($0)</li>" as HTML })</ul>"#))
          </article>
        """#
    }

    private static func perspective(_ advice: AdviceView, _ t: UIText, _ folding: Folding) -> HTML {
        let rows = advice.weights.map { w -> HTML in
            let band: HTML = w.isDominant ? "<strong>\(w.band)</strong>" : "\(w.band)"
            return
                #"      <tr><th scope="row">\#(w.term.map { GlossaryLink.html($0, w.label) } ?? "\(w.label)") <span class="aside">(\#(w.essayName))</span></th><td>\#(band) <span class="aside">(\#(w.points))</span></td><td><ul class="plain">\#(w.contributions.map { "<li>\($0)</li>" as HTML })</ul></td></tr>"#
        }
        let derivation: HTML = #"""
              <p>Een \#(GlossaryLink.html(.sturingsperspectief, "sturingsperspectief")) is een manier waarop de overheid stuurt, met eigen waarden; de naam van elk perspectief hieronder leidt naar zijn uitleg in de begrippenlijst. De perspectieven stapelen en mengen zich (§5.1). Vliegwiel geeft hun aandeel als band — dominant, substantieel, beperkt of afwezig — met de ontwerpkeuzes erachter, niet als percentage: het essay biedt geen grond voor meer precisie. Elke ontwerpkeuze die het essay met een perspectief verbindt geeft punten (een dimensie telt één keer, een uitzondering voor de helft); <em>dominant</em> is het perspectief met de meeste punten, <em>substantieel</em> een perspectief met ten minste een vijfde van de punten, <em>beperkt</em> een met minder, <em>afwezig</em> een zonder.</p>
              <table>
                <caption>\#(t.perspective): band en de ontwerpkeuzes erachter</caption>
                <thead><tr><th scope="col">Perspectief</th><th scope="col">\#(t.band)</th><th scope="col">Gedreven door</th></tr></thead>
                <tbody>
            \#(HTML(lines: rows))
                </tbody>
              </table>
            """#
        let bands = advice.weights.map { "\($0.label): \($0.band)" }.joined(separator: "; ")
        let tensions: HTML =
            advice.tensions.isEmpty
            ? "  <p>Uit de vastgelegde keuzes volgt geen afzonderlijke spanning; de algemene spanning hierboven blijft.</p>"
            : #"""
              <ul>
                \#(advice.tensions.map { x -> HTML in #"<li>\#(if: x.byDefinition, "Per definitie — ")\#(x.from) tegenover de waarden van de \#(x.with) (\#(x.values)): \#(x.question) <span class="citation">(\#(x.citation))</span></li>"# })
              </ul>
            """#
        return #"""
            <section aria-labelledby="perspectief-kop">
              <h2 id="perspectief-kop">\#(t.perspective)</h2>
              <p>\#(t.dominant): <strong>\#(advice.dominant)</strong> <span class="citation">(NSOB-model, §5.1)</span></p>
              <p>\#(bands).</p>
            \#(folding.fold("Hoe de band van elk perspectief is bepaald", derivation))
              <h3>\#(t.tensions)</h3>
              <p>Interbestuurlijk resultaatgericht samenwerken is een instrument van de netwerkende overheid en staat daarom „per definitie op enige mate van spanning” met de waarden van andere perspectieven (§5.3).</p>
            \#(tensions)
            </section>
            """#
    }

    private static func temporal(_ advice: AdviceView, _ t: UIText, _ folding: Folding) -> HTML {
        let rows = advice.temporalRows.map { row -> HTML in
            HTML(lines: [
                "      <tr>",
                "        <th scope=\"row\">\(row.instrument)</th>",
                HTML(
                    lines: row.cells.map { cell -> HTML in
                        #"""
                                <td\#(if: cell.isCurrent, #" class="current""#)>\#(if: cell.isCurrent, #"<strong class="marker">Dit arrangement</strong>"#)
                                  <p><strong>\#(t.opportunity):</strong> “\#(cell.opportunity)”</p>
                                  <p><strong>\#(t.risk):</strong> “\#(cell.risk)”</p>
                                </td>
                        """#
                    }),
                "      </tr>",
            ])
        }
        let current = advice.temporalRows.flatMap { row in
            row.cells.enumerated().filter(\.element.isCurrent).map { (row.instrument, $0.offset, $0.element) }
        }
        let here: HTML =
            if let (instrument, column, cell) = current.first {
                #"  <p>Dit arrangement: instrument \#(instrument), effect \#(column == 0 ? "structureel" : "tijdelijk"). <strong>\#(t.opportunity):</strong> “\#(cell.opportunity)” <strong>\#(t.risk):</strong> “\#(cell.risk)” <span class="citation">(§5.3)</span></p>"#
            } else { .empty }
        let table: HTML = #"""
              <table class="temporal">
                <caption>Horizon van het instrument tegenover die van het beoogde effect (§5.3). De cel van dit arrangement is gemarkeerd.</caption>
                <thead><tr><th scope="col">\#(t.instrument) \ \#(t.effect)</th><th scope="col">structureel</th><th scope="col">tijdelijk</th></tr></thead>
                <tbody>
            \#(HTML(lines: rows))
                </tbody>
              </table>
            """#
        return HTML(lines: [
            #"""
            <section aria-labelledby="temporeel">
              <h2 id="temporeel">\#(t.temporal)</h2>
            """#,
            advice.temporalQuestion.map { #"  <p class="notice">\#($0)</p>"# } ?? .empty,
            here,
            current.isEmpty
                ? table : folding.fold("Het hele schema: kans en risico van alle vier de combinaties", table),
            #"""
              <p>Het essay concludeert bij dit schema: “\#(advice.temporalConclusion)” <span class="citation">(§5.3)</span></p>
            </section>
            """#,
        ])
    }

    private static func evaluation(_ advice: AdviceView, _ t: UIText, _ folding: Folding) -> HTML {
        #"""
        <section aria-labelledby="evaluatie">
          <h2 id="evaluatie">\#(t.evaluation)</h2>
          <p>Evaluatiesystematiek volgt sturingssystematiek <span class="citation">(§5.1)</span>.</p>
          <h3>\#(t.fits)</h3>
          <ul>\#(advice.fitting.map { a -> HTML in #"<li><strong>\#(a.name)</strong>: \#(a.description) <em>Waarom:</em> \#(a.reasons). <span class="citation">(\#(a.citation))</span></li>"# })</ul>
          <h3>\#(t.questions)</h3>
          <ul>\#(listItems(advice.questions))</ul>
          <h3>\#(t.indicators)</h3>
          <ul>\#(advice.indicators.map(indicatorKind))</ul>
          \#(folding.fold("\(t.doesNotFit) (\(advice.notFitting.count)) en waarom", #"<ul>\#(advice.notFitting.map { a -> HTML in "<li><strong>\(a.name)</strong>: \(a.reasons).</li>" })</ul>"#))
          \#(folding.fold("Ex ante, ex durante, ex post: wat er in elke fase te evalueren is", #"""
          <dl class="phases">
            <dt>Ex ante</dt>\#(definitions(advice.exAnte))
            <dt>Ex durante</dt>\#(definitions(advice.exDurante))
            <dt>Ex post</dt>\#(definitions(advice.exPost))
          </dl>
          """#))
          \#(folding.fold("Aandachtspunten voor het evaluatieontwerp (\(advice.considerations.count))", #"""
          <dl class="considerations">
            \#(advice.considerations.map { c -> HTML in #"<dt>\#(c.title)</dt><dd>\#(c.text) <span class="citation">(\#(c.citation))</span></dd>"# })
          </dl>
          """#))
        </section>
        """#
    }

    /// A kind of indicator: its label linked to the glossary, where the description begins with
    /// it, then the rest of the description.
    private static func indicatorKind(_ kind: IndicatorKindView) -> HTML {
        guard let term = kind.term, kind.description.hasPrefix(kind.label) else {
            return "<li>\(kind.label): \(kind.description)</li>"
        }
        return "<li>\(GlossaryLink.html(term, kind.label))\(String(kind.description.dropFirst(kind.label.count)))</li>"
    }

    /// Each text as an `<li>`.
    static func listItems(_ texts: [String]) -> HTML {
        texts.map { "<li>\($0)</li>" as HTML }.reduce(.empty, +)
    }

    /// Each text as a `<dd>`.
    static func definitions(_ texts: [String]) -> HTML {
        texts.map { "<dd>\($0)</dd>" as HTML }.reduce(.empty, +)
    }
}
