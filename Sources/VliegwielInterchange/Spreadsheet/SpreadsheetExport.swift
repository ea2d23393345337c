import Foundation
import VliegwielCore

/// The spreadsheet exports (docs/exports.md): the portfolio, a deal's finance lines, its
/// indicators and the evaluation dossier, each one ``Workbook`` with a sheet per record type,
/// which ``ODSWriter`` and ``XLSXWriter`` write whole and ``DutchCSV`` writes as its first sheet.
///
/// Money is an amount cell (euros, exact from the cents) under a heading that names the unit;
/// days are date cells. Every sheet of a deal's records has the column `Fictief`, so the demo
/// deal's rows say they are made up wherever they are copied to.
public enum SpreadsheetExport {
    /// What is exported, and the start of its file name.
    public enum Kind: String, Sendable, CaseIterable {
        case portfolio = "portefeuille"
        case financeLines = "financiering"
        case indicators = "indicatoren"
        case dossier = "dossier"
    }

    /// The headings, written once: the builders and the tests use the same words.
    public enum Heading {
        public static let deal = "Deal"
        public static let fictional = "Fictief"
        public static let rijkContribution = "Rijksbijdrage (euro)"
        public static let amount = "Bedrag (euro)"
        public static let budget = "Budget (euro)"
        public static let value = "Waarde"
    }

    // MARK: The workbooks

    /// Every deal of the portfolio: the report's row per deal, then the partners, finance lines,
    /// programme lines, projects and programme indicator values of all deals, in `records`' order.
    public static func portfolio(_ report: PortfolioReport, records: [DealRecord], indicators: [IndicatorReport])
        -> Workbook
    {
        let byID = Dictionary(records.map { ($0.deal.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Workbook(sheets: [
            deals(report, records: byID),
            partners(records),
            financeLines(records),
            programmeLines(records),
            projects(records),
            programmeIndicators(indicators),
        ])
    }

    /// One deal's finance lines.
    public static func financeLines(of record: DealRecord) -> Workbook {
        Workbook(sheets: [financeLines([record])])
    }

    /// One arrangement's programme indicator values and its context indicators' trends.
    public static func indicators(_ report: IndicatorReport) -> Workbook {
        Workbook(sheets: [programmeIndicators([report]), contextIndicators(report)])
    }

    /// The dossier: first every fact in one list (the CSV export), then a sheet per record type.
    public static func dossier(_ dossier: EvaluationDossier) -> Workbook {
        var sheets = [facts(dossier), profileVersions(dossier)]
        if let record = dossier.deal {
            sheets += [partners([record]), financeLines([record]), programmeLines([record]), projects([record])]
        }
        if let report = dossier.indicators {
            sheets += [programmeIndicators([report]), contextIndicators(report)]
        }
        sheets.append(learningLog(dossier.learningLog))
        return Workbook(sheets: sheets)
    }

    // MARK: The sheets

    static func deals(_ report: PortfolioReport, records: [String: DealRecord]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Deals",
            columns: [
                Heading.deal, "Naam", "Tranche", Heading.fictional, Heading.rijkContribution, "Gesloten op", "Doel",
                "Programmalijnen", "Programma-indicatoren", "Met streefwaarden", "Met realisatie",
                "Versies bijdragegraaf", "Regels leerlog", "Profielversies", "Regio's (CBS)", "Ongunstige context",
                "Onbekend", "Bron",
            ],
            rows: report.rows.map { row in
                let deal = records[row.dealID]?.deal
                return [
                    .text(row.dealID), .text(row.name), .integer(row.tranche), .yesNo(row.isFictional),
                    .euro(row.rijkContribution), .date(deal?.closedOn), .text(row.goal?.joined(separator: "; ")),
                    .text(row.programmeLines.joined(separator: "; ")), .integer(row.programmeIndicators),
                    .integer(row.indicatorsWithTargets), .integer(row.indicatorsWithActuals),
                    .integer(row.contributionGraphVersions), .integer(row.learningEntries),
                    .integer(row.profileVersions), .text(row.regions.joined(separator: " ")),
                    .text(row.unfavourableContext.joined(separator: "; ")),
                    .text(row.unknowns.joined(separator: "; ")), .text(deal?.source),
                ]
            })
    }

    static func partners(_ records: [DealRecord]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Partners",
            columns: [
                Heading.deal, Heading.fictional, "Id", "Organisatie", "Type", "Rollen", "Toegetreden",
                "Uitgetreden", "Bron",
            ],
            rows: records.flatMap { record in
                record.partners.map { partner in
                    [
                        .text(record.deal.id), .yesNo(record.deal.isFictional), .text(partner.id),
                        .text(partner.organisation), .text(partner.type.code),
                        .text(partner.roles.map(\.code).joined(separator: " ")), .date(partner.joinedOn),
                        .date(partner.leftOn), .text(partner.source),
                    ]
                }
            })
    }

    static func financeLines(_ records: [DealRecord]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Financiering",
            columns: [
                Heading.deal, Heading.fictional, "Id", "Partner", "Programmalijn", "Jaar", "Soort", "Sector", "Vorm",
                Heading.amount, "Datum", "Omschrijving", "Bron",
            ],
            rows: records.flatMap { record in
                record.financeLines.map { line in
                    [
                        .text(record.deal.id), .yesNo(record.deal.isFictional), .text(line.id), .text(line.partnerID),
                        .text(line.programmeLineID), .integer(line.year), .text(line.kind.code),
                        .text(line.sector.code), .text(line.form.code), .euro(line.amount), .date(line.date),
                        .text(line.description), .text(line.source),
                    ]
                }
            })
    }

    static func programmeLines(_ records: [DealRecord]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Programmalijnen",
            columns: [Heading.deal, Heading.fictional, "Id", "Naam", "Omschrijving"],
            rows: records.flatMap { record in
                record.programmeLines.map { line in
                    [
                        .text(record.deal.id), .yesNo(record.deal.isFictional), .text(line.id), .text(line.name),
                        .text(line.description),
                    ]
                }
            })
    }

    static func projects(_ records: [DealRecord]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Projecten",
            columns: [
                Heading.deal, Heading.fictional, "Id", "Naam", "Programmalijn", "Trekker", "Partners", Heading.budget,
                "Start", "Einde", "Status", "Thema's", "Omschrijving", "Bron",
            ],
            rows: records.flatMap { record in
                record.projects.map { project in
                    [
                        .text(record.deal.id), .yesNo(record.deal.isFictional), .text(project.id), .text(project.name),
                        .text(project.programmeLineID), .text(project.leadPartnerID),
                        .text(project.partnerIDs.joined(separator: " ")), .euro(project.budget),
                        .date(project.startsOn), .date(project.endsOn), .text(project.status.code),
                        .text(project.themes.map(\.code).joined(separator: " ")), .text(project.description),
                        .text(project.source),
                    ]
                }
            })
    }

    /// One row per value: the baseline, each target and each actual.
    static func programmeIndicators(_ reports: [IndicatorReport]) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Programma-indicatoren",
            columns: [
                Heading.deal, Heading.fictional, "Indicator", "Naam", "Eenheid", "Richting", "Soort waarde",
                "Periode", "Periode (code)", Heading.value, "Bron",
            ],
            rows: reports.flatMap { report in
                report.programme.flatMap { indicator in
                    let values =
                        [("nulmeting", indicator.baseline)] + indicator.targets.map { ("streefwaarde", $0) }
                        + indicator.actuals.map { ("realisatie", $0) }
                    return values.map { kind, value -> [Workbook.Cell] in
                        [
                            .text(report.arrangementID), .yesNo(report.isFictional), .text(indicator.id),
                            .text(indicator.name), .text(indicator.unit), .text(indicator.direction.code), .text(kind),
                            .text(value.period.label), .text(value.period.code), .number(value.value),
                            .text(indicator.source),
                        ]
                    }
                }
            })
    }

    /// One row per context measure and region: the trend and its rating (context, not an effect
    /// of the deal).
    static func contextIndicators(_ report: IndicatorReport) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Contextindicatoren",
            columns: [
                Heading.deal, Heading.fictional, "Tabel", "Maat", "Naam", "Eenheid", "Regio", "Eerste periode",
                "Laatste periode", "Laatste waarde", "Oordeel over de trend", "Bron",
            ],
            rows: report.context.flatMap { view in
                view.regions.map { series -> [Workbook.Cell] in
                    let last = series.values.max { $0.period < $1.period }
                    return [
                        .text(report.arrangementID), .yesNo(report.isFictional || view.table.isFictional),
                        .text(view.table.id), .text(view.measure.code), .text(view.measure.name),
                        .text(view.measure.unit), .text(series.label), .text(series.assessment?.first.label),
                        .text(series.assessment?.last.label), last.map { .number($0.value) } ?? .empty,
                        .text(series.assessment?.rating.code ?? "onbekend"), .text(view.table.source),
                    ]
                }
            })
    }

    static func profileVersions(_ dossier: EvaluationDossier) -> Workbook.Sheet {
        Workbook.Sheet(
            name: "Profielversies",
            columns: ["Arrangement", "Versie", "Datum", "Tijdstip (UTC)", "Auteur", "Reden"],
            rows: dossier.profileVersions.map { version in
                [
                    .text(dossier.arrangement.id), .integer(version.number), .date(CalendarDate(iso: version.isoDay)),
                    .text(version.isoDate), .text(version.author), .text(version.reason),
                ]
            })
    }

    static func learningLog(_ log: LearningLog) -> Workbook.Sheet {
        let fictional = Workbook.Cell.yesNo(log.isFictional)
        let lessons = log.lessons.map { lesson -> [Workbook.Cell] in
            [
                .text(log.arrangementID), fictional, .text("les"), .text(lesson.id), .date(lesson.date),
                .text(lesson.text), .text(lesson.learnedBy), .empty, .text(lesson.source),
            ]
        }
        let decisions = log.decisions.map { decision -> [Workbook.Cell] in
            [
                .text(log.arrangementID), fictional, .text("besluit"), .text(decision.id), .date(decision.date),
                .text(decision.text), .text(decision.decidedBy), .text(decision.lessonIDs.joined(separator: " ")),
                .empty,
            ]
        }
        let changes = log.changes.map { change -> [Workbook.Cell] in
            [
                .text(log.arrangementID), fictional, .text("wijziging"), .text(change.id), .date(change.date),
                .text(change.text), .empty, .text(change.decisionIDs.joined(separator: " ")), .empty,
            ]
        }
        return Workbook.Sheet(
            name: "Leerlog",
            columns: ["Arrangement", Heading.fictional, "Soort", "Id", "Datum", "Tekst", "Door", "Volgt op", "Bron"],
            rows: lessons + decisions + changes)
    }

    /// Every fact of the dossier in the order of the page, one per row: `Onderdeel, Onderwerp,
    /// Kenmerk, Waarde, Bron`. A money fact names its unit in `Kenmerk` and is an amount cell.
    static func facts(_ dossier: EvaluationDossier) -> Workbook.Sheet {
        let arrangement = dossier.arrangement
        var rows: [[Workbook.Cell]] = []
        func add(_ part: String, _ subject: String, _ property: String, _ value: Workbook.Cell, _ source: String?) {
            rows.append([.text(part), .text(subject), .text(property), value, .text(source)])
        }
        add("dossier", arrangement.id, "naam", .text(arrangement.name), nil)
        add("dossier", arrangement.id, "opgesteld op", .date(dossier.generatedOn), nil)
        add("dossier", arrangement.id, "fictief", .yesNo(dossier.isFictional), nil)
        for dimension in ProfileDimension.all {
            let reading = dimension.reading(of: arrangement.profile)
            if reading.entries.isEmpty {
                add("profiel", dimension.id, "niet vermeld", .text(reading.notStatedReason ?? ""), nil)
            }
            for entry in reading.entries {
                add("profiel", dimension.id, "waarde", .text(entry.code), "\(entry.citation): “\(entry.quote)”")
            }
        }
        for consequence in dossier.advice.consequences {
            add("advies", consequence.id, "gevolg", .text(consequence.consequence), consequence.citation)
        }
        for version in dossier.profileVersions {
            add(
                "profielversie", String(version.number), "versie", .text("\(version.reason) (\(version.author))"),
                version.isoDate)
        }
        if let record = dossier.deal {
            let deal = record.deal
            add("deal", deal.id, "tranche", .integer(deal.tranche), deal.source)
            add(
                "deal", deal.id, "rijksbijdrage (euro)",
                deal.rijkContribution.map(Workbook.Cell.euro) ?? .text("onbekend"),
                deal.source)
            if let closed = deal.closedOn { add("deal", deal.id, "gesloten op", .date(closed), deal.source) }
            for partner in record.partners {
                add(
                    "partner", partner.id, partner.organisation,
                    .text(partner.roles.map(\.code).joined(separator: " ")), partner.source)
            }
            for line in record.financeLines {
                add(
                    "financiering", line.id, "\(line.kind.code) \(line.year) (\(line.partnerID)), bedrag (euro)",
                    .euro(line.amount), line.source)
            }
            for project in record.projects {
                add("project", project.id, project.name, .text(project.status.code), project.source)
            }
        }
        if let contribution = dossier.contribution {
            for link in contribution.version.graph.links {
                add(
                    "bijdragegraaf", link.id, "\(link.from) → \(link.to)", .text(link.evidenceStrength.code),
                    link.evidence.map(\.summary).joined(separator: "; "))
            }
        }
        for story in dossier.stories {
            add("bijdrageverhaal", story.outcome, story.title, .text(story.text), nil)
        }
        for indicator in dossier.indicators?.programme ?? [] {
            for value in indicator.actuals {
                add(
                    "programma-indicator", indicator.id, "realisatie \(value.period.code) (\(indicator.unit))",
                    .number(value.value), indicator.source)
            }
        }
        for view in dossier.indicators?.context ?? [] {
            for series in view.regions {
                add(
                    "contextindicator", "\(view.measure.code) \(series.label)", "oordeel",
                    .text(series.assessment?.rating.code ?? "onbekend"), view.table.source)
            }
        }
        let log = dossier.learningLog
        for lesson in log.lessons {
            add("les", lesson.id, lesson.date.iso, .text(lesson.text), lesson.source)
        }
        for decision in log.decisions {
            add(
                "besluit", decision.id, decision.date.iso, .text(decision.text),
                decision.lessonIDs.joined(separator: " "))
        }
        for change in log.changes {
            add("wijziging", change.id, change.date.iso, .text(change.text), change.decisionIDs.joined(separator: " "))
        }
        return Workbook.Sheet(
            name: "Dossier", columns: ["Onderdeel", "Onderwerp", "Kenmerk", "Waarde", "Bron"], rows: rows)
    }
}
