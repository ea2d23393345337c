extension ComparePage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        return HTML(lines: [
            "<h1>\(t.navCompare)</h1>",
            hasResult
                ? .empty
                : #"<p class="lead">\#(t.compareIntro)</p>"#,
            prompt.map {
                ##"<div class="notice" role="status"><p>\##($0) <a href="#keuze">Naar de keuzelijst</a></p></div>"##
            }
                ?? .empty,
            PageFrame.errorSummary(errors, isShown: hasErrors, t),
            hasResult ? ##"<p><a href="#keuze">\##(t.changeChoice)</a></p>"## : .empty,
            hasResult ? result(t) : .empty,
            #"<form method="get" action="\#(SiteURL.compare([]).path)" class="choose" id="keuze">"#,
            hasResult ? "  <h2>\(t.changeChoice)</h2>" : .empty,
            // Searching the list is a submit of the same form, so that what is ticked stays
            // ticked; it comes first, so that Enter in the field searches (usability review).
            #"""
              <div class="field">
                <label for="zoek-keuze">Zoek in de lijst</label>
                <p class="hint" id="zoek-keuze-hint">Op naam, of op een groep zoals ‘tranche 3’. Wat u al aanvinkte, blijft gekozen.</p>
                <div class="search-row">
                  <input type="search" id="zoek-keuze" name="zoek" value="\#(filter?.text ?? "")" aria-describedby="zoek-keuze-hint">
                  <button type="submit" name="zoeken" value="1" class="secondary">Zoek</button>
                </div>
              </div>
            """#,
            filter.map { f -> HTML in
                #"  <p role="status">\#(f.summary) <a href="\#(f.showAllHref)">Toon de hele lijst</a></p>"#
            } ?? .empty,
            #"  <p><button type="submit">\#(t.compareAction)</button></p>"#,
            HTML(
                lines: groups.map { group -> HTML in
                    #"""
                      <fieldset>
                        <legend>\#(group.label)</legend>
                        <ul class="checkbox-list columns">
                    \#(HTML(lines: group.options.map { o -> HTML in
                        #"      <li><input type="checkbox" id="\#(o.fieldID)" name="arrangementen" value="\#(o.id)"\#(if: o.isChecked, " checked")> <label for="\#(o.fieldID)">\#(o.name)</label></li>"#
                    }))
                        </ul>
                      </fieldset>
                    """#
                }),
            #"""
              <button type="submit">\#(t.compareAction)</button>
            </form>
            """#,
        ])
    }

    private func result(_ t: UIText) -> HTML {
        HTML(lines: [
            "<h2>Naast elkaar</h2>",
            #"""
            <form method="get" action="\#(SiteURL.compare([]).path)" class="display-options">
              <fieldset>
                <legend>Weergave</legend>
                \#(compared.map { #"<input type="hidden" name="arrangementen" value="\#($0)">"# as HTML })
                <ul class="checkbox-list inline">
                  <li><input type="checkbox" id="weergave-verschillen" name="weergave" value="verschillen"\#(if: display.onlyDifferences, " checked")> <label for="weergave-verschillen">Alleen wat verschilt</label></li>
                  <li><input type="checkbox" id="weergave-citaten" name="weergave" value="zonder-citaten"\#(if: display.hidesQuotes, " checked")> <label for="weergave-citaten">Citaten verbergen</label></li>
                </ul>
                <button type="submit" class="secondary">Toon</button>
              </fieldset>
            </form>
            <p class="legend">Status per dimensie: <strong>verschillend</strong> (gemarkeerde rij) — minstens twee arrangementen kozen anders; <strong>gelijk</strong> — alle arrangementen kozen hetzelfde; <strong>\#(Self.notComparable)</strong> — minstens één arrangement legt deze keuze niet vast, en waar ze wel is vastgelegd is ze gelijk.</p>
            """#,
            HTML(
                lines: elements.map { element -> HTML in
                    let hidden: HTML =
                        element.hiddenCount == 0
                        ? .empty
                        : #"<p class="aside">\#(element.label): \#(element.rows.isEmpty ? "geen dimensie verschilt" : "\(element.rows.count) van \(element.rows.count + element.hiddenCount) dimensies verschillen"); de \#(element.hiddenCount) andere zijn verborgen.</p>"#
                    guard !element.rows.isEmpty else { return hidden }
                    return #"""
                        <table class="comparison">
                          <caption>\#(element.label) — \#(element.question)</caption>
                          <thead><tr><th scope="col">Dimensie</th><th scope="col">Status</th>\#(columns.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
                          <tbody>
                        \#(HTML(lines: element.rows.map { row -> HTML in
                            #"    <tr class="\#(row.statusClass)"><th scope="row">\#(row.label)</th><td><span class="status">\#(row.status)</span></td>\#(row.cells.map { c -> HTML in "<td><strong>\(c.text)</strong>\(c.quotes.map { #"<p class="quote">\#($0)</p>"# as HTML })</td>" })</tr>"#
                        }))
                          </tbody>
                        </table>
                        \#(hidden)
                        """#
                }),
            #"""
            <h2>Hoeveel verschilt er per element?</h2>
            <ul class="legend plain">
              \#(DifferenceChart.parts.map { part -> HTML in #"<li><svg class="swatch" width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" class="\#(part.style)"/></svg> \#(part.word)</li>"# })
            </ul>
            <figure class="chart-figure" tabindex="0">\#(variationChart)</figure>
            <table>
              <caption>\#(t.dataTable): dimensies per element</caption>
              <thead><tr><th scope="col">Element</th><th scope="col">Verschillend</th><th scope="col">Gelijk</th><th scope="col">\#(Self.notComparable.prefix(1).uppercased() + Self.notComparable.dropFirst())</th><th scope="col">Dimensies</th></tr></thead>
              <tbody>\#(variationRows.map { r -> HTML in #"<tr><th scope="row">\#(r.label)</th><td class="number">\#(r.differing)</td><td class="number">\#(r.equal)</td><td class="number">\#(r.notComparable)</td><td class="number">\#(r.total)</td></tr>"# })</tbody>
            </table>
            <details class="fold">
              <summary>De mate van verschil als getal</summary>
              <p>Niet elk verschil is even groot: ‘streefwaarden’ tegenover ‘thematisch’ ligt verder uiteen dan twee buren op dezelfde schaal. De mate van verschil telt per dimensie het gemiddelde verschil tussen de arrangementen (0 = gelijk, 1 = zo verschillend als het kan) en telt die op per element. Cumulatief telt de elementen op in de volgorde van het essay: interbestuurlijk, dan resultaatgericht, dan samenwerkend (§1.4, §2.4, §3.4, §4.4). Alleen dimensies die ten minste twee arrangementen vastleggen tellen mee.</p>
              <table>
                <caption>Mate van verschil per element</caption>
                <thead><tr><th scope="col">Element</th><th scope="col">\#(t.variation)</th><th scope="col">\#(t.cumulative)</th></tr></thead>
                <tbody>\#(variationRows.map { r -> HTML in #"<tr><th scope="row">\#(r.label)</th><td class="number">\#(r.variation)</td><td class="number">\#(r.cumulative)</td></tr>"# })</tbody>
              </table>
            </details>
            <h2>\#(t.nearest)</h2>
            """#,
            HTML(
                lines: nearest.map { group -> HTML in
                    """
                    <h3>\(group.name)</h3>
                    <ul>\(group.references.map { ProfileSections.nearest($0, t) })</ul>
                    """
                }),
        ])
    }
}

extension DesignPage: PageView {
    /// Who may save, before the form: nothing when this visitor may.
    var savingNotice: HTML {
        switch saving {
        case .allowed: .empty
        case .needsLogin(let loginHref):
            #"""
            <div class="notice" role="note">
              <p><strong>Opslaan vraagt een account.</strong> U bent niet ingelogd. U kunt het formulier invullen, maar opslaan kan alleen met een account dat nieuwe arrangementen mag maken (een beheerder). <a href="\#(loginHref)">Log eerst in</a>; daarna komt u hier terug.</p>
            </div>
            """#
        case .needsSecondFactor(let accountHref):
            #"""
            <div class="notice" role="note">
              <p><strong>Eerst tweestapsverificatie instellen.</strong> Opslaan kan pas als uw account tweestapsverificatie (TOTP) gebruikt. U kunt het formulier al invullen en het advies bekijken. <a href="\#(accountHref)">Stel het in op uw accountpagina</a>.</p>
            </div>
            """#
        case .refused(let reason):
            #"""
            <div class="notice" role="note">
              <p><strong>U kunt dit ontwerp niet opslaan.</strong> \#(reason). Vraag een beheerder van deze installatie om het op te slaan, of om een rol die het toestaat.</p>
            </div>
            """#
        }
    }

    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        return HTML(lines: [
            #"""
            <h1>\#(t.navDesign)</h1>
            <p class="lead">Beschrijf een nieuw arrangement als profiel van ontwerpkeuzes, stap voor stap per element. Wat u open laat, wordt vastgelegd als ‘nog niet vastgelegd’. Na opslaan ziet u het advies; met ‘Advies tonen zonder opslaan’ ziet u het zonder iets te bewaren, ook zonder account.</p>
            """#,
            savingNotice,
            PageFrame.errorSummary(errors, isShown: hasErrors, t),
            startForm,
            contents,
            #"<form method="post" action="\#(action)" novalidate>"#,
            PageFrame.csrfField(session),
            #"""
              <fieldset id="stap-arrangement">
                <legend>Het arrangement</legend>
                <div class="field\#(if: name.error != nil, " field-error")">
                  <label for="veld-naam">Naam</label>
                  \#(Self.message(name.error, "veld-naam-fout"))
                  <input type="text" id="veld-naam" name="naam" value="\#(name.value)"\#(if: name.error != nil, #" aria-invalid="true" aria-describedby="veld-naam-fout""#)>
                </div>
                <div class="field\#(if: id.error != nil, " field-error")">
                  <label for="veld-id">Id (kort adres)</label>
                  <p class="hint" id="veld-id-hint">Het vaste adres van het arrangement in Vliegwiel en in de API (/arrangementen/<var>id</var>); het verandert niet meer na opslaan. Alleen kleine letters a tot en met z, cijfers en losse streepjes, zonder spaties of accenten, bijvoorbeeld regio-deal-mijn-regio.</p>
                  \#(Self.message(id.error, "veld-id-fout"))
                  <input type="text" id="veld-id" name="id" value="\#(id.value)" autocomplete="off" spellcheck="false" aria-describedby="veld-id-hint\#(if: id.error != nil, " veld-id-fout")"\#(if: id.error != nil, #" aria-invalid="true""#)>
                </div>
                <div class="field\#(if: familyError != nil, " field-error")">
                  <label for="veld-familie">Familie</label>
                  \#(Self.message(familyError, "veld-familie-fout"))
                  <select id="veld-familie" name="familie"\#(if: familyError != nil, #" aria-invalid="true" aria-describedby="veld-familie-fout""#)>\#(families.map(Self.option))</select>
                </div>
                <div class="field\#(if: variantError != nil, " field-error")">
                  <label for="veld-variant">Referentievariant waarop het lijkt</label>
                  \#(Self.message(variantError, "veld-variant-fout"))
                  <select id="veld-variant" name="variant"\#(if: variantError != nil, #" aria-invalid="true" aria-describedby="veld-variant-fout""#)>\#(variants.map(Self.option))</select>
                </div>
                <div class="field\#(if: source.error != nil, " field-error")">
                  <label for="veld-bron">Bron van de ontwerpkeuzes</label>
                  <p class="hint" id="veld-bron-hint">Bijvoorbeeld een ontwerpnotitie of convenant, met datum.</p>
                  \#(Self.message(source.error, "veld-bron-fout"))
                  <input type="text" id="veld-bron" name="bron" value="\#(source.value)" aria-describedby="veld-bron-hint\#(if: source.error != nil, " veld-bron-fout")"\#(if: source.error != nil, #" aria-invalid="true""#)>
                </div>
                <div class="field">
                  <label for="veld-omschrijving">Omschrijving (niet verplicht)</label>
                  <textarea id="veld-omschrijving" name="omschrijving" rows="3">\#(summary.value)</textarea>
                </div>
              </fieldset>
            """#,
            HTML(lines: steps.map(Self.step)),
            // The advice without saving sends the same fields by GET, so it needs no account;
            // its route sends a CSRF token that came along to an address without it.
            #"""
              <p class="actions"><button type="submit">\#(t.save)</button> <button type="submit" class="secondary" formaction="\#(adviceAction)" formmethod="get" formnovalidate>\#(t.adviceWithoutSaving)</button></p>
            </form>
            """#,
        ])
    }

    private static func message(_ error: String?, _ id: String) -> HTML {
        error.map { #"<p class="error-message" id="\#(id)">Fout: \#($0)</p>"# } ?? .empty
    }

    /// The form's parts with how many questions each has and how many are answered, as the
    /// form stands (usability review: "one long page with no progress indicator"). One page on
    /// purpose: without JavaScript, steps on pages of their own would send every step to the
    /// server and could lose answers on the way back.
    private var contents: HTML {
        #"""
        <nav class="form-contents" aria-labelledby="formulier-inhoud">
          <h2 id="formulier-inhoud">In dit formulier</h2>
          <ol>
            <li><a href="#stap-arrangement">Het arrangement</a>: naam, id, familie, variant en bron</li>
            \#(steps.map { step -> HTML in
                let answered = step.fields.filter { field in field.options.contains(where: \.isChecked) || !field.value.isEmpty }.count
                return ##"<li><a href="#stap-\##(step.number)">Stap \##(step.number): \##(step.label)</a>: \##(step.fields.count) vragen, \##(answered) ingevuld</li>"##
            })
          </ol>
        </nav>
        """#
    }

    /// Starting from a reference variant: a form of its own (by GET, so without an account),
    /// because a button inside the design form would be the one that Enter presses. It carries
    /// the texts typed so far, so that taking the choices loses none of them.
    private var startForm: HTML {
        let error = errors.first { $0.fieldID == "veld-vanaf" }?.message
        let kept: [(String, String)] = [
            ("naam", name.value), ("id", id.value), ("bron", source.value), ("omschrijving", summary.value),
        ]
        return HTML(lines: [
            startedFrom.map { name -> HTML in
                #"""
                <div class="notice" role="status">
                  <p><strong>Ingevuld vanaf de referentievariant \#(name).</strong> Elke ontwerpkeuze staat zoals het essay haar voor deze variant beschrijft; wat het essay niet vermeldt, staat op ‘\#(Absence.notRecorded)’. Pas aan wat bij uw ontwerp anders is, en geef hieronder de bron van uw eigen keuzes.</p>
                </div>
                """#
            } ?? .empty,
            #"""
            <form method="get" action="\#(startAction)" class="start-form">
              <fieldset>
                <legend>Beginnen vanaf een referentievariant (niet verplicht)</legend>
                <div class="field\#(if: error != nil, " field-error")">
                  <label for="veld-vanaf">Referentievariant</label>
                  <p class="hint" id="veld-vanaf-hint">Vult de ontwerpkeuzes, de familie en de variant in zoals het essay die variant beschrijft, zodat u alleen hoeft aan te passen wat anders is. Keuzes die u al maakte, worden vervangen; naam, id, bron en omschrijving blijven staan.</p>
                  \#(Self.message(error, "veld-vanaf-fout"))
                  <select id="veld-vanaf" name="\#(DesignForm.start)" aria-describedby="veld-vanaf-hint\#(if: error != nil, " veld-vanaf-fout")"\#(if: error != nil, #" aria-invalid="true""#)>\#(startOptions.map(Self.option))</select>
                </div>
                \#(kept.filter { !$0.1.isEmpty }.map { key, value -> HTML in #"<input type="hidden" name="\#(key)" value="\#(value)">"# })
                <p class="actions"><button type="submit" class="secondary" name="\#(DesignForm.take)" value="1">Keuzes overnemen</button></p>
              </fieldset>
            </form>
            """#,
        ])
    }

    /// What the choices of a field mean, folded: the reference variants that have each, with the
    /// essay's words for one of them.
    private static func examples(_ f: Field) -> HTML {
        guard !f.examples.isEmpty else { return .empty }
        return #"""
                  <details class="fold choice-examples">
                    <summary>Wat betekenen de keuzes bij ‘\#(f.label)’? Voorbeelden uit het essay</summary>
                    <dl>
                      \#(f.examples.map { e -> HTML in
                          e.variants.isEmpty
                          ? #"<dt>\#(e.label)</dt><dd>Geen referentievariant uit het essay heeft deze keuze.</dd>"#
                          : #"<dt>\#(e.label)</dt><dd>Bij: \#(e.variants). Het essay bij \#(e.variantName): <q lang="nl">\#(e.quote)</q> <span class="citation">(\#(e.citation)\#(e.status.map { "; \($0)" as HTML } ?? .empty))</span></dd>"#
                      })
                    </dl>
                  </details>
            """#
    }

    private static func option(_ option: Option) -> HTML {
        #"<option value="\#(option.code)"\#(if: option.isChecked, " selected")>\#(option.label)</option>"#
    }

    private static func step(_ step: Step) -> HTML {
        HTML(lines: [
            #"""
              <fieldset class="step" id="stap-\#(step.number)">
                <legend>Stap \#(step.number): \#(step.label) — \#(step.question) <span class="citation">(\#(step.chapter))</span></legend>
            """#,
            HTML(lines: step.fields.map(field)),
            "  </fieldset>",
        ])
    }

    private static func field(_ f: Field) -> HTML {
        let hasError = f.error != nil
        let body: HTML =
            f.isFreeText
            ? #"""
                  <label for="\#(f.fieldID)">\#(f.label)</label>
                  <p class="hint" id="\#(f.fieldID)-hint">\#(f.hint)</p>
                  \#(message(f.error, f.fieldID + "-fout"))
                  <input type="text" id="\#(f.fieldID)" name="\#(f.name)" value="\#(f.value)" aria-describedby="\#(f.fieldID)-hint\#(if: hasError, " \(f.fieldID)-fout")"\#(if: hasError, #" aria-invalid="true""#)>
            """#
            : #"""
                  <fieldset class="choices" id="\#(f.fieldID)"\#(if: hasError, #" aria-describedby="\#(f.fieldID)-fout""#)>
                    <legend>\#(f.label)</legend>
                    \#(message(f.error, f.fieldID + "-fout"))
                    <ul class="checkbox-list inline">
                      \#(f.options.map { o -> HTML in #"<li><input type="\#(f.isExclusive ? "radio" : "checkbox")" id="\#(o.fieldID)" name="\#(f.name)" value="\#(o.code)"\#(if: o.isChecked, " checked")> <label for="\#(o.fieldID)">\#(o.label)</label></li>"# })\#(if: f.isExclusive, #"<li><input type="radio" id="\#(f.fieldID)-leeg" name="\#(f.name)" value=""\#(if: !f.options.contains(where: \.isChecked), " checked")> <label for="\#(f.fieldID)-leeg">\#(Absence.notRecorded)</label></li>"#)
                    </ul>
                  </fieldset>
            """#
        return HTML(lines: [
            #"    <div class="field\#(if: hasError, " field-error")">"#,
            body,
            examples(f),
            "    </div>",
        ])
    }
}

extension WhatIfPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        let option = { (o: Option) -> HTML in
            #"<option value="\#(o.code)"\#(if: o.isSelected, " selected")>\#(o.label)</option>"#
        }
        return HTML(lines: [
            #"""
            <h1>\#(t.navWhatIf)</h1>
            <p class="lead">Kies een arrangement, verander een of meer ontwerpkeuzes en zie wat er verandert in de gevolgen, het sturingsperspectief, de tijdshorizon en het evaluatieontwerp. Er wordt niets opgeslagen.</p>
            """#,
            PageFrame.errorSummary(errors, isShown: hasErrors, t),
            // The outcome first (usability review: it sat under a 3,000-px form); the form below
            // it sends the browser back to it (#resultaat).
            hasResult ? result(t) : .empty,
            // Choosing the arrangement is its own step, so that the "(nu: …)" hints below always
            // belong to the arrangement named above them (without JavaScript they cannot follow
            // a choice that has not been sent).
            #"""
            <form method="get" action="\#(SiteURL.whatIf(arrangementID: nil).path)">
              <div class="field">
                <label for="veld-arrangement">Arrangement</label>
                <select id="veld-arrangement" name="arrangement">\#(arrangements.map(option))</select>
              </div>
              <button type="submit">Kies dit arrangement</button>
            </form>
            """#,
            selectedName.map { name -> HTML in
                HTML(lines: [
                    ##"""
                    <h2 id="wijzigen">Wat als \##(name) anders was?</h2>
                    <p>Tussen haakjes staat wat \##(name) nu heeft. Laat een keuze op "\##(t.unchanged)" staan om haar te houden.</p>
                    <form method="get" action="\##(SiteURL.whatIf(arrangementID: nil).path)#resultaat">
                      <input type="hidden" name="arrangement" value="\##(arrangementID)">
                    """##,
                    HTML(
                        lines: groups.map { group -> HTML in
                            HTML(lines: [
                                "  <fieldset>",
                                "    <legend>\(group.label)</legend>",
                                HTML(
                                    lines: group.fields.map { f -> HTML in
                                        let control: HTML =
                                            f.isFreeText
                                            ? #"<input type="text" id="\#(f.fieldID)" name="\#(f.name)" value="\#(f.value)">"#
                                            : #"<select id="\#(f.fieldID)" name="\#(f.name)">\#(f.options.map(option))</select>"#
                                        return #"""
                                                <div class="field">
                                                  <label for="\#(f.fieldID)">\#(f.label) <span class="aside">(nu: \#(f.current))</span></label>
                                                  \#(control)
                                                </div>
                                            """#
                                    }),
                                "  </fieldset>",
                            ])
                        }),
                    #"""
                      <button type="submit">\#(t.showDifference)</button>
                    </form>
                    """#,
                ])
            } ?? .empty,
        ])
    }

    private func result(_ t: UIText) -> HTML {
        ##"""
        <section id="resultaat" aria-labelledby="resultaat-kop">
        <h2 id="resultaat-kop">Het verschil voor \##(selectedName ?? "")</h2>
        <p><a href="#wijzigen">Naar de ontwerpkeuzes</a></p>
        <h3>Gewijzigde ontwerpkeuzes</h3>
        \##(changes.isEmpty ? "<p>Geen: elke gekozen waarde is dezelfde als nu.</p>" : "<ul>\(changes.map { c -> HTML in "<li>\(c.label): \(c.before) → <strong>\(c.after)</strong></li>" })</ul>" as HTML)
        <h3>\##(t.perspective)</h3>
        <p>\##(t.dominant): \##(dominantBefore) → <strong>\##(dominantAfter)</strong></p>
        <figure class="chart-figure" tabindex="0">
        \##(chart)
          <figcaption>Punten per sturingsperspectief voor de wijziging (gearceerd) en erna (vol); bij elke balk staat of het voor of na is.</figcaption>
        </figure>
        <table>
          <caption>\##(t.perspective) voor en na: band en punten</caption>
          <thead><tr><th scope="col">Perspectief</th><th scope="col">Voor</th><th scope="col">Na</th><th scope="col">Punten</th></tr></thead>
          <tbody>\##(shifts.map { s -> HTML in #"<tr><th scope="row">\#(s.label)</th><td>\#(s.before)</td><td>\#(s.after)</td><td>\#(s.change)</td></tr>"# })</tbody>
        </table>
        <h3>\##(t.consequences)</h3>
        \##(consequencesAdded.isEmpty && consequencesRemoved.isEmpty ? "<p>Ongewijzigd: er komt geen gevolg bij en er vervalt er geen.</p>" : "<ul>\(consequencesAdded.map { "<li>Nieuw: \($0)</li>" as HTML })\(consequencesRemoved.map { "<li>Vervalt: \($0)</li>" as HTML })</ul>" as HTML)
        <h3>\##(t.evaluation)</h3>
        \##(approachesAdded.isEmpty && approachesRemoved.isEmpty ? "<p>Ongewijzigd: dezelfde evaluatievormen passen.</p>" : "<ul>\(approachesAdded.map { "<li>Past nu ook: \($0)</li>" as HTML })\(approachesRemoved.map { "<li>Past niet meer: \($0)</li>" as HTML })</ul>" as HTML)
        <h3>\##(t.temporal)</h3>
        <p>\##(if: temporalChanged, "De temporele cel verandert.", else: "De temporele cel blijft gelijk.")</p>
        </section>
        """##
    }
}
