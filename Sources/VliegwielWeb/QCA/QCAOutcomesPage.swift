import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The page `/arrangementen/{id}/qca-uitkomsten` (issue 16 item 9): the outcomes recorded for
/// one arrangement with their source, and the form that records one. Who may change the
/// arrangement (a redacteur of it, a beheerder) sees the form; anyone else the ``EditAccess``
/// notice. The store writes each recording to the audit trail (`qca-uitkomst.vastleggen`).
struct QCAOutcomesPage: Sendable {
    struct Recorded: Sendable {
        var name: String
        var value: String
        var source: String
        var date: String
    }

    var layout: Layout
    var arrangementName: String
    var arrangementHref: String
    var isFictional: Bool
    var recorded: [Recorded]
    /// The names recorded anywhere in the installation, for the hint.
    var knownNames: [String]
    var editing: EditAccess = .allowed
    var action: String
    var name: String = ""
    var value: String = ""
    var source: String = ""
    var errors: [FieldError] = []
    /// The message at each field, by field id.
    var fieldErrors: [String: String] = [:]
    var confirmation: String?
    var qcaHref: String

    var hasErrors: Bool { !errors.isEmpty }

    static let fields: [(name: String, id: String, label: String)] = [
        ("naam", "veld-naam", "Naam van de uitkomst"), ("waarde", "veld-waarde", "Waarde"),
        ("bron", "veld-bron", "Bron"),
    ]
}

extension QCAOutcomesPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            #"""
            <h1>Uitkomsten voor QCA</h1>
            <p class="meta">Bij <a href="\#(arrangementHref)">\#(arrangementName)</a>\#(if: isFictional, #" <strong class="fictional">fictief voorbeeld</strong>"#)</p>
            <p class="lead">Een uitkomst is wat u met een kwalitatieve vergelijkende analyse (QCA) wilt verklaren, bijvoorbeeld of er een vervolgdeal kwam. Per arrangement legt u een waarde vast, altijd met de bron: 1 als de uitkomst er is, 0 als ze er niet is, of een score daartussen.</p>
            """#,
            confirmation.map { #"<p class="notice success" role="status">\#($0)</p>"# } ?? .empty,
            "<h2>Vastgelegd</h2>",
            recorded.isEmpty
                ? "<p>Voor dit arrangement is nog geen uitkomst vastgelegd.</p>"
                : #"""
                <table>
                  <caption>Uitkomsten van \#(arrangementName), met hun bron</caption>
                  <thead><tr><th scope="col">Uitkomst</th><th scope="col">Waarde</th><th scope="col">Bron</th><th scope="col">Vastgelegd op</th></tr></thead>
                  <tbody>\#(recorded.map { r -> HTML in #"<tr><th scope="row">\#(r.name)</th><td>\#(r.value)</td><td>\#(r.source)</td><td>\#(r.date)</td></tr>"# })</tbody>
                </table>
                """#,
            "<h2>Uitkomst vastleggen</h2>",
            editing.notice("de uitkomsten van dit arrangement"),
            editing.isAllowed ? form(session) : .empty,
            #"<p><a href="\#(qcaHref)">Naar de QCA-analyse</a></p>"#,
        ])
    }

    private func form(_ session: SignedIn?) -> HTML {
        func error(_ id: String) -> HTML {
            fieldErrors[id].map { #"<p class="error-message" id="\#(id)-fout">Fout: \#($0)</p>"# } ?? .empty
        }
        func described(_ id: String) -> HTML {
            #" aria-describedby="\#(id)-hint\#(if: fieldErrors[id] != nil, " \(id)-fout")"\#(if: fieldErrors[id] != nil, #" aria-invalid="true""#)"#
        }
        func field(_ id: String) -> HTML { fieldErrors[id] != nil ? " field-error" : .empty }
        let known =
            knownNames.isEmpty
            ? "Nog geen uitkomst in gebruik." : "Al in gebruik: \(knownNames.joined(separator: ", "))."
        return HTML(lines: [
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            #"<form method="post" action="\#(action)" novalidate>"#,
            PageFrame.csrfField(session),
            #"""
              <div class="field\#(field("veld-naam"))">
                <label for="veld-naam">Naam van de uitkomst</label>
                <p class="hint" id="veld-naam-hint">Letters en cijfers, beginnend met een letter, bijvoorbeeld VERVOLGDEAL. \#(known) Een waarde met een naam die dit arrangement al heeft, vervangt de eerdere.</p>
                \#(error("veld-naam"))
                <input type="text" id="veld-naam" name="naam" value="\#(name)" spellcheck="false"\#(described("veld-naam"))>
              </div>
              <div class="field\#(field("veld-waarde"))">
                <label for="veld-waarde">Waarde</label>
                <p class="hint" id="veld-waarde-hint">1: de uitkomst is er; 0: de uitkomst is er niet. Een score daartussen, zoals 0,75 voor ‘grotendeels’, maakt er een fuzzy set van.</p>
                \#(error("veld-waarde"))
                <input type="text" id="veld-waarde" name="waarde" value="\#(value)" inputmode="decimal"\#(described("veld-waarde"))>
              </div>
              <div class="field\#(field("veld-bron"))">
                <label for="veld-bron">Bron</label>
                <p class="hint" id="veld-bron-hint">Waar de waarde vandaan komt: een evaluatie, rapport of gesprek, met datum of vindplaats. Verplicht.</p>
                \#(error("veld-bron"))
                <textarea id="veld-bron" name="bron" rows="2"\#(described("veld-bron"))>\#(source)</textarea>
              </div>
              <p class="hint">Het vastleggen komt met uw naam en het tijdstip in het auditlogboek.</p>
              <button type="submit">Vastleggen</button>
            </form>
            """#,
        ])
    }
}

extension SitePages {
    /// The outcomes page of `arrangement`, with the form filled in with `form` and its problems.
    func qcaOutcomes(
        _ arrangement: Arrangement, query: [String: [String]],
        form: (name: String, value: String, source: String)? = nil, problems: [QCAInvalidField] = []
    ) async throws -> QCAOutcomesPage {
        let all = try await stores.qcaOutcomes.outcomes(named: nil)
        let path = SiteURL.qcaOutcomes(arrangement.id)
        let deal = try await portfolio.deal(id: arrangement.id)
        var page = QCAOutcomesPage(
            layout: layout(
                "Uitkomsten voor QCA — \(arrangement.name)", path,
                place: PagePlace(arrangementID: arrangement.id, arrangementName: arrangement.name, isDeal: deal != nil)),
            arrangementName: arrangement.name, arrangementHref: SiteURL.arrangement(arrangement.id).href(),
            isFictional: deal?.isFictional == true,
            recorded: all.filter { $0.arrangementID == arrangement.id }.map { outcome in
                .init(
                    name: outcome.name, value: Format.decimal(outcome.value, digits: 2), source: outcome.source,
                    date: CalendarDate(utc: outcome.recordedAt).dutchText)
            },
            knownNames: Array(Set(all.map(\.name))).sorted(), action: path.href(),
            qcaHref: SiteURL.qca.href())
        if let form {
            page.name = form.name
            page.value = form.value
            page.source = form.source
        }
        if query["vastgelegd"] != nil { page.confirmation = "De uitkomst is vastgelegd." }
        for problem in problems {
            let field = QCAOutcomesPage.fields.first { $0.name == problem.name } ?? QCAOutcomesPage.fields[0]
            page.errors.append(FieldError(fieldID: field.id, label: field.label, message: problem.reason))
            if page.fieldErrors[field.id] == nil { page.fieldErrors[field.id] = problem.reason }
        }
        return page
    }
}

extension CalendarDate {
    /// The day of `date` in UTC, as the audit trail keeps time.
    init(utc date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// The routes of the outcomes: the page and its form below the arrangement (its group decides
/// who may change it), and the choice of an arrangement on `/qca`.
struct QCAOutcomeRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer

    func register(on routes: RouteGroups) {
        let pattern = SiteURL.qcaOutcomes("").pattern
        routes.arrangement.get(pattern) { request, context in
            let query = SiteRoutes.read(request)
            var page = try await pages.qcaOutcomes(try context.requireArrangement(), query: query)
            page.editing = EditAccess(context, returnTo: request.uri.description)
            return html(renderer.render(page, context))
        }
        routes.arrangement.post(pattern) { request, context in
            let arrangement = try context.requireArrangement()
            let form = try await SiteRoutes.formValues(request)
            func field(_ name: String) -> String { (form[name]?.first ?? "").trimmingCharacters(in: .whitespaces) }
            let (name, value, source) = (field("naam"), field("waarde"), field("bron"))
            var problems: [QCAInvalidField] = []
            let number = Double(value.replacingOccurrences(of: ",", with: "."))
            if value.isEmpty {
                problems.append(.init(name: "waarde", reason: "verplicht: 0, 1 of een score daartussen, zoals 0,75"))
            } else if number == nil {
                problems.append(
                    .init(
                        name: "waarde",
                        reason: "'\(value)' is geen getal; geef 0, 1 of een score daartussen, zoals 0,75"))
            }
            if name.isEmpty {
                problems.append(.init(name: "naam", reason: "verplicht: bijvoorbeeld VERVOLGDEAL"))
            }
            var outcome: QCARecordedOutcome?
            do throws(ValidationFailure) {
                outcome = try QCARecordedOutcome(
                    arrangementID: arrangement.id, name: name.isEmpty ? "X" : name, value: number ?? 0, source: source)
            } catch {
                problems += error.issues.map { .init(name: $0.field, reason: $0.message) }
            }
            if problems.isEmpty, let outcome {
                do {
                    try await pages.stores.qcaOutcomes.record(outcome)
                } catch let failure as ValidationFailure {
                    problems += failure.issues.map { .init(name: $0.field, reason: $0.message) }
                }
            }
            guard problems.isEmpty else {
                let page = try await pages.qcaOutcomes(
                    arrangement, query: [:], form: (name, value, source), problems: problems)
                return html(renderer.render(page, context), status: .badRequest)
            }
            let location = SiteURL.qcaOutcomes(arrangement.id).href(after: .qcaOutcomeRecorded)
            return Response(status: .seeOther, headers: [.location: location])
        }
        routes.reading.get(SiteURL.qcaOutcomeChoice.pattern) { request, context in
            let query = SiteRoutes.read(request)
            let id = query["arrangement"]?.first ?? ""
            guard !id.isEmpty, try await pages.store.arrangement(id: id) != nil else {
                throw Problem(
                    .notFound,
                    detail: id.isEmpty
                        ? "Kies een arrangement om zijn uitkomsten vast te leggen."
                        : "Er is geen arrangement met id '\(id)'.")
            }
            return Response(
                status: .seeOther, headers: [.location: SiteURL.qcaOutcomes(id).href()])
        }
    }
}
