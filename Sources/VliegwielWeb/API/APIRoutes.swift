import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The JSON API under `/api/v1`, following the Dutch API design rules: Dutch plural
/// resource names, problem+json errors listing every invalid field, content negotiation.
struct APIRoutes: Sendable {
    let store: any ArrangementStore
    let catalogue: [Arrangement]
    let openAPI: Data

    func register(on routes: RouteGroups) {
        routes.reading.get(APIURL.openAPI.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
        routes.reading.get(APIURL.arrangements.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let query = queryParameters(request.uri.query)
            var invalid: [Problem.InvalidParameter] = []
            let family = try Self.vocabulary(Family.self, "familie", query, &invalid)
            let kind = try Self.vocabulary(ArrangementKind.self, "soort", query, &invalid)
            if !invalid.isEmpty {
                throw Problem(.badRequest, detail: "De zoekvraag is ongeldig.", invalidParams: invalid)
            }
            let arrangements = try await store.allArrangements().filter {
                (family == nil || $0.family == family) && (kind == nil || $0.kind == kind)
            }
            return try Self.json(ArrangementList(arrangements: arrangements))
        }
        routes.apiArrangement.get(APIURL.arrangement("").pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let found = try context.requireArrangement()
            return Self.tagged(try Self.json(found), try RecordRevision(of: found))
        }
        routes.apiArrangement.put(APIURL.arrangement("").pattern) { request, context in
            try Self.requireJSONAccepted(request)
            return try await Self.answeringConflicts(request) {
                try await replace(request, context)
            }
        }
        routes.apiArrangement.delete(APIURL.arrangement("").pattern) { request, context in
            try Self.requireJSONAccepted(request)
            return try await Self.answeringConflicts(request) {
                try await remove(request, context)
            }
        }
        routes.installation.post(APIURL.arrangements.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let text = try await Self.jsonBody(request)
            let incoming: Arrangement
            do {
                incoming = try ArrangementFormat.json.decodeArrangement(text, source: "verzoek")
            } catch let error as ValidationFailure {
                throw Self.invalid(error)
            }
            let existing = try await store.arrangement(id: incoming.id)
            let plan = ImportPlanner.plan(
                incoming: [incoming], existing: existing.map { [$0.id: $0] } ?? [:], shippedReferences: references)
            guard plan.isAccepted else { throw Self.invalid(ValidationFailure(issues: plan.issues)) }
            let exists = Problem(.conflict, detail: "Er bestaat al een arrangement met id '\(incoming.id)'.")
            guard plan.created == [incoming.id] else { throw exists }
            let revision: RecordRevision
            do {
                revision = try await store.save(
                    incoming, expecting: .absent, author: context.audit.actor, reason: "aangemaakt via de API")
            } catch is RevisionConflict {
                throw exists
            }
            var response = Self.tagged(try Self.json(incoming, status: .created), revision)
            response.headers[.location] = APIURL.arrangement(incoming.id).path
            return response
        }
        routes.apiArrangement.get(APIURL.advice("").pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let subject = try context.requireArrangement()
            return try Self.json(AdviceBody(arrangement: subject, references: catalogue))
        }
        routes.reading.get(APIURL.comparisons.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let query = queryParameters(request.uri.query)
            let ids = (query["arrangementen"] ?? []).flatMap { $0.split(separator: ",").map(String.init) }
            var invalid: [Problem.InvalidParameter] = []
            var arrangements: [Arrangement] = []
            for id in ids {
                if let found = try await store.arrangement(id: id) {
                    arrangements.append(found)
                } else {
                    invalid.append(.init(name: "arrangementen", reason: "onbekend arrangement '\(id)'"))
                }
            }
            if ids.count < 2 {
                invalid.append(
                    .init(name: "arrangementen", reason: "geef ten minste twee ids, gescheiden door komma's"))
            }
            if !invalid.isEmpty {
                throw Problem(.badRequest, detail: "De vergelijking is ongeldig.", invalidParams: invalid)
            }
            do {
                return try Self.json(try ComparisonReport(arrangements, references: catalogue))
            } catch let error as ValidationFailure {
                throw Self.invalid(error)
            }
        }
        routes.reading.post(APIURL.adviceForProfile.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let text = try await Self.jsonBody(request)
            let body: ProfileRequest
            do {
                let (decoded, issues) = try ArrangementFormat.json.decodeValue(
                    ProfileRequest.self, from: text, source: "verzoek")
                if !issues.isEmpty { throw ValidationFailure(issues: issues) }
                body = decoded
            } catch let error as ValidationFailure {
                throw Self.invalid(error)
            }
            let design = Arrangement(
                id: "ontwerp", name: "Ontwerp", family: .other, kind: .practice, variantID: "regio-deal", sources: [],
                profile: body.profile)
            return try Self.json(AdviceBody(arrangement: design, references: catalogue, isUnsaved: true))
        }
        routes.reading.post(APIURL.whatIf.pattern) { request, context in
            try Self.requireJSONAccepted(request)
            let text = try await Self.jsonBody(request)
            let body: WhatIfRequest
            do {
                body = try JSONDecoder().decode(WhatIfRequest.self, from: Data(text.utf8))
            } catch {
                throw Problem(
                    .badRequest,
                    detail:
                        "Verwacht {\"arrangement\": \"id\", \"wijzigingen\": {\"dimensie\": [\"waarde\"]}}.",
                    invalidParams: [.init(name: "body", reason: "geen geldig wat-als-verzoek")])
            }
            var invalid: [Problem.InvalidParameter] = []
            var changes: [DimensionChange] = []
            for (name, codes) in body.changes.sorted(by: { $0.key < $1.key }) {
                guard let dimension = ProfileDimension.named(name) else {
                    invalid.append(.init(name: "wijzigingen.\(name)", reason: "onbekende dimensie"))
                    continue
                }
                changes.append(DimensionChange(dimension: dimension, codes: codes))
            }
            let subject = try await store.arrangement(id: body.arrangement)
            if subject == nil {
                invalid.append(.init(name: "arrangement", reason: "onbekend arrangement '\(body.arrangement)'"))
            }
            if body.changes.isEmpty {
                invalid.append(.init(name: "wijzigingen", reason: "geef ten minste één wijziging"))
            }
            guard let subject, invalid.isEmpty else {
                throw Problem(.badRequest, detail: "Het wat-als-verzoek is ongeldig.", invalidParams: invalid)
            }
            do {
                return try Self.json(try WhatIf(subject, changes: changes))
            } catch let error as ValidationFailure {
                throw Problem(
                    .badRequest, detail: "Het wat-als-verzoek is ongeldig.",
                    invalidParams: error.issues.map { .init(name: "wijzigingen.\($0.field)", reason: $0.message) })
            }
        }
    }

    /// The shipped reference variants by id.
    private var references: [String: Arrangement] {
        Dictionary(catalogue.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `PUT /api/v1/arrangementen/{id}`: replaces (or creates) the arrangement; with `If-Match`
    /// only when the stored one still has that ETag.
    private func replace(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = context.arrangementID ?? ""
        let condition = try Self.ifMatch(request)
        let text = try await Self.jsonBody(request)
        let incoming = try Self.decodeArrangement(text)
        guard incoming.id == id else {
            throw Problem(
                .badRequest, detail: "De id in de inhoud verschilt van die in het adres.",
                invalidParams: [.init(name: "id", reason: "'\(incoming.id)' is niet de id van het adres, '\(id)'")])
        }
        let current = context.arrangement
        let revision = try current.map(RecordRevision.init(of:))
        let plan = ImportPlanner.plan(
            incoming: [incoming], existing: current.map { [id: $0] } ?? [:], shippedReferences: references)
        guard plan.isAccepted else { throw Self.invalid(ValidationFailure(issues: plan.issues)) }
        if let condition, !condition.matches(revision) { throw Self.conflict(id, found: revision, deleting: false) }
        if plan.unchanged == [id], let revision { return Self.tagged(try Self.json(incoming), revision) }
        do {
            let stored = try await store.save(
                incoming, expecting: revision.map { .revision($0) } ?? .absent, author: context.audit.actor,
                reason: current == nil ? "aangemaakt via de API" : "gewijzigd via de API")
            var response = Self.tagged(try Self.json(incoming, status: current == nil ? .created : .ok), stored)
            if current == nil { response.headers[.location] = APIURL.arrangement(id).path }
            return response
        } catch let conflict as RevisionConflict {
            throw Self.conflict(id, found: conflict.found, deleting: false)
        }
    }

    /// `DELETE /api/v1/arrangementen/{id}`: removes an own arrangement; with `If-Match` only
    /// when the stored one still has that ETag.
    private func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let condition = try Self.ifMatch(request)
        let current = try context.requireArrangement()
        let id = current.id
        if current.kind == .reference {
            throw Problem(
                .conflict,
                detail:
                    "'\(id)' is een referentievariant uit het essay; die wordt met Vliegwiel meegeleverd en kan niet worden verwijderd."
            )
        }
        let revision = try RecordRevision(of: current)
        if let condition, !condition.matches(revision) { throw Self.conflict(id, found: revision, deleting: true) }
        do {
            guard try await store.delete(id: id, expecting: revision) else {
                throw Problem(.notFound, detail: "Er is geen arrangement met id '\(id)'.")
            }
        } catch let conflict as RevisionConflict {
            throw Self.conflict(id, found: conflict.found, deleting: true)
        }
        return Response(status: .noContent)
    }

    /// The 409 of a write whose `If-Match` (or whose own read) no longer matches: what
    /// happened and what to do, with the current ETag when there is one.
    static func conflict(_ id: String, found: RecordRevision?, deleting: Bool) -> RevisionConflictProblem {
        let outcome = deleting ? "het is niet verwijderd" : "uw wijziging is niet opgeslagen"
        let advice =
            deleting
            ? "bekijk de actuele inhoud en stuur DELETE opnieuw met de nieuwe ETag in If-Match als u het nog steeds wilt verwijderen."
            : "neem uw wijziging over in de actuele inhoud en stuur die met de nieuwe ETag in If-Match."
        let detail =
            found == nil
            ? "Het arrangement '\(id)' is intussen verwijderd; \(outcome). "
                + (deleting ? "Er is niets meer te doen." : "Maak het zo nodig opnieuw aan, zonder If-Match.")
            : "Het arrangement '\(id)' is gewijzigd sinds u het ophaalde (uw If-Match past niet bij de huidige ETag); "
                + "\(outcome). Haal het opnieuw op met GET \(APIURL.arrangement(id).path), " + advice
        return RevisionConflictProblem(problem: Problem(.conflict, detail: detail), current: found)
    }

    /// The arrangement in a request body, or a 400 listing every problem.
    static func decodeArrangement(_ text: String) throws -> Arrangement {
        do throws(ValidationFailure) {
            return try ArrangementFormat.json.decodeArrangement(text, source: "verzoek")
        } catch {
            throw invalid(error)
        }
    }

    /// The response of `body`, or the 409 of its conflict with the current ETag.
    static func answeringConflicts(_ request: Request, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let conflict as RevisionConflictProblem {
            let response = conflict.problem.response(instance: request.uri.path)
            return conflict.current.map { tagged(response, $0) } ?? response
        }
    }

    /// The `If-Match` header: `nil` when absent.
    static func ifMatch(_ request: Request) throws -> EntityTagCondition? {
        let values = request.headers[values: .ifMatch]
        guard !values.isEmpty else { return nil }
        let parts = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if parts == ["*"] { return .any }
        var tags: [String] = []
        for part in parts {
            if part.hasPrefix("W/") { continue }  // a weak tag never matches for If-Match (RFC 9110 §13.1.1)
            guard part.count >= 2, part.hasPrefix("\""), part.hasSuffix("\"") else {
                throw Problem(
                    .badRequest, detail: "De kopregel If-Match is ongeldig.",
                    invalidParams: [
                        .init(
                            name: "If-Match", reason: "verwacht * of een ETag tussen aanhalingstekens, zoals \"a1b2…\"")
                    ])
            }
            tags.append(String(part.dropFirst().dropLast()))
        }
        return .tags(tags)
    }

    /// `response` with `revision` as its strong ETag.
    static func tagged(_ response: Response, _ revision: RecordRevision) -> Response {
        var response = response
        response.headers[.eTag] = "\"\(revision.rawValue)\""
        return response
    }

    // MARK: Helpers

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// 406 unless the client accepts JSON (or anything).
    static func requireJSONAccepted(_ request: Request) throws {
        guard let accept = request.headers[.accept], !accept.isEmpty else { return }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        }
        let acceptable = ["application/json", "application/problem+json", "application/*", "*/*"]
        guard types.contains(where: acceptable.contains) else {
            throw Problem(
                .notAcceptable, detail: "Deze API levert alleen application/json; vraag daarom om application/json.")
        }
    }

    /// The request body as JSON text: 415 for another media type, 413 when too large.
    static func jsonBody(_ request: Request) async throws -> String {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") else {
            throw Problem(.unsupportedMediaType, detail: "Stuur de inhoud als application/json.")
        }
        do {
            return String(buffer: try await request.body.collect(upTo: maximumBodySize))
        } catch {
            throw Problem(.contentTooLarge, detail: "De inhoud is groter dan \(maximumBodySize / 1024) kB.")
        }
    }

    static func invalid(_ failure: ValidationFailure) -> Problem {
        Problem(
            .badRequest, detail: "De invoer bevat \(failure.issues.count) fout(en); zie invalidParams.",
            invalidParams: failure.issues.map {
                .init(name: $0.field.isEmpty ? "body" : $0.field, reason: $0.message)
            })
    }

    static func vocabulary<V: Vocabulary>(
        _ type: V.Type, _ name: String, _ query: [String: [String]], _ invalid: inout [Problem.InvalidParameter]
    ) throws -> V? {
        guard let code = query[name]?.first, !code.isEmpty else { return nil }
        guard let value = V(code: code) else {
            invalid.append(.init(name: name, reason: "onbekende waarde '\(code)'; toegestaan: \(V.allowedCodes)"))
            return nil
        }
        return value
    }
}

/// An `If-Match` header.
enum EntityTagCondition: Equatable {
    /// `*`: any current representation.
    case any
    /// These strong ETags (weak ones are left out: they never match).
    case tags([String])

    func matches(_ revision: RecordRevision?) -> Bool {
        guard let revision else { return false }
        return switch self {
        case .any: true
        case .tags(let tags): tags.contains(revision.rawValue)
        }
    }
}

/// A 409 for a lost update, carrying the current ETag so the client can see it changed.
struct RevisionConflictProblem: Error, Sendable {
    var problem: Problem
    var current: RecordRevision?
}

/// `GET /api/v1/arrangementen`.
struct ArrangementList: Encodable {
    struct Entry: Encodable {
        var id: String
        var naam: String
        var familie: String
        var soort: String
        var variant: String
        var links: Links

        enum CodingKeys: String, CodingKey {
            case id, naam, familie, soort, variant
            case links = "_links"
        }
    }

    struct Links: Encodable {
        struct Link: Encodable { var href: String }
        var `self`: Link
        var advies: Link
    }

    var arrangementen: [Entry]
    var aantal: Int

    init(arrangements: [Arrangement]) {
        arrangementen = arrangements.map {
            Entry(
                id: $0.id, naam: $0.name, familie: $0.family.code, soort: $0.kind.code, variant: $0.variantID,
                links: Links(
                    self: .init(href: APIURL.arrangement($0.id).path), advies: .init(href: APIURL.advice($0.id).path)))
        }
        aantal = arrangements.count
    }
}

/// The advice on an arrangement or an unsaved profile, with the nearest reference variants.
struct AdviceBody: Encodable {
    var arrangement: Arrangement
    var references: [Arrangement]
    var isUnsaved = false

    enum CodingKeys: String, CodingKey {
        case id, naam, advies
        case nearest = "dichtstbijzijndeReferenties"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !isUnsaved {
            try container.encode(arrangement.id, forKey: .id)
            try container.encode(arrangement.name, forKey: .naam)
        }
        try container.encode(Advice(arrangement.profile), forKey: .advies)
        try container.encode(
            ProfileDistance.nearest(
                to: arrangement.profile, among: references, excluding: isUnsaved ? nil : arrangement.id),
            forKey: .nearest)
    }
}

/// `POST /api/v1/adviezen`: a profile not (yet) saved.
struct ProfileRequest: Decodable {
    var profile: Profile
    enum CodingKeys: String, CodingKey { case profile = "profiel" }
}

/// `POST /api/v1/wat-als`.
struct WhatIfRequest: Decodable {
    var arrangement: String
    var changes: [String: [String]]
    enum CodingKeys: String, CodingKey {
        case arrangement
        case changes = "wijzigingen"
    }
}
