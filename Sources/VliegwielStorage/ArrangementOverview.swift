import Foundation
import VliegwielCore

/// What the page of one arrangement shows, read in one transaction (one snapshot): the
/// arrangement, its deal with partners, money and lines when it has one, the list of its
/// profile versions with only the last two whole (for what changed), its learning log (the
/// summary's latest lesson, and what explains a change), its indicators (the summary's
/// targets and the map's regions), and whether it has a contribution graph — asked as "is
/// there one", not by loading the graph's history.
public struct ArrangementOverview: Sendable {
    /// One profile version as the history lists it, without its document.
    public struct VersionLine: Sendable, Hashable {
        public var number: Int
        public var date: Date
        public var author: String
        public var reason: String

        public init(number: Int, date: Date, author: String, reason: String) {
            self.number = number
            self.date = date
            self.author = author
            self.reason = reason
        }
    }

    public var arrangement: Arrangement
    /// The deal's record; `nil` when the arrangement is not a deal.
    public var deal: DealRecord?
    /// Every profile version, oldest first.
    public var versionLines: [VersionLine]
    /// The last two versions whole (fewer when there are fewer), oldest first.
    public var latestVersions: [ArrangementVersion]
    public var learningLog: LearningLog
    /// The programme indicators and regions; `nil` when none are recorded.
    public var indicators: ArrangementIndicators?
    public var hasIndicators: Bool { indicators != nil }
    public var hasContributionGraph: Bool

    /// The statements, in the order ``init(_:id:rules:)`` reads their rows.
    static func reads(_ id: String) -> [StoredStatement] {
        [StoredStatement("SELECT document FROM arrangement WHERE id = ?", id)]
            + DatabasePortfolioStore.record(id)
            + [
                StoredStatement(
                    "SELECT version, recorded_at, author, reason FROM arrangement_version WHERE arrangement_id = ? ORDER BY version",
                    id),
                StoredStatement(
                    """
                    SELECT version, recorded_at, author, reason, document FROM arrangement_version
                    WHERE arrangement_id = ? ORDER BY version DESC LIMIT 2
                    """, id),
                StoredStatement(
                    "SELECT kind, entry FROM learning_log_entry WHERE arrangement_id = ? ORDER BY sequence", id),
                StoredStatement("SELECT document FROM arrangement_indicators WHERE arrangement_id = ?", id),
                StoredStatement("SELECT 1 FROM contribution_graph_version WHERE arrangement_id = ? LIMIT 1", id),
            ]
    }

    /// The overview from the rows of ``reads(_:)``; `nil` when the arrangement is absent.
    static func read(_ rows: [[any StoredRow]], id: String, rules: ArrangementRules) throws -> ArrangementOverview? {
        guard let document = try rows[0].first.map({ try $0.value("document") as String }) else { return nil }
        let recordCount = DatabasePortfolioStore.record(id).count
        let rest = Array(rows.dropFirst(1 + recordCount))
        let deal = try DatabasePortfolioStore.record(Array(rows[1...recordCount]))
        let lines = try rest[0].map {
            VersionLine(
                number: try $0.value("version"), date: try $0.value("recorded_at"), author: try $0.value("author"),
                reason: try $0.value("reason"))
        }
        let latest = try rules.versions(try rest[1].reversed().map { try ArrangementRules.versionRow($0) })
        return ArrangementOverview(
            arrangement: try rules.decode(document), deal: deal, versionLines: lines, latestVersions: latest,
            learningLog: try LearningLogRules.log(of: id, fictional: deal?.deal.isFictional ?? false, rows: rest[2]),
            indicators: try rest[3].first?.keptDocument(ArrangementIndicators.self, "document"),
            hasContributionGraph: !rest[4].isEmpty)
    }
}
