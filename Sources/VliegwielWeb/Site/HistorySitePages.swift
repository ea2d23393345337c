import Foundation
import VliegwielCore
import VliegwielStorage

/// The profile's history on an arrangement page: shown once the profile has changed.
struct HistorySection: Sendable {
    var fromTo: String
    var drift: [String]
    var versions: [VersionLine]

    /// One version, with an anchor the learning log links to and, when the learning log
    /// names the version, the decision and lessons it follows from (issue 6 item 4).
    struct VersionLine: Sendable {
        var anchor: String
        var text: String
        var reason: LearningLogReason?
    }
}

extension SitePages {
    /// The history of the arrangement's profile, `nil` while it has a single version.
    func historySection(id: String) async throws -> HistorySection? {
        let versions = try await store.versions(of: id)
        guard versions.count >= 2 else { return nil }
        return Self.historySection(
            id: id,
            lines: versions.map {
                ArrangementOverview.VersionLine(number: $0.number, date: $0.date, author: $0.author, reason: $0.reason)
            }, latest: Array(versions.suffix(2)), log: try await learningLog.log(of: id))
    }

    /// The history from what ``ArrangementOverview`` read: every version's line, the last two
    /// versions whole and the learning log; `nil` while there is a single version.
    static func historySection(
        id: String, lines: [ArrangementOverview.VersionLine], latest: [ArrangementVersion], log: LearningLog?
    ) -> HistorySection? {
        guard lines.count >= 2, latest.count == 2 else { return nil }
        let (previous, last) = (latest[0], latest[1])
        let drift = (try? ProfileDrift(from: previous, to: last))?.summary ?? []
        let reasons = log?.reasons(forProfileVersionsOf: id) ?? [:]
        return HistorySection(
            fromTo: "versie \(previous.number) naar versie \(last.number)", drift: drift,
            versions: lines.reversed().map {
                HistorySection.VersionLine(
                    anchor: "profielversie-\($0.number)",
                    text: "versie \($0.number) · \(isoMoment($0.date)) · \($0.author) · \($0.reason)",
                    reason: reasons[$0.number])
            })
    }

    /// `date` as ISO 8601 in UTC, to the second (`2025-10-06T09:30:00Z`), as
    /// ``ArrangementVersion/isoDate`` writes it, without making a formatter per call.
    static func isoMoment(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
