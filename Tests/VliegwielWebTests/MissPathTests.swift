import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielWeb

/// The shortcuts of the miss path (issue 14) answer exactly as what they stand in for.
@Suite struct MissPathTests {
    static func foundationQuery(_ items: [URLQueryItem]) -> String {
        var components = URLComponents()
        components.queryItems = items
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    @Test func aQueryOfIdsAndCodesIsWrittenAsURLComponentsWritesIt() {
        let cases: [[URLQueryItem]] = [
            [
                URLQueryItem(name: "arrangementen", value: "regio-deal"),
                URLQueryItem(name: "arrangementen", value: "a_b.c~d"),
            ],
            [URLQueryItem(name: "versie", value: "12")],
            [URLQueryItem(name: "leeg", value: "")],
            [URLQueryItem(name: "q", value: "één + twee&drie=vier")],
            [URLQueryItem(name: "zonder", value: nil)],
            [URLQueryItem(name: "a b", value: "c")],
            [URLQueryItem(name: "arrangement", value: "regio-deal"), URLQueryItem(name: "x", value: "a/b?c#d")],
        ]
        for items in cases {
            #expect(SiteURL.query(items) == Self.foundationQuery(items), "\(items)")
        }
    }

    @Test func aPathSegmentIsEncodedAsFoundationEncodesIt() {
        let allowed = CharacterSet.urlPathAllowed.subtracting(["/"])
        for id in ["regio-deal", "a_b.c~D9", "", "met spatie", "a/b", "één", "a%b", "a?b#c", "a+b"] {
            #expect(
                SiteURL.arrangement(id).path == "/arrangementen/"
                    + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id),
                "\(id)")
        }
    }

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
