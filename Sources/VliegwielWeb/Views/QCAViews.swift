extension QCAPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>Kwalitatieve vergelijkende analyse (QCA)</h1>
            <p class="lead">Welke combinaties van ontwerpkeuzes gaan samen met een uitkomst? Analyseer de arrangementen met de uitkomsten die per arrangement zijn vastgelegd, of een eigen CSV-bestand. Een arrangement zonder uitkomst of met een niet-vastgestelde ontwerpkeuze telt niet mee; de pagina zegt waarom.</p>
            <nav aria-label="Op deze pagina" class="toc">
              <ul>
                \#(if: analysis != nil, ##"<li><a href="#resultaat">Resultaat</a></li>"##)<li><a href="#portefeuille">De arrangementen analyseren</a></li>
                <li><a href="#uitkomsten">Uitkomsten vastleggen</a></li>
                <li><a href="#csv">Een eigen CSV-bestand analyseren</a></li>
              </ul>
            </nav>
            """#,
            exampleHref.map {
                #"<p>Uitgewerkt voorbeeld op de echte Regio Deals: <a href="\#($0)">welke ontwerpkeuzes gaan samen met een vervolgdeal?</a> De uitkomst VERVOLGDEAL komt uit de bronnen zelf (een latere deal zegt deze voort te zetten), en 0 betekent: zo'n uitspraak is in de geraadpleegde bronnen niet gevonden. Lees het resultaat met de kanttekeningen van de methode: tientallen gevallen, beperkte diversiteit (niet elke combinatie komt voor), restgroepen en tegenstrijdige rijen, en profielen die voor een deel interpretatie zijn.</p>"#
            } ?? .empty,
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            analysis.map { Self.analysis($0, layout.t) } ?? .empty,
            databaseForm,
            outcomeChoice,
            csvForm(session),
            #"<p class="aside">Dezelfde analyse als JSON: <a href="\#(SiteURL.apiDocumentation.path)#createQcaAnalyse"><code>POST \#(APIURL.qcaAnalyses.path)</code></a> met <code>{"bron": "database"}</code> rekent op de gegevens van de portefeuille, of met een eigen CSV.</p>"#,
        ])
    }

    private func error(_ id: String) -> HTML {
        fieldErrors[id].map { #"<p class="error-message" id="\#(id)-fout">Fout: \#($0)</p>"# } ?? .empty
    }

    /// `aria-describedby` (the hint, if any, and the error) and `aria-invalid` of a field.
    private func described(_ id: String, hint: Bool = false) -> HTML {
        let ids = (hint ? ["\(id)-hint"] : []) + (fieldErrors[id] != nil ? ["\(id)-fout"] : [])
        let describedBy: HTML = ids.isEmpty ? .empty : #" aria-describedby="\#(ids.joined(separator: " "))""#
        let invalid: HTML = fieldErrors[id] != nil ? #" aria-invalid="true""# : .empty
        return describedBy + invalid
    }

    private func fieldClass(_ id: String) -> HTML { fieldErrors[id] != nil ? "field field-error" : "field" }

    private static func option(_ o: Option) -> HTML {
        #"<option value="\#(o.code)"\#(if: o.isSelected, " selected")>\#(o.label)</option>"#
    }

    private var databaseForm: HTML {
        let conditionError = conditions.first.flatMap { fieldErrors[$0.fieldID] }
        return HTML(lines: [
            #"<h2 id="portefeuille">De arrangementen analyseren</h2>"#,
            hasOutcomes
                ? "<p>Vastgelegde uitkomsten: \(recordedOutcomes.joined(separator: ", ")).</p>"
                : ##"<p class="notice" role="note">Er zijn nog geen uitkomsten vastgelegd. Leg ze per arrangement vast (zie <a href="#uitkomsten">Uitkomsten vastleggen</a>), of analyseer een eigen CSV-bestand.</p>"##,
            #"""
            <form method="get" action="\#(SiteURL.qca.path)" novalidate>
              <div class="\#(fieldClass("veld-uitkomst"))">
                <label for="veld-uitkomst">Uitkomst</label>
                \#(error("veld-uitkomst"))
                <select id="veld-uitkomst" name="uitkomst"\#(described("veld-uitkomst"))>\#(outcomes.map(Self.option))</select>
              </div>
              <fieldset class="\#(if: conditionError != nil, "field-error")"\#(if: conditionError != nil, #" aria-describedby="voorwaarden-fout""#)>
                <legend>Voorwaarden (1 als het profiel een van de codes bevat)</legend>
                \#(conditionError.map { #"<p class="error-message" id="voorwaarden-fout">Fout: \#($0)</p>"# } ?? .empty)
                <ul class="checkbox-list">
                  \#(conditions.map { c -> HTML in #"<li><input type="checkbox" id="\#(c.fieldID)" name="voorwaarden" value="\#(c.name)"\#(if: c.isChecked, " checked")> <label for="\#(c.fieldID)">\#(c.name): \#(c.label) <span class="aside">(\#(c.notation))</span></label></li>"# })
                </ul>
              </fieldset>
            \#(settingsFields(settings))
              <button type="submit" name="analyse" value="1">Analyseer</button>
            </form>
            """#,
        ])
    }

    private func settingsFields(_ s: Settings) -> HTML {
        let id = { (name: String) in "veld-\(s.prefix)\(name)" }
        return #"""
              <div class="\#(fieldClass(id("incl-drempel")))">
                <label for="\#(id("incl-drempel"))">Inclusiedrempel</label>
                <p class="hint" id="\#(id("incl-drempel"))-hint">Vanaf welke \#(GlossaryLink.html(.inclusie, "inclusie")) (0 tot en met 1) een combinatie telt als voldoende voor de uitkomst; gebruikelijk is 0,8.</p>
                \#(error(id("incl-drempel")))
                <input type="text" id="\#(id("incl-drempel"))" name="incl-drempel" value="\#(s.cutoff)" inputmode="decimal"\#(described(id("incl-drempel"), hint: true))>
              </div>
              <div class="\#(fieldClass(id("min-gevallen")))">
                <label for="\#(id("min-gevallen"))">Minimaal aantal gevallen per rij</label>
                <p class="hint" id="\#(id("min-gevallen"))-hint">Een combinatie met minder gevallen telt als niet waargenomen (restgroep).</p>
                \#(error(id("min-gevallen")))
                <input type="text" id="\#(id("min-gevallen"))" name="min-gevallen" value="\#(s.minimumCases)" inputmode="numeric"\#(described(id("min-gevallen"), hint: true))>
              </div>
              <div class="\#(fieldClass(id("oplossing")))">
                <label for="\#(id("oplossing"))">Oplossing</label>
                <p class="hint" id="\#(id("oplossing"))-hint">Conservatief: alleen waargenomen combinaties. Spaarzaam: ook niet-waargenomen combinaties mogen de uitkomst korter maken. Intermediair: alleen de niet-waargenomen combinaties die uw verwachtingen volgen.</p>
                \#(error(id("oplossing")))
                <select id="\#(id("oplossing"))" name="oplossing"\#(described(id("oplossing"), hint: true))>\#(s.solutions.map(Self.option))</select>
              </div>
              <div class="\#(fieldClass(id("verwachtingen")))">
                <label for="\#(id("verwachtingen"))">Verwachtingen (alleen bij intermediair)</label>
                <p class="hint" id="\#(id("verwachtingen"))-hint">Welke voorwaarden u verwacht bij de uitkomst, gescheiden door komma's; ~ voor afwezig. Bijvoorbeeld REGIO,~VAST.</p>
                \#(error(id("verwachtingen")))
                <input type="text" id="\#(id("verwachtingen"))" name="verwachtingen" value="\#(s.expectations)"\#(described(id("verwachtingen"), hint: true))>
              </div>
            """#
    }

    private var outcomeChoice: HTML {
        #"""
        <h2 id="uitkomsten">Uitkomsten vastleggen</h2>
        <p>Een uitkomst legt u per arrangement vast, met de bron: 1 als de uitkomst er is, 0 als niet, of een score daartussen. Dat kan wie het arrangement mag wijzigen: een redacteur van dat arrangement of een beheerder. Elke wijziging staat in het auditlogboek.</p>
        <form method="get" action="\#(outcomeChoiceAction)">
          <div class="field">
            <label for="veld-arrangement">Arrangement</label>
            <select id="veld-arrangement" name="arrangement">\#(arrangements.map(Self.option))</select>
          </div>
          <button type="submit">Naar de uitkomsten van dit arrangement</button>
        </form>
        """#
    }

    private func csvForm(_ session: SignedIn?) -> HTML {
        let radioError = csv.firstColumn.first.flatMap { fieldErrors["veld-csv-eerste-kolom-\($0.code)"] }
        return HTML(lines: [
            #"""
            <h2 id="csv">Een eigen CSV-bestand analyseren</h2>
            <p>Het bestand heeft een kopregel met de namen van de kolommen. Meestal staan in de eerste kolom de namen van de gevallen; de andere kolommen zijn getallen: 0 of 1 (crisp), 0, 1, 2… (meer niveaus) of scores van 0 tot en met 1 (fuzzy). Er wordt niets bewaard.</p>
            """#,
            #"<form method="post" action="\#(csvAction)" enctype="multipart/form-data" novalidate>"#,
            PageFrame.csrfField(session),
            #"""
              <div class="\#(fieldClass("veld-csv-bestand"))">
                <label for="veld-csv-bestand">CSV-bestand</label>
                <p class="hint" id="veld-csv-bestand-hint">UTF-8, komma's tussen de velden, hoogstens 1 MB.\#(csv.keptFileName.map { " Het gekozen bestand \($0) staat nu in het tekstvak hieronder; u hoeft het niet opnieuw te kiezen." as HTML })</p>
                \#(error("veld-csv-bestand"))
                <input type="file" id="veld-csv-bestand" name="bestand" accept=".csv,text/csv"\#(described("veld-csv-bestand", hint: true))>
              </div>
              <div class="\#(fieldClass("veld-csv-tekst"))">
                <label for="veld-csv-tekst">Of plak de inhoud van het bestand</label>
                <p class="hint" id="veld-csv-tekst-hint">Alleen gebruikt als u geen bestand kiest.</p>
                \#(error("veld-csv-tekst"))
                <textarea id="veld-csv-tekst" name="csv" rows="8" spellcheck="false"\#(described("veld-csv-tekst", hint: true))>\#(csv.text)</textarea>
              </div>
              <div class="\#(fieldClass("veld-csv-uitkomst"))">
                <label for="veld-csv-uitkomst">Uitkomstkolom</label>
                <p class="hint" id="veld-csv-uitkomst-hint">De naam van de kolom met de uitkomst; ~NAAM voor de afwezigheid ervan.</p>
                \#(error("veld-csv-uitkomst"))
                <input type="text" id="veld-csv-uitkomst" name="uitkomst" value="\#(csv.outcome)" spellcheck="false"\#(described("veld-csv-uitkomst", hint: true))>
              </div>
              <div class="\#(fieldClass("veld-csv-voorwaarden"))">
                <label for="veld-csv-voorwaarden">Voorwaarden</label>
                <p class="hint" id="veld-csv-voorwaarden-hint">Namen van kolommen, gescheiden door komma's. Leeg: alle andere kolommen.</p>
                \#(error("veld-csv-voorwaarden"))
                <input type="text" id="veld-csv-voorwaarden" name="voorwaarden" value="\#(csv.conditions)" spellcheck="false"\#(described("veld-csv-voorwaarden", hint: true))>
              </div>
              <fieldset class="\#(if: radioError != nil, "field-error")"\#(if: radioError != nil, #" aria-describedby="eerste-kolom-fout""#)>
                <legend>Eerste kolom</legend>
                \#(radioError.map { #"<p class="error-message" id="eerste-kolom-fout">Fout: \#($0)</p>"# } ?? .empty)
                <ul class="checkbox-list">
                  \#(csv.firstColumn.map { o -> HTML in #"<li><input type="radio" id="veld-csv-eerste-kolom-\#(o.code)" name="eerste-kolom" value="\#(o.code)"\#(if: o.isSelected, " checked")> <label for="veld-csv-eerste-kolom-\#(o.code)">\#(o.label)</label></li>"# })
                </ul>
              </fieldset>
            \#(settingsFields(csv.settings))
              <button type="submit">Analyseer het bestand</button>
            </form>
            """#,
        ])
    }

    private static func analysis(_ a: Analysis, _ t: UIText) -> HTML {
        HTML(lines: [
            #"""
            <h2 id="resultaat">\#(a.heading)</h2>
            <p>\#(a.summary)</p>
            """#,
            a.reading.map { #"<p class="notice" role="note">\#($0)</p>"# } ?? .empty,
            #"""
            <h3>Waarheidstabel</h3>
            <details>
              <summary>Hoe leest u de waarheidstabel?</summary>
              <p>Elke rij is een <strong>configuratie</strong>: een combinatie van voorwaarden die bij ten minste één geval voorkomt. De cijfers staan voor de voorwaarden in de volgorde \#(a.conditionOrder): 1 is aanwezig, 0 afwezig (bij een voorwaarde met meer niveaus: het niveau). \#(a.configurationExample) De kolom ‘In woorden’ zegt het voor elke rij.</p>
            \#(if: !a.conditionMeanings.isEmpty, #"  <ul>\#(a.conditionMeanings.map { "<li>\($0)</li>" as HTML })</ul>"#)
              <p><strong>Uitkomst</strong>: 1 als de rij de inclusiedrempel (\#(a.cutoff)) haalt, 0 als niet, ? als er te weinig gevallen zijn. ‘Tegenstrijdig’: de rij heeft gevallen met én zonder de uitkomst.</p>
              <p><strong>Inclusie</strong> (ook: consistentie): hoe sterk de combinatie samengaat met de uitkomst, van 0 tot en met 1. Bij 1 heeft elk geval met deze combinatie de uitkomst; bij 0,5 de helft.</p>
              <p><strong>PRI</strong> (proportionele vermindering van inconsistentie): de inclusie, gecorrigeerd voor gevallen die tegelijk in en buiten de uitkomst liggen. Met alleen 0 en 1 in de gegevens is PRI gelijk aan de inclusie; ligt PRI veel lager, dan past de combinatie ook bij het uitblijven van de uitkomst.</p>
            </details>
            <table>
              <caption>Waargenomen rijen; configuratie in de volgorde \#(a.conditionOrder); uitkomst 1 positief, 0 negatief, C tegenstrijdig</caption>
              <thead><tr><th scope="col">Rij</th><th scope="col">Configuratie</th><th scope="col">In woorden</th><th scope="col">Uitkomst</th><th scope="col">Gevallen</th><th scope="col">Inclusie</th><th scope="col">PRI</th><th scope="col">Welke</th></tr></thead>
              <tbody>\#(a.rows.map { r -> HTML in #"<tr><th scope="row">\#(r.number)</th><td>\#(r.configuration)</td><td>\#(r.inWords)</td><td>\#(r.outcome)\#(if: r.isContradictory, " (tegenstrijdig)")</td><td>\#(r.caseCount)</td><td>\#(r.inclusion)</td><td>\#(r.pri)</td><td>\#(r.cases)</td></tr>"# })</tbody>
            </table>
            <h3>Oplossingen</h3>
            <details>
              <summary>Wat betekenen model, inclusie, PRI en dekking?</summary>
              <p>Een <strong>model</strong> beschrijft zo kort mogelijk de combinaties met uitkomst 1: <code>*</code> is ‘en’, <code>+</code> is ‘of’, <code>~</code> is ‘niet’. <code>REGIO*~VAST</code> betekent: initiatief bij de regio én geen vaste samenstelling.</p>
              <p><strong>\#(GlossaryLink.html(.inclusie, "Inclusie"))</strong>: hoe vaak de gevallen met deze term ook de uitkomst hebben (1 = altijd). <strong>\#(GlossaryLink.html(.pri, "PRI"))</strong>: hetzelfde, gecorrigeerd voor gevallen die tegelijk in en buiten de uitkomst liggen. <strong>\#(GlossaryLink.html(.dekking, "Dekking"))</strong>: welk deel van de gevallen mét de uitkomst de term verklaart (0,25 = een kwart). <strong>Unieke dekking</strong>: het deel dat alleen deze term dekt en geen andere term van het model.</p>
              <p><strong>Vereenvoudigende aannames</strong>: rijen zonder gevallen (restgroepen) die de spaarzame oplossing als uitkomst 1 meetelt om het model korter te maken.</p>
            </details>
            """#,
            !a.models.isEmpty
                ? .empty : "<p>Geen enkele rij haalt de inclusiedrempel: er is niets te minimaliseren.</p>",
            HTML(
                lines: a.models.map { m -> HTML in
                    #"""
                    <h4>\#(m.name): \#(m.formula)</h4>
                    <p>Inclusie \#(m.inclusion), PRI \#(m.pri), dekking \#(m.coverage)\#(m.assumptions.map { "; vereenvoudigende aannames (restgroepen): rijen \($0)" as HTML }).</p>
                    <table>
                      <caption>Termen van \#(m.name) met hun maten en de gevallen die ze dekken</caption>
                      <thead><tr><th scope="col">Term</th><th scope="col">Inclusie</th><th scope="col">PRI</th><th scope="col">Dekking</th><th scope="col">Unieke dekking</th><th scope="col">Gevallen</th></tr></thead>
                      <tbody>\#(m.terms.map { x -> HTML in #"<tr><th scope="row">\#(x.term)</th><td>\#(x.inclusion)</td><td>\#(x.pri)</td><td>\#(x.coverage)</td><td>\#(x.uniqueCoverage)</td><td>\#(x.cases)</td></tr>"# })</tbody>
                    </table>
                    """#
                }),
            !a.models.isEmpty
                ? #"""
                <h3>Consistentie en dekking</h3>
                <p>Elk model (vierkant) en elke term (rondje) staat op zijn dekking (naar rechts) en inclusie (naar boven). Rechtsboven is het sterkst: een term daar gaat altijd samen met de uitkomst en verklaart alle gevallen ermee.</p>
                <figure class="chart-figure" tabindex="0">\#(a.plot)</figure>
                <table>
                  <caption>\#(t.dataTable): inclusie en dekking per model en term</caption>
                  <thead><tr><th scope="col">Model of term</th><th scope="col">Soort</th><th scope="col">Dekking</th><th scope="col">Inclusie</th></tr></thead>
                  <tbody>\#(a.points.map { p -> HTML in #"<tr><th scope="row">\#(p.label)</th><td>\#(p.kind)</td><td>\#(p.coverage)</td><td>\#(p.inclusion)</td></tr>"# })</tbody>
                </table>
                """#
                : .empty,
            a.cases.isEmpty
                ? .empty
                : #"""
                <h3>Gevallen en hun bronnen</h3>
                <ul>\#(a.cases.map { c -> HTML in #"<li><a href="\#(c.href)">\#(c.name)</a>: uitkomst \#(c.outcome) (bron: \#(c.source)); \#(c.conditions)</li>"# })</ul>
                """#,
            a.excludedGroups.isEmpty ? .empty : excluded(a),
        ])
    }

    /// The arrangements left out: reason × count, the arrangements of each reason folded.
    private static func excluded(_ a: Analysis) -> HTML {
        let who = a.excludedCount == 1 ? "arrangement telt" : "arrangementen tellen"
        return HTML(lines: [
            #"""
            <h3>Weggelaten (\#(a.excludedCount))</h3>
            <p>\#(a.excludedCount) \#(who) niet mee. Per reden hoeveel; open een reden voor de arrangementen. Een arrangement dat om meer redenen wegvalt, staat bij elke reden.</p>
            <ul class="exclusions">
            """#,
            HTML(lines: a.excludedGroups.map(group)),
            "</ul>",
        ])
    }

    private static func group(_ g: ExclusionGroup) -> HTML {
        let count = "\(g.count) \(g.count == 1 ? "arrangement" : "arrangementen")"
        return HTML(lines: [
            #"""
              <li><details>
                <summary>\#(g.reason): \#(count)</summary>
            """#,
            g.detail.map { #"    <p>Toelichting in het profiel: ‘\#($0)’</p>"# } ?? .empty,
            #"    <ul>\#(g.cases.map { c -> HTML in #"<li><a href="\#(c.href)">\#(c.name)</a>\#(c.detail.map { ": \($0)" as HTML })</li>"# })</ul>"#,
            "  </details></li>",
        ])
    }
}
