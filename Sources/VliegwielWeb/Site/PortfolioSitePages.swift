import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// Amounts as the portfolio pages show them: the one money format (`EuroCents.formatted`),
/// "onbekend" for what no source gave.
enum Money {
    /// `€ 22.500.000` or `€ 12.458.333,83`, or "onbekend".
    static func text(_ amount: EuroCents?) -> String { amount?.formatted ?? PortfolioSummary.unknownText }

    /// A tranche's total: the sum of the known amounts, "onbekend" when none is known.
    static func total(_ tranche: TrancheTotal) -> String {
        tranche.aantalBekend == 0 ? PortfolioSummary.unknownText : text(EuroCents(cents: tranche.totaalRijkCent))
    }
}

/// The portfolio's filters and order, read from the query of the page or of the API.
enum PortfolioFilter {
    /// The query, or the problem with each parameter, by name.
    static func parse(_ query: [String: [String]]) -> (PortfolioQuery, [ItemProblem]) {
        var problems: [ItemProblem] = []
        func value(_ name: String) -> String? {
            guard let text = query[name]?.first?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return nil
            }
            return text
        }
        var result = PortfolioQuery()
        if let text = value("tranche") {
            if let number = Int(text), PortfolioDeal.tranches.contains(number) {
                result.tranche = number
            } else {
                problems.append(.init(key: "tranche", message: "'\(text)' bestaat niet; toegestaan: 1 tot en met 6"))
            }
        }
        if let text = value("bedrag") {
            if let amount = PortfolioQuery.AmountFilter(code: text) {
                result.amount = amount
            } else {
                problems.append(
                    .init(
                        key: "bedrag",
                        message: "onbekende waarde '\(text)'; toegestaan: \(PortfolioQuery.AmountFilter.allowedCodes)"))
            }
        }
        result.nameContains = value("naam")
        if let text = value("sorteer") {
            if let order = PortfolioQuery.SortOrder(code: text) {
                result.sortOrder = order
            } else {
                problems.append(
                    .init(
                        key: "sorteer",
                        message: "onbekende waarde '\(text)'; toegestaan: \(PortfolioQuery.SortOrder.allowedCodes)"))
            }
        }
        if let text = value("metVoorbeeld") {
            switch text {
            case "true": result.includesFictional = true
            case "false": result.includesFictional = false
            default: problems.append(.init(key: "metVoorbeeld", message: "'\(text)' is geen true of false"))
            }
        }
        return (result, problems)
    }
}

/// Today in UTC, as a calendar day: the date of "partners today".
func todayInUTC() -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}

extension SitePages {
    func portfolioPage(query: [String: [String]]) async throws -> PortfolioPage {
        let t = UIText.dutch
        let (filter, queryProblems) = PortfolioFilter.parse(query)
        let deals = try await portfolio.portfolio()
        let facts = try await portfolioFacts(deals)
        let facets = PortfolioFacets(query: query, facts: facts)
        let problems = queryProblems + facets.problems
        let summary = PortfolioSummary(deals: deals.filter { facets.admits($0, facts) }, query: filter)
        // The deals a filter chooses from: all, with the demo only when asked for.
        let scope = deals.filter { filter.includesFictional || !$0.isFictional }
        let labels = [
            "tranche": "Tranche", "bedrag": "Rijksbijdrage", "sorteer": "Sorteren", "metVoorbeeld": "Voorbeeld",
            "provincie": "Provincie", "thema": "Thema", "looptijd": "Looptijd",
        ]
        var errors = problems.map {
            FieldError(fieldID: "filter-\($0.key)", label: labels[$0.key] ?? $0.key, message: $0.message)
        }
        func row(_ entry: PortfolioEntry) -> PortfolioPage.DealRow {
            PortfolioPage.DealRow(
                name: entry.naam, href: SiteURL.arrangement(entry.id).href(), tranche: entry.tranche,
                amount: Money.text(entry.rijkbijdrageCent.map(EuroCents.init(cents:))),
                isUnknown: entry.rijkbijdrageCent == nil, source: SourceLink(entry.bron).text,
                sourceHref: SourceLink(entry.bron).href, isFictional: entry.fictief)
        }
        let rows = summary.deals.map(row)
        let groups: [PortfolioPage.Group] =
            filter.sortOrder == .tranche
            ? summary.tranches.map { tranche in
                PortfolioPage.Group(
                    title: "Tranche \(tranche.tranche)", headingID: "tranche-\(tranche.tranche)",
                    summary: Self.trancheSummary(tranche),
                    rows: rows.filter { $0.tranche == tranche.tranche })
            }
            : rows.isEmpty
                ? []
                : [
                    PortfolioPage.Group(
                        title: "Alle gekozen deals", headingID: "alle-deals",
                        summary: "Gesorteerd op \(filter.sortOrder.code).", rows: rows)
                ]
        let maximum = Double(summary.tranches.map(\.totaalRijkCent).max() ?? 0)
        let chart = HTML(
            generated: BarChart.svg(
                id: "rijksbijdrage-per-tranche", title: "Rijksbijdrage per tranche",
                description: summary.tranches.map { "Tranche \($0.tranche): \(Self.trancheSummary($0))" }
                    .joined(separator: "; "),
                bars: summary.tranches.map {
                    BarChart.Bar(
                        label: "Tranche \($0.tranche)", value: Double($0.totaalRijkCent), text: Money.total($0),
                        note: Self.unknownNote($0))
                }, maximum: maximum, format: { Money.text(EuroCents(cents: Int64($0))) }))
        let demo = filter.includesFictional ? nil : deals.first(where: \.isFictional).map { row(PortfolioEntry($0)) }
        let isFiltered =
            filter.tranche != nil || filter.amount != nil || filter.nameContains != nil || facets.isChosen
        var map = try await portfolioMap(
            entries: summary.deals, all: deals,
            scope: filter.amount != nil || filter.nameContains != nil || facets.isChosen
                ? "met de gekozen filters" : filter.tranche.map { "tranche \($0)" } ?? "alle tranches",
            query: query)
        // Colouring the map keeps the filters.
        map?.keptFilters = [
            "tranche", "bedrag", "naam", "sorteer", "metVoorbeeld", "provincie", "thema", "looptijd", "taal",
        ]
        .compactMap { name in query[name]?.first.flatMap { $0.isEmpty ? nil : (name, $0) } }
        if let problem = map?.indicatorError {
            errors.append(FieldError(fieldID: "kaart-indicator-keuze", label: "Kleur de kaart naar", message: problem))
        }
        func message(_ key: String) -> String? { problems.first { $0.key == key }?.message }
        let chosenTranche = filter.tranche.map(String.init) ?? ""
        func count(_ n: Int) -> String { n == 1 ? "1 deal" : "\(n) deals" }
        // Provinces: those the deals' areas name, by name, with how many deals name each.
        let named = Dictionary(
            grouping: scope.flatMap { deal in (facts.provinces[deal.id] ?? []).map { ($0, deal.id) } }, by: \.0)
        let provinceCodes = named.keys.sorted { (facts.names[$0] ?? $0) < (facts.names[$1] ?? $1) }
        let withoutProvince = scope.filter { facts.provinces[$0.id]?.isEmpty ?? true }.count
        let themeCounts = Dictionary(grouping: scope.flatMap { facts.themes[$0.id] ?? [] }, by: { $0 }).mapValues(
            \.count)
        let termCounts = Dictionary(grouping: scope.compactMap { facts.terms[$0.id] }, by: { $0 }).mapValues(\.count)
        var facetsPage = PortfolioPage.Facets(
            provinces: [PortfolioPage.Option(code: "", label: "Alle provincies", isSelected: facets.province == nil)]
                + provinceCodes.map { code in
                    .init(
                        code: code, label: "\(facts.names[code] ?? code) (\(count(named[code]?.count ?? 0)))",
                        isSelected: code == facets.province)
                },
            provinceNote: withoutProvince == 0
                ? nil
                : "Een deal telt mee bij de provincies die zijn gebied noemt. \(count(withoutProvince)) \(withoutProvince == 1 ? "noemt" : "noemen") geen provincie en \(withoutProvince == 1 ? "valt" : "vallen") bij elke keuze van een provincie weg.",
            provinceError: message("provincie"), themes: [], themeNote: nil, themeError: message("thema"),
            terms: [PortfolioPage.Option(code: "", label: "Elke looptijd", isSelected: facets.term == nil)]
                + PortfolioFacets.Term.allCases.map { term in
                    let label =
                        switch term {
                        case .running: "Loopt nog: eindjaar \(facts.year) of later"
                        case .ended: "Afgelopen: eindjaar vóór \(facts.year)"
                        case .unknown: "Eindjaar nog niet vastgelegd"
                        }
                    return .init(
                        code: term.rawValue, label: "\(label) (\(count(termCounts[term] ?? 0)))",
                        isSelected: term == facets.term)
                },
            termError: message("looptijd"), totalCount: scope.count, isFiltered: isFiltered,
            clearHref: SiteURL.portfolio.href())
        if themeCounts.isEmpty && facets.theme == nil {
            facetsPage.themeNote =
                "Thema: bij geen van deze deals vastgelegd. Een thema van de brede welvaart hoort bij een project van een deal, en geen van deze deals heeft een project met een thema; daarom is er niet op te filteren."
        } else {
            facetsPage.themes =
                [PortfolioPage.Option(code: "", label: "Alle thema's", isSelected: facets.theme == nil)]
                + WellbeingTheme.allCases.filter { themeCounts[$0] != nil || $0 == facets.theme }.map { theme in
                    .init(
                        code: theme.code, label: "\(theme.label) (\(count(themeCounts[theme] ?? 0)))",
                        isSelected: theme == facets.theme)
                }
            let withoutTheme = scope.filter { facts.themes[$0.id]?.isEmpty ?? true }.count
            if withoutTheme > 0 {
                facetsPage.themeNote =
                    "Een thema hoort bij de projecten van een deal; bij \(count(withoutTheme)) is geen thema vastgelegd."
            }
        }
        return PortfolioPage(
            layout: layout(t.navPortfolio, .portfolio), action: SiteURL.portfolio.path,
            errors: errors,
            hasErrors: !errors.isEmpty,
            tranches: [PortfolioPage.Option(code: "", label: "Alle tranches", isSelected: chosenTranche.isEmpty)]
                + PortfolioDeal.tranches.map {
                    .init(code: String($0), label: "Tranche \($0)", isSelected: String($0) == chosenTranche)
                },
            amounts: [
                .init(code: "", label: "Bekend en onbekend", isSelected: filter.amount == nil),
                .init(code: "bekend", label: "Alleen bekende bedragen", isSelected: filter.amount == .known),
                .init(code: "onbekend", label: "Alleen onbekende bedragen", isSelected: filter.amount == .unknown),
            ],
            sortOrders: [
                .init(code: "tranche", label: "Tranche, dan naam", isSelected: filter.sortOrder == .tranche),
                .init(code: "naam", label: "Naam", isSelected: filter.sortOrder == .name),
                .init(
                    code: "bedrag", label: "Bedrag (grootste eerst, onbekend achteraan)",
                    isSelected: filter.sortOrder == .amount),
            ], name: filter.nameContains ?? "", trancheError: message("tranche"), amountError: message("bedrag"),
            sortError: message("sorteer"),
            dealCount: summary.aantalDeals, knownCount: summary.aantalBekend, unknownCount: summary.aantalOnbekend,
            total: summary.aantalBekend == 0
                ? PortfolioSummary.unknownText : Money.text(EuroCents(cents: summary.totaalRijkCent)),
            hasDeals: !summary.deals.isEmpty, groups: groups,
            trancheRows: summary.tranches.map {
                .init(
                    label: "Tranche \($0.tranche)", dealCount: $0.aantalDeals, knownCount: $0.aantalBekend,
                    unknownCount: $0.aantalOnbekend, total: Money.total($0))
            }, chart: chart, map: map, demo: demo,
            downloads: [Download(label: "JSON", href: APIURL.portfolio.path)]
                + Download.spreadsheets { APIURL.portfolioSpreadsheet.href(format: $0) }
                + [Download(label: "IATI 2.03 (XML)", href: APIURL.portfolioIATI.path)], facets: facetsPage)
    }

    /// What a tranche's bar leaves out, in the figure itself: the deals whose amount no source
    /// gave are not drawn as zero but counted under the bar. `nil` when every amount is known.
    static func unknownNote(_ tranche: TrancheTotal) -> String? {
        guard tranche.aantalOnbekend > 0 else { return nil }
        let deals = tranche.aantalOnbekend == 1 ? "1 deal" : "\(tranche.aantalOnbekend) deals"
        return tranche.aantalBekend == 0
            ? "\(deals) zonder bekend bedrag: geen balk"
            : "+ \(deals) zonder bekend bedrag, niet in de balk"
    }

    static func trancheSummary(_ tranche: TrancheTotal) -> String {
        let deals = tranche.aantalDeals == 1 ? "1 deal" : "\(tranche.aantalDeals) deals"
        return
            "\(deals); Rijksbijdrage \(Money.total(tranche)) (som van \(tranche.aantalBekend) bekende bedragen, \(tranche.aantalOnbekend) onbekend)"
    }

    // MARK: The deal on its arrangement page

    /// The portfolio record `record`, read already, as its arrangement page and its dossier show it.
    func dealSection(_ record: DealRecord, query: [String: [String]]) -> DealSection {
        let id = record.deal.id
        var section = DealSection(
            record: record, report: RuleCheck.check(record, against: rules), today: todayInUTC(),
            added: query["toegevoegd"]?.first.flatMap(DealCollection.init(rawValue:)))
        if let read = query["geimporteerd"]?.first.flatMap(PortfolioCSV.Kind.init(rawValue:)) {
            section.notice = "De CSV is ingelezen: \(CSVImportForm.what(read)) zijn opgeslagen."
        }
        if let changed = query["gewijzigd"]?.first.flatMap(DealCollection.init(rawValue:)) {
            section.notice = "\(changed.theItemAtStart) is gewijzigd."
        }
        if let deleted = query["verwijderd"]?.first.flatMap(DealCollection.init(rawValue:)) {
            section.notice = "\(deleted.theItemAtStart) is verwijderd."
        }
        if let restored = query["hersteld"]?.first.flatMap(DealCollection.init(rawValue:)) {
            section.notice = "\(restored.theItemAtStart) is teruggezet zoals het was."
        }
        if query["overgenomen"]?.first == "samenstelling" {
            section.notice = "Het voorstel voor de samenstelling staat nu in het profiel, met de bron en de reden."
        }
        section.curated = curatedFacts(id: id)
        return section
    }

    /// The sourced facts of the real deal `id` from the shipped dataset, or `nil`.
    func curatedFacts(id: String) -> CuratedFactsView? {
        guard let portfolio = try? CuratedPortfolioFiles.bundled(), let curated = portfolio.deal(id) else { return nil }
        return CuratedFactsView(
            deal: curated, portfolio: portfolio, regions: (try? CuratedPortfolioFiles.regions()) ?? [:])
    }

    // MARK: Forms that add an item to a deal

    func dealForm(
        _ collection: DealCollection, record: DealRecord, values: [String: [String]] = [:],
        problems: [ItemProblem] = [], changing itemID: String? = nil, arrangementName: String? = nil
    ) -> DealFormPage {
        // A change keeps the item's id, so its form has no id field.
        let specs = DealFormSpec.fields(collection, record: record).filter { itemID == nil || $0.key != "id" }
        let fields = specs.map { spec -> DealFormPage.Field in
            let fieldID = "veld-\(spec.key)"
            let error = problems.filter { $0.key == spec.key || $0.key == spec.otherKey }.map(\.message)
                .joined(separator: "; ")
            let chosen = values[spec.key] ?? []
            let hintID = spec.hint == nil ? nil : "\(fieldID)-hint"
            let errorID = error.isEmpty ? nil : "\(fieldID)-fout"
            return DealFormPage.Field(
                name: spec.key, fieldID: fieldID, label: spec.label, hint: spec.hint,
                value: chosen.joined(separator: "; "), error: error.isEmpty ? nil : error,
                isText: spec.kind == .text || spec.kind == .date, isDate: spec.kind == .date,
                isTextarea: spec.kind == .textarea, isSelect: spec.kind == .select,
                isCheckboxes: spec.kind == .checkboxes,
                options: spec.options.map { option in
                    .init(
                        code: option.code, label: option.label,
                        isChecked: chosen.contains(option.code)
                            || (chosen.isEmpty && option.code.isEmpty && spec.kind == .select),
                        fieldID: "\(fieldID)-\(option.code.isEmpty ? "leeg" : option.code)")
                },
                describedBy: hintID == nil && errorID == nil
                    ? nil : [hintID, errorID].compactMap { $0 }.joined(separator: " "))
        }
        let known = Set(specs.flatMap { [$0.key, $0.otherKey].compactMap { $0 } })
        let errors = problems.map { problem in
            let spec = specs.first { $0.key == problem.key || $0.otherKey == problem.key }
            return FieldError(
                fieldID: known.contains(problem.key) ? "veld-\(spec?.key ?? problem.key)" : "veld-id",
                label: spec?.label ?? problem.key, message: problem.message)
        }
        let title =
            itemID.map {
                "\(collection.itemName.prefix(1).uppercased() + collection.itemName.dropFirst()) \($0) wijzigen"
            }
            ?? DealFormSpec.title(collection)
        let path =
            itemID.map { SiteURL.editDealItem(record.deal.id, collection, $0) }
            ?? SiteURL.newDealItem(record.deal.id, collection)
        return DealFormPage(
            layout: layout(
                "\(title) — \(record.deal.name)", path,
                place: PagePlace(
                    arrangementID: record.deal.id, arrangementName: arrangementName ?? record.deal.name, isDeal: true)),
            title: title,
            intro: DealFormSpec.intro(collection), dealName: record.deal.name,
            dealHref: SiteURL.arrangement(record.deal.id).href(), isFictional: record.deal.isFictional,
            errors: errors, hasErrors: !errors.isEmpty, action: path.href(), fields: fields,
            submitLabel: "Opslaan")
    }
}

extension SitePages {
    /// The page that asks whether item `itemID` of `collection` is to be deleted; `nil` when the
    /// deal has no such item.
    func deleteConfirmation(
        _ collection: DealCollection, itemID: String, record: DealRecord,
        arrangementName: String?
    ) -> DeleteConfirmationPage? {
        guard
            let row = DealSection.itemRows(of: record).first(where: {
                $0.collection == collection && $0.id == itemID
            })
        else { return nil }
        let title = "\(collection.itemName.prefix(1).uppercased() + collection.itemName.dropFirst()) verwijderen?"
        let path = SiteURL.deleteDealItem(record.deal.id, collection, itemID)
        return DeleteConfirmationPage(
            layout: layout(
                "\(title) — \(record.deal.name)", path,
                place: PagePlace(
                    arrangementID: record.deal.id, arrangementName: arrangementName ?? record.deal.name, isDeal: true)),
            title: title, item: "\(collection.theItem) \(row.text) (\(row.id))", dealName: record.deal.name,
            dealHref: SiteURL.arrangement(record.deal.id).href(), isFictional: record.deal.isFictional,
            action: path.href(),
            cancelHref: SiteURL.arrangement(record.deal.id).href() + "#beheren")
    }
}

extension DealSection {
    init(record: DealRecord, report: RuleCheckReport, today: CalendarDate, added: DealCollection?) {
        let deal = record.deal
        isFictional = deal.isFictional
        notice = added.map { "\($0.theItemAtStart) is opgeslagen." }
        facts = [
            Fact(label: "Tranche", value: String(deal.tranche), isUnknown: false, term: .tranche),
            Fact(
                label: "Rijksbijdrage", value: Money.text(deal.rijkContribution),
                isUnknown: deal.rijkContribution == nil),
            Fact(label: "Bron", value: deal.source, isUnknown: false),
            Fact(
                label: "Gesloten (convenant)", value: deal.closedOn?.dutchText ?? PortfolioSummary.unknownText,
                isUnknown: deal.closedOn == nil),
        ]
        ruleSet = "\(report.regelset), versie \(report.regelsetVersie)"
        findings = report.bevindingen.map {
            FindingView(
                title: $0.titel, rule: $0.regel, severity: $0.ernst, message: $0.bericht,
                figures: $0.cijfers.map { "\($0.omschrijving): \($0.waarde)" }, source: $0.bron)
        }
        let outcome = { (item: RuleOutcome) in OutcomeView(title: item.titel, reason: item.reden, source: item.bron) }
        met = report.voldaan.map(outcome)
        notChecked = report.nietGetoetst.map(outcome)
        notApplicable = report.nietVanToepassing.map(outcome)

        self.today = today.dutchText
        let names = Dictionary(
            record.partners.map { ($0.id, $0.organisation) }, uniquingKeysWith: { first, _ in first })
        let present = record.partners.filter { $0.takesPart(on: today) }
            .sorted { ($0.organisation, $0.id) < ($1.organisation, $1.id) }
        partners = present.map {
            PartnerRow(
                organisation: $0.organisation, type: $0.type.label,
                roles: $0.roles.map(\.label).joined(separator: ", "),
                joined: $0.joinedOn?.dutchText ?? "vanaf de start", left: $0.leftOn?.dutchText ?? "—",
                source: SourceLink($0.source ?? "—").text, sourceHref: SourceLink($0.source ?? "—").href)
        }
        hasNoPartnerRecorded = record.partners.isEmpty
        if let start = record.startDate, start <= today {
            let changes = CompositionChanges(partners: record.partners, from: start, to: today)
            changesPeriod = "na \(start.dutchText) tot en met \(today.dutchText)"
            self.changes =
                (changes.toegetreden.map { ($0.toegetreden ?? "", $0.organisatie, "toegetreden") }
                + changes.uitgetreden.map { ($0.uitgetreden ?? "", $0.organisatie, "uitgetreden") })
                .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map {
                    ChangeRow(date: CalendarDate(iso: $0.0)?.dutchText ?? $0.0, organisation: $0.1, change: $0.2)
                }
            suggestion = CompositionSuggestion(dealID: deal.id, partners: record.partners, from: start, to: today).map {
                "\($0.waarde.replacingOccurrences(of: "-", with: " ")) — \($0.reden) Bron: \($0.bron)."
            }
        } else {
            changesPeriod = nil
            changes = []
            suggestion = nil
        }
        acceptAction = SiteURL.acceptComposition(deal.id).href()

        let money = FinanceSummary(record)
        hasFinance = !record.financeLines.isEmpty
        financeDownloads = Download.spreadsheets { APIURL.spreadsheet(deal.id, .financeLines).href(format: $0) }
        iati =
            IATIExport.omission(of: record).map { .failure($0) }
            ?? .success(Download(label: "IATI 2.03 (XML)", href: APIURL.iati(deal.id).path))
        let (commitments, realisations) = (money.toezeggingen, money.realisaties)
        func amount(_ cents: Int64) -> String { EuroCents(cents: cents).formatted }
        totals = [
            MoneyRow(
                label: "Totaal", commitments: amount(commitments.totaalCent),
                realisations: amount(realisations.totaalCent)),
            MoneyRow(
                label: "Rijk", commitments: amount(commitments.rijkCent), realisations: amount(realisations.rijkCent)),
            MoneyRow(
                label: "Regio", commitments: amount(commitments.regioCent), realisations: amount(realisations.regioCent)
            ),
            MoneyRow(
                label: "Regio, publiek", commitments: amount(commitments.regioPubliekCent),
                realisations: amount(realisations.regioPubliekCent)),
            MoneyRow(
                label: "Regio, privaat", commitments: amount(commitments.regioPrivaatCent),
                realisations: amount(realisations.regioPrivaatCent)),
            MoneyRow(
                label: "In geld", commitments: amount(commitments.geldCent), realisations: amount(realisations.geldCent)
            ),
            MoneyRow(
                label: "In natura", commitments: amount(commitments.naturaCent),
                realisations: amount(realisations.naturaCent)),
            MoneyRow(
                label: "Aandeel Rijk", commitments: commitments.rijkShare.percentText,
                realisations: realisations.rijkShare.percentText),
            MoneyRow(
                label: "Aandeel regio", commitments: commitments.regionalShare.percentText,
                realisations: realisations.regionalShare.percentText),
        ]
        func table(_ caption: String, _ header: String, _ groups: [FinanceGroup]) -> MoneyTable {
            MoneyTable(
                caption: caption, keyHeader: header,
                rows: groups.map {
                    MoneyRow(
                        label: $0.naam, commitments: amount($0.toezeggingCent), realisations: amount($0.realisatieCent))
                })
        }
        breakdowns = [
            table("Per partner", "Partner", money.perPartner),
            table("Per programmalijn", "Programmalijn", money.perProgrammalijn),
            table("Per jaar", "Jaar", money.perJaar),
        ]

        lines = record.programmeLines.map { line in
            let projects = record.projects.filter { $0.programmeLineID == line.id }.map { project in
                ProjectRow(
                    name: project.name, projectNote: project.description, status: project.status.label,
                    lead: project.leadPartnerID.map { names[$0] ?? $0 } ?? "—",
                    partners: project.partnerIDs.isEmpty
                        ? "—" : project.partnerIDs.map { names[$0] ?? $0 }.joined(separator: ", "),
                    budget: Money.text(project.budget),
                    period: Absence.period(project.startsOn?.dutchText, project.endsOn?.dutchText),
                    themes: project.themes.isEmpty ? "—" : project.themes.map(\.label).joined(separator: ", "),
                    source: project.source)
            }
            return LineView(
                name: line.name, lineNote: line.description, projects: projects)
        }
        themeSummary = WellbeingTheme.allCases.compactMap { theme in
            let count = record.projects.count(where: { $0.themes.contains(theme) })
            guard count > 0 else { return nil }
            return
                "\(theme.label) (\(theme.dimension == "later" ? "later" : "hier en nu")): \(count) \(count == 1 ? "project" : "projecten")"
        }
        actions = DealCollection.allCases.map {
            ActionLink(label: DealFormSpec.title($0), href: SiteURL.newDealItem(deal.id, $0).href())
        }
        items = Self.itemRows(of: record)
        imports = PortfolioCSV.Kind.allCases.map {
            ActionLink(
                label: "\(CSVImportForm.what($0).prefix(1).uppercased() + CSVImportForm.what($0).dropFirst()) uit CSV",
                href: SiteURL.importCSV(deal.id, $0).href())
        }
        portfolioHref = SiteURL.portfolio.href()
    }

    /// Every partner, finance line, programme line and project of `record`, as the list under
    /// "Gegevens beheren" shows it, with the links to change and to delete each.
    static func itemRows(of record: DealRecord) -> [ItemRow] {
        let deal = record.deal
        let names = Dictionary(
            record.partners.map { ($0.id, $0.organisation) }, uniquingKeysWith: { first, _ in first })
        func item(_ collection: DealCollection, _ id: String, _ text: String) -> ItemRow {
            ItemRow(
                collection: collection, kind: collection.itemName, text: text, id: id,
                editHref: SiteURL.editDealItem(deal.id, collection, id).href(),
                deleteHref: SiteURL.deleteDealItem(deal.id, collection, id).href(),
                itemLabel: "\(collection.itemName) \(text)")
        }
        let lineNames = Dictionary(
            record.programmeLines.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return
            record.partners.map { item(.partners, $0.id, $0.organisation) }
            + record.financeLines.map { line in
                let parts = [
                    "\(line.kind.label) \(line.year)", line.sector.label, line.form.label, line.amount.formatted,
                ]
                let earmark = line.programmeLineID.map { " (\(lineNames[$0] ?? $0))" } ?? ""
                return item(
                    .financeLines, line.id,
                    "\(names[line.partnerID] ?? line.partnerID): \(parts.joined(separator: ", "))\(earmark)")
            }
            + record.programmeLines.map { item(.programmeLines, $0.id, $0.name) }
            + record.projects.map { item(.projects, $0.id, $0.name) }
    }
}

/// The fields of the four forms that add an item to a deal.
struct DealFormSpec {
    /// `date` is an `<input type="date">`: a date picker without JavaScript; the browser sends
    /// YYYY-MM-DD, as the server reads it.
    enum Kind { case text, date, textarea, select, checkboxes }

    struct Option {
        var code: String
        var label: String
    }

    var key: String
    /// The key of the same value in the API (`bedragCent` for the form's `bedrag`).
    var otherKey: String? = nil
    var label: String
    var hint: String? = nil
    var kind: Kind = .text
    var options: [Option] = []

    static func title(_ collection: DealCollection) -> String {
        switch collection {
        case .partners: "Partner toevoegen"
        case .financeLines: "Toezegging of realisatie toevoegen"
        case .programmeLines: "Programmalijn toevoegen"
        case .projects: "Project toevoegen"
        }
    }

    static func intro(_ collection: DealCollection) -> String {
        switch collection {
        case .partners:
            "Een organisatie die aan de deal deelneemt, met haar rollen en, als die bekend zijn, de data van toe- en uittreden."
        case .financeLines:
            "Een bedrag dat een partner toezegt of heeft uitgegeven. Geld van een ministerie is Rijksgeld; al het andere geld is regionaal."
        case .programmeLines: "Een thema waaronder projecten van de deal lopen."
        case .projects: "Een project binnen een programmalijn, met de thema's van brede welvaart die het raakt."
        }
    }

    private static func choices<V: Vocabulary>(_ type: V.Type, empty: String?) -> [Option] {
        (empty.map { [Option(code: "", label: $0)] } ?? []) + V.allCases.map { Option(code: $0.code, label: $0.label) }
    }

    static func fields(_ collection: DealCollection, record: DealRecord) -> [DealFormSpec] {
        let idHint = "Kleine letters, cijfers en streepjes. Leeg laten: Vliegwiel maakt de id uit de naam."
        let dateHint = DateHint.text
        let partners = record.partners.map { Option(code: $0.id, label: $0.organisation) }
        let lines = record.programmeLines.map { Option(code: $0.id, label: $0.name) }
        switch collection {
        case .partners:
            return [
                .init(key: "organisatie", label: "Organisatie"),
                .init(key: "id", label: "Id", hint: idHint),
                .init(
                    key: "type", label: "Soort organisatie", kind: .select,
                    options: choices(OrganisationType.self, empty: "Kies een soort")),
                .init(
                    key: "rollen", label: "Rollen", kind: .checkboxes, options: choices(PartnerRole.self, empty: nil)),
                .init(
                    key: "toegetreden", label: "Toegetreden op", hint: "Leeg laten: vanaf de start. " + dateHint,
                    kind: .date),
                .init(
                    key: "uitgetreden", label: "Uitgetreden op", hint: "Leeg laten: neemt nog deel. " + dateHint,
                    kind: .date),
                .init(key: "bron", label: "Bron", hint: "Bijvoorbeeld het convenant of een voortgangsrapportage."),
            ]
        case .financeLines:
            return [
                .init(
                    key: "partner", label: "Partner", hint: partners.isEmpty ? "Voeg eerst een partner toe." : nil,
                    kind: .select, options: [Option(code: "", label: "Kies een partner")] + partners),
                .init(key: "jaar", label: "Jaar", hint: "Vier cijfers, bijvoorbeeld 2024."),
                .init(
                    key: "soort", label: "Soort", kind: .select,
                    options: choices(FinanceKind.self, empty: "Kies een soort")),
                .init(
                    key: "sector", label: "Publiek of privaat", kind: .select,
                    options: choices(FinanceSector.self, empty: "Kies publiek of privaat")),
                .init(
                    key: "vorm", label: "Geld of natura", kind: .select,
                    options: choices(FinanceForm.self, empty: "Kies geld of natura")),
                .init(
                    key: "bedrag", otherKey: "bedragCent", label: "Bedrag in euro",
                    hint: "Zonder punten voor duizendtallen, met een komma voor de centen: 1250000 of 1250000,50."),
                .init(
                    key: "programmalijn", label: "Programmalijn (niet verplicht)", kind: .select,
                    options: [Option(code: "", label: "Niet toegewezen")] + lines),
                .init(key: "datum", label: "Datum van betaling (niet verplicht)", hint: dateHint, kind: .date),
                .init(key: "omschrijving", label: "Omschrijving (niet verplicht)"),
                .init(key: "bron", label: "Bron"),
                .init(key: "id", label: "Id", hint: idHint),
            ]
        case .programmeLines:
            return [
                .init(key: "naam", label: "Naam"),
                .init(key: "id", label: "Id", hint: idHint),
                .init(key: "omschrijving", label: "Omschrijving (niet verplicht)", kind: .textarea),
            ]
        case .projects:
            return [
                .init(key: "naam", label: "Naam"),
                .init(key: "id", label: "Id", hint: idHint),
                .init(
                    key: "programmalijn", label: "Programmalijn",
                    hint: lines.isEmpty ? "Voeg eerst een programmalijn toe." : nil, kind: .select,
                    options: [Option(code: "", label: "Kies een programmalijn")] + lines),
                .init(
                    key: "status", label: "Status", kind: .select,
                    options: choices(ProjectStatus.self, empty: "Kies een status")),
                .init(
                    key: "trekker", label: "Trekker (niet verplicht)", kind: .select,
                    options: [Option(code: "", label: "Geen trekker")] + partners),
                .init(key: "partners", label: "Andere partners (niet verplicht)", kind: .checkboxes, options: partners),
                .init(
                    key: "budget", otherKey: "budgetCent", label: "Budget in euro (niet verplicht)",
                    hint: "Zonder punten voor duizendtallen, met een komma voor de centen."),
                .init(key: "start", label: "Start (niet verplicht)", hint: dateHint, kind: .date),
                .init(key: "einde", label: "Einde (niet verplicht)", hint: dateHint, kind: .date),
                .init(
                    key: "themas", label: "Thema's van brede welvaart (CBS)", kind: .checkboxes,
                    options: WellbeingTheme.allCases.map { Option(code: $0.code, label: $0.label) }),
                .init(key: "omschrijving", label: "Omschrijving (niet verplicht)", kind: .textarea),
                .init(key: "bron", label: "Bron"),
            ]
        }
    }
}

/// The CSV form: what each kind holds and its page.
enum CSVImportForm {
    static func what(_ kind: PortfolioCSV.Kind) -> String {
        switch kind {
        case .partners: "partners"
        case .finance: "toezeggingen en realisaties"
        case .projects: "projecten"
        }
    }

    static func example(_ kind: PortfolioCSV.Kind) -> String {
        switch kind {
        case .partners:
            "id,organisatie,type,rollen,toegetreden\ngemeente-voorbeeld,Gemeente Voorbeeld,gemeente,convenantpartner;financier,2024-01-01"
        case .finance:
            "id,partner,jaar,soort,sector,vorm,bedrag\nvoorbeeld-2024,gemeente-voorbeeld,2024,toezegging,publiek,geld,\"1250000,50\""
        case .projects:
            "id,naam,programmalijn,programmalijn_naam,status,themas\nvoorbeeldproject,Voorbeeldproject,nieuwe-lijn,Nieuwe lijn,lopend,wonen;samenleving"
        }
    }
}

extension SitePages {
    func csvImport(
        _ kind: PortfolioCSV.Kind, record: DealRecord, text: String = "",
        problems: [String] = [], arrangementName: String? = nil
    ) -> CSVImportPage {
        let title = "\(CSVImportForm.what(kind).prefix(1).uppercased() + CSVImportForm.what(kind).dropFirst()) uit CSV"
        let path = SiteURL.importCSV(record.deal.id, kind)
        return CSVImportPage(
            layout: layout(
                "\(title) — \(record.deal.name)", path,
                place: PagePlace(
                    arrangementID: record.deal.id, arrangementName: arrangementName ?? record.deal.name, isDeal: true)),
            title: title,
            dealName: record.deal.name, dealHref: SiteURL.arrangement(record.deal.id).href(),
            isFictional: record.deal.isFictional, requiredColumns: kind.requiredColumns.joined(separator: ", "),
            optionalColumns: kind.optionalColumns.joined(separator: ", "), example: CSVImportForm.example(kind),
            errors: problems.map { FieldError(fieldID: "veld-csv", label: "CSV", message: $0) },
            hasErrors: !problems.isEmpty, action: path.href(), text: text, fieldErrors: problems)
    }
}

/// A source text as a link and its words: "address — “quote”" (``SourceQuote/text``) becomes a
/// link to the address with the quote as its text; any other source stays plain text.
struct SourceLink {
    var href: String?
    var text: String

    init(_ source: String) {
        let parsed = SourceQuote(text: source)
        href = parsed?.address
        text = parsed.map { $0.quote.isEmpty ? "bron" : "“\($0.quote)”" } ?? source
    }
}

extension CuratedFactsView {
    init(
        deal: CuratedDeal, portfolio: CuratedPortfolio, regions: [String: (name: String, kind: String)]
    ) {
        func link(_ address: String) -> String? {
            address.hasPrefix("https://") || address.hasPrefix("http://") ? address : nil
        }
        var facts: [Line] = [Line(label: "Naam in de lijst van de tranche", value: deal.listName)]
        if let name = deal.officialName {
            facts.append(Line(label: "Officiële naam", value: name.text, href: link(name.address), quote: name.quote))
        }
        if let signed = deal.signed {
            facts.append(
                Line(
                    label: "Ondertekend", value: signed.day?.dutchText ?? signed.date, href: link(signed.address),
                    quote: signed.quote))
        }
        if let term = deal.term {
            let years = [term.from.map(String.init), term.to.map(String.init)].compactMap { $0 }
            facts.append(
                Line(
                    label: "Looptijd", value: years.joined(separator: " tot en met "), href: link(term.address),
                    quote: term.quote))
        }
        if let total = deal.totalInvestment {
            facts.append(
                Line(
                    label: "Totale investering (Rijk en regio)", value: Money.text(total.amount),
                    href: link(total.address), quote: total.quote))
        }
        self.facts = facts
        amounts = deal.rijkContributions.enumerated().map { index, amount in
            Line(
                label: index == 0 ? "gebruikt in de totalen" : "andere bron", value: Money.text(amount.amount),
                href: link(amount.address), quote: amount.quote, note: amount.note)
        }
        hasAmountConflict = deal.hasAmountConflict
        self.regions = (deal.region?.codes ?? []).map { code in
            regions[code].map { "\($0.name) (\($0.kind), \(code))" } ?? code
        }
        regionNote = deal.region?.note
        regionSource = deal.region.flatMap { link($0.address) }
        hasRegions = !self.regions.isEmpty
        goals = deal.goals.map { Line(label: "Doel", value: $0.text, href: link($0.address), quote: nil) }
        lines = deal.programmeLines.map {
            Line(label: "Programmalijn", value: $0.name, href: link($0.address), quote: $0.quote)
        }
        func dealLink(_ id: String, _ quote: String, _ address: String) -> DealLink {
            let other = portfolio.deal(id)
            return DealLink(
                name: other.map { "Regio Deal \($0.listName) (tranche \($0.tranche))" } ?? id,
                href: SiteURL.arrangement(id).href(), quote: quote, source: address)
        }
        continues = deal.continues.map { dealLink($0.dealID, $0.quote, $0.address) }
        continuedBy = portfolio.continuations(of: deal.id).compactMap { later in
            later.continues.map { dealLink(later.id, $0.quote, $0.address) }
        }
        notFound = deal.notFound
        sources = deal.addresses.filter { $0.hasPrefix("http") }
        sourceCount = sources.count
        statedDimensions = deal.statedDimensionCount
        allDimensions = ProfileDimension.all.count
    }
}
