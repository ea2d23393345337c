import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The essay's lenses (issue 12, point 6): coded for all fourteen variants, and documents written
/// before the lenses existed still load, with every lens as not stated and the reason why.
@Suite struct LensTests {
    static let lenses = [
        "samenwerkend.voorzetsel", "resultaatgericht.resultaatverantwoordelijke", "samenwerkend.organisatievorm",
        "resultaatgericht.aardOpgave", "resultaatgericht.aanpak",
    ]

    @Test("Every reference variant states each lens with a quote, or says why the essay is silent")
    func everyVariantHasEveryLens() throws {
        let catalogue = try BundledCatalogue.arrangements().filter { $0.kind == .reference }
        #expect(catalogue.count == 14)
        for arrangement in catalogue {
            for id in Self.lenses {
                let reading = try #require(ProfileDimension.named(id)).reading(of: arrangement.profile)
                if let reason = reading.notStatedReason {
                    #expect(!reason.isEmpty && reason != Lens.notYetCoded, "\(arrangement.id) \(id)")
                } else {
                    #expect(reading.entries.allSatisfy { !$0.quote.isEmpty && $0.citation.hasPrefix("§") })
                }
            }
        }
        let regioDeal = try #require(catalogue.first { $0.id == "regio-deal" })
        #expect(regioDeal.profile.collaboration.preposition.contains(.withAsEquals))
        #expect(regioDeal.profile.resultOrientation.resultResponsibility.contains(.rijk))
    }

    @Test("An export from before the lenses loads: each lens reads as not stated, with the reason")
    func anOlderDocumentLoads() throws {
        let catalogue = try BundledCatalogue.arrangements()
        var document =
            try JSONSerialization.jsonObject(
                with: Data(try ArrangementFormat.json.encode(catalogue).utf8)) as! [String: Any]
        var arrangements = document["arrangementen"] as! [[String: Any]]
        for index in arrangements.indices {
            var profile = arrangements[index]["profiel"] as! [String: Any]
            for id in Self.lenses {
                let parts = id.split(separator: ".").map(String.init)
                var group = profile[parts[0]] as! [String: Any]
                group[parts[1]] = nil
                profile[parts[0]] = group
            }
            arrangements[index]["profiel"] = profile
        }
        document["arrangementen"] = arrangements
        let old = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        #expect(!old.contains("voorzetsel"))
        let loaded = try ArrangementFormat.json.decode(old, source: "oud.json")
        #expect(loaded.count == catalogue.count)
        for arrangement in loaded {
            for id in Self.lenses {
                #expect(
                    try #require(ProfileDimension.named(id)).reading(of: arrangement.profile).notStatedReason
                        == Lens.notYetCoded)
            }
        }
        // Everything else is kept.
        #expect(loaded.map(\.profile.collaboration.rijkRoles) == catalogue.map(\.profile.collaboration.rijkRoles))
    }

    @Test("An unknown lens value is named with the allowed values")
    func anUnknownLensValueIsNamed() throws {
        let catalogue = try BundledCatalogue.arrangements()
        let text = try ArrangementFormat.yaml.encode([catalogue[0]])
            .replacingOccurrences(of: "waarde: met-gelijkwaardig", with: "waarde: naast")
        let failure = #expect(throws: ValidationFailure.self) {
            try ArrangementFormat.yaml.decode(text, source: "fout.yaml")
        }
        #expect(
            failure?.issues.contains {
                $0.description.contains("voorzetsel") && $0.message.contains("met-gelijkwaardig")
            } == true)
    }
}
