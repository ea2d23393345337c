import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

/// The framework's analysis, tested on the essay's own statements (issue 3). Each test
/// names the section it rests on.
@Suite struct AnalysisTests {
    let catalogue = try! BundledCatalogue.arrangements()
    func variant(_ id: String) -> Arrangement { catalogue.first { $0.id == id }! }

    // MARK: Comparison

    /// §4.4 sets the Regio Deal beside the Woondeal: they differ in who, what and how.
    @Test func regioDealAndWoondealDifferInAllThreeElements() throws {
        let comparison = try Comparison([variant("regio-deal"), variant("woondeal")])
        for element in ProfileElement.allCases {
            #expect(comparison.variation(of: element).differingCount > 0, "\(element) does not differ")
        }
    }

    /// §3.4: "Voegen we resultaatgerichtheid toe aan het interbestuurlijk karakter dan zien we
    /// de variatie verder toenemen"; §4.4: it grows further with collaboration.
    @Test func cumulativeVariationBetweenRegioDealAndCityDealGrowsAsElementsAreAdded() throws {
        let elements = try Comparison([variant("regio-deal"), variant("city-deal")]).elements
        #expect(elements.map(\.element) == [.intergovernmental, .resultOrientation, .collaboration])
        #expect(elements[0].cumulativeVariation > 0)
        #expect(elements[1].cumulativeVariation > elements[0].cumulativeVariation)
        #expect(elements[2].cumulativeVariation > elements[1].cumulativeVariation)
    }

    @Test func rowsShowTheValuesSideBySideWithTheirWording() throws {
        let comparison = try Comparison([variant("regio-deal"), variant("woondeal")])
        let role = comparison.rows.first { $0.dimensionID == "samenwerkend.rolRijk" }!
        #expect(role.status == .different)
        #expect(role.cells[0].codes.contains("nevengeschikt"))
        #expect(role.cells[1].codes == ["bovengeschikt"])
        #expect(role.cells.allSatisfy { $0.quotes.count == $0.codes.count && !$0.quotes.contains("") })
    }

    @Test func aDimensionNotStatedByOneIsUnknownNotEqual() throws {
        let a = TestProfiles.arrangement("a")
        var b = TestProfiles.arrangement("b")
        b.profile.collaboration.dealmaker = .notStated(reason: "onbekend")
        let row = try Comparison([a, b]).rows.first { $0.dimensionID == "samenwerkend.dealmaker" }!
        #expect(row.status == .unknown)
        #expect(row.variation == nil)
    }

    @Test func comparingFewerThanTwoOrTheSameTwiceIsRefused() {
        #expect(throws: ValidationFailure.self) { try Comparison([variant("regio-deal")]) }
        #expect(throws: ValidationFailure.self) { try Comparison([variant("regio-deal"), variant("regio-deal")]) }
    }

    @Test func distanceScalesFollowTheirDocumentation() {
        #expect(DimensionScale.nominal.distance(["bovengeschikt", "nevengeschikt"], ["nevengeschikt"]) == 0.5)
        #expect(DimensionScale.nominal.distance(["bovengeschikt"], ["ondergeschikt"]) == 1)
        let layers = DimensionScale.of(ProfileDimension.named("bestuurslagen.rijk")!)
        #expect(layers.distance(["afwezig"], ["leidend"]) == 1)
        #expect(abs(layers.distance(["afwezig"], ["soms"]) - 1.0 / 3) < 1e-12)
        #expect(DimensionScale.term.distance(["1-4"], ["open"]) == 1)
        #expect(DimensionScale.term.distance(["1-8"], ["2-3"]) == 1.0 / 3)
        #expect(DimensionScale.percentage.distance(["50"], ["100"]) == 0.5)
    }

    @Test func profileDistanceIsSymmetricAndZeroToItself() {
        for a in catalogue {
            #expect(ProfileDistance(from: a.profile, to: a).distance == 0)
            for b in catalogue {
                #expect(
                    ProfileDistance(from: a.profile, to: b).distance == ProfileDistance(from: b.profile, to: a).distance
                )
            }
        }
    }

    @Test func aDesignCopiedFromAVariantHasThatVariantNearest() {
        var design = variant("woondeal")
        design.id = "mijn-woondeal"
        design.kind = .practice
        let nearest = ProfileDistance.nearest(to: design.profile, among: catalogue, excluding: design.id)
        #expect(nearest.count == 3)
        #expect(nearest[0].variantID == "woondeal")
        #expect(nearest[0].distance == 0 && nearest[0].differences.isEmpty)
        #expect(nearest[1].distance > 0 && !nearest[1].differences.isEmpty)
    }

    // MARK: Consequences

    @Test func theRuleBaseHoldsAtLeastTheTenConsequencesOfTheFramework() {
        #expect(ConsequenceRule.all.count >= 10)
        #expect(Set(ConsequenceRule.all.map(\.id)).count == ConsequenceRule.all.count)
        #expect(ConsequenceRule.all.allSatisfy { $0.citation.hasPrefix("§") && !$0.conditions.isEmpty })
    }

    @Test func everyConsequenceShowsTheChoicesThatTriggerIt() {
        for arrangement in catalogue {
            for consequence in Advice(arrangement.profile).consequences {
                #expect(!consequence.triggers.isEmpty)
                #expect(consequence.explanation.hasPrefix("Vanwege "))
                for trigger in consequence.triggers {
                    #expect(consequence.explanation.contains(trigger.description))
                }
            }
        }
    }

    /// §1.2, §4.1: the Rijk both assesses (bovengeschikt) and partners (nevengeschikt) in a Regio Deal.
    @Test func regioDealGetsTheDoubleRoleConsequenceFromItsRoles() {
        let consequence = Advice(variant("regio-deal").profile).consequences.first { $0.id == "dubbele-rol-rijk" }
        #expect(consequence?.triggers.first { $0.dimensionID == "samenwerkend.rolRijk" }?.codes == ["bovengeschikt"])
        #expect(consequence?.citation == "§1.2, §4.1")
    }

    /// §3.1, §5: broad "bijdragen aan" goals; linear attribution reports "bijdrage onduidelijk".
    @Test func regioDealGetsTheAttributionWarning() {
        let ids = Advice(variant("regio-deal").profile).consequences.map(\.id)
        #expect(ids.contains("brede-doelen-geen-lineaire-toerekening"))
        #expect(ids.contains("na-de-impuls-de-samenwerking-vasthouden"))
        #expect(
            !Advice(variant("woondeal").profile).consequences.map(\.id).contains(
                "brede-doelen-geen-lineaire-toerekening"))
    }

    @Test func aProfileWithNothingStatedTriggersNothing() {
        #expect(Advice(.unstated).consequences.isEmpty)
    }

    // MARK: Governance perspective

    /// §5.1: "Binnen deze vier sturingsperspectieven zijn Regio Deals … in essentie een vorm
    /// van network governance."
    @Test func regioDealIsInEssenceNetworkGovernance() {
        let mix = PerspectiveMix(variant("regio-deal").profile)
        #expect(mix.dominant == [.networking])
        #expect(mix.tensions.map(\.with) == [.lawful, .performing, .responsive])
    }

    @Test func weightsSumToOneAndEveryContributionIsAFeatureOfTheProfile() {
        for arrangement in catalogue {
            let mix = PerspectiveMix(arrangement.profile)
            #expect(abs(mix.weights.map(\.weight).reduce(0, +) - 1) < 1e-9)
            for contribution in mix.weights.flatMap(\.contributions) {
                if let dimension = ProfileDimension.named(contribution.dimensionID) {
                    #expect(dimension.reading(of: arrangement.profile).codes.contains(contribution.code))
                } else {
                    #expect(contribution.dimensionID == "interbestuurlijk.bestuurslagen")
                }
            }
        }
    }

    @Test func withNothingStatedNoPerspectiveIsPresentButTheTensionsByDefinitionAre() {
        let mix = PerspectiveMix(.unstated)
        #expect(mix.weights.map(\.weight) == [0.25, 0.25, 0.25, 0.25])
        #expect(mix.weights.map(\.band) == [.absent, .absent, .absent, .absent])
        #expect(mix.dominant.isEmpty)
        // §5.3: "per definitie op enige mate van spanning" — whatever the profile says.
        #expect(mix.tensions.map(\.with) == [.lawful, .performing])
        #expect(mix.tensions.allSatisfy { $0.basis == .byDefinition && $0.from == .networking })
    }

    // MARK: Temporal matrix

    /// §5.3: a temporary instrument for a structural effect.
    @Test func regioDealSitsInTheTemporaryInstrumentStructuralEffectCell() {
        let position = TemporalPosition(variant("regio-deal").profile)
        #expect(position.cell?.instrument == .temporary && position.cell?.effect == .structural)
        #expect(position.cell?.risk == "aaneenrijgen van interventies, reorganisatiemoeheid, onrust en vertraging.")
    }

    @Test func anUnstatedHorizonLeavesTheCellOpenAndSaysWhy() {
        let position = TemporalPosition(.unstated)
        #expect(position.cells.count == 4)
        #expect(position.openQuestion?.contains("niet vastgelegd") == true)
        #expect(
            TemporalCell.cell(instrument: .structural, effect: .structural).risk.hasPrefix(
                "indutten van de samenwerking"))
        #expect(
            TemporalCell.cell(instrument: .temporary, effect: .temporary).risk.hasPrefix(
                "druppel op een gloeiende plaat"))
    }

    // MARK: Evaluation design

    /// §5.1: "evaluatiesystematiek volgt sturingssystematiek" — a Regio Deal gets contribution
    /// analysis and learning, and linear attribution does not fit.
    @Test func regioDealGetsContributionAndLearningEvaluation() {
        let design = EvaluationDesign(variant("regio-deal").profile)
        let fitting = design.fitting.map(\.id)
        #expect(fitting.contains("bijdrage-analyse"))
        #expect(fitting.contains("lerende-evaluatie"))
        #expect(fitting.contains("brede-welvaart-context"))
        #expect(!fitting.contains("lineaire-toerekening"))
        #expect(design.notFitting.first { $0.approach.id == "lineaire-toerekening" }?.reasons.isEmpty == false)
        #expect(design.indicatorKinds.map(\.kind).contains("context"))
    }

    /// §3.1, §4.4: a Woondeal's concrete numbers get indicator and target monitoring.
    @Test func woondealGetsIndicatorAndTargetMonitoring() {
        #expect(
            EvaluationDesign(variant("woondeal").profile).fitting.map(\.id).contains("indicatoren-en-streefwaarden"))
    }

    // MARK: What-if

    @Test func specificTargetsWithPerformanceAgreementsShiftARegioDealTowardPerformance() throws {
        let whatIf = try WhatIf(
            variant("regio-deal"),
            changes: [
                try DimensionChange.parse("resultaatgericht.doel=streefwaarden"),
                try DimensionChange.parse("resultaatbegrip=prestatieafspraken"),
            ])
        let performing = whatIf.weightShifts.first { $0.perspective == .performing }!
        let networking = whatIf.weightShifts.first { $0.perspective == .networking }!
        #expect(performing.after > performing.before)
        #expect(networking.after < networking.before)
        #expect(whatIf.approachesAdded.map(\.id).contains("indicatoren-en-streefwaarden"))
        #expect(whatIf.consequencesAdded.map(\.id).contains("specifieke-doelen-meetbaar"))
        #expect(whatIf.consequencesRemoved.map(\.id).contains("brede-doelen-geen-lineaire-toerekening"))
        #expect(whatIf.changes.map(\.dimensionID) == ["resultaatgericht.doel", "resultaatgericht.resultaatbegrip"])
    }

    @Test func aWhatIfWithUnknownValuesNamesThemAll() {
        do {
            _ = try WhatIf(
                variant("regio-deal"),
                changes: [try DimensionChange.parse("rolRijk=baas"), try DimensionChange.parse("doel=alles")])
            Issue.record("accepted")
        } catch {
            #expect(error.issues.map(\.field) == ["samenwerkend.rolRijk", "resultaatgericht.doel"])
        }
    }

    @Test func aChangeMustNameAKnownDimensionAndAValue() {
        #expect(throws: ValidationFailure.self) { try DimensionChange.parse("kleur=rood") }
        #expect(throws: ValidationFailure.self) { try DimensionChange.parse("rolRijk") }
        #expect(throws: ValidationFailure.self) { try DimensionChange.parse("rolRijk=") }
    }
}
