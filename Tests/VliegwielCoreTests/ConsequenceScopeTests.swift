import Testing
import VliegwielCore
import VliegwielInterchange

/// Issue 12, point 4: each consequence the essay states fires for the reference variants the
/// passage is about, and for no other of the fourteen. The expected sets follow the passages
/// cited with each rule (the reasoning per rule: docs/analyse.md, "Voorspelbare gevolgen").
@Suite struct ConsequenceScopeTests {
    let catalogue = try! BundledCatalogue.arrangements().filter { $0.kind == .reference }

    func firing(_ id: String) -> Set<String> {
        Set(catalogue.filter { ConsequenceRule.consequences(for: $0.profile).contains { $0.id == id } }.map(\.id))
    }

    static let deals: Set<String> = ["regio-deal", "city-deal", "town-deal", "green-deal"]

    @Test(
        "Each added consequence fires exactly where its passage applies",
        arguments: [
            // §3.4: specific goals of national programmes, not the supporting NP RES.
            ("specifieke-doelen-ontwerp-vooraf", ["nplv", "nprz"]),
            // §1.2 (ROB) on the Regio Deal.
            ("resultaatverantwoordelijk-rijk-geen-nevenschikking", ["regio-deal"]),
            // §1.2: no variant is coded as a patronising 'voor'.
            ("voor-de-regio-bevoogdend", []),
            (
                "met-de-regio-regio-trekt",
                ["regio-deal", "green-deal", "np-res", "metropoolregio", "regionale-uitvoeringsdienst"]
            ),
            // §1.2 on the Regio Deal's double roles.
            ("gelijkwaardig-bedoeld-niet-zo-ervaren", ["regio-deal"]),
            // §4.1: a design check; the essay's variants are coherent.
            ("ondergeschikt-rijk-bepaalt-doelen", []),
            // §2.1: Zuid- en Oost-Drenthe, an area with many themes.
            ("veel-themas-brede-coalitie", ["regio-deal"]),
            // §2.1: innovation in deals (the City Deal's closed innovations).
            ("innovatie-kennisinstellingen-als-partner", ["city-deal"]),
            // §2.1: deals, not the Woondeal whose parties are clear beforehand.
            ("nieuwe-samenstelling-rijk-faciliteert", ["regio-deal", "city-deal", "town-deal", "green-deal"]),
            // §5.1: several funders, Rijk money to account for, a joint result.
            ("omelet-geen-toerekening-per-financier", ["regio-deal", "town-deal", "np-res", "nprz", "npg"]),
            // §5.4: the critique of Regio Deals.
            ("tijdelijke-impuls-te-kort-te-klein", ["regio-deal"]),
            // §4.3: decentral self-governance; not the Onderwijsregio (§2.3's exception).
            (
                "structurele-zelfsturing-rijk-minimaal",
                ["metropoolregio", "veiligheidsregio", "regionale-uitvoeringsdienst"]
            ),
            // §3.1: the term of a deal is the impulse's, not the broad goal's; not the Woondeal.
            ("impuls-niet-afrekenen-op-breed-doel", ["regio-deal", "city-deal", "town-deal", "green-deal"]),
            // §1.1: Regio Deals.
            ("regio-zelf-afgebakend", ["regio-deal"]),
            // §3.1: deals whose goals the Rijk does not set alone.
            ("geen-projectplan-vooraf", ["regio-deal", "city-deal", "town-deal", "green-deal"]),
            // §4.1–4.3: money tested against requirements or to be accounted for.
            (
                "rijksgeld-getoetst-bovengeschikt",
                [
                    "regio-deal", "town-deal", "woondeal", "nplv", "np-res", "nprz", "npg", "metropoolregio",
                    "onderwijsregio",
                ]
            ),
            // §5.2: network forms with Rijk money, not performance agreements or task execution.
            ("doelmatigheid-alsnog-vaststellen", ["regio-deal", "town-deal", "np-res", "npg", "onderwijsregio"]),
            // §3.1, §4: learning and innovating deals.
            ("doorwerking-buiten-de-deal", ["regio-deal", "city-deal", "town-deal", "green-deal"]),
        ] as [(String, [String])])
    func firesWhereThePassageApplies(rule: String, expected: [String]) {
        #expect(ConsequenceRule.all.contains { $0.id == rule }, "regel \(rule) bestaat niet")
        #expect(firing(rule) == Set(expected), "\(rule)")
    }

    @Test("The network tension fires also where network governance is substantial but not alone on top (§5.3)")
    func networkTensionFiresWhereNetworkIsSubstantial() {
        let fired = firing("netwerksturing-spanning-andere-waarden")
        #expect(fired.contains("nprz"), "NPRZ: presterende overheid dominant, netwerkende substantieel")
        #expect(fired.contains("nplv"))
        #expect(!fired.contains("veiligheidsregio"))
        #expect(!fired.contains("woondeal"))
    }

    @Test("A supporting approach alone makes the supporting-programme consequence fire (§3.4)")
    func supportingApproachFires() throws {
        var profile = Profile.unstated
        profile.resultOrientation.approach = .one(.supporting, quote: "q", citation: "§3.4")
        #expect(
            ConsequenceRule.consequences(for: profile).contains { $0.id == "ondersteunend-programma-eigen-voortgang" })
        profile.resultOrientation.approach = .one(.learning, quote: "q", citation: "§3.4")
        #expect(
            !ConsequenceRule.consequences(for: profile).contains { $0.id == "ondersteunend-programma-eigen-voortgang" })
    }
}
