import Foundation
import VliegwielCore
import VliegwielStorage

/// Everything recorded about one arrangement, for evaluators (issue 6 item 6): the profile and
/// its advice, the profile's versions, partners and money, the contribution graph with its
/// stories, the indicators and the learning log. The JSON export is this document; the
/// page and the CSV export show the same.
struct EvaluationDossier: Sendable, Encodable {
    var generatedOn: CalendarDate
    var arrangement: Arrangement
    var advice: Advice
    var profileVersions: [ArrangementVersion]
    var deal: DealRecord?
    var contribution: ContributionGraphDocument?
    var stories: [ContributionStory]
    var indicators: IndicatorReport?
    var learningLog: LearningLog
    /// Every version of the graph, for the page; the exports carry the current one.
    var contributionHistory: ContributionGraphHistory?

    enum CodingKeys: String, CodingKey {
        case generatedOn = "opgesteldOp"
        case arrangement
        case advice = "advies"
        case profileVersions = "profielversies"
        case deal
        case contribution = "bijdragegraaf"
        case stories = "bijdrageverhalen"
        case indicators = "indicatoren"
        case learningLog = "leerlog"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(generatedOn, forKey: .generatedOn)
        try container.encode(arrangement, forKey: .arrangement)
        try container.encode(advice, forKey: .advice)
        try container.encode(profileVersions, forKey: .profileVersions)
        try container.encode(deal, forKey: .deal)
        try container.encode(contribution, forKey: .contribution)
        try container.encode(stories, forKey: .stories)
        try container.encode(indicators, forKey: .indicators)
        try container.encode(learningLog, forKey: .learningLog)
    }

    /// Whether anything in the dossier is made up (the demo deal and its data).
    var isFictional: Bool {
        deal?.deal.isFictional == true || contribution?.version.graph.isFictional == true
            || indicators?.isFictional == true || learningLog.isFictional
    }

    /// Collects the dossier of `arrangement` from the stores that exist.
    static func collect(
        _ arrangement: Arrangement, pages: SitePages, on day: CalendarDate
    ) async throws -> EvaluationDossier {
        let history: ContributionGraphHistory? = try await pages.contributions.history(of: arrangement.id)
        let document = history.flatMap { ContributionGraphDocument($0) }
        return EvaluationDossier(
            generatedOn: day, arrangement: arrangement, advice: Advice(arrangement.profile),
            profileVersions: try await pages.store.versions(of: arrangement.id),
            deal: try await pages.portfolio.record(id: arrangement.id), contribution: document,
            stories: document?.analysis.stories ?? [],
            indicators: try await pages.indicators.report(for: arrangement.id),
            learningLog: try await pages.learningLog.log(of: arrangement.id),
            contributionHistory: history)
    }

    /// The dossier as rows of a CSV file (RFC 4180, UTF-8, ISO dates): one fact per row, in
    /// the order of the page: `onderdeel, onderwerp, kenmerk, waarde, bron`.
    var csvRows: [[String]] {
        var rows: [[String]] = [["onderdeel", "onderwerp", "kenmerk", "waarde", "bron"]]
        rows.append(["dossier", arrangement.id, "naam", arrangement.name, ""])
        rows.append(["dossier", arrangement.id, "opgesteld op", generatedOn.iso, ""])
        rows.append(["dossier", arrangement.id, "fictief", isFictional ? "ja" : "nee", ""])
        for dimension in ProfileDimension.all {
            let reading = dimension.reading(of: arrangement.profile)
            if reading.entries.isEmpty {
                rows.append(["profiel", dimension.id, "niet vermeld", reading.notStatedReason ?? "", ""])
            }
            for entry in reading.entries {
                rows.append(["profiel", dimension.id, "waarde", entry.code, "\(entry.citation): “\(entry.quote)”"])
            }
        }
        for consequence in advice.consequences {
            rows.append(["advies", consequence.id, "gevolg", consequence.consequence, consequence.citation])
        }
        for version in profileVersions {
            rows.append([
                "profielversie", String(version.number), "versie", "\(version.reason) (\(version.author))",
                version.isoDate,
            ])
        }
        if let deal {
            rows.append(["deal", deal.deal.id, "tranche", String(deal.deal.tranche), deal.deal.source])
            rows.append([
                "deal", deal.deal.id, "rijksbijdrage (cent)",
                deal.deal.rijkContribution.map { String($0.cents) } ?? "onbekend",
                deal.deal.source,
            ])
            for partner in deal.partners {
                rows.append([
                    "partner", partner.id, partner.organisation, partner.roles.map(\.code).joined(separator: " "),
                    partner.source ?? "",
                ])
            }
            for line in deal.financeLines {
                rows.append([
                    "financiering", line.id, "\(line.kind.code) \(line.year) (\(line.partnerID))",
                    String(line.amount.cents),
                    line.source ?? "",
                ])
            }
            for project in deal.projects {
                rows.append(["project", project.id, project.name, project.status.code, project.source ?? ""])
            }
        }
        if let contribution {
            for link in contribution.version.graph.links {
                rows.append([
                    "bijdragegraaf", link.id, "\(link.from) → \(link.to)", link.evidenceStrength.code,
                    link.evidence.map(\.summary).joined(separator: "; "),
                ])
            }
        }
        for story in stories {
            rows.append(["bijdrageverhaal", story.outcome, story.title, story.text, ""])
        }
        for indicator in indicators?.programme ?? [] {
            for value in indicator.actuals {
                rows.append([
                    "programma-indicator", indicator.id, "realisatie \(value.period.code)",
                    IndicatorNumber.format(value.value), indicator.source,
                ])
            }
        }
        for view in indicators?.context ?? [] {
            for series in view.regions {
                rows.append([
                    "contextindicator", "\(view.measure.code) \(series.label)", "oordeel",
                    series.assessment?.rating.code ?? "onbekend", view.table.source,
                ])
            }
        }
        for lesson in learningLog.lessons {
            rows.append(["les", lesson.id, lesson.date.iso, lesson.text, lesson.source])
        }
        for decision in learningLog.decisions {
            rows.append([
                "besluit", decision.id, decision.date.iso, decision.text, decision.lessonIDs.joined(separator: " "),
            ])
        }
        for change in learningLog.changes {
            rows.append([
                "wijziging", change.id, change.date.iso, change.text, change.decisionIDs.joined(separator: " "),
            ])
        }
        return rows
    }
}
