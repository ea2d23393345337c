import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

/// The shipped reference catalogue: the essay's fourteen variants, fully coded (issue 2).
@Suite struct CatalogueTests {
    let catalogue = try! BundledCatalogue.arrangements()

    @Test func holdsTheEssaysFourteenVariantsInTheEssaysOrder() {
        #expect(catalogue.map(\.id) == ReferenceVariant.ids)
        #expect(catalogue.allSatisfy { $0.kind == .reference && $0.variantID == $0.id })
    }

    @Test func groupsTheVariantsInTheirFamilies() {
        let families = Dictionary(grouping: catalogue, by: \.family).mapValues { $0.map(\.id) }
        #expect(families[.deal] == ["regio-deal", "city-deal", "town-deal", "woondeal", "green-deal"])
        #expect(families[.nationalProgramme] == ["nplv", "np-res", "nprz", "npg"])
        #expect(families[.structuralCollaboration]?.count == 5)
    }

    @Test func everyDimensionIsCodedWithQuoteAndCitationOrExplicitlyNotStated() {
        for arrangement in catalogue {
            for dimension in ProfileDimension.all {
                let reading = dimension.reading(of: arrangement.profile)
                let place = "\(arrangement.id) \(dimension.id)"
                if let reason = reading.notStatedReason {
                    #expect(reason.count > 10, "\(place): a not-stated dimension gives its reason")
                } else {
                    #expect(!reading.entries.isEmpty, "\(place): coded without values")
                    for entry in reading.entries {
                        #expect(!entry.quote.trimmingCharacters(in: .whitespaces).isEmpty, "\(place): empty quote")
                        #expect(
                            entry.citation.hasPrefix("§"), "\(place): citation '\(entry.citation)' names no section")
                    }
                }
            }
        }
    }

    @Test func validatesWithoutIssues() {
        #expect(ArrangementValidator.issues(in: catalogue) == [])
    }

    /// Every quote is the essay's own wording: each fragment between "…" occurs in the essay
    /// when both are compared as lowercase letters and digits only (line-break hyphens and
    /// spacing in the essay's text do not count).
    @Test func everyQuoteIsTheEssaysOwnWording() throws {
        let essay = normalized(try EssayText.load())
        for arrangement in catalogue {
            for dimension in ProfileDimension.all {
                for entry in dimension.reading(of: arrangement.profile).entries {
                    for fragment in entry.quote.components(separatedBy: "…") where !normalized(fragment).isEmpty {
                        #expect(
                            essay.contains(normalized(fragment)),
                            "\(arrangement.id) \(dimension.id): “\(fragment)” is not in the essay")
                    }
                }
            }
        }
    }

    private func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    // Statements of the essay that the coding must reflect, with their citation.

    @Test func regioDealRijkIsBothSuperiorAndCoordinate() {
        let roles = catalogue.first { $0.id == "regio-deal" }!.profile.collaboration.rijkRoles.values
        #expect(roles.contains(.superior) && roles.contains(.coordinate))
    }

    @Test func woondealRijkIsSuperior() {
        #expect(catalogue.first { $0.id == "woondeal" }!.profile.collaboration.rijkRoles.values.contains(.superior))
    }

    @Test func veiligheidsregioRijkIsFrameworkSetting() {
        #expect(
            catalogue.first { $0.id == "veiligheidsregio" }!.profile.collaboration.rijkRoles.values.contains(
                .frameworkSetting))
    }

    @Test func regioDealRijkShareIsAtMostFiftyPercent() {
        let share = catalogue.first { $0.id == "regio-deal" }!.profile.resultOrientation.maximumRijkShare.values
        #expect(share == [Percentage(50)!])
    }
}

/// The essay's text, read from the project's shared folder beside the repository
/// (`../shared/seed`), which CI lays out as well. The product never reads it.
enum EssayText {
    static func load() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/seed/waarderen-van-variatie.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }
}
