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
        return historySection(
            id: id,
            lines: versions.map {
                ArrangementOverview.VersionLine(number: $0.number, date: $0.date, author: $0.author, reason: $0.reason)
            }, latest: Array(versions.suffix(2)), log: try await learningLog.log(of: id))
    }

    /// The history from what ``ArrangementOverview`` read: every version's line, the last two
    /// versions whole and the learning log; `nil` while there is a single version.
    func historySection(
        id: String, lines: [ArrangementOverview.VersionLine], latest: [ArrangementVersion], log: LearningLog?
    ) -> HistorySection? {
        guard lines.count >= 2, latest.count == 2 else { return nil }
        let (previous, last) = (latest[0], latest[1])
        let drift = drifts.summary(from: previous, to: last)
        let reasons = log?.reasons(forProfileVersionsOf: id) ?? [:]
        return HistorySection(
            fromTo: "versie \(previous.number) naar versie \(last.number)", drift: drift,
            versions: lines.reversed().map {
                HistorySection.VersionLine(
                    anchor: "profielversie-\($0.number)",
                    text: ArrangementVersion.line(
                        number: $0.number, date: $0.date, author: $0.author, reason: $0.reason),
                    reason: reasons[$0.number])
            })
    }
}

/// The drift summary of the history section between an arrangement's last two versions, kept
/// per arrangement and the two profiles (issue 14, the miss path): the summary follows from
/// the two profiles alone (the dimensions whose codes differ, in their labels), and every
/// change of the arrangement adds a version, so the same two profiles come back with other
/// version numbers on every save that leaves the profile as it was.
final class ProfileDriftMemo: Sendable {
    struct Profiles: Sendable, Equatable {
        var older: Profile
        var newer: Profile
    }

    private let kept = KeptPerArrangement<Profiles, [String]>(capacity: 512, perArrangement: 2)

    /// The drift's summary from `older` to `newer`, two different versions of one arrangement;
    /// empty when ``ProfileDrift`` refuses them, as the history shows it.
    func summary(from older: ArrangementVersion, to newer: ArrangementVersion) -> [String] {
        func computed() -> [String] { (try? ProfileDrift(from: older, to: newer))?.summary ?? [] }
        // Only what the summary depends on may be the key: two versions of one arrangement.
        guard older.arrangement.id == newer.arrangement.id, older.number != newer.number else { return computed() }
        return kept.value(
            newer.arrangement.id, Profiles(older: older.arrangement.profile, newer: newer.arrangement.profile),
            computed)
    }
}
