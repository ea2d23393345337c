import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

extension EvaluationDossier {
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
}
