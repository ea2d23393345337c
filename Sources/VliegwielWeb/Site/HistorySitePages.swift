import VliegwielCore

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
    func historySection(id: String, language: Language = .dutch) async throws -> HistorySection? {
        let versions = try await store.versions(of: id)
        guard versions.count >= 2, let last = versions.last else { return nil }
        let previous = versions[versions.count - 2]
        let drift = (try? ProfileDrift(from: previous, to: last))?.summary ?? []
        let reasons = try await learningLog.log(of: id).reasons(forProfileVersionsOf: id, language: language)
        return HistorySection(
            fromTo: "versie \(previous.number) naar versie \(last.number)", drift: drift,
            versions: versions.reversed().map {
                HistorySection.VersionLine(
                    anchor: "profielversie-\($0.number)",
                    text: "versie \($0.number) · \($0.isoDate) · \($0.author) · \($0.reason)",
                    reason: reasons[$0.number])
            })
    }
}
