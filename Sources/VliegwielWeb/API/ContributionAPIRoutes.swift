import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The contribution graph of an arrangement in the API (issue 6 item 7): a version with its
/// analysis, the newest unless `?versie=N` asks for another.
struct ContributionAPIRoutes: Sendable {
    let contributions: any ContributionStore

    func register(on routes: RouteGroups) {
        routes.apiArrangement.get(APIURL.contributionGraph("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let id = context.arrangementID ?? ""
            let query = queryParameters(request.uri.query)
            var number: Int?
            if let values = query["versie"] {
                guard values.count == 1, let value = Int(values[0]), value >= 1 else {
                    throw Problem(
                        .badRequest, detail: "De zoekvraag is ongeldig.",
                        invalidParams: [
                            .init(
                                name: "versie",
                                reason: "'\(values.joined(separator: ","))' is geen versienummer (1, 2, …)")
                        ])
                }
                number = value
            }
            _ = try context.requireArrangement()
            let history = try await contributions.history(of: id)
            guard !history.versions.isEmpty else {
                throw Problem(.notFound, detail: "Arrangement '\(id)' heeft nog geen bijdragegraaf.")
            }
            guard let document = ContributionGraphDocument(history, version: number) else {
                let known = history.versions.map { String($0.number) }.joined(separator: ", ")
                throw Problem(
                    .notFound,
                    detail:
                        "Arrangement '\(id)' heeft geen versie \(number ?? 0) van de bijdragegraaf; versies: \(known).")
            }
            return try APIRoutes.json(document)
        }
    }
}
