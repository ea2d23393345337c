import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The profile history of an arrangement in the API (issue 6, items 5 and 7): its versions,
/// and the drift between two of them.
struct ProfileHistoryAPIRoutes: Sendable {
    let store: any ArrangementStore

    func register(on routes: RouteGroups) {
        routes.apiArrangement.get(APIURL.profileVersions("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let versions = try await versions(context)
            return try APIRoutes.json(VersionList(versions: versions))
        }
        routes.apiArrangement.get(APIURL.profileDrift("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let query = queryParameters(request.uri.query)
            var invalid: [Problem.InvalidParameter] = []
            func number(_ name: String) -> Int? {
                guard let values = query[name], values.count == 1, let value = Int(values[0]), value >= 1 else {
                    invalid.append(.init(name: name, reason: "geef één versienummer (1, 2, …)"))
                    return nil
                }
                return value
            }
            let from = number("van")
            let to = number("tot")
            let versions = try await versions(context)
            let known = versions.map(\.number)
            for (name, value) in [("van", from), ("tot", to)] {
                if let value, !known.contains(value) {
                    invalid.append(
                        .init(
                            name: name,
                            reason:
                                "versie \(value) bestaat niet; versies: \(known.map(String.init).joined(separator: ", "))"
                        ))
                }
            }
            guard invalid.isEmpty, let from, let to else {
                throw Problem(.badRequest, detail: "De zoekvraag is ongeldig.", invalidParams: invalid)
            }
            do {
                let drift = try ProfileDrift(
                    from: versions.first { $0.number == from }!, to: versions.first { $0.number == to }!)
                return try APIRoutes.json(drift)
            } catch let error as ValidationFailure {
                throw Problem(
                    .badRequest, detail: "De zoekvraag is ongeldig.",
                    invalidParams: error.issues.map { .init(name: "tot", reason: $0.message) })
            }
        }
    }

    private func versions(_ context: AppRequestContext) async throws -> [ArrangementVersion] {
        try await store.versions(of: try context.requireArrangement().id)
    }
}

/// `GET /api/v1/arrangementen/{id}/profielversies`.
struct VersionList: Encodable {
    var versions: [ArrangementVersion]

    enum CodingKeys: String, CodingKey {
        case count = "aantal"
        case versions = "versies"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(versions.count, forKey: .count)
        try container.encode(versions, forKey: .versions)
    }
}
