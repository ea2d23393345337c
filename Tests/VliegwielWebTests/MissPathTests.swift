import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@testable import VliegwielWeb

/// The shortcuts of the miss path (issue 14) answer exactly as what they stand in for.
@Suite struct MissPathTests {
    /// Dates as the stores give them back (to the millisecond), from before 1970 to far ahead,
    /// over leap days and the turns of years and centuries.
    static let moments: [Date] = {
        var generator = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [
            0, -1, -0.001, 0.999, 59.999, 86_399.999, 86_400, 951_782_400, 951_868_799.5, 978_307_200,
            1_709_164_800, 4_107_542_400, 253_402_300_799.999, -12_212_553_600, -12_212_553_599.5, -2_208_988_800.25,
            1_759_743_000,
        ]
        let random = (0..<2_000).map { _ in
            TimeInterval(Int.random(in: -30_610_224_000...253_402_300_799, using: &generator))
                + TimeInterval(Int.random(in: 0...999, using: &generator)) / 1_000
        }
        return (fixed + random).map(Date.init(timeIntervalSince1970:))
    }()

    /// The history's moments (`6 oktober 2025, 09:30 UTC`), worked out from the milliseconds
    /// without a formatter per line, give the day and time Foundation's Gregorian calendar gives
    /// in UTC, in the years it agrees with the proleptic one.
    @Test func theVersionMomentIsFoundationsDayAndTimeInUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let months = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ]
        for moment in Self.moments where moment.timeIntervalSince1970 >= -12_212_553_600 {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
            let expected =
                try "\(#require(parts.day)) \(months[try #require(parts.month) - 1]) \(#require(parts.year)), "
                + String(format: "%02d:%02d UTC", try #require(parts.hour), try #require(parts.minute))
            #expect(AuditTimestamp(moment).dutchText == expected, "\(moment.timeIntervalSince1970)")
        }
        #expect(
            ArrangementVersion.line(
                number: 2, date: Date(timeIntervalSince1970: 1_759_743_000), author: "A. Auteur", reason: "nieuw")
                == "versie 2 · 6 oktober 2025, 09:30 UTC · A. Auteur · nieuw")
    }

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

    /// The history's drift summary is kept per pair of profiles: the same two profiles under other
    /// version numbers give what ``ProfileDrift`` gives, and another profile its own summary.
    @Test func theDriftSummaryIsWhatProfileDriftSays() throws {
        let memo = ProfileDriftMemo()
        let older = TestProfiles.arrangement(
            "drift-fictief", profile: TestProfiles.setting(["rolRijk": ["nevengeschikt"]]))
        var newer = older
        newer.profile = TestProfiles.setting(["rolRijk": ["ondergeschikt"]])
        func version(_ number: Int, _ arrangement: Arrangement) -> ArrangementVersion {
            ArrangementVersion(
                number: number, date: Date(timeIntervalSince1970: 0), author: "T", reason: "r",
                arrangement: arrangement)
        }
        let expected = try ProfileDrift(from: version(1, older), to: version(2, newer)).summary
        #expect(!expected.isEmpty)
        for (from, to) in [(1, 2), (2, 3), (5, 9)] {
            #expect(memo.summary(from: version(from, older), to: version(to, newer)) == expected)
        }
        #expect(memo.summary(from: version(3, newer), to: version(4, newer)) == [])
        #expect(memo.summary(from: version(4, newer), to: version(5, older)).count == expected.count)
        // The same version twice: ProfileDrift refuses it, and the history shows no drift.
        #expect(memo.summary(from: version(4, older), to: version(4, newer)) == [])
    }
}
