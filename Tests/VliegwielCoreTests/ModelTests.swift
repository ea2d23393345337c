import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@Suite struct ModelTests {
    @Test func termParsesRangesSingleYearsAndOpenEnded() {
        #expect(Term(code: "1-4") == .years(minimum: 1, maximum: 4))
        #expect(Term(code: "8") == .years(minimum: 8, maximum: 8))
        #expect(Term(code: "open") == .openEnded)
        #expect(Term(code: "4-1") == nil)
        #expect(Term(code: "vier") == nil)
        #expect(Term(code: "15-20")?.code == "15-20")
        #expect(Term(code: "8")?.label == "8 jaar")
    }

    @Test func percentageAcceptsZeroToHundredOnly() {
        #expect(Percentage(code: "50")?.value == 50)
        #expect(Percentage(code: "101") == nil)
        #expect(Percentage(code: "-1") == nil)
    }

    @Test func everyDimensionOfTheFrameworkIsInTheTable() {
        #expect(ProfileDimension.of(.intergovernmental).count == 9)
        // 12 and 6 from the first framework, plus the essay's lenses (issue 12): aard van de opgave,
        // resultaatverantwoordelijke and aanpak; voorzetsel and organisatievorm.
        #expect(ProfileDimension.of(.resultOrientation).count == 15)
        #expect(ProfileDimension.of(.collaboration).count == 8)
        #expect(Set(ProfileDimension.all.map(\.id)).count == ProfileDimension.all.count)
    }

    @Test func dimensionsAreFoundByPathOrUnambiguousLastSegment() {
        #expect(ProfileDimension.named("samenwerkend.rolRijk")?.label == "Rol van het Rijk")
        #expect(ProfileDimension.named("rolRijk")?.id == "samenwerkend.rolRijk")
        #expect(ProfileDimension.named("bestaatniet") == nil)
    }

    @Test func settingAnUnknownCodeNamesTheAllowedCodes() {
        #expect(throws: ValidationFailure.self) {
            try ProfileDimension.named("rolRijk")!.setting(["baas"], in: .unstated, quote: "", citation: "")
        }
        do {
            _ = try ProfileDimension.named("rolRijk")!.setting(["baas"], in: .unstated, quote: "", citation: "")
        } catch {
            #expect(
                error.issues.map(\.description) == [
                    "samenwerkend.rolRijk: onbekende waarde 'baas'; toegestaan: bovengeschikt, nevengeschikt, ondergeschikt, kaderstellend"
                ])
        }
    }

    @Test func validatorNamesEveryProblemWithItsArrangementAndField() {
        var bad = TestProfiles.arrangement("Bad Id")
        bad.name = " "
        bad.sources = []
        var duplicate = TestProfiles.arrangement("dubbel")
        duplicate.profile = TestProfiles.setting(["rolRijk": ["bovengeschikt"]])
        duplicate.profile.collaboration.rijkRoles = .stated([Coded(.superior, quote: "", citation: "")])
        duplicate.profile.resultOrientation.goal = .notStated(reason: "")
        let issues = ArrangementValidator.issues(in: [bad, duplicate, TestProfiles.arrangement("dubbel")])
        #expect(
            issues.map(\.description) == [
                "Bad Id: id: 'Bad Id' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes",
                "Bad Id: naam: ontbreekt of is leeg",
                "Bad Id: bronnen: noem ten minste één bron",
                "dubbel: profiel.resultaatgericht.doel.nietVermeld: geef de reden waarom de bron deze dimensie niet vermeldt",
                "dubbel: profiel.samenwerkend.rolRijk.waarden[0].citaat: ontbreekt of is leeg; geef de letterlijke bewoording van de bron",
                "dubbel: profiel.samenwerkend.rolRijk.waarden[0].bron: ontbreekt of is leeg; noem paragraaf en tabel of een openbare bron",
                "dubbel: id: komt meer dan eens voor",
            ])
    }

    @Test func aPracticeArrangementMustNameAKnownVariant() {
        let issues = ArrangementValidator.issues(in: [TestProfiles.arrangement("mijn-deal", variant: "super-deal")])
        #expect(issues.count == 1)
        #expect(issues.first?.field == "variant")
    }

    @Test func importRefusesChangedReferencesAndReportsWhatItWouldDo() {
        let reference = TestProfiles.arrangement("regio-deal", kind: .reference)
        var changed = reference
        changed.name = "Anders"
        let existing = TestProfiles.arrangement("bestaand")
        var updated = existing
        updated.name = "Nieuwe naam"
        let plan = ImportPlanner.plan(
            incoming: [reference, TestProfiles.arrangement("nieuw"), updated],
            existing: ["bestaand": existing, "regio-deal": reference], shippedReferences: ["regio-deal": reference])
        #expect(plan.isAccepted)
        #expect(plan.created == ["nieuw"] && plan.updated == ["bestaand"] && plan.unchanged == ["regio-deal"])
        let refused = ImportPlanner.plan(
            incoming: [changed], existing: [:], shippedReferences: ["regio-deal": reference])
        #expect(!refused.isAccepted && refused.toSave.isEmpty)
        #expect(refused.issues.first?.arrangementID == "regio-deal")
    }
}

/// The domain module stays pure: it imports nothing but Foundation (no database, no server).
@Suite struct ArchitectureTests {
    @Test func coreImportsOnlyFoundation() throws {
        let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/VliegwielCore")
        let files = FileManager.default.enumerator(at: core, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 5)
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            where line.hasPrefix("import ") || line.contains(" import ") && line.hasPrefix("@") {
                let module = line.split(separator: " ").last.map(String.init) ?? ""
                #expect(["Foundation"].contains(module), "\(file.lastPathComponent) imports \(module)")
            }
        }
    }
}
