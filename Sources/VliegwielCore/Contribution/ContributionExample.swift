// FICTIEF VOORBEELD. The contribution graph of the fictional demo deal
// `fictief-regio-deal-voorbeeld` (docs/portefeuille.md): every node, assumption, source and
// date is made up, every label says "(fictief)", and the graph is marked `fictief`, so
// `issues(attachingTo:)` refuses it for any real deal.

extension ContributionGraph {
    /// The id of the fictional demo deal this example belongs to.
    public static let fictionalExampleArrangementID = "fictief-regio-deal-voorbeeld"

    /// The first version of the fictional example: two interventions (the projects
    /// `kernen-aan-zet` and `talent-blijft`), a partial effect, a condition, a third-party
    /// intervention, a context factor, two outcomes and a cycle (a stronger community brings
    /// more people to the village halls: ontmoeting → netwerk → samenhang → ontmoeting).
    public static var fictionalExampleFirstVersion: ContributionGraph {
        ContributionGraph(
            arrangementID: fictionalExampleArrangementID,
            nodes: [
                ContributionNode(
                    id: "dorpshuizen", kind: .intervention, label: "Dorpshuizen als ontmoetingsplek (fictief)",
                    projectID: "kernen-aan-zet"),
                ContributionNode(
                    id: "stages", kind: .intervention, label: "Stages bij bedrijven in de vallei (fictief)",
                    projectID: "talent-blijft"),
                ContributionNode(
                    id: "ontmoeting", kind: .partialEffect, label: "Inwoners ontmoeten elkaar vaker (fictief)"),
                ContributionNode(
                    id: "netwerk", kind: .condition, label: "Een netwerk van inwoners, jongeren en bedrijven (fictief)"),
                ContributionNode(
                    id: "samenhang", kind: .outcome, label: "Sterkere sociale samenhang in de kernen (fictief)",
                    theme: .society),
                ContributionNode(
                    id: "werk-in-de-regio", kind: .outcome, label: "Jongeren vinden werk in de regio (fictief)",
                    theme: .workAndLeisure),
                ContributionNode(
                    id: "buslijn", kind: .thirdPartyIntervention,
                    label: "Nieuwe buslijn van de vervoerregio (fictief)"),
                ContributionNode(
                    id: "krappe-arbeidsmarkt", kind: .contextFactor, label: "Krappe arbeidsmarkt (fictief)"),
            ],
            links: [
                ContributionLink(
                    id: "dorpshuizen-ontmoeting", from: "dorpshuizen", to: "ontmoeting",
                    assumption: "Een open dorpshuis trekt inwoners die elkaar anders niet zien (fictief).",
                    evidenceStrength: .reasonable,
                    evidence: [
                        EvidenceItem(
                            what: "Bezoekerstellingen van drie dorpshuizen (fictief)",
                            source: "Jaarverslag Kernen aan zet (fictief)", date: day(2024, 12, 31))
                    ],
                    rivalExplanations: ["Het nieuwe sportseizoen bracht meer mensen op de been (fictief)."]),
                ContributionLink(
                    id: "ontmoeting-netwerk", from: "ontmoeting", to: "netwerk",
                    assumption: "Wie elkaar vaker ziet, gaat samen dingen ondernemen (fictief).",
                    evidenceStrength: .weak,
                    evidence: [
                        EvidenceItem(
                            what: "Gesprekken met vier dorpsraden (fictief)",
                            source: "Evaluatiebureau Vallei (fictief)",
                            date: day(2024, 6, 15))
                    ]),
                ContributionLink(
                    id: "stages-netwerk", from: "stages", to: "netwerk",
                    assumption:
                        "Stages leggen contacten tussen jongeren en bedrijven die na de stage blijven (fictief).",
                    evidenceStrength: .none),
                ContributionLink(
                    id: "netwerk-samenhang", from: "netwerk", to: "samenhang",
                    assumption: "Een levend netwerk maakt kernen samenhangender (fictief).",
                    evidenceStrength: .reasonable,
                    evidence: [
                        EvidenceItem(
                            what: "Buurtenquête samenhang (fictief)", source: "Gemeente Dorpsveen (fictief)",
                            date: day(2024, 11, 1))
                    ]),
                ContributionLink(
                    id: "netwerk-werk", from: "netwerk", to: "werk-in-de-regio",
                    assumption: "Via het netwerk horen jongeren van vacatures in de regio (fictief).",
                    evidenceStrength: .weak),
                ContributionLink(
                    id: "samenhang-ontmoeting", from: "samenhang", to: "ontmoeting",
                    assumption: "In een hechte kern komen meer mensen naar het dorpshuis: het vliegwiel (fictief).",
                    evidenceStrength: .none),
                ContributionLink(
                    id: "buslijn-werk", from: "buslijn", to: "werk-in-de-regio",
                    assumption: "Met de bus zijn bedrijven in de vallei bereikbaar zonder auto (fictief).",
                    evidenceStrength: .reasonable,
                    evidence: [
                        EvidenceItem(
                            what: "Reizigerstellingen buslijn (fictief)", source: "Vervoerregio Vallei (fictief)",
                            date: day(2024, 10, 1))
                    ]),
                ContributionLink(
                    id: "arbeidsmarkt-werk", from: "krappe-arbeidsmarkt", to: "werk-in-de-regio",
                    assumption: "Bij een krappe arbeidsmarkt nemen bedrijven eerder jongeren aan (fictief).",
                    evidenceStrength: .strong,
                    evidence: [
                        EvidenceItem(
                            what: "Regionale arbeidsmarktcijfers (fictief)", source: "Arbeidsmarktmonitor (fictief)",
                            date: day(2024, 9, 1))
                    ]),
            ],
            isFictional: true)
    }

    /// The second version: the evaluation of the internships brought evidence (the link from
    /// `stages` goes from `geen` to `redelijk`), a rival explanation for the jobs, and the
    /// project `zorg-dichtbij`, still in preparation and not yet linked (a dead end, on purpose).
    public static var fictionalExampleSecondVersion: ContributionGraph {
        var graph = fictionalExampleFirstVersion
        graph.nodes.append(
            ContributionNode(
                id: "zorgpost", kind: .intervention, label: "Zorgpost in de kern (fictief)", projectID: "zorg-dichtbij")
        )
        if let index = graph.links.firstIndex(where: { $0.id == "stages-netwerk" }) {
            graph.links[index].evidenceStrength = .reasonable
            graph.links[index].evidence.append(
                EvidenceItem(
                    what: "Eindevaluatie Talent blijft (fictief)", source: "Hogeschool Vallei (fictief)",
                    date: day(2025, 9, 30)))
        }
        if let index = graph.links.firstIndex(where: { $0.id == "netwerk-werk" }) {
            graph.links[index].rivalExplanations.append(
                "Jongeren kiezen de regio om de lagere woonlasten, niet om het netwerk (fictief).")
        }
        return graph
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }
}

extension ContributionGraphHistory {
    /// The two versions of the fictional example graph, for the fictional demo deal only.
    public static var fictionalExample: ContributionGraphHistory {
        var history = ContributionGraphHistory(arrangementID: ContributionGraph.fictionalExampleArrangementID)
        do {
            try history.record(
                ContributionGraph.fictionalExampleFirstVersion, on: CalendarDate(year: 2024, month: 1, day: 15)!,
                author: "Evaluator Vallei (fictief)", reason: "Eerste veranderingstheorie van de deal (fictief)")
            try history.record(
                ContributionGraph.fictionalExampleSecondVersion, on: CalendarDate(year: 2025, month: 10, day: 6)!,
                author: "Evaluator Vallei (fictief)",
                reason: "Na de eindevaluatie van Talent blijft; zorgpost toegevoegd (fictief)")
        } catch {
            preconditionFailure("the fictional example graph is invalid: \(error)")
        }
        return history
    }
}
