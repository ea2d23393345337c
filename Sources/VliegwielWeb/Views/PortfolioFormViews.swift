extension DealFormPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>\#(title)</h1>
            <p class="meta">Bij <a href="\#(dealHref)">\#(dealName)</a>\#(if: isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</p>
            <p class="lead">\#(intro) Bij een fout wordt niets opgeslagen.</p>
            """#,
            // A form this visitor may not send is not shown (usability review): the notice says
            // who may, and how to get there.
            editing.isAllowed
                ? HTML(lines: [
                    PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
                    #"<form method="post" action="\#(action)" novalidate>"#,
                    PageFrame.csrfField(session),
                    HTML(lines: fields.map(Self.field)),
                    revision.map { #"  <input type="hidden" name="revisie" value="\#($0)">"# } ?? .empty,
                    #"""
                      <button type="submit">\#(submitLabel)</button>
                    </form>
                    """#,
                ])
                : HTML(lines: [
                    editing.notice("de gegevens van deze deal"),
                    #"<p class="actions"><a href="\#(dealHref)">Terug naar de deal</a></p>"#,
                ]),
        ])
    }

    private static func field(_ f: Field) -> HTML {
        let describedBy: HTML = f.describedBy.map { #" aria-describedby="\#($0)""# } ?? .empty
        let invalid: HTML = f.error != nil ? #" aria-invalid="true""# : .empty
        let hint: HTML = f.hint.map { #"<p class="hint" id="\#(f.fieldID)-hint">\#($0)</p>"# } ?? .empty
        let error: HTML =
            f.error.map { #"<p class="error-message" id="\#(f.fieldID)-fout">Fout: \#($0)</p>"# } ?? .empty
        let body: HTML =
            f.isCheckboxes
            ? #"""
                  <fieldset class="choices" id="\#(f.fieldID)"\#(if: f.error != nil, #" aria-describedby="\#(f.fieldID)-fout""#)>
                    <legend>\#(f.label)</legend>
                    \#(hint)
                    \#(error)
                    <ul class="checkbox-list inline">
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
            #"  <div class="field\#(if: f.error != nil, " field-error")">"#,
            body,
            "  </div>",
        ])
    }
}

extension CSVImportPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>\#(title)</h1>
            <p class="meta">Bij <a href="\#(dealHref)">\#(dealName)</a>\#(if: isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</p>
            <p class="lead">Plak de inhoud van een CSV-bestand (UTF-8, komma's, dubbele aanhalingstekens rond velden met een komma). Een rij met een bestaande id vervangt dat gegeven; andere rijen worden toegevoegd. Bij één fout wordt niets opgeslagen en staan alle foute rijen hieronder.</p>
            """#,
            editing.isAllowed
                ? .empty
                : HTML(lines: [
                    editing.notice("de gegevens van deze deal"),
                    #"<p class="actions"><a href="\#(dealHref)">Terug naar de deal</a></p>"#,
                ]),
            editing.isAllowed ? form(session) : .empty,
        ])
    }

    private func form(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            #"<form method="post" action="\#(action)" novalidate>"#,
            PageFrame.csrfField(session),
            #"""
              <div class="field\#(if: hasErrors, " field-error")">
                <label for="veld-csv">CSV-tekst</label>
                <p class="hint" id="veld-csv-hint">Verplichte kolommen: \#(requiredColumns). Mogelijke kolommen: \#(optionalColumns). Meer waarden in één cel scheidt u met een puntkomma; data als JJJJ-MM-DD; bedragen in euro zonder punten voor duizendtallen.</p>
                \#(if: hasErrors, #"<div class="error-message" id="veld-csv-fout"><p>Fout:</p><ul>\#(fieldErrors.map { "<li>\($0)</li>" as HTML })</ul></div>"#)
                <textarea id="veld-csv" name="csv" rows="12" spellcheck="false" aria-describedby="veld-csv-hint\#(if: hasErrors, " veld-csv-fout")"\#(if: hasErrors, #" aria-invalid="true""#)>\#(text)</textarea>
              </div>
              <button type="submit">Inlezen en opslaan</button>
            </form>
            <h2>Voorbeeld</h2>
            <pre><code>\#(example)</code></pre>
            """#,
        ])
    }
}

extension AuditLogPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        return HTML(lines: [
            #"""
            <h1>Auditlogboek</h1>
            <p class="lead">Elke wijziging van gegevens, met wie, wat, wanneer (UTC) en vanwaar. Het logboek kan alleen worden aangevuld; elke regel bevat de hash van de vorige, zodat een gewijzigde of verwijderde regel opvalt. Wachtwoorden, tokens en sessie-id’s komen er nooit in.</p>
            """#,
            PageFrame.errorSummary(errors, isShown: hasErrors, t),
            #"""
            <form class="filter" method="get" action="\#(formAction)">
              <fieldset>
                <legend>\#(t.filter)</legend>
                <div class="field">
                  <label for="audit-actor">Actor</label>
                  <input type="text" id="audit-actor" name="actor" value="\#(actor)">
                </div>
                <div class="field">
                  <label for="audit-actie">Actie</label>
                  <p class="hint" id="audit-actie-hint">Bijvoorbeeld arrangement.opslaan; met een * aan het eind alles wat zo begint.</p>
                  <input type="text" id="audit-actie" name="actie" value="\#(actionFilter)" aria-describedby="audit-actie-hint">
                </div>
                <div class="field">
                  <label for="audit-object">Object</label>
                  <p class="hint" id="audit-object-hint">Bijvoorbeeld arrangement:woondeal of deal:*.</p>
                  <input type="text" id="audit-object" name="object" value="\#(object)" aria-describedby="audit-object-hint">
                </div>
            \#(Self.dateField("audit-van", "van", "Vanaf", from, fromError))
            \#(Self.dateField("audit-tot", "tot", "Tot en met", through, throughError))
            """#,
            #"""
                <button type="submit">Toon</button>
              </fieldset>
            </form>
            """#,
            hasErrors ? .empty : entries,
        ])
    }

    private static func dateField(_ id: String, _ name: String, _ label: String, _ value: String, _ error: String?)
        -> HTML
    {
        HTML(lines: [
            #"""
                <div class="field\#(if: error != nil, " field-error")">
                  <label for="\#(id)">\#(label)</label>
            """#,
            error.map { #"      <p class="error-message" id="\#(id)-fout">Fout: \#($0)</p>"# } ?? .empty,
            #"""
                  <input type="date" id="\#(id)" name="\#(name)" value="\#(value)"\#(if: error != nil, #" aria-invalid="true" aria-describedby="\#(id)-fout""#)>
                </div>
            """#,
        ])
    }

    private var entries: HTML {
        HTML(lines: [
            #"""
            <p class="notice\#(if: chainIntact, " success")">\#(chainMessage)</p>
            <p role="status">\#(summary)</p>
            """#,
            !rows.isEmpty
                ? #"""
                <div class="table-scroll" tabindex="0" role="region" aria-label="Regels van het auditlogboek">
                <table>
                  <caption class="visually-hidden">Regels van het auditlogboek, nieuwste eerst</caption>
                  <thead><tr><th scope="col">Nr.</th><th scope="col">Tijd (UTC)</th><th scope="col">Actor</th><th scope="col">Herkomst</th><th scope="col">Actie</th><th scope="col">Object</th><th scope="col">Resultaat</th><th scope="col">Details</th></tr></thead>
                  <tbody>
                \#(HTML(lines: rows.map { r -> HTML in
                    #"    <tr><th scope="row">\#(r.sequence)</th><td>\#(r.time)</td><td>\#(r.actor)</td><td>\#(r.origin)</td><td>\#(r.action)</td><td>\#(r.object)</td><td>\#(if: r.isNotSucceeded, "<strong>\(r.result)</strong>", else: "\(r.result)")</td><td class="aside">\#(r.details)</td></tr>"#
                }))
                  </tbody>
                </table>
                </div>
                """#
                : .empty,
            previousHref.map { #"<p><a href="\#($0)">Nieuwere regels</a></p>"# } ?? .empty,
            nextHref.map { #"<p><a href="\#($0)">Oudere regels</a></p>"# } ?? .empty,
            #"<p class="aside">Controleer de hele keten ook op de opdrachtregel met <code>vliegwiel audit controleer</code>; zie docs/audit.md.</p>"#,
        ])
    }
}

extension DeleteConfirmationPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>\#(title)</h1>
            <p class="meta">Bij <a href="\#(dealHref)">\#(dealName)</a>\#(if: isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</p>
            <p class="lead">Wilt u \#(item) verwijderen?</p>
            <ul>
              <li>Het gegeven verdwijnt uit de deal, uit het dossier en uit de exports.</li>
              <li>Verwijst een ander gegeven van de deal ernaar (een financieringsregel of project naar een partner, een project naar een programmalijn), dan wordt niets verwijderd en leest u waarom.</li>
              <li>Een uur lang kunt u het ongedaan maken: na het verwijderen staat op de pagina van de deal een knop "Ongedaan maken". De verwijdering staat met uw naam, het tijdstip en het hele gegeven in het auditlogboek.</li>
            </ul>
            """#,
            editing.isAllowed
                ? HTML(lines: [
                    #"<form method="post" action="\#(action)">"#,
                    PageFrame.csrfField(session),
                    #"""
                      <p class="actions"><button type="submit" class="warning">Ja, verwijderen</button> <a href="\#(cancelHref)">Nee, terug naar de deal</a></p>
                    </form>
                    """#,
                ])
                : HTML(lines: [
                    editing.notice("de gegevens van deze deal"),
                    #"<p class="actions"><a href="\#(cancelHref)">Terug naar de deal</a></p>"#,
                ]),
        ])
    }
}
