import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The curated real Regio Deals (docs/portefeuille-bronbestanden.md): the shipped files pass
/// every check, and the checks themselves find what they are for.
@Suite struct CuratedPortfolioTests {
    static func regions() throws -> [String: String] { try CuratedPortfolioFiles.regions().mapValues(\.kind) }

    @Test("The shipped files read and pass every check: sources, quotes, CBS codes, roles, references")
    func shippedFilesPass() throws {
        let (portfolio, issues) = try CuratedPortfolioFiles.check(
            directory: try CuratedPortfolioFiles.bundledDirectory())
        #expect(issues.map(\.description) == [])
        #expect(portfolio != nil)
    }

    @Test("Every deal of the tranche lists is in the dataset with its area and its signing parties")
    func everyDealHasRegionAndParties() throws {
        let portfolio = try CuratedPortfolioFiles.bundled()
        let listed = try BundledPortfolio.realDeals()
        #expect(listed.count >= 80)
        for deal in listed {
            let curated = portfolio.deal(deal.id)
            #expect(curated != nil, "\(deal.id) ontbreekt in de dataset")
            #expect(!(curated?.parties.isEmpty ?? true), "\(deal.id): geen partijen")
            #expect(curated?.region != nil, "\(deal.id): geen gebied")
        }
    }

    @Test("The combined MRA row of tranche 5 is two agreements, with their own ids")
    func combinedRowIsSplit() throws {
        let ids = try BundledPortfolio.realDeals().map(\.id)
        #expect(!ids.contains(BundledPortfolio.combinedMRAID))
        #expect(ids.contains("regio-deal-5-amsterdam-zuidoost"))
        #expect(ids.contains("regio-deal-5-mra-west"))
    }

    @Test("Tranche totals reconcile with the published budgets: never above, equal when all amounts are known")
    func trancheTotalsReconcile() throws {
        for row in try CuratedPortfolioFiles.bundled().reconciliation {
            #expect(
                !row.disagrees,
                "tranche \(row.tranche): \(row.knownSum.formatted) tegen \(row.budget?.formatted ?? "-")")
        }
    }

    @Test("The seed carries the curated partners, programme lines, profile and amount source")
    func seedCarriesTheFacts() throws {
        let seed = try BundledPortfolio.seed()
        let portfolio = try CuratedPortfolioFiles.bundled()
        for deal in portfolio.deals {
            let record = try #require(seed.records.first { $0.deal.id == deal.id })
            #expect(record.partners.count == deal.parties.count, "\(deal.id)")
            #expect(record.programmeLines.count == deal.programmeLines.count, "\(deal.id)")
            #expect(record.problems.isEmpty, "\(deal.id): \(record.problems)")
            let arrangement = try #require(seed.arrangements.first { $0.id == deal.id })
            for dimension in ProfileDimension.all {
                let seeded = dimension.reading(of: arrangement.profile)
                if dimension.codes(in: deal.profile) != nil {
                    #expect(seeded == dimension.reading(of: deal.profile), "\(deal.id) \(dimension.id)")
                } else if seeded.isStated {
                    // Only the instrument's own rules are taken from the reference variant, marked.
                    #expect(PortfolioSeed.instrumentDimensions.contains(dimension.id))
                    #expect(
                        seeded.entries.allSatisfy {
                            $0.note?.hasPrefix("Algemene uitspraak over het instrument") == true
                        })
                }
            }
            #expect(arrangement.kind == .practice && arrangement.variantID == "regio-deal")
            if let first = deal.rijkContributions.first {
                #expect(record.deal.source.hasPrefix(first.address))
            }
        }
    }

    // MARK: The checks find what they are for

    static let bad = """
        schemaVersie: 1
        tranche: 3
        deals:
          - id: regio-deal-3-voorbeeld
            naamInLijst: "Voorbeeld"
            rijksbijdrage:
              - bedragMln: "twaalf"
                bron: "https://example.org/a"
                citaat: "twaalf miljoen"
            regio:
              gemeenten: [GM9999, PV23]
              provincies: [GM0193]
              bron: "Binnenlands Bestuur"
              citaat: "de gemeenten"
            partijen:
              - id: provincie
                organisatie: "Provincie Voorbeeld"
                type: provincie
                rollen: [ondertekenaar, kassier]
                bron: "https://example.org/b"
                citaat: ""
            voortzettingVan:
              deal: regio-deal-9-onbekend
              bron: "https://example.org/c"
              citaat: "tweede Regio Deal"
            profiel:
              samenwerkend:
                rolRijk:
                  waarden:
                    - waarde: nevengeschikt
                      bron: "https://example.org/d"
        """

    @Test("A bad file: every problem named with file, deal and field")
    func badFileIsReportedWhole() throws {
        let deals = try CuratedPortfolioFiles.decode(Self.bad, source: "tranche-3.yaml")
        let portfolio = CuratedPortfolio(entries: deals.map { .init(deal: $0, file: "tranche-3.yaml") })
        let messages = portfolio.problems(regions: try Self.regions()).map(\.description)
        let prefix = "tranche-3.yaml: regio-deal-3-voorbeeld: "
        for expected in [
            "rijksbijdrage[0].bedragMln", "regio.bron", "regio.gemeenten: 'GM9999'", "regio.gemeenten: 'PV23'",
            "regio.provincies: 'GM0193'", "partijen[provincie].rollen: onbekende rol 'kassier'",
            "partijen[provincie].citaat", "voortzettingVan.deal: onbekende deal",
            "profiel.samenwerkend.rolRijk.waarden[0].citaat",
        ] {
            #expect(messages.contains { $0.hasPrefix(prefix + expected) }, "niet gemeld: \(expected)\n\(messages)")
        }
    }

    @Test("An unknown profile code or dimension is refused with the allowed codes")
    func unknownProfileCodeIsRefused() {
        let text = """
            schemaVersie: 1
            tranche: 3
            deals:
              - id: regio-deal-3-voorbeeld
                naamInLijst: "Voorbeeld"
                profiel:
                  samenwerkend:
                    rolRijk:
                      waarden:
                        - {waarde: baas, citaat: "x", bron: "https://example.org"}
                    kleur:
                      waarden:
                        - {waarde: blauw, citaat: "x", bron: "https://example.org"}
            """
        do {
            _ = try CuratedPortfolioFiles.decode(text, source: "tranche-3.yaml")
            Issue.record("het bestand is niet geweigerd")
        } catch {
            let messages = error.issues.map(\.description)
            #expect(messages.contains { $0.contains("samenwerkend.kleur") && $0.contains("onbekende dimensie") })
            #expect(messages.contains { $0.contains("rolRijk") && $0.contains("'baas'") })
        }
    }

    @Test("Two sources with different amounts are a conflict; the first is used for totals")
    func amountConflictIsShown() {
        let deal = CuratedDeal(
            id: "d", tranche: 2, listName: "D",
            rijkContributions: [
                SourcedAmount(millions: "30", address: "https://a", quote: "30 miljoen"),
                SourcedAmount(millions: "43.4", address: "https://b", quote: "€43,4 miljoen"),
            ], profile: .unstated)
        #expect(deal.hasAmountConflict)
        #expect(deal.rijkContribution == EuroCents(cents: 3_000_000_000))
    }

    @Test("VERVOLGDEAL: 1 with the later deal's words, 0 marked as an interpretation; late tranches left out")
    func followUpOutcome() {
        let source = CuratedContinuation(dealID: "a", address: "https://x", quote: "tweede Regio Deal")
        let portfolio = CuratedPortfolio(entries: [
            .init(deal: CuratedDeal(id: "a", tranche: 2, listName: "A", profile: .unstated), file: "t"),
            .init(deal: CuratedDeal(id: "b", tranche: 3, listName: "B", profile: .unstated), file: "t"),
            .init(
                deal: CuratedDeal(id: "c", tranche: 5, listName: "C", continues: source, profile: .unstated),
                file: "t"),
        ])
        let outcomes = portfolio.followUpOutcomes()
        #expect(outcomes.map(\.dealID) == ["a", "b"])
        #expect(outcomes.map(\.value) == [1, 0])
        #expect(outcomes[0].source.contains("tweede Regio Deal") && outcomes[0].source.contains("https://x"))
        #expect(outcomes[1].source.hasPrefix("Interpretatie:"))
    }
}

/// docs/portefeuille.md keeps the coverage table of the dataset in step with the files.
@Suite struct CuratedCoverageDocumentTests {
    @Test("The coverage table in docs/portefeuille.md is the one the dataset gives")
    func coverageTableIsCurrent() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/portefeuille.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let begin = "<!-- dekking:begin -->\n"
        let end = "\n<!-- dekking:end -->"
        let start = try #require(text.range(of: begin))
        let rest = text[start.lowerBound...]
        let stop = try #require(rest.range(of: end))
        let table = stop.lowerBound > start.upperBound ? String(text[start.upperBound..<stop.lowerBound]) : ""
        let expected = CuratedPortfolioFiles.coverageMarkdown(try CuratedPortfolioFiles.bundled())
        #expect(table == expected, "vervang de tabel door:\n\(expected)")
    }
}

/// The comparison on the real deals (issue 13 acceptance): a real deal's nearest reference
/// variant is a deal variant, never a structural collaboration. The few that come out nearest
/// to a national programme are listed in docs/portefeuille.md with the reason.
@Suite struct CuratedComparisonTests {
    @Test("The nearest reference variant of a coded real deal is a deal variant, never a structural one")
    func nearestReferenceIsADeal() throws {
        let catalogue = try BundledCatalogue.arrangements()
        let families = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.id, $0.family) })
        var report: [String] = []
        var structural: [String] = []
        var coded = 0
        let seed = try BundledPortfolio.seed()
        for deal in try CuratedPortfolioFiles.bundled().allDeals where deal.statedDimensionCount > 0 {
            coded += 1
            let profile = try #require(seed.arrangements.first { $0.id == deal.id }).profile
            let nearest = try #require(ProfileDistance.nearest(to: profile, among: catalogue, limit: 1).first)
            if families[nearest.variantID] == .structuralCollaboration { structural.append(deal.id) }
            if families[nearest.variantID] != .deal {
                report.append("\(deal.id): \(nearest.variantID) (\(nearest.comparedDimensions) dimensies)")
            }
        }
        #expect(structural == [])
        // The exceptions are national programmes (NPRZ, NPG), documented in docs/portefeuille.md.
        #expect(report.count * 10 <= coded, "\(report.joined(separator: "\n"))")
        #expect(
            report.allSatisfy { $0.contains(": nprz ") || $0.contains(": npg ") }, "\(report.joined(separator: "\n"))")
    }
}
