import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage
import VliegwielTestSupport

@testable import VliegwielWeb

/// The arrangement page's analysis is kept per profile (issue 14 item 4a): asked
/// again for the same profile it is not computed again, and a changed profile — a new stored
/// revision — is computed afresh, so the page can never show the analysis of another revision.
@Suite struct ProfileAnalysisMemoTests {
    static func analysis(_ memo: ProfileAnalysisMemo, _ profile: Profile, _ calls: inout Int) {
        _ = memo.analysis(.init(profile: profile, arrangementID: "a")) {
            calls += 1
            return .init(
                elements: ElementView.all(for: profile, t: UIText.dutch),
                advice: AdviceView(Advice(profile), t: UIText.dutch), nearest: [])
        }
    }

    /// The page up to the end of the nearest variants, without the table of contents: that
    /// lists the profile history, which only the page with two versions has.
    static func upToTheNearest(_ page: String) -> String {
        guard let nearest = page.range(of: #"<h2 id="dichtstbij">"#),
            let end = page.range(of: "</section>", range: nearest.upperBound..<page.endIndex)
        else { return "" }
        let shown = page[..<end.upperBound]
        guard let toc = shown.range(of: #"<nav aria-label="Op deze pagina""#),
            let tocEnd = shown.range(of: "</nav>", range: toc.upperBound..<shown.endIndex)
        else { return String(shown) }
        return String(shown[..<toc.lowerBound] + shown[tocEnd.upperBound...])
    }

    @Test func theSameProfileIsComputedOnceAndAChangedOneAgain() {
        let memo = ProfileAnalysisMemo()
        var calls = 0
        let first = TestProfiles.fullyStated
        let changed = TestProfiles.setting(["resultaatgericht.doel": ["streefwaarden"]])
        Self.analysis(memo, first, &calls)
        Self.analysis(memo, first, &calls)
        #expect(calls == 1)
        Self.analysis(memo, changed, &calls)
        #expect(calls == 2)
        #expect(memo.count == 2)
    }

    @Test func aFullMemoStartsAgainInsteadOfGrowing() {
        let memo = ProfileAnalysisMemo(capacity: 2)
        var calls = 0
        for code in ["streefwaarden", "thematisch", "specifiek"] {
            Self.analysis(memo, TestProfiles.setting(["resultaatgericht.doel": [code]]), &calls)
        }
        #expect(memo.count == 1)
        #expect(calls == 3)
    }

    /// Through the site: a profile changed through the store shows its own advice at once, with
    /// the response cache and the memo both warm.
    @Test func aChangedProfileShowsItsOwnAnalysisOnTheNextRequest() async throws {
        let app = try await TestApplication([.catalogue], signedIn: false)
        let before = TestProfiles.arrangement("memo-fictief")
        let after = TestProfiles.arrangement(
            "memo-fictief",
            profile: TestProfiles.setting(["samenwerkend.initiatiefVoorstel": ["regio"]], in: before.profile))
        try await app.stores.arrangements.save([before], author: "T", reason: "r")
        try await app.test { client async throws in
            let first = String(buffer: try await client.execute(uri: "/arrangementen/memo-fictief", method: .get).body)
            try await app.stores.arrangements.save([after], author: "T", reason: "r")
            let second = String(buffer: try await client.execute(uri: "/arrangementen/memo-fictief", method: .get).body)
            #expect(first != second)
            let fresh = try await TestApplication([.catalogue], signedIn: false)
            try await fresh.stores.arrangements.save([after], author: "T", reason: "r")
            try await fresh.test { other async throws in
                let computed = String(
                    buffer: try await other.execute(uri: "/arrangementen/memo-fictief", method: .get).body)
                // Up to the end of the nearest variants: the history below differs (one version there).
                #expect(
                    Self.upToTheNearest(second) == Self.upToTheNearest(computed),
                    "the kept analysis is the one a fresh server computes")
            }
        }
    }
}
