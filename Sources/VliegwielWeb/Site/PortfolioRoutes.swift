import Foundation
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// Adds one item to a deal, or changes one (`changing` its id), for the forms and the API
/// alike: every problem, or the item stored.
enum DealItemSubmission {
    /// - Parameter expected: the revision of the record the user's form was filled from; when it
    ///   changed in between, nothing is stored and ``RevisionConflict`` is thrown.
    static func save(
        _ collection: DealCollection, values: [String: [String]], to record: DealRecord,
        portfolio: any PortfolioStore, derivesID: Bool, changing fixedID: String? = nil,
        expecting expected: RecordRevision? = nil
    ) async throws -> Result<DealItem, ItemProblems> {
        let (item, problems) = DealItemInput.item(
            collection, values: values, record: record, derivesID: derivesID, changing: fixedID)
        guard problems.isEmpty else { return .failure(ItemProblems(items: problems)) }
        do {
            if let expected {
                try await portfolio.apply([item.change], to: record.deal.id, expecting: expected)
            } else {
                try await portfolio.apply([item.change], to: record.deal.id)
            }
        } catch let failure as ValidationFailure {
            return .failure(
                ItemProblems(items: DealItemInput.problems(from: failure, collection: collection, itemID: item.id)))
        }
        return .success(item)
    }

    /// The record of deal `id`, or a 404 that says why there is none.
    static func record(_ id: String, in portfolio: any PortfolioStore) async throws -> DealRecord {
        guard let record = try await portfolio.record(id: id) else {
            throw Problem(.notFound, detail: "Er is geen deal van de portefeuille met id '\(id)'.")
        }
        return record
    }
}

/// The portfolio page and the forms that add partners, money, programme lines and projects.
struct PortfolioSiteRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer

    func register(on routes: RouteGroups) {
        routes.reading.get(SiteURL.portfolio.pattern) { request, context in
            let query = SiteRoutes.read(request)
            let page = try await pages.portfolioPage(query: query)
            return html(
                renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
        routes.reading.get(SiteURL.portfolioRegion("").pattern) { request, context in
            let query = SiteRoutes.read(request)
            guard let code = context.parameters.get("id"),
                let page = try await pages.regionPage(code, query: query)
            else { throw HTTPError(.notFound) }
            return html(renderer.render(page, context))
        }
        routes.arrangement.post(SiteURL.restoreDealItem("").pattern) { request, context in
            let record = try await DealItemSubmission.record(context.arrangementID ?? "", in: pages.portfolio)
            let values = try await SiteRoutes.formValues(request)
            guard let collection = values["soort"]?.first.flatMap(DealCollection.init(rawValue:)),
                let itemID = values["item"]?.first, !itemID.isEmpty
            else {
                throw Problem(.badRequest, detail: "Het formulier noemt niet wat terug moet: soort en item ontbreken.")
            }
            guard !collection.contains(itemID, in: record) else {
                throw Problem(
                    .conflict,
                    detail: "\(collection.theItemAtStart) '\(itemID)' bestaat al weer; er is niets teruggezet.")
            }
            guard
                let deleted = try await DealItemRestore.recentDeletion(
                    of: itemID, in: collection, deal: record.deal.id, by: context.audit.actor,
                    audit: pages.stores.audit),
                let restoration = deleted.restoration
            else {
                throw Problem(
                    .notFound,
                    detail:
                        "U hebt \(collection.theItem) '\(itemID)' niet in het afgelopen uur verwijderd, dus ongedaan maken kan niet meer. Wat is verwijderd, staat in het auditlogboek."
                )
            }
            do {
                try await pages.portfolio.apply([restoration], to: record.deal.id)
            } catch let failure as ValidationFailure {
                throw Problem(
                    .conflict,
                    detail:
                        "\(collection.theItemAtStart) '\(itemID)' is niet teruggezet: \(failure.issues.map { "\($0.field): \($0.message)" }.joined(separator: "; "))."
                )
            }
            let location = SiteURL.arrangement(record.deal.id).href(after: .restored(collection))
            return Response(status: .seeOther, headers: [.location: location])
        }
        routes.arrangement.post(SiteURL.acceptComposition("").pattern) { request, context in
            var arrangement = try context.requireArrangement()
            let id = arrangement.id
            let record = try await DealItemSubmission.record(id, in: pages.portfolio)
            let today = todayInUTC()
            guard let start = record.startDate, start <= today,
                let suggestion = CompositionSuggestion(
                    dealID: id, partners: record.partners, from: start, to: today)
            else {
                throw Problem(
                    .badRequest,
                    detail: "Er is geen voorstel voor de samenstelling: de deal heeft geen partners of geen startdatum."
                )
            }
            arrangement.profile = arrangement.profile.accepting(suggestion)
            try await pages.store.save([arrangement])
            let location = SiteURL.arrangement(id).href(after: .compositionAccepted)
            return Response(status: .seeOther, headers: [.location: location])
        }
        for kind in PortfolioCSV.Kind.allCases {
            let path = SiteURL.importCSV("", kind).pattern
            routes.arrangement.get(path) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                var page = pages.csvImport(kind, record: record, arrangementName: context.arrangement?.name)
                page.editing = EditAccess(context, returnTo: request.uri.description)
                return html(renderer.render(page, context))
            }
            routes.arrangement.post(path) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let text = try await SiteRoutes.formValues(request)["csv"]?.first ?? ""
                var problems: [String] = []
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    problems = ["plak de inhoud van een CSV-bestand, met de kopregel als eerste regel"]
                } else {
                    do {
                        let changes = try PortfolioCSV.changes(kind, csv: text, source: "CSV", record: record)
                        try await pages.portfolio.apply(changes, to: record.deal.id)
                    } catch let failure as ValidationFailure {
                        problems = failure.issues.map { issue in
                            [issue.field.isEmpty ? nil : issue.field, issue.message].compactMap { $0 }
                                .joined(separator: ": ")
                        }
                    }
                }
                guard problems.isEmpty else {
                    let page = pages.csvImport(
                        kind, record: record, text: text, problems: problems,
                        arrangementName: context.arrangement?.name)
                    return html(renderer.render(page, context), status: .badRequest)
                }
                let location = SiteURL.arrangement(record.deal.id).href(after: .imported(kind))
                return Response(status: .seeOther, headers: [.location: location])
            }
        }
        for collection in DealCollection.allCases {
            routes.arrangement.post(SiteURL.deleteDealItem("", collection, "").pattern) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard collection.contains(itemID, in: record) else {
                    throw Problem(.notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                do {
                    try await pages.portfolio.apply([collection.deletion(of: itemID)], to: record.deal.id)
                } catch let failure as ValidationFailure {
                    throw Problem(
                        .conflict,
                        detail:
                            "\(collection.theItemAtStart) '\(itemID)' is niet verwijderd: \(failure.issues.map { "\($0.field): \($0.message)" }.joined(separator: "; "))."
                    )
                }
                let location = SiteURL.arrangement(record.deal.id).href(after: .deleted(collection, id: itemID))
                return Response(status: .seeOther, headers: [.location: location])
            }
            routes.arrangement.get(SiteURL.deleteDealItem("", collection, "").pattern) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard
                    var page = pages.deleteConfirmation(
                        collection, itemID: itemID, record: record,
                        arrangementName: context.arrangement?.name)
                else {
                    throw Problem(.notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                page.editing = EditAccess(context, returnTo: request.uri.description)
                return html(renderer.render(page, context))
            }
            let editPath = SiteURL.editDealItem("", collection, "").pattern
            routes.arrangement.get(editPath) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard let values = DealItemInput.formValues(of: collection, id: itemID, in: record) else {
                    throw Problem(.notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                var page = pages.dealForm(
                    collection, record: record, values: values, changing: itemID,
                    arrangementName: context.arrangement?.name)
                page.revision = try RecordRevision(of: record).rawValue
                page.editing = EditAccess(context, returnTo: request.uri.description)
                return html(renderer.render(page, context))
            }
            routes.arrangement.post(editPath) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let itemID = context.parameters.get("item") ?? ""
                guard collection.contains(itemID, in: record) else {
                    throw Problem(.notFound, detail: "De deal heeft geen \(collection.itemName) met id '\(itemID)'.")
                }
                var values = try await SiteRoutes.formValues(request)
                let sent = values.removeValue(forKey: "revisie")?.first.map(RecordRevision.init(rawValue:))
                let result: Result<DealItem, ItemProblems>
                do {
                    result = try await DealItemSubmission.save(
                        collection, values: values, to: record, portfolio: pages.portfolio, derivesID: false,
                        changing: itemID, expecting: sent)
                } catch is RevisionConflict {
                    // Re-shown with the user's input and the current revision: nothing was overwritten,
                    // and sending it again, knowingly, stores it over the current record.
                    let current = try await DealItemSubmission.record(record.deal.id, in: pages.portfolio)
                    var page = pages.dealForm(
                        collection, record: current, values: values, changing: itemID,
                        arrangementName: context.arrangement?.name)
                    page.revision = try RecordRevision(of: current).rawValue
                    page.errors.insert(
                        FieldError(
                            fieldID: page.fields.first?.fieldID ?? "veld-id", label: "Gelijktijdige wijziging",
                            message:
                                "iemand anders heeft deze deal gewijzigd nadat u dit formulier opende. Uw wijziging is niet opgeslagen en er is niets overschreven. Bekijk de actuele gegevens op de dealpagina, of verstuur dit formulier opnieuw om uw invoer toch op te slaan"
                        ), at: 0)
                    page.hasErrors = true
                    return html(renderer.render(page, context), status: .conflict)
                }
                switch result {
                case .failure(let problems):
                    var page = pages.dealForm(
                        collection, record: record, values: values, problems: problems.items,
                        changing: itemID, arrangementName: context.arrangement?.name)
                    page.revision = sent?.rawValue
                    return html(renderer.render(page, context), status: .badRequest)
                case .success:
                    let location = SiteURL.arrangement(record.deal.id).href(after: .changed(collection))
                    return Response(status: .seeOther, headers: [.location: location])
                }
            }
            let path = SiteURL.newDealItem("", collection).pattern
            routes.arrangement.get(path) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                var page = pages.dealForm(
                    collection, record: record, arrangementName: context.arrangement?.name)
                page.editing = EditAccess(context, returnTo: request.uri.description)
                return html(renderer.render(page, context))
            }
            routes.arrangement.post(path) { request, context in
                let record = try await DealItemSubmission.record(
                    context.arrangementID ?? "", in: pages.portfolio)
                let values = try await SiteRoutes.formValues(request)
                let result = try await DealItemSubmission.save(
                    collection, values: values, to: record, portfolio: pages.portfolio, derivesID: true)
                switch result {
                case .failure(let problems):
                    let page = pages.dealForm(
                        collection, record: record, values: values, problems: problems.items,
                        arrangementName: context.arrangement?.name)
                    return html(renderer.render(page, context), status: .badRequest)
                case .success:
                    let location = SiteURL.arrangement(record.deal.id).href(after: .added(collection))
                    return Response(status: .seeOther, headers: [.location: location])
                }
            }
        }
    }
}
