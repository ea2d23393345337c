import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

/// The drift of a profile between two versions (issue 6 item 5), on the essay's example:
/// in Zuid- en Oost-Drenthe the Rijk went from facilitating the table to being invited to
/// it (§2).
@Suite struct ProfileDriftTests {
    static func version(_ number: Int, rijk: String, horizonStated: Bool = true) -> ArrangementVersion {
        var arrangement = TestProfiles.arrangement(
            "zuid-oost-drenthe", profile: TestProfiles.setting(["samenwerkend.rolRijk": [rijk]]))
        if !horizonStated { arrangement.profile.resultOrientation.effectHorizon = .notStated(reason: "onbekend") }
        return ArrangementVersion(
            number: number, date: Date(timeIntervalSince1970: 1_700_000_000 + Double(number) * 86_400),
            author: "Evaluator", reason: "Versie \(number)", arrangement: arrangement)
    }

    @Test func theRijksRoleDriftsFromCoordinateToSubordinate() throws {
        let drift = try ProfileDrift(
            from: Self.version(1, rijk: "nevengeschikt"),
            to: Self.version(2, rijk: "ondergeschikt", horizonStated: false))
        #expect(
            drift.summary == [
                "Horizon van het beoogde effect: tijdelijk → niet vermeld",
                "Rol van het Rijk: nevengeschikt → ondergeschikt",
            ])
        #expect(drift.rows.map(\.dimensionID) == ["resultaatgericht.horizonEffect", "samenwerkend.rolRijk"])
        #expect(drift.rows.map(\.status) == [.unknown, .different])
        #expect(
            drift.elements.map { "\($0.element.code) \($0.differingCount) \($0.variation) \($0.cumulativeVariation)" }
                == ["interbestuurlijk 0 0.0 0.0", "resultaatgericht 0 0.0 0.0", "samenwerkend 1 1.0 1.0"])
        #expect(!drift.isEmpty)
    }

    @Test func theDriftEncodesWithDutchKeys() throws {
        let drift = try ProfileDrift(
            from: Self.version(1, rijk: "nevengeschikt"), to: Self.version(3, rijk: "ondergeschikt"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(drift)) as! [String: Any]
        #expect(
            object.keys.sorted() == [
                "arrangement", "dimensies", "samenvatting", "totVersie", "vanVersie", "variatiePerElement",
            ])
        #expect(object["arrangement"] as? String == "zuid-oost-drenthe")
        #expect(object["vanVersie"] as? Int == 1)
        #expect(object["totVersie"] as? Int == 3)
        #expect(object["samenvatting"] as? [String] == ["Rol van het Rijk: nevengeschikt → ondergeschikt"])
        let row = try #require((object["dimensies"] as? [[String: Any]])?.first)
        #expect(row["dimensie"] as? String == "samenwerkend.rolRijk")
        #expect(row["status"] as? String == "verschillend")
        #expect(
            (row["cellen"] as? [[String: Any]])?.map { $0["waarden"] as? [String] } == [
                ["nevengeschikt"], ["ondergeschikt"],
            ])
    }

    @Test func theSameProfileDoesNotDrift() throws {
        let drift = try ProfileDrift(
            from: Self.version(1, rijk: "nevengeschikt"), to: Self.version(2, rijk: "nevengeschikt"))
        #expect(drift.isEmpty)
        #expect(drift.summary == [])
        #expect(drift.elements.map(\.variation) == [0, 0, 0])
    }

    @Test func aVersionAgainstItselfOrAnotherArrangementIsRefused() throws {
        var other = Self.version(2, rijk: "nevengeschikt")
        other.arrangement.id = "elders"
        let failure = try #require(throws: ValidationFailure.self) {
            try ProfileDrift(from: other, to: other)
        }
        #expect(failure.issues.map(\.description) == ["tot: kies een andere versie dan 2 om mee te vergelijken"])
        let mixed = try #require(throws: ValidationFailure.self) {
            try ProfileDrift(from: Self.version(1, rijk: "nevengeschikt"), to: other)
        }
        #expect(
            mixed.issues.map(\.description) == [
                "arrangement: versie 1 hoort bij 'zuid-oost-drenthe', versie 2 bij 'elders'"
            ])
    }
}
