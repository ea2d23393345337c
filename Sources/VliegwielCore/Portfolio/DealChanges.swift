import Foundation

/// One problem in a deal's record, tied to the item it is in, so that a form, an API
/// answer or a CSV import can point at the right place.
public struct RecordProblem: Sendable, Hashable {
    /// The collection: `deal`, `partners`, `financiering`, `programmalijnen` or `projecten`.
    public var collection: String
    /// The id of the item, as given.
    public var itemID: String
    /// The field's key (as in JSON and the CSV header).
    public var field: String
    /// What is wrong and what is allowed, in Dutch.
    public var message: String

    public init(collection: String, itemID: String, field: String, message: String) {
        self.collection = collection
        self.itemID = itemID
        self.field = field
        self.message = message
    }

    /// As a validation issue: `partners[gemeente-zwolle].uitgetreden`.
    public func issue(arrangementID: String) -> ValidationIssue {
        ValidationIssue(
            arrangementID: arrangementID,
            field: collection == "deal" ? field : "\(collection)[\(itemID)].\(field)", message: message)
    }
}

/// A change to a deal's record. Applying it never fails; the result is then checked as a
/// whole, and a store writes it only when no problem remains.
public enum DealChange: Sendable, Hashable {
    /// Replaces the deal's own facts (name, tranche, Rijk contribution, source, closing day);
    /// the id stays.
    case updateDeal(PortfolioDeal)
    /// Adds the partners, replacing those with the same id.
    case upsertPartners([Partner])
    case deletePartner(id: String)
    case upsertFinanceLines([FinanceLine])
    case deleteFinanceLine(id: String)
    case upsertProgrammeLines([ProgrammeLine])
    case deleteProgrammeLine(id: String)
    case upsertProjects([Project])
    case deleteProject(id: String)
}

extension DealRecord {
    /// The record with `change` applied, and whether the change found what it names
    /// (`false` when a delete names an unknown id).
    public func applying(_ change: DealChange) -> (record: DealRecord, found: Bool) {
        var record = self
        let id = deal.id
        var found = true
        func upsert<T: Identifiable>(_ items: [T], into list: inout [T]) where T.ID == String {
            for item in items {
                if let index = list.firstIndex(where: { $0.id == item.id }) {
                    list[index] = item
                } else {
                    list.append(item)
                }
            }
        }
        func remove<T: Identifiable>(_ id: String, from list: inout [T]) where T.ID == String {
            let before = list.count
            list.removeAll { $0.id == id }
            found = list.count < before
        }
        switch change {
        case .updateDeal(let deal):
            record.deal = deal
            record.deal.id = id
        case .upsertPartners(let items): upsert(items, into: &record.partners)
        case .deletePartner(let id): remove(id, from: &record.partners)
        case .upsertFinanceLines(let items): upsert(items, into: &record.financeLines)
        case .deleteFinanceLine(let id): remove(id, from: &record.financeLines)
        case .upsertProgrammeLines(let items): upsert(items, into: &record.programmeLines)
        case .deleteProgrammeLine(let id): remove(id, from: &record.programmeLines)
        case .upsertProjects(let items): upsert(items, into: &record.projects)
        case .deleteProject(let id): remove(id, from: &record.projects)
        }
        return (record, found)
    }

    /// Every problem in the record, in the order deal, partners, financiering,
    /// programmalijnen, projecten; empty when the record may be stored.
    public var problems: [RecordProblem] {
        var problems: [RecordProblem] = []
        func add(_ collection: String, _ id: String, _ field: String, _ message: String) {
            problems.append(RecordProblem(collection: collection, itemID: id, field: field, message: message))
        }
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        func checkIDs<T: Identifiable>(_ items: [T], _ collection: String) where T.ID == String {
            var seen: Set<String> = []
            for item in items {
                if !ArrangementValidator.isSlug(item.id) {
                    add(
                        collection, item.id, "id",
                        "'\(item.id)' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes")
                } else if !seen.insert(item.id).inserted {
                    add(collection, item.id, "id", "komt meer dan eens voor")
                }
            }
        }

        if !PortfolioDeal.tranches.contains(deal.tranche) {
            add("deal", deal.id, "tranche", "\(deal.tranche) bestaat niet; toegestaan: 1 tot en met 6")
        }
        if let amount = deal.rijkContribution, amount.cents <= 0 {
            add("deal", deal.id, "rijkbijdrageCent", "moet groter dan 0 zijn; laat een onbekend bedrag leeg")
        }
        if blank(deal.source) { add("deal", deal.id, "bron", "ontbreekt; noem de openbare bron") }

        let partnerIDs = Set(partners.map(\.id))
        let lineIDs = Set(programmeLines.map(\.id))
        func known(_ ids: Set<String>) -> String { ids.isEmpty ? "(nog geen)" : ids.sorted().joined(separator: ", ") }
        /// A list names each value once: the store keeps a set, so a repeat would be lost or refused.
        func checkRepeats(_ codes: [String], _ collection: String, _ id: String, _ field: String) {
            var seen: Set<String> = []
            let repeated = codes.filter { !seen.insert($0).inserted }
            for code in Set(repeated).sorted() { add(collection, id, field, "'\(code)' staat er meer dan eens in") }
        }

        checkIDs(partners, "partners")
        for partner in partners {
            if blank(partner.organisation) { add("partners", partner.id, "organisatie", "ontbreekt of is leeg") }
            if partner.roles.isEmpty {
                add(
                    "partners", partner.id, "rollen", "noem ten minste één rol; toegestaan: \(PartnerRole.allowedCodes)"
                )
            }
            checkRepeats(partner.roles.map(\.code), "partners", partner.id, "rollen")
            if let joined = partner.joinedOn, let left = partner.leftOn, left <= joined {
                add("partners", partner.id, "uitgetreden", "\(left) ligt niet na de toetreding (\(joined))")
            }
        }

        checkIDs(financeLines, "financiering")
        for line in financeLines {
            if !partnerIDs.contains(line.partnerID) {
                add(
                    "financiering", line.id, "partner",
                    "onbekende partner '\(line.partnerID)'; bekende partners: \(known(partnerIDs))")
            } else if partner(line.partnerID)?.type.isRijk == true, line.sector == .privateMoney {
                add("financiering", line.id, "sector", "geld van een ministerie is publiek geld; gebruik 'publiek'")
            }
            if let lineID = line.programmeLineID, !lineIDs.contains(lineID) {
                add(
                    "financiering", line.id, "programmalijn",
                    "onbekende programmalijn '\(lineID)'; bekende programmalijnen: \(known(lineIDs))")
            }
            if !(1990...2100).contains(line.year) {
                add("financiering", line.id, "jaar", "\(line.year) ligt niet tussen 1990 en 2100")
            }
            if line.amount.cents <= 0 { add("financiering", line.id, "bedrag", "moet groter dan 0 zijn") }
        }

        checkIDs(programmeLines, "programmalijnen")
        for line in programmeLines where blank(line.name) {
            add("programmalijnen", line.id, "naam", "ontbreekt of is leeg")
        }

        checkIDs(projects, "projecten")
        for project in projects {
            if blank(project.name) { add("projecten", project.id, "naam", "ontbreekt of is leeg") }
            if !lineIDs.contains(project.programmeLineID) {
                add(
                    "projecten", project.id, "programmalijn",
                    "onbekende programmalijn '\(project.programmeLineID)'; bekende programmalijnen: \(known(lineIDs))")
            }
            if let lead = project.leadPartnerID, !partnerIDs.contains(lead) {
                add(
                    "projecten", project.id, "trekker",
                    "onbekende partner '\(lead)'; bekende partners: \(known(partnerIDs))")
            }
            for other in project.partnerIDs where !partnerIDs.contains(other) {
                add(
                    "projecten", project.id, "partners",
                    "onbekende partner '\(other)'; bekende partners: \(known(partnerIDs))")
            }
            checkRepeats(project.partnerIDs, "projecten", project.id, "partners")
            checkRepeats(project.themes.map(\.code), "projecten", project.id, "themas")
            if let budget = project.budget, budget.cents < 0 {
                add("projecten", project.id, "budget", "mag niet negatief zijn")
            }
            if let start = project.startsOn, let end = project.endsOn, end < start {
                add("projecten", project.id, "einde", "\(end) ligt voor de start (\(start))")
            }
        }
        return problems
    }
}

extension DealRecord {
    /// The record of deal `id` after `changes`, in order — what every store writes. A change that
    /// deletes an item that does not exist, and every problem of the result, are reported together.
    ///
    /// - Throws: ``ValidationFailure`` with every problem; the caller then stores nothing.
    public func applying(_ changes: [DealChange], to id: String) throws(ValidationFailure) -> DealRecord {
        var record = self
        var issues: [ValidationIssue] = []
        for change in changes {
            let (changed, found) = record.applying(change)
            if !found, let (collection, itemID) = change.deletedItem {
                issues.append(
                    ValidationIssue(arrangementID: id, field: "\(collection)[\(itemID)]", message: "bestaat niet"))
            }
            record = changed
        }
        issues += record.problems.map { $0.issue(arrangementID: id) }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        return record
    }
}

extension DealChange {
    /// The collection and id a delete names; `nil` for an upsert.
    var deletedItem: (String, String)? {
        switch self {
        case .deletePartner(let id): ("partners", id)
        case .deleteFinanceLine(let id): ("financiering", id)
        case .deleteProgrammeLine(let id): ("programmalijnen", id)
        case .deleteProject(let id): ("projecten", id)
        default: nil
        }
    }
}
