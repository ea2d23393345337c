import Foundation
import Testing
import VliegwielCore

/// The contribution story after Mayne, in Dutch (issue 6, item 2; docs/bijdrage.md).
@Suite struct ContributionStoryTests {
    typealias F = ContributionFixture

    /// Training (a) → vaardigheden (d) → samenwerking (v) → werk (u), with another
    /// partner's subsidy (i) into v, the economy (c) into u, and u feeding back into v.
    static var graph: ContributionGraph {
        ContributionGraph(
            arrangementID: F.arrangementID,
            nodes: [
                ContributionNode(id: "a", kind: .intervention, label: "Training", projectID: "training"),
                ContributionNode(id: "d", kind: .partialEffect, label: "Vaardigheden"),
                ContributionNode(id: "v", kind: .condition, label: "Samenwerking"),
                ContributionNode(
                    id: "u", kind: .outcome, label: "Werk", theme: .workAndLeisure, indicatorID: "werkloosheid"),
                ContributionNode(id: "i", kind: .thirdPartyIntervention, label: "Subsidie van de provincie"),
                ContributionNode(id: "c", kind: .contextFactor, label: "Conjunctuur"),
                ContributionNode(id: "leeg", kind: .outcome, label: "Gezondheid", theme: .health),
            ],
            links: [
                ContributionLink(
                    id: "a-d", from: "a", to: "d", assumption: "Deelnemers leren wat werkgevers vragen.",
                    evidenceStrength: .reasonable,
                    evidence: [
                        EvidenceItem(what: "Toetsresultaten", source: "Opleider", date: F.day("2024-05-01")),
                        EvidenceItem(what: "Enquête deelnemers", source: "Bureau X", date: F.day("2024-06-01")),
                    ],
                    rivalExplanations: ["Ze leerden het ook op het werk."]),
                ContributionLink(
                    id: "d-v", from: "d", to: "v", assumption: "Wie meer kan, wordt eerder betrokken.",
                    evidenceStrength: .weak),
                ContributionLink(
                    id: "v-u", from: "v", to: "u", assumption: "Samenwerking opent vacatures.",
                    evidenceStrength: .strong,
                    evidence: [EvidenceItem(what: "Plaatsingen", source: "UWV-regio", date: F.day("2025-01-15"))]),
                ContributionLink(
                    id: "i-v", from: "i", to: "v", assumption: "De subsidie betaalt de netwerkmakelaar.",
                    evidenceStrength: .none),
                ContributionLink(
                    id: "c-u", from: "c", to: "u", assumption: "In een hoogconjunctuur is er meer werk.",
                    evidenceStrength: .reasonable),
                ContributionLink(
                    id: "u-v", from: "u", to: "v", assumption: "Wie werk vindt, blijft in het netwerk.",
                    evidenceStrength: .none),
            ])
    }

    @Test func theStoryFollowsMaynesStepsLineByLine() throws {
        let story = try #require(ContributionAnalysis(Self.graph).story(for: "u"))
        #expect(
            story.steps.map(\.title) == [
                "De claim", "De veranderingstheorie", "Het bewijs per schakel", "De rivaliserende verklaringen",
                "Welk bewijs nog nodig is",
            ])
        #expect(
            story.lines == [
                "Bijdrageverhaal: Werk",
                "1. De claim",
                "'Training' draagt bij aan 'Werk' (thema Arbeid en vrije tijd, indicator werkloosheid).",
                "Dit is een bijdrage, geen toerekening: de uitkomst ontstaat samen met andere interventies en omstandigheden, en geen deel ervan wordt aan één interventie toegeschreven (§5.1).",
                "2. De veranderingstheorie",
                "Pad 1: 'Training' → 'Vaardigheden' → 'Samenwerking' → 'Werk'; zwakste schakel: 'Vaardigheden' → 'Samenwerking' (zwak).",
                "Terugkoppeling: schakel 'Werk' → 'Samenwerking' leidt van de uitkomst terug in de veranderingstheorie; de relatie is circulair (§5.1).",
                "3. Het bewijs per schakel",
                "Schakel 'Training' → 'Vaardigheden': bewijskracht redelijk; aanname: Deelnemers leren wat werkgevers vragen.",
                "- Toetsresultaten (Opleider, 1 mei 2024)",
                "- Enquête deelnemers (Bureau X, 1 juni 2024)",
                "Schakel 'Vaardigheden' → 'Samenwerking': bewijskracht zwak; aanname: Wie meer kan, wordt eerder betrokken.",
                "- nog geen bewijsstukken vastgelegd",
                "Schakel 'Samenwerking' → 'Werk': bewijskracht sterk; aanname: Samenwerking opent vacatures.",
                "- Plaatsingen (UWV-regio, 15 januari 2025)",
                "Schakel 'Subsidie van de provincie' → 'Samenwerking': bewijskracht geen; aanname: De subsidie betaalt de netwerkmakelaar.",
                "- nog geen bewijsstukken vastgelegd",
                "Schakel 'Conjunctuur' → 'Werk': bewijskracht redelijk; aanname: In een hoogconjunctuur is er meer werk.",
                "- nog geen bewijsstukken vastgelegd",
                "Schakel 'Werk' → 'Samenwerking': bewijskracht geen; aanname: Wie werk vindt, blijft in het netwerk.",
                "- nog geen bewijsstukken vastgelegd",
                "4. De rivaliserende verklaringen",
                "Bij schakel 'Training' → 'Vaardigheden': Ze leerden het ook op het werk.",
                "Interventie van derden 'Subsidie van de provincie': 'Subsidie van de provincie' → 'Samenwerking' → 'Werk'.",
                "Contextfactor 'Conjunctuur': 'Conjunctuur' → 'Werk'.",
                "5. Welk bewijs nog nodig is",
                "Verzamel bewijs voor schakel 'Vaardigheden' → 'Samenwerking', nu zwak: Wie meer kan, wordt eerder betrokken.",
                "Verzamel bewijs voor schakel 'Subsidie van de provincie' → 'Samenwerking', nu geen: De subsidie betaalt de netwerkmakelaar.",
                "Verzamel bewijs voor schakel 'Werk' → 'Samenwerking', nu geen: Wie werk vindt, blijft in het netwerk.",
            ])
        #expect(story.text == story.lines.joined(separator: "\n"))
    }

    @Test func theStoryNamesEveryLinkIntoTheOutcomeWithItsStrength() throws {
        let graph = Self.graph
        let story = try #require(ContributionAnalysis(graph).story(for: "u"))
        let evidence = story.steps[2].lines
        for link in graph.links {
            let line =
                "Schakel \(graph.describe(link)): bewijskracht \(link.evidenceStrength.code); "
                + "aanname: \(link.assumption)"
            #expect(evidence.contains(line), "\(link.id)")
        }
    }

    @Test func anOutcomeNoInterventionReachesSaysSo() throws {
        let story = try #require(ContributionAnalysis(Self.graph).story(for: "leeg"))
        #expect(
            story.lines == [
                "Bijdrageverhaal: Gezondheid",
                "1. De claim",
                "Geen interventie van het arrangement bereikt 'Gezondheid' (thema Gezondheid) in de veranderingstheorie; een bijdrage is hier niet te claimen.",
                "2. De veranderingstheorie",
                "Geen pad van een interventie naar deze uitkomst.",
                "3. Het bewijs per schakel",
                "Geen schakels naar deze uitkomst.",
                "4. De rivaliserende verklaringen",
                "Geen rivaliserende verklaringen, interventies van derden of contextfactoren vastgelegd; zoek ze, want een claim zonder alternatieven is niet getoetst.",
                "5. Welk bewijs nog nodig is",
                "Leg eerst vast langs welke schakels deze uitkomst bereikt zou worden.",
            ])
    }

    @Test func twoInterventionsShareTheClaimAndStrongEvidenceNeedsNothingMore() throws {
        let graph = F.graph(
            [F.node("a", .intervention), F.node("b", .intervention), F.node("u", .outcome)],
            [F.link("a", "u", .strong), F.link("b", "u", .reasonable)])
        let story = try #require(ContributionAnalysis(graph).story(for: "u"))
        #expect(story.steps[0].lines[0] == "'a' en 'b' dragen bij aan 'u' (thema Samenleving).")
        #expect(story.steps[4].lines == ["Elke schakel heeft redelijk of sterk bewijs; volg of dat zo blijft."])
    }

    @Test func theStorySaysWhenThePathLimitWasHit() throws {
        let story = try #require(ContributionAnalysis(F.cycle, pathLimit: 3).story(for: "u"))
        #expect(
            story.steps[1].lines == [
                "Pad 1: 'a' → 'd' → 'v' → 'u'; zwakste schakel: 'a' → 'd' (redelijk).",
                "Let op: vanuit 'a' zijn niet alle paden gevolgd; de grens van 3 paden is bereikt.",
                "Terugkoppeling: schakel 'u' → 'd' leidt van de uitkomst terug in de veranderingstheorie; de relatie is circulair (§5.1).",
            ])
        let none = try #require(ContributionAnalysis(F.cycle, pathLimit: 1).story(for: "u"))
        #expect(none.steps[0].lines[0] == "'a' draagt bij aan 'u' (thema Samenleving).")
        #expect(
            Array(none.steps[1].lines.prefix(2)) == [
                "Binnen de padgrens is geen pad gevonden, al bereikt een interventie de uitkomst wel.",
                "Let op: vanuit 'a' zijn niet alle paden gevolgd; de grens van 1 paden is bereikt.",
            ])
    }

    @Test func noStoryGivesAShareOfTheOutcome() {
        let analysis = ContributionAnalysis(ContributionGraphHistory.fictionalExample.current!.graph)
        #expect(analysis.stories.count == 2)
        for story in analysis.stories { #expect(!story.text.contains("%")) }
        #expect(analysis.story(for: "a") == nil)
        #expect(ContributionAnalysis(Self.graph).story(for: "d") == nil)
    }

    @Test func theStoryEncodesWithDutchKeys() throws {
        let graph = F.graph([F.node("a", .intervention), F.node("u", .outcome)], [F.link("a", "u", .strong)])
        let story = try #require(ContributionAnalysis(graph).story(for: "u"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(story), as: UTF8.self)
        #expect(json.hasPrefix(#"{"stappen":[{"regels":["'a' draagt bij aan 'u' (thema Samenleving).","#))
        #expect(
            json.hasSuffix(
                #""stap":5,"titel":"Welk bewijs nog nodig is"}],"titel":"Bijdrageverhaal: u","uitkomst":"u"}"#))
    }
}
