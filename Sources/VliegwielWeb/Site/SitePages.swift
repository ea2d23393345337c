import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// Builds the page models from the store; the templates only render them.
struct SitePages: Sendable {
    /// Every store of the installation.
    let stores: Stores
    let catalogue: [Arrangement]
    let rules: InstrumentRuleSet
    /// The arrangement page's analysis per profile.
    let analyses = ProfileAnalysisMemo()
    /// The history's drift summary per arrangement and its last two profiles.
    let drifts = ProfileDriftMemo()

    var store: any ArrangementStore { stores.arrangements }
    var portfolio: any PortfolioStore { stores.portfolio }
    var learningLog: any LearningLogStore { stores.learningLog }
    var indicators: any IndicatorStore { stores.indicators }
    var contributions: any ContributionStore { stores.contributions }

    func layout(
        _ title: String, _ url: SiteURL?, place: PagePlace? = nil
    ) -> Layout {
        Layout(title: title, current: url, place: place)
    }

    /// Where a page below `arrangement` sits: under Portefeuille for a deal, else Catalogus.
    func place(of arrangement: Arrangement) async throws -> PagePlace {
        PagePlace(
            arrangementID: arrangement.id, arrangementName: arrangement.name,
            isDeal: try await portfolio.deal(id: arrangement.id) != nil)
    }

    func home(query: [String: [String]]) async throws -> HomePage {
        let all = try await store.allArrangements()
        return HomePage(
            layout: layout("Beginpagina", .home),
            elements: ProfileElement.allCases.map {
                .init(label: $0.label, question: $0.question, chapter: $0.chapter)
            },
            referenceCount: all.filter { $0.kind == .reference }.count,
            practiceCount: all.filter { $0.kind == .practice }.count,
            catalogueHref: SiteURL.catalogue().href(),
            compareHref: SiteURL.compare(["regio-deal", "woondeal"]).href(),
            designHref: SiteURL.design.href(),
            whatIfHref: SiteURL.whatIf(arrangementID: "regio-deal").href(),
            exampleHref: SiteURL.arrangement("regio-deal").href(), roles: Self.roles())
    }

    /// The ways in for the three users: the ministry officer who designs an instrument, the
    /// programme manager who runs a deal, the auditor who judges (usability review).
    static func roles() -> [HomePage.Role] {
        let demo = BundledPortfolio.demoID
        typealias Link = HomePage.Link
        return [
            HomePage.Role(
                title: "Ik ontwerp een arrangement", phase: "ex ante",
                intro: "Kies wie meedoet, wat als resultaat telt en hoe er wordt samengewerkt, en zie de gevolgen.",
                links: [
                    Link(
                        label: "Ontwerp een arrangement", href: SiteURL.design.href(),
                        text: "26 ontwerpvragen, met advies over gevolgen, sturing en evaluatie."),
                    Link(
                        label: "Bekijk de catalogus", href: SiteURL.catalogue().href(),
                        text: "de referentievarianten uit het essay en de arrangementen in de praktijk."),
                    Link(
                        label: "Vergelijk arrangementen",
                        href: SiteURL.compare(["regio-deal", "woondeal"]).href(),
                        text: "waarin twee of meer ontwerpen verschillen, per element."),
                    Link(
                        label: "Probeer een wat-als", href: SiteURL.whatIf(arrangementID: "regio-deal").href(),
                        text: "verander één ontwerpkeuze en zie wat er verschuift."),
                ]),
            HomePage.Role(
                title: "Ik voer een deal uit", phase: "ex durante",
                intro: "Houd partners, geld, programmalijnen, indicatoren en wat u leert bij.",
                links: [
                    Link(
                        label: "De portefeuille", href: SiteURL.portfolio.href(),
                        text: "alle Regio Deals met hun rijksbijdrage, per tranche."),
                    Link(
                        label: "Een voorbeelddeal (fictief)", href: SiteURL.arrangement(demo).href(),
                        text: "partners, financiering, programmalijnen en projecten van een verzonnen deal."),
                    Link(
                        label: "Indicatoren van de voorbeelddeal", href: SiteURL.indicators(demo).href(),
                        text: "programma-indicatoren met streefwaarden, naast de context van de regio."),
                    Link(
                        label: "Leerlog van de voorbeelddeal", href: SiteURL.learningLog(demo).href(),
                        text: "van les naar besluit naar wijziging."),
                ]),
            HomePage.Role(
                title: "Ik evalueer", phase: "ex post",
                intro: "Beoordeel wat de deals opleveren, op de manier die bij hun sturingsvorm past.",
                links: [
                    Link(
                        label: "Verslag van de portefeuille", href: SiteURL.portfolioReport.href(),
                        text: "de vragen van de Rekenkamer, voor zover de gegevens ze beantwoorden."),
                    Link(
                        label: "Evaluatiedossier van de voorbeelddeal", href: SiteURL.dossier(demo).href(),
                        text: "alles over één deal, om af te drukken."),
                    Link(
                        label: "QCA", href: SiteURL.qca.href(),
                        text: "welke combinaties van kenmerken samengaan met een uitkomst."),
                    Link(
                        label: "API-documentatie", href: SiteURL.apiDocumentation.href(),
                        text: "de gegevens in uw eigen systemen gebruiken."),
                ]),
        ]
    }

    func catalogue(query: [String: [String]]) async throws -> CataloguePage {
        let family = query["familie"]?.first.flatMap(Family.init(code:))
        let kind = query["soort"]?.first.flatMap(ArrangementKind.init(code:))
        let all = try await store.allArrangements()
        let shown = all.filter { (family == nil || $0.family == family) && (kind == nil || $0.kind == kind) }
        let t = UIText.dutch
        let references = Dictionary(
            all.filter { $0.kind == .reference }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The deals of the portfolio with their tranche and provinces (usability review: 80 rows
        // of "Deal / Praktijk / regio-deal" that tell the user nothing).
        let deals = try await portfolio.portfolio()
        let dealByID = Dictionary(deals.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let facts = deals.isEmpty ? nil : try await portfolioFacts(deals)
        let firstReasons = try await store.firstVersionReasons()
        func provinces(_ id: String) -> String {
            let codes = facts?.provinces[id] ?? []
            return codes.isEmpty
                ? Absence.notRecorded
                : codes.map { facts?.names[$0] ?? $0 }.sorted().joined(separator: ", ")
        }
        var page = CataloguePage(
            layout: layout(t.navCatalogue, .catalogue()),
            families: [CataloguePage.Option(code: "", label: t.all, isSelected: family == nil)]
                + Family.allCases.map { .init(code: $0.code, label: $0.label, isSelected: $0 == family) },
            kinds: [CataloguePage.Option(code: "", label: t.all, isSelected: kind == nil)]
                + ArrangementKind.allCases.map { .init(code: $0.code, label: $0.label, isSelected: $0 == kind) },
            rows: shown.map { arrangement in
                let variant = references[arrangement.variantID]
                let deal = dealByID[arrangement.id]
                return .init(
                    name: arrangement.name, href: SiteURL.arrangement(arrangement.id).href(),
                    family: arrangement.family.label,
                    kind: DesignForm.kindLabel(
                        arrangement, firstReason: firstReasons[arrangement.id], isDeal: deal != nil),
                    variant: variant?.name ?? arrangement.variantID,
                    variantHref: variant.map { SiteURL.arrangement($0.id).href() },
                    tranche: deal.map { $0.isFictional ? "fictief" : $0.tranche > 0 ? String($0.tranche) : "—" },
                    provinces: deal.map { provinces($0.id) }, amount: deal.map { Money.text($0.rijkContribution) })
            }, count: shown.count, total: all.count)
        page.referenceCount = references.count
        return page
    }

    func arrangement(
        _ arrangement: Arrangement, query: [String: [String]], place: PagePlace? = nil
    ) -> ArrangementPage {
        let t = UIText.dutch
        let variant = catalogue.first { $0.id == arrangement.variantID && arrangement.kind != .reference }
        let analysis = analyses.analysis(
            .init(profile: arrangement.profile, arrangementID: arrangement.id)
        ) {
            .init(
                elements: ElementView.all(for: arrangement.profile, t: t),
                advice: AdviceView(Advice(arrangement.profile), t: t),
                nearest: NearestView.all(
                    ProfileDistance.nearest(to: arrangement.profile, among: catalogue, excluding: arrangement.id)))
        }
        return ArrangementPage(
            layout: layout(arrangement.name, .arrangement(arrangement.id), place: place),
            id: arrangement.id, name: arrangement.name, family: arrangement.family.label, kind: arrangement.kind.label,
            summary: arrangement.summary,
            sources: arrangement.sources.prefix(3).map(ArrangementPage.SourceLine.init),
            moreSources: arrangement.sources.count > 3 ? arrangement.sources.count - 3 : nil,
            isSaved: query["opgeslagen"] != nil, isReference: arrangement.kind == .reference,
            variantName: variant?.name, variantHref: variant.map { SiteURL.arrangement($0.id).href() },
            analysis: analysis.html,
            deal: nil, whatIfHref: SiteURL.whatIf(arrangementID: arrangement.id).href(),
            compareHref: SiteURL.compare(
                [arrangement.id] + (arrangement.id == arrangement.variantID ? [] : [arrangement.variantID])
            ).href(), hasProfile: arrangement.profile.hasStatedDimension)
    }

    func compare(query: [String: [String]]) async throws -> ComparePage {
        let t = UIText.dutch
        let all = try await store.allArrangements()
        let chosen = query["arrangementen"] ?? []
        var page = ComparePage(
            layout: layout(t.navCompare, .compare([])),
            groups: try await compareGroups(all, chosen: chosen, t: t), errors: [], hasErrors: false,
            hasResult: false, columns: [], elements: [], variationChart: "", variationRows: [], nearest: [])
        let typed = (query["zoek"]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !SearchText(typed).isEmpty {
            let search = SearchText(typed)
            let keep = ["arrangementen": chosen, "zoeken": ["1"]]
            let shown = page.groups.filter { !$0.isChosen }.map { group in
                ComparePage.OptionGroup(
                    label: group.label,
                    options: group.options.filter { search.matches([$0.name, $0.id, group.label]) })
            }
            let total = page.groups.filter { !$0.isChosen }.map(\.options.count).reduce(0, +)
            let count = shown.map(\.options.count).reduce(0, +)
            page.groups = page.groups.filter(\.isChosen) + shown.filter { !$0.options.isEmpty }
            page.filter = ComparePage.Filter(
                text: typed,
                summary: count == 0
                    ? "Geen arrangement gevonden voor ‘\(typed)’."
                    : "\(count) van de \(total) arrangementen passen bij ‘\(typed)’.",
                showAllHref: SiteURL.compare([]).href(query: keep))
        }
        // Searching the list keeps the ticked choices and compares nothing yet.
        guard query["zoeken"] == nil, query["arrangementen"] != nil else { return page }
        let known = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = chosen.filter { known[$0] == nil }
        let firstField = page.groups.first?.options.first?.fieldID ?? "zoek-keuze"
        if !unknown.isEmpty {
            page.errors.append(
                FieldError(
                    fieldID: firstField, label: "Arrangementen",
                    message: "onbekend: \(unknown.joined(separator: ", "))"))
        }
        let arrangements = chosen.compactMap { known[$0] }
        if unknown.isEmpty, Set(chosen).count == 1, let one = arrangements.first {
            // From an arrangement's "Vergelijken": that one is chosen; ask for another instead of
            // opening on an error (usability review: a 400 before the user did anything).
            page.prompt = "\(one.name) is gekozen. Kies nog ten minste één arrangement om mee te vergelijken."
            return page
        }
        page.display = ComparePage.Display(
            onlyDifferences: query["weergave"]?.contains("verschillen") ?? false,
            hidesQuotes: query["weergave"]?.contains("zonder-citaten") ?? false)
        page.compared = chosen
        do {
            let report = try ComparisonReport(arrangements, references: catalogue)
            fill(&page, with: report, arrangements: arrangements, t: t)
        } catch {
            page.errors += error.issues.map {
                FieldError(fieldID: firstField, label: "Arrangementen", message: $0.message)
            }
        }
        page.hasErrors = !page.errors.isEmpty
        return page
    }

    /// The choice of the comparison page, grouped (usability review: 95 boxes in two lists):
    /// what is ticked already first, then the essay's reference variants per family, the real
    /// Regio Deals per tranche and the other arrangements from practice.
    private func compareGroups(_ all: [Arrangement], chosen: [String], t: UIText) async throws
        -> [ComparePage.OptionGroup]
    {
        let deals = Dictionary(
            try await portfolio.portfolio().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ticked = Set(chosen)
        func option(_ arrangement: Arrangement) -> ComparePage.Option {
            .init(
                id: arrangement.id, name: arrangement.name, isChecked: ticked.contains(arrangement.id),
                fieldID: "arrangement-\(arrangement.id)")
        }
        let known = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        let picked = chosen.filter { seen.insert($0).inserted }.compactMap { known[$0] }
        let rest = all.filter { !ticked.contains($0.id) }
        let references = rest.filter { $0.kind == .reference }
        let practice = rest.filter { $0.kind != .reference }
        func isRegioDeal(_ arrangement: Arrangement) -> Bool {
            deals[arrangement.id].map { !$0.isFictional } ?? false
        }
        var groups = [ComparePage.OptionGroup(label: "Gekozen", options: picked.map(option), isChosen: true)]
        groups += Family.allCases.map { family in
            ComparePage.OptionGroup(
                label: "\(t.referenceVariants): \(family.label)",
                options: references.filter { $0.family == family }.map(option))
        }
        groups += PortfolioDeal.tranches.map { tranche in
            ComparePage.OptionGroup(
                label: "\(t.ownArrangements): Regio Deals, tranche \(tranche)",
                options: practice.filter { isRegioDeal($0) && deals[$0.id]?.tranche == tranche }.map(option))
        }
        groups.append(
            ComparePage.OptionGroup(
                label: "\(t.ownArrangements): andere arrangementen",
                options: practice.filter { !isRegioDeal($0) }.map(option)))
        return groups.filter { !$0.options.isEmpty }
    }

    private func fill(
        _ page: inout ComparePage, with report: ComparisonReport, arrangements: [Arrangement],
        t: UIText
    ) {
        let comparison = report.comparison
        page.hasResult = true
        page.columns = comparison.columns.map(\.name)
        let display = page.display
        page.elements = ProfileElement.allCases.map { element in
            let all = comparison.rows.filter { $0.element == element }
            let shown = display.onlyDifferences ? all.filter { $0.status == .different } : all
            return ComparePage.ElementRows(
                label: element.label, question: element.question,
                rows: shown.map { row in
                    let status: (String, String) =
                        switch row.status {
                        case .equal: ("gelijk", "status-equal")
                        case .different: ("verschillend", "status-different")
                        case .unknown: (ComparePage.notComparable, "status-unknown")
                        }
                    return .init(
                        label: row.label, status: status.0, statusClass: status.1,
                        cells: row.cells.map { cell in
                            .init(
                                text: cell.notStatedReason == nil ? cell.labels.joined(separator: " én ") : t.notStated,
                                quotes: display.hidesQuotes
                                    ? [] : zip(cell.quotes, cell.citations).map { "“\($0)” (\($1))" })
                        })
                }, hiddenCount: all.count - shown.count)
        }
        page.variationRows = ProfileElement.allCases.map { element in
            let rows = comparison.rows.filter { $0.element == element }
            let variation = comparison.variation(of: element)
            return .init(
                label: element.label, differing: rows.filter { $0.status == .different }.count,
                equal: rows.filter { $0.status == .equal }.count,
                notComparable: rows.filter { $0.status == .unknown }.count, total: rows.count,
                variation: Format.decimal(variation.variation),
                cumulative: Format.decimal(variation.cumulativeVariation))
        }
        page.variationChart = HTML(generated: DifferenceChart.svg(id: "verschillen", rows: page.variationRows))
        page.nearest = zip(arrangements, report.nearest).map { arrangement, nearest in
            .init(name: arrangement.name, references: NearestView.all(nearest.references))
        }
    }

    func accessibility(query: [String: [String]]) -> AccessibilityPage {
        AccessibilityPage(
            layout: layout(UIText.dutch.footerAccessibility, .accessibility))
    }

    func glossary(query: [String: [String]]) -> GlossaryPage {
        GlossaryPage(
            layout: layout("Begrippenlijst", .glossary()),
            groups: Glossary.groups.enumerated().map { index, group in
                GlossaryPage.Group(
                    anchor: "groep-\(index + 1)", title: group.title, intro: group.intro,
                    entries: group.terms.map { term in
                        let entry = Glossary.entry(term)
                        var page = GlossaryPage.Entry(anchor: term.anchor, word: entry.word, meaning: entry.meaning)
                        if case .essay(let section, let quote) = entry.origin {
                            page.section = section
                            page.quote = quote
                        }
                        return page
                    })
            })
    }

    /// - Parameter returnTo: where logging in leads back to, on a 401 (the page that asked).
    func error(
        status: Int, message: String, keptInput: [Problem.KeptField] = [],
        returnTo: String? = nil, searchFor: String? = nil
    ) -> ErrorPage {
        var page = ErrorPage(
            layout: layout(ErrorPage.title(status), nil), status: status, message: message)
        page.loginHref = status == 401 ? AccountURL.login(returnTo: returnTo).href : nil
        page.accountHref = status == 403 ? AccountURL.account.href : nil
        page.catalogueHref = SiteURL.catalogue().href()
        page.portfolioHref = SiteURL.portfolio.href()
        page.searchHref = SiteURL.search(nil).href()
        page.suggestion = searchFor.map { ($0, SiteURL.search($0).href()) }
        page.keptFields = keptInput.enumerated().map { index, field in
            ErrorPage.Field(
                id: "invoer-\(index + 1)", name: field.name, text: field.text, reason: field.reason,
                rows: min(12, max(2, field.text.count / 70 + field.text.filter(\.isNewline).count + 1)))
        }
        page.refusedFields = page.keptFields.filter { $0.reason != nil }
        return page
    }
}
