import Foundation
import Testing
import VliegwielCore
import VliegwielTestSupport

@Suite("QCA data from the product")
struct QCAProductDataTests {
    static let regio = try! QCAConditionDefinition(
        parsing: "REGIO=samenwerkend.initiatiefVoorstel:regio,steden,gemeenten,decentraal-en-privaat")
    static let cofin = try! QCAConditionDefinition(
        parsing: "COFIN=resultaatgericht.cofinanciering:regio-en-rijk,meerpartijen")

    static func outcome(_ id: String, _ value: Double, _ source: String = "Evaluatie 2024, p. 3") -> QCARecordedOutcome
    {
        try! QCARecordedOutcome(
            arrangementID: id, name: "VOORTGEZET", value: value, source: source,
            recordedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func aDefinitionReadsItsNotationAndKeepsTheVocabularysOrder() throws {
        let definition = try QCAConditionDefinition(parsing: "REGIO=initiatiefVoorstel:steden,regio")
        #expect(definition.name == "REGIO")
        #expect(definition.dimensionID == "samenwerkend.initiatiefVoorstel")
        #expect(definition.codes == ["regio", "steden"])
        #expect(definition.notation == "REGIO=samenwerkend.initiatiefVoorstel:regio,steden")
        #expect(
            QCAConditionDefinition.suggested.map(\.name) == [
                "REGIO", "COFIN", "PRESTATIE", "VAST", "SPECIFIEK", "PROVINCIE", "MEERPARTIJEN", "GEMENGD",
            ])
    }

    @Test func aBadDefinitionNamesEveryField() throws {
        let failure = try #require(
            throws: ValidationFailure.self,
            performing: {
                try QCAConditionDefinition(
                    name: "1X", dimension: "samenwerkend.rolRijk", codes: ["bovengeschikt", "baas"],
                    field: "voorwaarden[0]")
            })
        #expect(
            failure.issues.map(\.description) == [
                "voorwaarden[0].naam: '1X' is geen geldige naam; gebruik letters en cijfers, beginnend met een letter, bijvoorbeeld REGIO",
                "voorwaarden[0].codes: onbekende code 'baas' voor samenwerkend.rolRijk; toegestaan: bovengeschikt, nevengeschikt, ondergeschikt, kaderstellend",
            ])
        let unknown = try #require(
            throws: ValidationFailure.self, performing: { try QCAConditionDefinition(parsing: "X=foo:bar") })
        #expect(unknown.issues.count == 1)
        #expect(unknown.issues[0].field == "voorwaarde.dimensie")
        #expect(
            unknown.issues[0].message.hasPrefix(
                "onbekende dimensie 'foo'; toegestaan: interbestuurlijk.bestuurslagen.rijk,"))
        #expect(!unknown.issues[0].message.contains("resultaatgericht.looptijd"))
        let free = try #require(
            throws: ValidationFailure.self, performing: { try QCAConditionDefinition(parsing: "L=looptijd:1-4") })
        #expect(free.issues.map(\.field) == ["voorwaarde.dimensie"])
        #expect(free.issues[0].message.hasPrefix("resultaatgericht.looptijd heeft geen vaste codes"))
        let empty = try #require(
            throws: ValidationFailure.self, performing: { try QCAConditionDefinition(parsing: "V=samenstelling:") })
        #expect(
            empty.issues.map(\.description) == [
                "voorwaarde.codes: geef ten minste één code die 1 betekent; toegestaan: vast, basis-met-nieuwkomers, vloeiend, groeiend-netwerk"
            ])
        let garbled = try #require(
            throws: ValidationFailure.self, performing: { try QCAConditionDefinition(parsing: "REGIO") })
        #expect(
            garbled.issues.map(\.description) == [
                "voorwaarde: 'REGIO' is niet te lezen; schrijf NAAM=DIMENSIE:CODE,CODE, bijvoorbeeld REGIO=samenwerkend.initiatiefVoorstel:regio,steden"
            ])
    }

    @Test func anOutcomeNeedsASourceAndAValueFromZeroToOne() throws {
        let failure = try #require(
            throws: ValidationFailure.self,
            performing: { try QCARecordedOutcome(arrangementID: "a", name: "VOORTGEZET", value: 1.5, source: "  ") })
        #expect(
            failure.issues.map(\.description) == [
                "a: waarde: 1,5 valt buiten het bereik 0 tot en met 1 (0 of 1 voor een crisp set, daartussen voor een fuzzy set)",
                "a: bron: verplicht: waar komt de waarde vandaan (evaluatie, rapport, gesprek)?",
            ])
        #expect(
            try QCARecordedOutcome(arrangementID: "a", name: "V", value: 0.75, source: " rapport ").source == "rapport")
    }

    @Test func theDataSetCodesOneAndZeroAndLeavesOutWhatIsNotStated() throws {
        let region = TestProfiles.arrangement(
            "a-regio",
            profile: TestProfiles.setting([
                "samenwerkend.initiatiefVoorstel": ["regio"], "resultaatgericht.cofinanciering": ["geen"],
            ]))
        let rijk = TestProfiles.arrangement(
            "b-rijk",
            profile: TestProfiles.setting([
                "samenwerkend.initiatiefVoorstel": ["rijk"], "resultaatgericht.cofinanciering": ["meerpartijen"],
            ]))
        let unknownInitiative = TestProfiles.arrangement(
            "c-onbekend",
            profile: ProfileDimension.named("samenwerkend.initiatiefVoorstel")!.unstating(
                in: TestProfiles.fullyStated, reason: "De bron zegt het niet."))
        let noOutcome = TestProfiles.arrangement("d-zonder-uitkomst")
        let product = try QCAProductData.build(
            arrangements: [region, rijk, unknownInitiative, noOutcome], definitions: [Self.regio, Self.cofin],
            outcome: "VOORTGEZET",
            outcomes: [Self.outcome("a-regio", 1), Self.outcome("b-rijk", 0.25), Self.outcome("c-onbekend", 1)])
        #expect(product.cases.map(\.arrangementID) == ["a-regio", "b-rijk"])
        #expect(product.cases[0].conditions.map(\.value) == [1, 0])
        #expect(
            product.cases[0].conditions[0].evidence == [.init(code: "regio", quote: "testcitaat", citation: "test")])
        // A 0 rests on the codes that were found.
        #expect(product.cases[0].conditions[1].evidence.map(\.code) == ["geen"])
        #expect(product.cases[1].conditions.map(\.value) == [0, 1])
        #expect(product.cases[1].outcome.source == "Evaluatie 2024, p. 3")
        #expect(
            product.excluded == [
                QCAExclusion(
                    arrangementID: "c-onbekend", arrangementName: "Test c-onbekend",
                    reasons: ["samenwerkend.initiatiefVoorstel (REGIO) niet vastgesteld: De bron zegt het niet."],
                    causes: [
                        .notStated(
                            condition: "REGIO", dimensionID: "samenwerkend.initiatiefVoorstel",
                            reason: "De bron zegt het niet.")
                    ]),
                QCAExclusion(
                    arrangementID: "d-zonder-uitkomst", arrangementName: "Test d-zonder-uitkomst",
                    reasons: ["geen uitkomst VOORTGEZET vastgelegd"], causes: [.noOutcome(outcome: "VOORTGEZET")]),
            ])
        let dataSet = try #require(product.dataSet)
        #expect(dataSet.caseIdentifiers == ["a-regio", "b-rijk"])
        #expect(dataSet.variableNames == ["REGIO", "COFIN", "VOORTGEZET"])
        #expect(dataSet.variable(named: "VOORTGEZET")?.values == [1, 0.25])
        #expect(dataSet.variable(named: "VOORTGEZET")?.kind == .fuzzy)
        #expect(dataSet.variable(named: "REGIO")?.kind == .crisp)
    }

    @Test func withoutQualifyingArrangementsThereIsNoDataSet() throws {
        let product = try QCAProductData.build(
            arrangements: [TestProfiles.arrangement("a")], definitions: [Self.regio], outcome: "VOORTGEZET",
            outcomes: [])
        #expect(product.dataSet == nil)
        #expect(product.excluded.map(\.reasons) == [["geen uitkomst VOORTGEZET vastgelegd"]])
    }

    @Test func badDefinitionSetsAreRefused() throws {
        let failure = try #require(
            throws: ValidationFailure.self,
            performing: {
                try QCAProductData.build(
                    arrangements: [], definitions: [Self.regio, Self.regio], outcome: "REGIO", outcomes: [])
            })
        #expect(
            failure.issues.map(\.description) == [
                "voorwaarden: de naam REGIO staat er meer dan eens in",
                "voorwaarden: de uitkomst REGIO kan niet ook een voorwaarde zijn",
            ])
        let none = try #require(
            throws: ValidationFailure.self,
            performing: { try QCAProductData.build(arrangements: [], definitions: [], outcome: "Y", outcomes: []) })
        #expect(
            none.issues.map(\.description) == ["voorwaarden: geef ten minste één voorwaarde als NAAM=DIMENSIE:CODES"])
    }
}
