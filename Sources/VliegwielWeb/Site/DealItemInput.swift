import Foundation
import VliegwielCore
import VliegwielInterchange

/// One problem with a submitted item, by the field's key (the JSON key, the form field's name).
struct ItemProblem: Sendable, Hashable {
    var key: String
    var message: String
}

/// The problems of one submitted item, all of them.
struct ItemProblems: Error, Sendable {
    var items: [ItemProblem]
}

/// One item a form or the API adds to a deal.
enum DealItem: Sendable {
    case partner(Partner)
    case financeLine(FinanceLine)
    case programmeLine(ProgrammeLine)
    case project(Project)

    var id: String {
        switch self {
        case .partner(let item): item.id
        case .financeLine(let item): item.id
        case .programmeLine(let item): item.id
        case .project(let item): item.id
        }
    }

    var change: DealChange {
        switch self {
        case .partner(let item): .upsertPartners([item])
        case .financeLine(let item): .upsertFinanceLines([item])
        case .programmeLine(let item): .upsertProgrammeLines([item])
        case .project(let item): .upsertProjects([item])
        }
    }
}

extension DealCollection {
    /// The JSON keys of one item, as in docs/portefeuille.md.
    var jsonKeys: [String] {
        switch self {
        case .partners: ["id", "organisatie", "type", "rollen", "toegetreden", "uitgetreden", "bron"]
        case .financeLines:
            [
                "id", "partner", "programmalijn", "jaar", "soort", "sector", "vorm", "bedragCent", "datum",
                "omschrijving", "bron",
            ]
        case .programmeLines: ["id", "naam", "omschrijving"]
        case .projects:
            [
                "id", "naam", "omschrijving", "programmalijn", "trekker", "partners", "budgetCent", "start", "einde",
                "status", "themas", "bron",
            ]
        }
    }

    /// Whether the record already holds an item with `id`.
    func contains(_ id: String, in record: DealRecord) -> Bool {
        switch self {
        case .partners: record.partners.contains { $0.id == id }
        case .financeLines: record.financeLines.contains { $0.id == id }
        case .programmeLines: record.programmeLines.contains { $0.id == id }
        case .projects: record.projects.contains { $0.id == id }
        }
    }

    /// The change that deletes the item `id`.
    func deletion(of id: String) -> DealChange {
        switch self {
        case .partners: .deletePartner(id: id)
        case .financeLines: .deleteFinanceLine(id: id)
        case .programmeLines: .deleteProgrammeLine(id: id)
        case .projects: .deleteProject(id: id)
        }
    }

    /// Singular, for messages: "partner", "financieringsregel"…
    var itemName: String {
        switch self {
        case .partners: "partner"
        case .financeLines: "financieringsregel"
        case .programmeLines: "programmalijn"
        case .projects: "project"
        }
    }

    /// The item with its article: "de partner", "het project".
    var theItem: String { (self == .projects ? "het " : "de ") + itemName }

    /// The same at the start of a sentence: "De partner", "Het project".
    var theItemAtStart: String { theItem.prefix(1).uppercased() + theItem.dropFirst() }
}

/// Reads the fields of one item from submitted values (form fields, or a JSON object turned
/// into text values) and collects every problem, so that all are reported at once.
struct DealItemInput {
    let values: [String: [String]]
    /// The id of the item being changed; a change never renames it.
    var fixedID: String? = nil
    private(set) var problems: [ItemProblem] = []

    init(values: [String: [String]]) { self.values = values }

    func text(_ key: String) -> String? {
        let joined = (values[key] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return joined.isEmpty ? nil : joined
    }

    /// The values of a list field: repeated fields (checkboxes), JSON arrays, or `;`-separated text.
    func list(_ key: String) -> [String] {
        (values[key] ?? []).flatMap { $0.split(separator: ";") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    mutating func problem(_ key: String, _ message: String) {
        problems.append(ItemProblem(key: key, message: message))
    }

    mutating func required(_ key: String) -> String {
        guard let value = text(key) else {
            problem(key, "ontbreekt; vul dit veld in")
            return ""
        }
        return value
    }

    mutating func vocabulary<V: Vocabulary>(_ key: String, _ type: V.Type) -> V? {
        guard let code = text(key) else {
            problem(key, "ontbreekt; kies een van: \(V.allowedCodes)")
            return nil
        }
        guard let value = V(code: code) else {
            problem(key, "onbekende waarde '\(code)'; toegestaan: \(V.allowedCodes)")
            return nil
        }
        return value
    }

    mutating func vocabularyList<V: Vocabulary>(_ key: String, _ type: V.Type, atLeastOne: Bool) -> [V] {
        let codes = list(key)
        if codes.isEmpty && atLeastOne {
            problem(key, "kies ten minste één; toegestaan: \(V.allowedCodes)")
        }
        let unknown = codes.filter { V(code: $0) == nil }
        if !unknown.isEmpty {
            problem(
                key,
                "onbekende waarde \(unknown.map { "'\($0)'" }.joined(separator: ", ")); toegestaan: \(V.allowedCodes)")
        }
        return codes.compactMap(V.init(code:))
    }

    mutating func date(_ key: String) -> CalendarDate? {
        guard let text = text(key) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            problem(key, "'\(text)' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-02-09")
            return nil
        }
        return date
    }

    mutating func year(_ key: String) -> Int {
        guard let text = text(key) else {
            problem(key, "ontbreekt; vul een jaartal in, bijvoorbeeld 2024")
            return 0
        }
        guard text.count == 4, let year = Int(text) else {
            problem(key, "'\(text)' is geen jaartal; schrijf vier cijfers, bijvoorbeeld 2024")
            return 0
        }
        return year
    }

    /// An amount: whole cents under `centsKey` (the API), or euros under `eurosKey` (forms).
    mutating func amount(centsKey: String, eurosKey: String, required: Bool) -> EuroCents? {
        if let text = text(centsKey) {
            guard let cents = Int64(text) else {
                problem(centsKey, "'\(text)' is geen geheel aantal eurocent")
                return nil
            }
            return EuroCents(cents: cents)
        }
        guard let text = text(eurosKey) else {
            if required { problem(eurosKey, "ontbreekt; vul een bedrag in euro in, bijvoorbeeld 1250000") }
            return nil
        }
        guard let amount = EuroCents(decimal: text) else {
            problem(
                eurosKey,
                "'\(text)' is geen bedrag; schrijf euro's zonder punten voor duizendtallen en met een komma voor de centen, bijvoorbeeld 1250000,50"
            )
            return nil
        }
        return amount
    }

    /// The item's id: as given, or (when `derivesID`) made from `name` and unique in the record.
    mutating func id(
        _ collection: DealCollection, record: DealRecord, derivedFrom name: String?, derivesID: Bool
    ) -> String {
        if let fixedID {
            if let given = text("id"), given != fixedID {
                problem("id", "een id verandert niet; dit item heet '\(fixedID)'")
            }
            return fixedID
        }
        if let given = text("id") {
            if collection.contains(given, in: record) {
                problem("id", "'\(given)' bestaat al bij deze deal; kies een andere id")
            }
            return given
        }
        guard derivesID else {
            problem("id", "ontbreekt; geef een id van kleine letters, cijfers en streepjes")
            return ""
        }
        guard let name, !BundledPortfolio.slug(name).isEmpty else { return "" }
        let base = BundledPortfolio.slug(name)
        var candidate = base
        var number = 2
        while collection.contains(candidate, in: record) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }

    /// The item the values describe, with every problem found in them: first those of the
    /// fields themselves, then those of the record with the item added (an unknown partner or
    /// programme line, dates in the wrong order), one per field.
    static func item(
        _ collection: DealCollection, values: [String: [String]], record: DealRecord, derivesID: Bool,
        changing fixedID: String? = nil
    ) -> (item: DealItem, problems: [ItemProblem]) {
        var input = DealItemInput(values: values)
        input.fixedID = fixedID
        let item: DealItem
        switch collection {
        case .partners:
            let organisation = input.required("organisatie")
            let id = input.id(collection, record: record, derivedFrom: organisation, derivesID: derivesID)
            let type = input.vocabulary("type", OrganisationType.self)
            let roles = input.vocabularyList("rollen", PartnerRole.self, atLeastOne: true)
            let joined = input.date("toegetreden")
            let left = input.date("uitgetreden")
            item = .partner(
                Partner(
                    id: id, organisation: organisation, type: type ?? .other, roles: roles, joinedOn: joined,
                    leftOn: left, source: input.text("bron")))
        case .financeLines:
            let partner = input.required("partner")
            let year = input.year("jaar")
            let kind = input.vocabulary("soort", FinanceKind.self)
            let sector = input.vocabulary("sector", FinanceSector.self)
            let form = input.vocabulary("vorm", FinanceForm.self)
            let amount = input.amount(centsKey: "bedragCent", eurosKey: "bedrag", required: true)
            let id = input.id(
                collection, record: record,
                derivedFrom: partner.isEmpty ? nil : "\(partner)-\(kind?.code ?? "bedrag")-\(year)",
                derivesID: derivesID)
            item = .financeLine(
                FinanceLine(
                    id: id, partnerID: partner, programmeLineID: input.text("programmalijn"), year: year,
                    kind: kind ?? .commitment, sector: sector ?? .publicMoney, form: form ?? .money,
                    amount: amount ?? EuroCents(cents: 1), date: input.date("datum"),
                    description: input.text("omschrijving"), source: input.text("bron")))
        case .programmeLines:
            let name = input.required("naam")
            let id = input.id(collection, record: record, derivedFrom: name, derivesID: derivesID)
            item = .programmeLine(ProgrammeLine(id: id, name: name, description: input.text("omschrijving")))
        case .projects:
            let name = input.required("naam")
            let id = input.id(collection, record: record, derivedFrom: name, derivesID: derivesID)
            let line = input.required("programmalijn")
            let status = input.vocabulary("status", ProjectStatus.self)
            let themes = input.vocabularyList("themas", WellbeingTheme.self, atLeastOne: false)
            let budget = input.amount(centsKey: "budgetCent", eurosKey: "budget", required: false)
            item = .project(
                Project(
                    id: id, name: name, description: input.text("omschrijving"), programmeLineID: line,
                    leadPartnerID: input.text("trekker"), partnerIDs: input.list("partners"), budget: budget,
                    startsOn: input.date("start"), endsOn: input.date("einde"), status: status ?? .planned,
                    themes: themes, source: input.text("bron")))
        }
        var problems = input.problems
        let reported = Set(problems.map(\.key))
        let renamed = ["bedrag": "bedragCent", "budget": "budgetCent"].filter { values[$0.value] != nil }
        for problem in record.applying(item.change).record.problems
        where problem.collection == collection.rawValue && problem.itemID == item.id {
            let key = renamed[problem.field] ?? problem.field
            guard !reported.contains(key), !(key == "id" && item.id.isEmpty) else { continue }
            problems.append(ItemProblem(key: key, message: problem.message))
        }
        return (item, problems)
    }

    /// The form values of an existing item, so that the change form starts from what is stored.
    static func formValues(of collection: DealCollection, id: String, in record: DealRecord) -> [String: [String]]? {
        func optional(_ pairs: [(String, String?)]) -> [String: [String]] {
            Dictionary(
                pairs.compactMap { key, value in value.map { (key, [$0]) } }, uniquingKeysWith: { first, _ in first })
        }
        func euros(_ amount: EuroCents) -> String {
            let cents = amount.cents.magnitude % 100
            return "\(amount.cents / 100)" + (cents == 0 ? "" : "," + (cents < 10 ? "0" : "") + String(cents))
        }
        switch collection {
        case .partners:
            guard let item = record.partners.first(where: { $0.id == id }) else { return nil }
            return optional([
                ("organisatie", item.organisation), ("type", item.type.code), ("toegetreden", item.joinedOn?.iso),
                ("uitgetreden", item.leftOn?.iso), ("bron", item.source),
            ]).merging(["rollen": item.roles.map(\.code)]) { first, _ in first }
        case .financeLines:
            guard let item = record.financeLines.first(where: { $0.id == id }) else { return nil }
            return optional([
                ("partner", item.partnerID), ("jaar", String(item.year)), ("soort", item.kind.code),
                ("sector", item.sector.code), ("vorm", item.form.code), ("bedrag", euros(item.amount)),
                ("programmalijn", item.programmeLineID), ("datum", item.date?.iso), ("omschrijving", item.description),
                ("bron", item.source),
            ])
        case .programmeLines:
            guard let item = record.programmeLines.first(where: { $0.id == id }) else { return nil }
            return optional([("naam", item.name), ("omschrijving", item.description)])
        case .projects:
            guard let item = record.projects.first(where: { $0.id == id }) else { return nil }
            return optional([
                ("naam", item.name), ("programmalijn", item.programmeLineID), ("status", item.status.code),
                ("trekker", item.leadPartnerID), ("budget", item.budget.map(euros)), ("start", item.startsOn?.iso),
                ("einde", item.endsOn?.iso), ("omschrijving", item.description), ("bron", item.source),
            ]).merging(["partners": item.partnerIDs, "themas": item.themes.map(\.code)]) { first, _ in first }
        }
    }

    /// The problems the store found in the record with the item added, by the item's field:
    /// `partners[x].uitgetreden` becomes `uitgetreden`.
    static func problems(from failure: ValidationFailure, collection: DealCollection, itemID: String) -> [ItemProblem] {
        let prefix = "\(collection.rawValue)[\(itemID)]."
        return failure.issues.map { issue in
            issue.field.hasPrefix(prefix)
                ? ItemProblem(key: String(issue.field.dropFirst(prefix.count)), message: issue.message)
                : ItemProblem(key: issue.field.isEmpty ? "id" : issue.field, message: issue.message)
        }
    }

    /// A JSON object as text values per key, or every key that is unknown or of the wrong type.
    static func jsonValues(_ text: String, collection: DealCollection) -> Result<[String: [String]], ItemProblems> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(ItemProblems(items: [ItemProblem(key: "body", message: "geen JSON-object")]))
        }
        var values: [String: [String]] = [:]
        var problems: [ItemProblem] = []
        let allowed = collection.jsonKeys
        for key in object.keys.sorted() {
            guard allowed.contains(key) else {
                problems.append(
                    ItemProblem(key: key, message: "onbekend veld; toegestaan: \(allowed.joined(separator: ", "))"))
                continue
            }
            switch object[key] {
            case is NSNull: continue
            case let text as String: values[key] = [text]
            case let number as Int: values[key] = [String(number)]
            case let number as Double: values[key] = [String(number)]
            case let array as [Any]:
                let texts = array.compactMap { $0 as? String }
                if texts.count == array.count {
                    values[key] = texts
                } else {
                    problems.append(ItemProblem(key: key, message: "verwacht een lijst van teksten"))
                }
            default: problems.append(ItemProblem(key: key, message: "verwacht tekst, een getal of een lijst"))
            }
        }
        return problems.isEmpty ? .success(values) : .failure(ItemProblems(items: problems))
    }
}
