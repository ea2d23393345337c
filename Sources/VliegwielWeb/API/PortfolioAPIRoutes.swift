import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// The portfolio's API: the summary, the rule check, and the partners, money, programme lines
/// and projects of a deal (list, add one, change one, delete one).
struct PortfolioAPIRoutes: Sendable {
    let portfolio: any PortfolioStore
    let rules: InstrumentRuleSet

    func register(on routes: RouteGroups) {
        routes.reading.get(APIURL.portfolio.pattern) { request, _ in
            try APIRoutes.requireJSONAccepted(request)
            let (query, problems) = PortfolioFilter.parse(queryParameters(request.uri.query))
            guard problems.isEmpty else {
                throw Problem(
                    .badRequest, detail: "De zoekvraag is ongeldig.",
                    invalidParams: problems.map { .init(name: $0.key, reason: $0.message) })
            }
            return try APIRoutes.json(PortfolioSummary(deals: try await portfolio.portfolio(), query: query))
        }
        routes.apiArrangement.get(APIURL.ruleCheck("").pattern) { request, context in
            try APIRoutes.requireJSONAccepted(request)
            let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: portfolio)
            return try APIRoutes.json(RuleCheck.check(record, against: rules))
        }
        for collection in DealCollection.allCases {
            routes.apiArrangement.get(APIURL.dealItems("", collection).pattern) { request, context in
                try APIRoutes.requireJSONAccepted(request)
                let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: portfolio)
                return try Self.list(collection, record, query: queryParameters(request.uri.query))
            }
            routes.apiArrangement.post(APIURL.dealItems("", collection).pattern) { request, context in
                try APIRoutes.requireJSONAccepted(request)
                let text = try await APIRoutes.jsonBody(request)
                let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: portfolio)
                let values: [String: [String]]
                switch DealItemInput.jsonValues(text, collection: collection) {
                case .failure(let problems): throw Self.invalid(problems.items)
                case .success(let found): values = found
                }
                if let id = values["id"]?.first, collection.contains(id, in: record) {
                    throw Problem(
                        .conflict, detail: "De deal heeft al een \(collection.itemName) met id '\(id)'.")
                }
                let result = try await DealItemSubmission.save(
                    collection, values: values, to: record, portfolio: portfolio, derivesID: false)
                switch result {
                case .failure(let problems): throw Self.invalid(problems.items)
                case .success(let item):
                    var response = try Self.created(item)
                    response.headers[.location] = APIURL.dealItem(record.deal.id, collection, item.id).path
                    return response
                }
            }
            routes.apiArrangement.put(APIURL.dealItem("", collection, "").pattern) { request, context in
                try APIRoutes.requireJSONAccepted(request)
                let text = try await APIRoutes.jsonBody(request)
                let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard collection.contains(itemID, in: record) else {
                    throw Problem(
                        .notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                let values: [String: [String]]
                switch DealItemInput.jsonValues(text, collection: collection) {
                case .failure(let problems): throw Self.invalid(problems.items)
                case .success(let found): values = found
                }
                let result = try await DealItemSubmission.save(
                    collection, values: values, to: record, portfolio: portfolio, derivesID: false, changing: itemID)
                switch result {
                case .failure(let problems): throw Self.invalid(problems.items)
                case .success(let item): return try Self.created(item, status: .ok)
                }
            }
            routes.apiArrangement.delete(APIURL.dealItem("", collection, "").pattern) { request, context in
                try APIRoutes.requireJSONAccepted(request)
                let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard collection.contains(itemID, in: record) else {
                    throw Problem(
                        .notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                do {
                    try await portfolio.apply([collection.deletion(of: itemID)], to: record.deal.id)
                } catch let failure as ValidationFailure {
                    throw Problem(
                        .conflict,
                        detail:
                            "\(collection.theItemAtStart) '\(itemID)' kan niet weg: andere gegevens van de deal verwijzen ernaar.",
                        invalidParams: failure.issues.map { .init(name: $0.field, reason: $0.message) })
                }
                return Response(status: .noContent)
            }
        }
    }

    static func invalid(_ problems: [ItemProblem]) -> Problem {
        Problem(
            .badRequest,
            detail: "De invoer bevat \(problems.count) fout(en); zie invalidParams. Er is niets opgeslagen.",
            invalidParams: problems.map { .init(name: $0.key, reason: $0.message) })
    }

    /// The stored item as the answer: 201 when added, 200 when changed.
    static func created(_ item: DealItem, status: HTTPResponse.Status = .created) throws -> Response {
        switch item {
        case .partner(let value): try APIRoutes.json(value, status: status)
        case .financeLine(let value): try APIRoutes.json(value, status: status)
        case .programmeLine(let value): try APIRoutes.json(value, status: status)
        case .project(let value): try APIRoutes.json(value, status: status)
        }
    }

    static func list(_ collection: DealCollection, _ record: DealRecord, query: [String: [String]]) throws -> Response {
        let id = record.deal.id
        switch collection {
        case .partners:
            var invalid: [Problem.InvalidParameter] = []
            func date(_ name: String) -> CalendarDate? {
                guard let text = query[name]?.first, !text.isEmpty else { return nil }
                guard let date = CalendarDate(iso: text) else {
                    invalid.append(.init(name: name, reason: "'\(text)' is geen datum; schrijf JJJJ-MM-DD"))
                    return nil
                }
                return date
            }
            let on = date("op") ?? todayInUTC()
            let since = date("sinds") ?? record.startDate
            if let since, since > on {
                invalid.append(.init(name: "sinds", reason: "\(since.iso) ligt na \(on.iso)"))
            }
            guard invalid.isEmpty else {
                throw Problem(.badRequest, detail: "De zoekvraag is ongeldig.", invalidParams: invalid)
            }
            return try APIRoutes.json(PartnersBody(record: record, on: on, since: since))
        case .financeLines:
            return try APIRoutes.json(
                FinanceBody(arrangement: id, financiering: record.financeLines, samenvatting: FinanceSummary(record)))
        case .programmeLines:
            return try APIRoutes.json(ProgrammeLinesBody(arrangement: id, programmalijnen: record.programmeLines))
        case .projects:
            return try APIRoutes.json(ProjectsBody(arrangement: id, projecten: record.projects))
        }
    }
}

/// `GET /api/v1/arrangementen/{id}/partners`: every partner, who takes part on a day, who
/// joined and left since the start, and the suggestion for `samenstelling`.
struct PartnersBody: Encodable {
    var arrangement: String
    var partners: [Partner]
    var samenstelling: PartnerComposition
    var wijzigingen: CompositionChanges?
    var voorstel: CompositionSuggestion?

    init(record: DealRecord, on date: CalendarDate, since start: CalendarDate?) {
        arrangement = record.deal.id
        partners = record.partners
        samenstelling = PartnerComposition(partners: record.partners, on: date)
        wijzigingen = start.map { CompositionChanges(partners: record.partners, from: $0, to: date) }
        voorstel = start.flatMap {
            CompositionSuggestion(dealID: record.deal.id, partners: record.partners, from: $0, to: date)
        }
    }

    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case arrangement, partners, samenstelling, wijzigingen, voorstel }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(arrangement, forKey: .arrangement)
        try container.encode(partners, forKey: .partners)
        try container.encode(samenstelling, forKey: .samenstelling)
        try container.encode(wijzigingen, forKey: .wijzigingen)
        try container.encode(voorstel, forKey: .voorstel)
    }
}

/// `GET /api/v1/arrangementen/{id}/financiering`.
struct FinanceBody: Encodable {
    var arrangement: String
    var financiering: [FinanceLine]
    var samenvatting: FinanceSummary
}

/// `GET /api/v1/arrangementen/{id}/programmalijnen`.
struct ProgrammeLinesBody: Encodable {
    var arrangement: String
    var programmalijnen: [ProgrammeLine]
}

/// `GET /api/v1/arrangementen/{id}/projecten`.
struct ProjectsBody: Encodable {
    var arrangement: String
    var projecten: [Project]
}
