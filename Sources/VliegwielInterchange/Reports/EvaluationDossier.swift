import Foundation
import VliegwielCore

/// Everything recorded about one arrangement, for evaluators (issue 6 item 6): the profile and
/// its advice, the profile's versions, partners and money, the contribution graph with its
/// stories, the indicators and the learning log. The JSON export is this document; the
/// page and the spreadsheet exports (``SpreadsheetExport/dossier(_:)``) show the same.
public struct EvaluationDossier: Sendable, Encodable {
    public var generatedOn: CalendarDate
    public var arrangement: Arrangement
    public var advice: Advice
    public var profileVersions: [ArrangementVersion]
    public var deal: DealRecord?
    public var contribution: ContributionGraphDocument?
    public var stories: [ContributionStory]
    public var indicators: IndicatorReport?
    public var learningLog: LearningLog
    /// Every version of the graph, for the page; the exports carry the current one.
    public var contributionHistory: ContributionGraphHistory?

    public init(
        generatedOn: CalendarDate, arrangement: Arrangement, advice: Advice, profileVersions: [ArrangementVersion],
        deal: DealRecord?, contribution: ContributionGraphDocument?, stories: [ContributionStory],
        indicators: IndicatorReport?, learningLog: LearningLog, contributionHistory: ContributionGraphHistory?
    ) {
        self.generatedOn = generatedOn
        self.arrangement = arrangement
        self.advice = advice
        self.profileVersions = profileVersions
        self.deal = deal
        self.contribution = contribution
        self.stories = stories
        self.indicators = indicators
        self.learningLog = learningLog
        self.contributionHistory = contributionHistory
    }

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

    public func encode(to encoder: any Encoder) throws {
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
    public var isFictional: Bool {
        deal?.deal.isFictional == true || contribution?.version.graph.isFictional == true
            || indicators?.isFictional == true || learningLog.isFictional
    }
}
