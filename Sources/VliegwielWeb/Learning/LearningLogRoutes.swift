import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The learning-log page, its three forms, and the API (issue 6 items 4 and 7).
struct LearningLogRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer
    var learningLog: any LearningLogStore { pages.learningLog }

    func register(on routes: RouteGroups) {
        routes.arrangement.get(SiteURL.learningLog("").pattern) { request, context in
            let query = SiteRoutes.read(request)
            let arrangement = try context.requireArrangement()
            let (log, logContext) = try await read(arrangement.id)
            var page = pages.learningLogPage(
                arrangement, log: log, context: logContext, query: query,
                place: try await pages.place(of: arrangement))
            page.editing = EditAccess(context, returnTo: request.uri.description)
            return html(renderer.render(page, context))
        }
        for kind in LearningEntryKind.allCases {
            routes.arrangement.post(SiteURL.addLearningEntry("", kind).pattern) { request, context in
                let arrangement = try context.requireArrangement()
                let values = try await SiteRoutes.formValues(request)
                let (log, logContext) = try await read(arrangement.id)
                let (entries, found) = LearningLogFormSpec.entries(
                    kind, values: values, log: log, context: logContext)
                var problems = found
                if problems.isEmpty {
                    do {
                        try await learningLog.append(entries, to: arrangement.id)
                    } catch let failure as ValidationFailure {
                        problems = failure.issues.map {
                            ItemProblem(key: LearningLogFormSpec.formKey($0.field), message: $0.message)
                        }
                    }
                }
                guard problems.isEmpty else {
                    let page = pages.learningLogPage(
                        arrangement, log: log, context: logContext, failed: kind, values: values,
                        problems: problems, place: try await pages.place(of: arrangement))
                    return html(renderer.render(page, context), status: .badRequest)
                }
                let added =
                    entries.lessons.first?.id ?? entries.decisions.first?.id ?? entries.changes.first?.id ?? ""
                let location = SiteURL.learningLog(arrangement.id).href(
                    after: .learningEntryAdded(kind, id: added))
                return Response(status: .seeOther, headers: [.location: location])
            }
        }
        routes.apiArrangement.get(APIURL.learningLog("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let arrangement = try context.requireArrangement()
            let (log, _) = try await read(arrangement.id)
            return try APIRoutes.json(LearningLogDocument(log))
        }
        routes.apiArrangement.post(APIURL.learningLog("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let text = try await APIRoutes.jsonBody(request)
            let arrangement = try context.requireArrangement()
            let (log, logContext) = try await read(arrangement.id)
            do {
                let entries = try LearningLogFormat.entries(
                    from: text, format: .json, source: "body", adding: log, context: logContext)
                guard !entries.isEmpty else {
                    throw ValidationFailure(issues: [
                        ValidationIssue(
                            field: "body", message: "geen lessen, besluiten of wijzigingen om toe te voegen")
                    ])
                }
                let stored = try await learningLog.append(entries, to: arrangement.id)
                var response = try APIRoutes.json(LearningLogDocument(stored), status: .created)
                response.headers[.location] = APIURL.learningLog(arrangement.id).path
                return response
            } catch let failure as ValidationFailure {
                throw APIRoutes.invalid(
                    ValidationFailure(
                        issues: failure.issues.map { issue in
                            var issue = issue
                            issue.source = nil
                            return issue
                        }))
            }
        }
    }

    private func read(_ id: String) async throws -> (LearningLog, LearningLogContext) {
        (try await learningLog.log(of: id), try await learningLog.context(of: id))
    }
}
