import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielWeb

/// The shortcuts of the miss path (issue 14) answer exactly as what they stand in for.
@Suite struct MissPathTests {
    /// The memo keeps a few profiles per arrangement, the newest first, and lets the oldest go.
    @Test func theMemoKeepsAFewProfilesPerArrangement() {
        let memo = ProfileAnalysisMemo()
        var calls = 0
        let profiles =
            ["bijdragen-aan", "thematisch", "specifiek", "streefwaarden"].map {
                TestProfiles.setting(["resultaatgericht.doel": [$0]])
            } + [TestProfiles.setting(["rolRijk": ["ondergeschikt"]])]
        #expect(ProfileAnalysisMemo.perArrangement == 4)
        for profile in profiles.prefix(4) { ProfileAnalysisMemoTests.analysis(memo, profile, &calls) }
        ProfileAnalysisMemoTests.analysis(memo, profiles[0], &calls)
        ProfileAnalysisMemoTests.analysis(memo, profiles[3], &calls)
        #expect(calls == 4)
        ProfileAnalysisMemoTests.analysis(memo, profiles[4], &calls)
        #expect(calls == 5)
        #expect(memo.count == 4)
        ProfileAnalysisMemoTests.analysis(memo, profiles[4], &calls)
        ProfileAnalysisMemoTests.analysis(memo, profiles[1], &calls)
        #expect(calls == 5)
        // The oldest, the first profile, was let go: asked again, it is computed again.
        ProfileAnalysisMemoTests.analysis(memo, profiles[0], &calls)
        #expect(calls == 6)
    }
}
