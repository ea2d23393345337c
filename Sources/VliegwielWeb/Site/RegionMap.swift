import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The map of the Netherlands as inline SVG (issue 16 item 4): outlines from
/// ``RegionBoundaries`` (projected once per process), coloured by class, each area with deals
/// a link with an accessible name. No script; the page shows the same figures in a table.
enum RegionMapSVG {
    struct Area: Sendable {
        var code: String
        /// The CSS class of its fill (defined in the stylesheet, with a legend in text).
        var style: String
        /// Its name with what the colour says: the link's accessible name and its tooltip.
        var label: String
        var href: String?
        /// Filled with the map's hatching instead of `style`'s colour.
        var isHatched = false
    }

    /// - Parameters:
    ///   - ground: outlines drawn first in grey, without names (hidden from assistive technology).
    ///   - areas: the coloured areas, in drawing order.
    ///   - lines: outlines drawn last as lines only (the provinces' borders).
    static func svg(
        id: String, title: String, description: String, map: RegionBoundaries.Map,
        ground: [RegionBoundaries.Shape], areas: [Area], lines: [RegionBoundaries.Shape]
    ) -> String {
        let hatch = "\(id)-arcering"
        var svg = """
            <svg class="map" viewBox="0 0 \(map.width) \(map.height)" width="100%" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-title">\(BarChart.escape(title))</title>
            <desc id="\(id)-desc">\(BarChart.escape(description))</desc>
            <defs><pattern id="\(hatch)" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" class="map-hatch-ground"/><rect width="1.5" height="4" class="map-hatch-line"/></pattern></defs>
            <g class="map-ground" aria-hidden="true">
            """
        // A line drawn on the ground already is used again, not written twice.
        let reused = Set(ground.map(\.code)).intersection(lines.map(\.code))
        for shape in ground {
            let name = reused.contains(shape.code) ? " id=\"\(id)-\(shape.code)\"" : ""
            svg += "<path\(name) d=\"\(shape.path)\"/>"
        }
        svg += "</g>\n<g class=\"map-areas\">\n"
        for area in areas {
            guard let shape = map.shapes[area.code] else { continue }
            let fill = area.isHatched ? " fill=\"url(#\(hatch))\"" : ""
            let path = "<path d=\"\(shape.path)\" class=\"\(area.style)\"\(fill)/>"
            let label = BarChart.escape(area.label)
            if let href = area.href {
                svg +=
                    "<a href=\"\(BarChart.escape(href))\" aria-label=\"\(label)\"><title>\(label)</title>\(path)</a>\n"
            } else {
                svg += "<g aria-hidden=\"true\"><title>\(label)</title>\(path)</g>\n"
            }
        }
        svg += "</g>\n<g class=\"map-lines\" aria-hidden=\"true\">"
        for shape in lines {
            svg += reused.contains(shape.code) ? "<use href=\"#\(id)-\(shape.code)\"/>" : "<path d=\"\(shape.path)\"/>"
        }
        return svg + "</g>\n</svg>"
    }
}

/// A colour of a map with what it means, for the legend.
struct MapLegendItem: Sendable {
    var style: String
    var text: String
    var isHatched = false
}

/// A region on the map, as a row of the table beside it.
struct MapRegionRow: Sendable {
    var name: String
    var code: String
    var kind: String
    var href: String
    var dealCount: Int
    var tranches: String
    /// The indicator's figure on a choropleth; `nil` on the map of deals.
    var value: String? = nil
}

/// A code that could not be drawn, with why and the deals that name it.
struct MapUndrawnRow: Sendable {
    var code: String
    var reason: String
    var deals: [MapDealLink]
}

struct MapDealLink: Sendable {
    var name: String
    var href: String
}

/// One map with its caption, legend and table.
struct MapFigure: Sendable {
    var id: String
    var caption: String
    var svg: HTML
    var legend: [MapLegendItem]
    var rows: [MapRegionRow]
    var hasValues: Bool
    /// Whether the table counts the deals of each region (not on a deal's own map).
    var countsDeals = true
}

/// The map section of the portfolio page.
struct PortfolioMapSection: Sendable {
    var figure: MapFigure
    /// "62 van de 80 gekozen deals staan op de kaart …".
    var summary: String
    var undrawn: [MapUndrawnRow]
    var withoutRegion: [MapDealLink]
    /// The imported context indicators that can colour the map; empty when none.
    var indicators: [PortfolioPage.Option]
    var indicatorError: String?
    var choropleth: MapFigure?
    /// What the choropleth shows and what it leaves out, in sentences.
    var choroplethNotes: [String]
    /// The portfolio's filters (name, value), kept when the map is coloured anew.
    var keptFilters: [(String, String)] = []
}

/// The map on a deal's page: its own area.
struct DealMapSection: Sendable {
    /// `nil` when none of the deal's codes can be drawn.
    var figure: MapFigure?
    var undrawn: [MapUndrawnRow]
}

enum MapText {
    /// The credit the licence asks for, and what the year of the boundaries means.
    static let attribution = HTML(
        lines: [
            #"Grenzen: \#(RegionBoundaries.attribution) (<a href="\#(RegionBoundaries.licenceAddress)">\#(RegionBoundaries.licence)</a>)."#,
            "Vliegwiel heeft alleen de grenzen van \(RegionBoundaries.year): een regiocode van een ander jaar, bijvoorbeeld van voor een gemeentelijke herindeling, past daar niet op; zo’n code wordt niet getekend maar genoemd.",
        ])

    static func deals(_ count: Int) -> String { count == 1 ? "1 deal" : "\(count) deals" }

    /// The fill for `count` deals.
    static func dealStyle(_ count: Int) -> String { "map-deals-\(min(count, 3))" }

    static let dealLegend = [
        MapLegendItem(style: "map-deals-1", text: "1 deal"),
        MapLegendItem(style: "map-deals-2", text: "2 deals"),
        MapLegendItem(style: "map-deals-3", text: "3 of meer deals"),
        MapLegendItem(
            style: "map-deals-province", text: "provincie als gebied (de bronnen noemen geen gemeenten)",
            isHatched: true),
    ]
}

extension SitePages {
    /// Every deal of the portfolio with its region codes: the regions recorded with its
    /// indicators, else its area from the public sources (as the portfolio report takes them).
    func mapDeals(_ deals: [PortfolioDeal]) async throws -> [MapDeal] {
        let recorded = try await indicators.recordedRegions()
        let curated = try? CuratedPortfolioFiles.bundled()
        return deals.map { deal in
            MapDeal(
                id: deal.id, name: deal.name, tranche: deal.tranche, isFictional: deal.isFictional,
                regions: recorded[deal.id]?.map(\.code) ?? curated?.deal(deal.id)?.region?.codes ?? [])
        }
    }

    static func undrawnRows(_ undrawn: [UndrawnRegion]) -> [MapUndrawnRow] {
        undrawn.map { region in
            MapUndrawnRow(
                code: region.code, reason: region.reason.text,
                deals: region.deals.map { MapDealLink(name: $0.name, href: SiteURL.arrangement($0.id).href()) })
        }
    }

    static func tranches(_ deals: [MapDeal]) -> String {
        Set(deals.map(\.tranche)).sorted().map(String.init).joined(separator: ", ")
    }

    /// The map of the chosen deals by the number of deals per area, the undrawn codes, and a
    /// choropleth of a context indicator when one is chosen.
    func portfolioMap(
        entries: [PortfolioEntry], all: [PortfolioDeal], scope: String,
        query: [String: [String]]
    ) async throws -> PortfolioMapSection? {
        guard let map = try? RegionBoundaries.bundled() else { return nil }
        let chosen = Set(entries.map(\.id))
        let everything = try await mapDeals(all)
        let deals = everything.filter { chosen.contains($0.id) }
        let grouped = RegionDeals(deals)
        let drawable = Set(map.shapes.keys)
        let undrawn = grouped.undrawn(drawable: drawable)
        let provinceAreas = map.provinces.filter { grouped.byArea[$0.code] != nil }
        let municipalityAreas = map.municipalities.filter { grouped.byArea[$0.code] != nil }
        func area(_ shape: RegionBoundaries.Shape, hatched: Bool) -> RegionMapSVG.Area {
            let count = grouped.deals(in: shape.code).count
            return RegionMapSVG.Area(
                code: shape.code, style: hatched ? "map-deals-province" : MapText.dealStyle(count),
                label: "\(map.label(of: shape)): \(MapText.deals(count))",
                href: SiteURL.portfolioRegion(shape.code).href(), isHatched: hatched)
        }
        let onMap = deals.filter { deal in deal.area.contains { drawable.contains($0) } }
        let withoutRegion = deals.filter(\.regions.isEmpty)
        let rows = (municipalityAreas + provinceAreas).map { shape in
            let named = grouped.deals(in: shape.code)
            return MapRegionRow(
                name: shape.name, code: shape.code, kind: map.kind(of: shape.code),
                href: SiteURL.portfolioRegion(shape.code).href(), dealCount: named.count,
                tranches: Self.tranches(named))
        }
        let figure = MapFigure(
            id: "kaart-deals",
            caption:
                "Gebieden van de gekozen deals (\(scope)): \(municipalityAreas.count) gemeenten en \(provinceAreas.count) provincies. Kies een gebied voor zijn deals.",
            svg: HTML(
                generated: RegionMapSVG.svg(
                    id: "kaart-deals", title: "Kaart van Nederland: gebieden van de deals (\(scope))",
                    description:
                        "\(MapText.deals(onMap.count)) op de kaart, in \(municipalityAreas.count) gemeenten en \(provinceAreas.count) provincies. De kleur zegt hoeveel deals een gebied noemen; dezelfde cijfers staan in de tabel onder de kaart.",
                    map: map, ground: map.provinces,
                    areas: provinceAreas.map { area($0, hatched: true) }
                        + municipalityAreas.map { area($0, hatched: false) }, lines: map.provinces)),
            legend: MapText.dealLegend, rows: rows, hasValues: false)
        let summary =
            "\(onMap.count) van de \(MapText.deals(deals.count)) \(onMap.count == 1 ? "staat" : "staan") op de kaart. "
            + (withoutRegion.isEmpty ? "" : "\(MapText.deals(withoutRegion.count)) zonder regiocode (hieronder). ")
            + (undrawn.isEmpty
                ? "Alle regiocodes van deze deals passen op de grenzen van \(RegionBoundaries.year)."
                : "\(undrawn.count) regiocode\(undrawn.count == 1 ? "" : "s") kon\(undrawn.count == 1 ? "" : "den") niet getekend worden (hieronder, met de reden).")
        var section = PortfolioMapSection(
            figure: figure, summary: summary, undrawn: Self.undrawnRows(undrawn),
            withoutRegion: withoutRegion.map {
                MapDealLink(name: $0.name, href: SiteURL.arrangement($0.id).href())
            }, indicators: [], indicatorError: nil, choropleth: nil, choroplethNotes: [])
        try await addChoropleth(to: &section, map: map, grouped: RegionDeals(everything), query: query)
        return section
    }

    /// The choropleth of the indicator `indicator=TABLE/MEASURE` names, among the imported
    /// context tables that are not fictional.
    private func addChoropleth(
        to section: inout PortfolioMapSection, map: RegionBoundaries.Map, grouped: RegionDeals,
        query: [String: [String]]
    ) async throws {
        let tables = try await indicators.contextTables().filter { !$0.isFictional }
        let codes = tables.isEmpty ? [:] : try await indicators.contextMeasureCodes()
        let chosen = query["indicator"]?.first ?? ""
        var options = tables.flatMap { table in
            (codes[table.id] ?? table.measures.map(\.code)).map(table.measure).map { measure in
                PortfolioPage.Option(
                    code: "\(table.id)/\(measure.code)", label: "\(measure.name) (\(table.title))",
                    isSelected: "\(table.id)/\(measure.code)" == chosen)
            }
        }
        guard !options.isEmpty else {
            section.choroplethNotes = [
                "Er zijn (nog) geen contextindicatoren van CBS ingelezen; dan is er geen kaart met een indicator per gebied. Een beheerder leest ze in met ‘vliegwiel importeer-contextindicatoren’ (zie de handleiding over indicatoren)."
            ]
            return
        }
        options.insert(.init(code: "", label: "Geen: alleen de deals", isSelected: chosen.isEmpty), at: 0)
        section.indicators = options
        guard !chosen.isEmpty else { return }
        let parts = chosen.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let table = tables.first(where: { $0.id == parts[0] }),
            (codes[table.id] ?? table.measures.map(\.code)).contains(parts[1])
        else {
            section.indicatorError = "‘\(chosen)’ is geen ingelezen indicator; kies er een uit de lijst"
            return
        }
        let measure = table.measure(parts[1])
        let observations = try await indicators.observations(
            matching: ContextFilter(tableID: table.id, measure: measure.code), limit: nil, offset: 0
        ).observations.filter { $0.value != nil }
        let municipal = observations.contains { $0.region.kind == .municipality }
        let level: RegionCode.Kind = municipal ? .municipality : .province
        let atLevel = observations.filter { $0.region.kind == level }
        guard let period = atLevel.map(\.period).max() else {
            section.choroplethNotes = [
                "‘\(measure.name)’ heeft geen cijfers voor gemeenten of provincies; daarom is er geen kaart. De cijfers staan bij de deals onder Indicatoren."
            ]
            return
        }
        let current = atLevel.filter { $0.period == period }
        var values: [String: Double] = [:]
        for observation in current { values[observation.region.code] = observation.value }
        let shapes = level == .municipality ? map.municipalities : map.provinces
        let drawn = values.filter { map.shapes[$0.key] != nil }
        let notDrawn = values.keys.filter { map.shapes[$0] == nil }.sorted()
        guard let scale = ChoroplethScale(values: Array(drawn.values), classes: 5) else {
            section.choroplethNotes = [
                "Geen van de \(values.count) gebieden met een cijfer voor \(period.label) past op de grenzen van \(RegionBoundaries.year): \(notDrawn.joined(separator: ", ")). Vliegwiel zet oude codes niet zelf om."
            ]
            return
        }
        let unit = measure.unit.isEmpty ? "" : " \(measure.unit)"
        func figure(_ value: Double) -> String { Format.decimal(value, digits: 1) + unit }
        let kindPlural = level == .municipality ? "gemeenten" : "provincies"
        let areas = shapes.map { shape -> RegionMapSVG.Area in
            let count = grouped.deals(in: shape.code).count
            let dealText = count == 0 ? "" : "; \(MapText.deals(count))"
            guard let value = drawn[shape.code] else {
                return RegionMapSVG.Area(
                    code: shape.code, style: "map-value-none", label: "\(shape.name): geen cijfer\(dealText)",
                    href: count == 0 ? nil : SiteURL.portfolioRegion(shape.code).href(), isHatched: true)
            }
            return RegionMapSVG.Area(
                code: shape.code, style: "map-value-\(scale.classIndex(of: value) + 1)",
                label: "\(shape.name): \(figure(value))\(dealText)",
                href: count == 0 ? nil : SiteURL.portfolioRegion(shape.code).href())
        }
        let legend =
            (0..<scale.classes).map { index -> MapLegendItem in
                let (low, high) = scale.range(of: index)
                return MapLegendItem(
                    style: "map-value-\(index + 1)",
                    text: scale.classes == 1 ? figure(low) : "\(figure(low)) tot \(figure(high))")
            } + [MapLegendItem(style: "map-value-none", text: "geen cijfer", isHatched: true)]
        let missing = shapes.count - drawn.count
        section.choropleth = MapFigure(
            id: "kaart-indicator",
            caption:
                "\(measure.name), \(period.label), per \(level == .municipality ? "gemeente" : "provincie") (\(table.source)). Context, geen effect van een deal.",
            svg: HTML(
                generated: RegionMapSVG.svg(
                    id: "kaart-indicator", title: "Kaart van Nederland: \(measure.name), \(period.label)",
                    description:
                        "\(drawn.count) \(kindPlural) met een cijfer, in \(scale.classes) gelijke klassen van \(figure(scale.bounds.first ?? 0)) tot \(figure(scale.bounds.last ?? 0)); \(missing) zonder cijfer. Dezelfde cijfers staan in de tabel onder de kaart.",
                    map: map, ground: [], areas: areas, lines: level == .municipality ? map.provinces : [])),
            legend: legend,
            rows: shapes.compactMap { shape in
                guard let value = drawn[shape.code] else { return nil }
                let named = grouped.deals(in: shape.code)
                return MapRegionRow(
                    name: shape.name, code: shape.code, kind: map.kind(of: shape.code),
                    href: SiteURL.portfolioRegion(shape.code).href(), dealCount: named.count,
                    tranches: Self.tranches(named), value: figure(value))
            }, hasValues: true)
        var notes = [
            "Het nieuwste jaar met cijfers: \(period.label). Klassen van gelijke breedte; een gearceerd gebied heeft geen cijfer (\(missing) \(kindPlural))."
        ]
        if !notDrawn.isEmpty {
            notes.append(
                "\(notDrawn.count) gebied\(notDrawn.count == 1 ? "" : "en") met een cijfer \(notDrawn.count == 1 ? "staat" : "staan") niet op de kaart, omdat de code niet voorkomt in de grenzen van \(RegionBoundaries.year) (een oudere code of geen gemeente of provincie): \(notDrawn.joined(separator: ", ")). Vliegwiel zet oude codes niet zelf om."
            )
        }
        section.choroplethNotes = notes
    }

    /// The map of one deal's own area, on its page; `nil` without boundaries or codes.
    func dealMap(_ deal: PortfolioDeal, recorded: [RegionCode]?) -> DealMapSection? {
        guard let map = try? RegionBoundaries.bundled() else { return nil }
        let curated = (try? CuratedPortfolioFiles.bundled())?.deal(deal.id)?.region
        let codes = recorded.flatMap { $0.isEmpty ? nil : $0.map(\.code) } ?? curated?.codes ?? []
        guard !codes.isEmpty else { return nil }
        let mapDeal = MapDeal(
            id: deal.id, name: deal.name, tranche: deal.tranche, isFictional: deal.isFictional, regions: codes)
        let undrawn = RegionDeals([mapDeal]).undrawn(drawable: Set(map.shapes.keys))
        let area = mapDeal.area.compactMap { map.shapes[$0] }
        let isProvince = area.allSatisfy { RegionCode($0.code)?.kind == .province }
        let kind =
            isProvince
            ? (area.count == 1 ? "provincie" : "provincies") : (area.count == 1 ? "gemeente" : "gemeenten")
        return DealMapSection(
            figure: area.isEmpty
                ? nil
                : MapFigure(
                    id: "kaart-deal",
                    caption:
                        "Het gebied van \(deal.name): \(area.count) \(kind). Kies een gebied voor alle deals daar.",
                    svg: HTML(
                        generated: RegionMapSVG.svg(
                            id: "kaart-deal", title: "Kaart van Nederland: het gebied van \(deal.name)",
                            description: "Getekend: \(area.map(\.name).joined(separator: ", ")).", map: map,
                            ground: map.provinces,
                            areas: area.map {
                                RegionMapSVG.Area(
                                    code: $0.code, style: "map-deals-2",
                                    label: "\(map.label(of: $0)): alle deals in dit gebied",
                                    href: SiteURL.portfolioRegion($0.code).href())
                            }, lines: map.provinces)),
                    legend: [MapLegendItem(style: "map-deals-2", text: "gebied van deze deal")],
                    rows: area.map {
                        MapRegionRow(
                            name: $0.name, code: $0.code, kind: map.kind(of: $0.code),
                            href: SiteURL.portfolioRegion($0.code).href(), dealCount: 1, tranches: "")
                    }, hasValues: false, countsDeals: false),
            undrawn: Self.undrawnRows(undrawn))
    }

    /// The page of one region: the deals that name it, and the region on the map.
    func regionPage(_ code: String, query: [String: [String]]) async throws -> RegionPage? {
        guard let region = RegionCode(code) else { return nil }
        let map = try? RegionBoundaries.bundled()
        let deals = RegionDeals(try await mapDeals(try await portfolio.portfolio())).deals(in: region.code)
        let shape = map?.shapes[region.code]
        guard shape != nil || !deals.isEmpty else { return nil }
        let name = shape?.name ?? region.code
        let kind = region.kind.rawValue
        let title = "\(name) (\(kind), \(region.code))"
        let figure = map.flatMap { map -> MapFigure? in
            guard let shape else { return nil }
            return MapFigure(
                id: "kaart-gebied", caption: "\(name) op de kaart van Nederland.",
                svg: HTML(
                    generated: RegionMapSVG.svg(
                        id: "kaart-gebied", title: "Kaart van Nederland: \(name)",
                        description: "\(name) is gemarkeerd.", map: map, ground: map.provinces,
                        areas: [
                            RegionMapSVG.Area(code: shape.code, style: "map-deals-2", label: name, href: nil)
                        ], lines: map.provinces)),
                legend: [MapLegendItem(style: "map-deals-2", text: name)], rows: [], hasValues: false)
        }
        return RegionPage(
            layout: layout(title, .portfolioRegion(region.code)), name: name, code: region.code,
            kind: kind, isInBoundaries: shape != nil,
            deals: deals.map {
                RegionPage.Deal(
                    name: $0.name, href: SiteURL.arrangement($0.id).href(), tranche: $0.tranche,
                    isFictional: $0.isFictional)
            }, figure: figure, mapHref: SiteURL.portfolio.href() + "#kaart",
            undrawnReason: shape == nil
                ? RegionDeals(deals).undrawn(drawable: Set(map.map { Array($0.shapes.keys) } ?? [])).first?.reason.text
                : nil)
    }
}

/// The deals of one region (`/portefeuille/regios/GM0363`), reached from the map.
struct RegionPage: Sendable {
    struct Deal: Sendable {
        var name: String
        var href: String
        var tranche: Int
        var isFictional: Bool
    }

    var layout: Layout
    var name: String
    var code: String
    var kind: String
    var isInBoundaries: Bool
    var deals: [Deal]
    var figure: MapFigure?
    var mapHref: String
    /// Why the region is not on the map, when it is not.
    var undrawnReason: String?
}
