import Foundation
import Testing
import VliegwielCore

@Suite struct PortfolioPartnerTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static let partners = [
        Partner(
            id: "provincie", organisation: "Provincie A", type: .province, roles: [.applicant, .regionalTreasurer]),
        Partner(id: "gemeente-b", organisation: "Gemeente B", type: .municipality, roles: [.covenantPartner]),
        Partner(
            id: "bedrijf-c", organisation: "Bedrijf C", type: .company, roles: [.funder],
            leftOn: day("2024-03-01")),
        Partner(
            id: "waterschap-d", organisation: "Waterschap D", type: .waterBoard, roles: [.implementer],
            joinedOn: day("2024-01-15")),
        Partner(
            id: "school-e", organisation: "School E", type: .educationalInstitution, roles: [.knowledgePartner],
            joinedOn: day("2024-03-01"), leftOn: day("2025-01-01")),
    ]

    @Test func compositionAtADateCountsJoinedAndNotYetLeftPartners() {
        let before = PartnerComposition(partners: Self.partners, on: Self.day("2024-01-14"))
        #expect(before.partners.map(\.id) == ["bedrijf-c", "gemeente-b", "provincie"])
        let joinDay = PartnerComposition(partners: Self.partners, on: Self.day("2024-01-15"))
        #expect(joinDay.aantal == 4)
        let leaveDay = PartnerComposition(partners: Self.partners, on: Self.day("2024-03-01"))
        #expect(leaveDay.partners.map(\.id) == ["gemeente-b", "provincie", "school-e", "waterschap-d"])
        #expect(
            leaveDay.perType.map { "\($0.type)=\($0.aantal)" } == [
                "provincie=1", "gemeente=1", "waterschap=1", "onderwijsinstelling=1",
            ])
        #expect(PartnerComposition(partners: Self.partners, on: Self.day("2025-01-01")).aantal == 3)
    }

    @Test func changesBetweenTwoDatesListWhoJoinedAndWhoLeft() {
        let changes = CompositionChanges(
            partners: Self.partners, from: Self.day("2024-01-15"), to: Self.day("2024-12-31"))
        #expect(changes.toegetreden.map(\.id) == ["school-e"])
        #expect(changes.uitgetreden.map(\.id) == ["bedrijf-c"])
        let wider = CompositionChanges(
            partners: Self.partners, from: Self.day("2024-01-14"), to: Self.day("2025-01-01"))
        #expect(wider.toegetreden.map(\.id) == ["waterschap-d", "school-e"])
        #expect(wider.uitgetreden.map(\.id) == ["bedrijf-c", "school-e"])
    }

    @Test func theSuggestionFollowsJoiningAndLeaving() throws {
        func suggestion(_ partners: [Partner], _ from: String, _ to: String) -> String? {
            CompositionSuggestion(dealID: "d", partners: partners, from: Self.day(from), to: Self.day(to))?.waarde
        }
        let base = Array(Self.partners.prefix(2))
        #expect(suggestion(base, "2023-01-01", "2025-12-31") == "vast")
        #expect(suggestion(base + [Self.partners[3]], "2023-01-01", "2025-12-31") == "basis-met-nieuwkomers")
        let newcomers = [Self.partners[3], Self.partners[4]].map { partner in
            var partner = partner
            partner.leftOn = nil
            return partner
        }
        #expect(suggestion(base + newcomers, "2023-01-01", "2025-12-31") == "groeiend-netwerk")
        #expect(suggestion(Self.partners, "2023-01-01", "2025-12-31") == "vloeiend")
        #expect(suggestion([], "2023-01-01", "2025-12-31") == nil)
    }

    @Test func acceptingTheSuggestionCodesItWithItsSource() throws {
        let suggestion = try #require(
            CompositionSuggestion(
                dealID: "fictief-regio-deal-voorbeeld", partners: Self.partners, from: Self.day("2023-06-01"),
                to: Self.day("2025-06-30")))
        #expect(
            suggestion.reden
                == "Op 1 juni 2023 namen 3 partners deel; tot en met 30 juni 2025 traden er 2 toe en 2 uit.")
        #expect(
            suggestion.bron
                == "Partnerregister Vliegwiel (fictief-regio-deal-voorbeeld), 1 juni 2023 tot en met 30 juni 2025")
        let profile = Profile.unstated.accepting(suggestion)
        let reading = ProfileDimension.named("samenstelling")!.reading(of: profile)
        #expect(reading.codes == ["vloeiend"])
        #expect(reading.entries[0].quote == suggestion.reden)
        #expect(reading.entries[0].citation == suggestion.bron)
        // Nothing else changes.
        #expect(ProfileDimension.named("rolRijk")!.reading(of: profile).isStated == false)
    }
}
