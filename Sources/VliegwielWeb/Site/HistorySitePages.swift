import VliegwielCore

/// The profile's history on an arrangement page: shown once the profile has changed.
struct HistorySection: Sendable {
    var fromTo: String
    var drift: [String]
    var hasDrift: Bool
    var versions: [String]
}

extension SitePages {
    /// The history of the arrangement's profile, `nil` while it has a single version.
    func historySection(id: String) async throws -> HistorySection? {
        let versions = try await store.versions(of: id)
        guard versions.count >= 2, let last = versions.last else { return nil }
        let previous = versions[versions.count - 2]
        let drift = (try? ProfileDrift(from: previous, to: last))?.summary ?? []
        return HistorySection(
            fromTo: "versie \(previous.number) naar versie \(last.number)", drift: drift, hasDrift: !drift.isEmpty,
            versions: versions.reversed().map { "versie \($0.number) · \($0.isoDate) · \($0.author) · \($0.reason)" })
    }
}
