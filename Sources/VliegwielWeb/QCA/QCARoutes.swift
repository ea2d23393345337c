import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The QCA page and `POST /api/v1/qca-analyses` (issue 8).
struct QCARoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer
    var outcomes: any QCAOutcomeStore { pages.stores.qcaOutcomes }
    let limits: QCAWebLimits

    func register(on routes: RouteGroups) {
        routes.reading.get(SiteURL.qca.pattern) { request, context in
            let query = SiteRoutes.read(request)
            let page = try await pages.qca(query: query, outcomes: outcomes, limits: limits)
            return html(
                renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
        // The CSV form: a file (multipart/form-data) or pasted text; it computes and stores nothing.
        routes.reading.post(SiteURL.qca.pattern) { request, context in
            let fields: [String: [String]]
            var file: (name: String, text: String?)?
            if (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") {
                guard let form = try await MultipartForm.read(request) else {
                    throw Problem(
                        .badRequest,
                        detail:
                            "Het formulier is niet te lezen (multipart/form-data). Laad de pagina opnieuw en verstuur het nog eens."
                    )
                }
                fields = form.fields
                file = form.file("bestand").map { ($0.fileName ?? "", $0.text) }
            } else {
                fields = try await SiteRoutes.formValues(request)
            }
            let page = try await pages.qcaCSV(fields: fields, file: file, outcomes: outcomes, limits: limits)
            return html(renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
        routes.reading.post(APIURL.qcaAnalyses.pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let text = try await APIRoutes.jsonBody(request)
            let invalid: [QCAInvalidField]
            switch QCAAnalysisRequest.fromJSON(text) {
            case .failure(let problems): invalid = problems.fields
            case .success(let analysis):
                switch try await analysis.run(arrangements: pages.store, outcomes: outcomes, limits: limits) {
                case .success(let output): return try APIRoutes.json(output.report)
                case .failure(let problems): invalid = problems.fields
                }
            }
            throw Problem(
                .badRequest, detail: "De analyse is niet uit te voeren: \(invalid.count) fout(en); zie invalidParams.",
                invalidParams: invalid.map { .init(name: $0.name, reason: $0.reason) })
        }
    }
}
