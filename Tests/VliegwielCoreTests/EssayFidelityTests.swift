import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

/// The errors E-1 … E-14 of the fidelity review (`shared/reviews/essay-fidelity-2026-12.md`,
/// §3), each held to the essay's view (issue 12). E-13 is in ``PortfolioRuleTests``.
@Suite struct EssayFidelityTests {
    let catalogue = try! BundledCatalogue.arrangements()
    func variant(_ id: String) -> Arrangement { catalogue.first { $0.id == id }! }
    func profile(_ id: String) -> Profile { variant(id).profile }

    // MARK: Catalogue: a passage about the variant itself beats a general statement (E-1 … E-4, E-10)

    /// §3.4: "is het NP RES bijvoorbeeld afhankelijk van hoe de RES-regio’s hun eigen voortgang
    /// beoordelen"; its own cell (vn. 47): "het ondersteunen van de RES-regio’s".
    @Test func testE1_NPRESIsSupportingNotPerformanceAgreements() {
        let concept = profile("np-res").resultOrientation.resultConcept
        #expect(concept.values == [.supporting])
        #expect(concept.codings.allSatisfy { $0.citation.contains("vn. 47") })
        #expect(ResultConcept.supporting.label == "ondersteunen en faciliteren van anderen")
        // The general statement about "alle Nationale Programma’s" no longer decides the goal-setting either.
        #expect(!profile("np-res").resultOrientation.targetSetting.contains(.rijk))
        #expect(!profile("npg").resultOrientation.resultConcept.contains(.performanceAgreements))
    }

    /// §3.4 "de uitvoering van publieke taken"; §3.3 vn. 51: Metropoolregio's set their own results,
    /// measurable against the spending. No statute is named for them.
    @Test func testE2_MetropoolregioExecutesPublicNotStatutoryTasks() {
        let concept = profile("metropoolregio").resultOrientation.resultConcept
        #expect(concept.values == [.publicTasks])
        #expect(concept.codings[0].citation.contains("vn. 51"))
        #expect(profile("veiligheidsregio").resultOrientation.resultConcept.values == [.statutoryTasks])
        #expect(profile("metropoolregio").intergovernmental.province.values == [.present])
        // The lawful perspective no longer gets the 3 points of statutory tasks.
        let lawful = PerspectiveMix(profile("metropoolregio")).weights.first { $0.perspective == .lawful }!
        #expect(lawful.points <= 1)
    }

    /// §2.3 vn. 27: ministries are "Crisispartners" among the societal parties; the participating
    /// layers are "Gemeenten." and the Rijk has no anchored position.
    @Test func testE3_VeiligheidsregioMinistriesAreCrisisPartnersNotAParticipatingLayer() throws {
        let ministries = profile("veiligheidsregio").intergovernmental.ministries
        #expect(!ministries.isStated)
        let reading = ProfileDimension.named("interbestuurlijk.ministeries")!.reading(of: profile("veiligheidsregio"))
        #expect(try #require(reading.notStatedReason).contains("Crisispartners"))
        #expect(profile("veiligheidsregio").intergovernmental.rijk.values == [.absent])
    }

    /// §3.2: "gemonitord door het programma zelf of door een extern bureau" is a general "or":
    /// the NPLV is monitored, by whom the essay does not say.
    @Test func testE4_NPLVIsMonitoredByWhomNotStated() {
        let monitoring = profile("nplv").resultOrientation.monitoring
        #expect(monitoring.values == [.monitoredByUnstated])
        #expect(Monitoring.monitoredByUnstated.label == "gemonitord, door wie niet vermeld")
        #expect(monitoring.codings[0].note?.hasPrefix("Algemene uitspraak") == true)
        // The Woondeal's "wordt gemonitord" (vn. 39) now has a value too.
        #expect(profile("woondeal").resultOrientation.monitoring.values == [.monitoredByUnstated])
    }

    /// Words in single quotation marks in a `toelichting` are the essay's own, in its order:
    /// each fragment of three words or more (split at "…" and "...") occurs in the essay.
    @Test func testE10_QuotationsInNotesAreTheEssaysOwnWording() throws {
        let essay = normalized(try EssayText.load())
        var checked = 0
        for arrangement in catalogue {
            for dimension in ProfileDimension.all {
                for entry in dimension.reading(of: arrangement.profile).entries {
                    for quote in Self.quotations(in: entry.note ?? "") {
                        for fragment in quote.components(separatedBy: "…").flatMap({ $0.components(separatedBy: "...") }
                        )
                        where fragment.split(separator: " ").count >= 3 {
                            checked += 1
                            #expect(
                                essay.contains(normalized(fragment)),
                                "\(arrangement.id) \(dimension.id): ‘\(fragment)’ in the note is not in the essay")
                        }
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    /// The text between single quotation marks: an opening mark not preceded by a letter, a
    /// closing one not followed by a letter (so "Programma's" is no quotation).
    static func quotations(in text: String) -> [String] {
        let characters = Array(text)
        var result: [String] = []
        var start: Int?
        for (index, character) in characters.enumerated() where character == "'" {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            if start == nil, !before.isLetter, after.isLetter || after.isNumber || after == "…" {
                start = index + 1
            } else if let open = start, !after.isLetter {
                result.append(String(characters[open..<index]))
                start = nil
            }
        }
        return result
    }

    private func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    // MARK: Consequence rules scoped to their passage (E-5 … E-9)

    /// §5.4 is about turning Regio Deals into structural investment agendas: a change, not a
    /// state of a decades-old Metropoolregio.
    @Test func testE5_InvestmentAgendaIsATransitionNotAStateOfTheMetropoolregio() throws {
        let id = "structurele-investeringsagenda-ander-instrument"
        #expect(!ConsequenceRule.all.map(\.id).contains(id))
        #expect(!Advice(profile("metropoolregio")).consequences.map(\.id).contains(id))

        let structural = try WhatIf(
            variant("regio-deal"), changes: [try DimensionChange.parse("horizonInstrument=structureel")])
        let added = try #require(structural.consequencesAdded.first { $0.id == id })
        #expect(added.citation == "§5.4")
        #expect(added.triggers.map(\.description).contains("Nu: Horizon van het instrument: tijdelijk"))
        #expect(added.triggers.map(\.description).contains("Na de wijziging: Horizon van het instrument: structureel"))

        for other in ["metropoolregio", "nplv", "woondeal"] {
            let change = try WhatIf(
                variant(other), changes: [try DimensionChange.parse("horizonInstrument=structureel")])
            #expect(!change.consequencesAdded.map(\.id).contains(id), "\(other)")
        }
    }

    /// §1.4, §3: the impulse meant as a flywheel is the deals', not the Nationale Programma's.
    @Test func testE6_AfterTheImpulseIsForDealsOnly() {
        #expect(
            firing("na-de-impuls-de-samenwerking-vasthouden") == ["regio-deal", "city-deal", "town-deal", "green-deal"])
    }

    /// §3.1: the lesser learning effect comes from agreements the Rijk sets, not from mandatory
    /// participation (§4.3: Veiligheidsregio's act "binnen de kaders van de wet autonoom").
    @Test func testE7_TopDownFollowsRijkSetAgreementsNotMandatoryParticipation() {
        #expect(!ConsequenceRule.all.map(\.id).contains("verplichte-deelname-top-down"))
        #expect(firing("rijksafspraken-top-down") == ["woondeal"])
        let mandatoryOnly = TestProfiles.setting([
            "samenwerkend.deelnameVerplicht": ["ja"], "resultaatgericht.doelbepaling": ["wet"],
        ])
        #expect(!Advice(mandatoryOnly).consequences.map(\.id).contains("rijksafspraken-top-down"))
    }

    /// §2.2, §3.2 say it of Nationale Programma's; NP RES and NPG run 2019–2030, eleven years.
    @Test func testE8_LongHorizonFiresForEveryNationalProgramme() {
        #expect(firing("lange-horizon-kennis-en-herijking") == ["nplv", "np-res", "nprz", "npg"])
    }

    /// §3.4: at the NP RES results cannot be tested against kept performance agreements.
    @Test func testE9_NPRESGetsNoMeasurableAgreementsButTheSupportingConsequence() {
        let ids = Advice(profile("np-res")).consequences.map(\.id)
        #expect(!ids.contains("specifieke-doelen-meetbaar"))
        #expect(ids.contains("ondersteunend-programma-eigen-voortgang"))
        #expect(firing("specifieke-doelen-meetbaar") == ["woondeal", "nplv", "nprz"])
    }

    /// Every rule over the fourteen reference variants: the changed rules fire exactly here.
    @Test func testE5toE9_ChangedRulesFireExactlyWhereTheEssaySays() {
        let expected: [String: [String]] = [
            "na-de-impuls-de-samenwerking-vasthouden": ["regio-deal", "city-deal", "town-deal", "green-deal"],
            "rijksafspraken-top-down": ["woondeal"],
            "lange-horizon-kennis-en-herijking": ["nplv", "np-res", "nprz", "npg"],
            "specifieke-doelen-meetbaar": ["woondeal", "nplv", "nprz"],
            "ondersteunend-programma-eigen-voortgang": ["np-res"],
            "uitvoeringstaken-verantwoording-via-cyclus": [
                "metropoolregio", "veiligheidsregio", "regionale-uitvoeringsdienst", "arbeidsmarktregio",
            ],
        ]
        for (rule, variants) in expected {
            #expect(firing(rule) == variants, "\(rule)")
        }
        // No rule of the state rule base is about a change of instrument.
        #expect(ConsequenceTransition.all.map(\.id) == ["structurele-investeringsagenda-ander-instrument"])
    }

    /// The reference variants for which `rule` fires, in the catalogue's order.
    func firing(_ rule: String) -> [String] {
        catalogue.filter { Advice($0.profile).consequences.contains { $0.id == rule } }.map(\.id)
    }

    // MARK: Governance perspective (E-11)

    /// §5.1: societal resilience is about "initiatiefnemers uit bedrijfsleven, maatschappelijk
    /// middenveld en de brede samenleving"; a Rijk subordinate to co-governments is not that.
    @Test func testE11_RUDAndMetropoolregioAreNotResponsiveGovernment() {
        for id in ["regionale-uitvoeringsdienst", "metropoolregio"] {
            let mix = PerspectiveMix(profile(id))
            #expect(mix.weight(of: .responsive) == 0, "\(id)")
            #expect(!mix.dominant.contains(.responsive), "\(id)")
        }
        #expect(PerspectiveMix(profile("regionale-uitvoeringsdienst")).dominant == [.performing])
        // Where the Rijk does serve societal initiators, the subordinate role still counts as such.
        let green = PerspectiveMix(profile("green-deal")).weights.first { $0.perspective == .responsive }!
        #expect(green.contributions.contains { $0.dimensionID == "samenwerkend.rolRijk" && $0.points == 2 })
    }

    /// A dimension counts once per perspective, however many values it holds.
    @Test func testE11_ADimensionCountsOnceHoweverManyValuesItHolds() {
        let networking = PerspectiveMix(profile("regio-deal")).weights.first { $0.perspective == .networking }!
        let byDimension = Dictionary(grouping: networking.contributions, by: \.dimensionID)
        #expect(byDimension.values.allSatisfy { $0.count == 1 })
        #expect(byDimension["resultaatgericht.doelbepaling"]?.first?.code == "gezamenlijk")
        #expect(byDimension["resultaatgericht.doelbepaling"]?.first?.points == 2)
        #expect(byDimension["resultaatgericht.cofinanciering"]?.first?.points == 1)
    }

    /// "In sommige gevallen … specifieke doelstellingen" (§3.1, vn. 34) is an exception and
    /// weighs half of what the rule would.
    @Test func testE11_AnExceptionWeighsLessThanTheRule() {
        let performing = PerspectiveMix(profile("regio-deal")).weights.first { $0.perspective == .performing }!
        let specific = performing.contributions.first { $0.code == "specifiek" }
        #expect(specific?.points == 1)
        #expect(specific?.reason.contains("uitzondering") == true)
        #expect(
            profile("regio-deal").resultOrientation.goal.codings.first { $0.value == .specific }?.isException == true)
        var asRule = profile("regio-deal")
        asRule.resultOrientation.goal = .one(.specific, quote: "test", citation: "test")
        let ruleContribution = PerspectiveMix(asRule).weights.first { $0.perspective == .performing }!.contributions
            .first { $0.code == "specifiek" }
        #expect(ruleContribution?.points == 2)
    }

    // MARK: Evaluation design (E-12, E-14)

    /// The RUD has no temporary impulse of the Rijk to outlast (§3.3: "Financiering door gemeenten
    /// en provincies"); the NP RES depends on how the regions judge their own progress (§3.4).
    @Test func testE12_NoContinuationWithoutImpulseAndNoLinearAttributionForNPRES() {
        let rud = EvaluationDesign(profile("regionale-uitvoeringsdienst"))
        #expect(!rud.fitting.map(\.id).contains("voortzetting-na-financiering"))
        #expect(!EvaluationDesign(profile("metropoolregio")).fitting.map(\.id).contains("voortzetting-na-financiering"))
        let npres = EvaluationDesign(profile("np-res"))
        #expect(!npres.fitting.map(\.id).contains("lineaire-toerekening"))
        let linear = npres.notFitting.first { $0.approach.id == "lineaire-toerekening" }
        #expect(linear?.reasons.contains { $0.contains("eigen doelen") } == true)
        #expect(EvaluationDesign(profile("regio-deal")).fitting.map(\.id).contains("voortzetting-na-financiering"))
    }

    /// §5.2: instruments that "naast doeltreffendheid en doelmatigheid ook oog hebben voor andere
    /// waarden" — efficiency stays on the table for network forms, without linear attribution.
    @Test func testE12_EfficiencyStaysOnTheTableForNetworkForms() {
        let design = EvaluationDesign(profile("regio-deal"))
        let fitting = design.fitting.map(\.id)
        #expect(fitting.contains("doelmatigheid-zonder-toerekening"))
        #expect(!fitting.contains("lineaire-toerekening"))
        let approach = design.fitting.first { $0.id == "doelmatigheid-zonder-toerekening" }!
        #expect(approach.perspective.values.contains("doelmatigheid"))
        #expect(approach.citation.hasPrefix("§5.2"))
        #expect(design.indicatorKinds.map(\.kind).contains("programma"))
    }

    /// The essay names none of these methods ("er is nog altijd weinig instrumentarium
    /// ontwikkeld", §5.1): they are Vliegwiel's elaboration, with their own literature.
    @Test func testE14_MethodsTheEssayDoesNotNameAreLabelledAsVliegwielsElaboration() {
        let elaborations = [
            "veranderingstheorie", "bijdrage-analyse", "outcome-harvesting", "brede-welvaart-context",
            "contrafeitische-vergelijking",
        ]
        for approach in EvaluationApproach.all {
            if elaborations.contains(approach.id) {
                #expect(approach.origin == .elaboration, "\(approach.id)")
                #expect(approach.citation.hasPrefix("uitwerking van Vliegwiel, niet uit het essay: "), "\(approach.id)")
                #expect(!approach.citation.hasPrefix("§"), "\(approach.id): cited as an essay section")
            } else {
                #expect(approach.origin == .essay, "\(approach.id)")
                #expect(approach.citation.hasPrefix("§"), "\(approach.id)")
            }
        }
        #expect(EvaluationApproach.all.first { $0.id == "bijdrage-analyse" }!.citation.contains("Mayne (2001)"))
        let sisa = EvaluationApproach.all.first { $0.id == "rechtmatigheid" }!.evidence.first { $0.contains("SiSa") }
        #expect(sisa?.contains("uitwerking van Vliegwiel, niet uit het essay") == true)
    }
}
