import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

extension EvaluationDossier {
    /// Collects the dossier of `arrangement` from the stores that exist.
    static func collect(
        _ arrangement: Arrangement, pages: SitePages, on day: CalendarDate
    ) async throws -> EvaluationDossier {
        try await collect(arrangement, stores: pages.stores, on: day)
    }

    /// Collects the dossier of `arrangement` from `stores` (the site, the API and `vliegwiel
    /// exporteer` all call this).
    public static func collect(
        _ arrangement: Arrangement, stores: Stores, on day: CalendarDate
    ) async throws -> EvaluationDossier {
        let history: ContributionGraphHistory? = try await stores.contributions.history(of: arrangement.id)
        let document = history.flatMap { ContributionGraphDocument($0) }
        return EvaluationDossier(
            generatedOn: day, arrangement: arrangement, advice: Advice(arrangement.profile),
            profileVersions: try await stores.arrangements.versions(of: arrangement.id),
            deal: try await stores.portfolio.record(id: arrangement.id), contribution: document,
            stories: document?.analysis.stories ?? [],
            indicators: try await stores.indicators.report(for: arrangement.id),
            learningLog: try await stores.learningLog.log(of: arrangement.id),
            contributionHistory: history)
    }
}
