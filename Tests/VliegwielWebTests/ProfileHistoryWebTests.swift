import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielTestSupport
import VliegwielWeb

/// The profile history in the API (issue 6, items 5 and 7).
@Suite struct ProfileHistoryWebTests {
    @Test func listsTheVersionsAndShowsTheDriftBetweenTwo() async throws {
        let fixture = try await WebFixture()
        var drenthe = TestProfiles.arrangement(
            "drenthe-fictief", profile: TestProfiles.setting(["rolRijk": ["nevengeschikt"]]))
        try await fixture.store.save([drenthe], author: "Programmabureau (fictief)", reason: "Convenant")
        drenthe.profile = TestProfiles.setting(["rolRijk": ["ondergeschikt"]])
        try await fixture.store.save([drenthe], author: "Dealmaker (fictief)", reason: "Het Rijk wordt uitgenodigd")
        try await fixture.test { client in
            let list = try await client.get("/api/v1/arrangementen/drenthe-fictief/profielversies")
            #expect(list.status == .ok)
            let body = try list.json()
            #expect(body["aantal"] as? Int == 2)
            let versions = body["versies"] as? [[String: Any]]
            #expect(versions?.map { $0["auteur"] as? String } == ["Programmabureau (fictief)", "Dealmaker (fictief)"])
            // `datum` is the day, `tijdstip` the moment (the API design rules keep `datum` for a date).
            let first = versions?.first ?? [:]
            #expect((first["datum"] as? String)?.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
            #expect((first["tijdstip"] as? String)?.hasPrefix((first["datum"] as? String ?? "") + "T") == true)
            let drift = try await client.get("/api/v1/arrangementen/drenthe-fictief/profieldrift?van=1&tot=2")
            #expect(drift.status == .ok)
            #expect(
                try drift.json()["samenvatting"] as? [String] == ["Rol van het Rijk: nevengeschikt → ondergeschikt"])
            let page = try await client.get("/arrangementen/drenthe-fictief").text
            #expect(page.contains("<h2 id=\"geschiedenis\">Profielgeschiedenis</h2>"))
            // The table of contents leads to it (usability review: the history at the very bottom).
            #expect(page.contains(##"<li><a href="#geschiedenis">Profielgeschiedenis</a></li>"##))
            #expect(page.contains("<li>Rol van het Rijk: nevengeschikt → ondergeschikt</li>"))
            #expect(page.contains(" · Dealmaker (fictief) · Het Rijk wordt uitgenodigd</li>"))
            let reference = try await client.get("/arrangementen/regio-deal").text
            #expect(!reference.contains("Profielgeschiedenis"))
        }
    }

    @Test func badVersionsAreListedAndUnknownArrangementsAre404() async throws {
        try await WebFixture().test { client in
            let bad = try await client.get("/api/v1/arrangementen/regio-deal/profieldrift?van=1&tot=9")
            #expect(bad.status == .badRequest)
            #expect(
                (try bad.json()["invalidParams"] as? [[String: String]])?.map { $0["reason"]! } == [
                    "versie 9 bestaat niet; versies: 1"
                ])
            let missing = try await client.get("/api/v1/arrangementen/regio-deal/profieldrift")
            #expect(
                (try missing.json()["invalidParams"] as? [[String: String]])?.map { $0["name"]! } == ["van", "tot"])
            let unknown = try await client.get("/api/v1/arrangementen/niets/profielversies")
            #expect(unknown.status == .notFound)
        }
    }
}
