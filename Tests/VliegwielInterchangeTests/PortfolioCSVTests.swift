import Testing
import VliegwielCore
import VliegwielInterchange

@Suite struct PortfolioCSVTests {
    static let record = DealRecord(
        deal: PortfolioDeal(id: "deal", name: "Deal", tranche: 4, rijkContribution: nil, source: "test"),
        partners: [Partner(id: "gemeente", organisation: "Gemeente", type: .municipality, roles: [.funder])],
        programmeLines: [ProgrammeLine(id: "lijn", name: "Lijn")])

    @Test func quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws {
        let text = #"""
            id,organisatie,type,rollen,bron
            a,"Stichting ""Samen, Sterk""",maatschappelijke-organisatie,uitvoerder,"Convenant
            bijlage 2"
            b,Bedrijf B,bedrijf,financier;kennispartner;financier,
            """#
        let changes = try PortfolioCSV.changes(.partners, csv: text, source: "p.csv", record: Self.record)
        guard case .upsertPartners(let partners) = changes.first else {
            Issue.record("expected partners")
            return
        }
        #expect(partners.map(\.organisation) == ["Stichting \"Samen, Sterk\"", "Bedrijf B"])
        #expect(partners[0].source == "Convenant\nbijlage 2")
        #expect(partners[1].roles == [.funder, .knowledgePartner])
        #expect(partners[1].source == nil)
    }

    @Test func everyBadRowIsReportedWithItsNumberAfterAMultiLineRow() {
        let text = """
            id,partner,jaar,soort,sector,vorm,bedrag,omschrijving
            a,gemeente,2024,toezegging,publiek,geld,100,"twee
            regels"
            b,gemeente,twintig,toezegging,publiek,geld,100,
            c,gemeente,2024,toezegging,publiek,geld,,
            """
        let failure = #expect(throws: ValidationFailure.self) {
            try PortfolioCSV.changes(.finance, csv: text, source: "f.csv", record: Self.record)
        }
        #expect(
            failure?.issues == [
                ValidationIssue(source: "f.csv", field: "rij 3: jaar", message: "'twintig' is geen jaartal"),
                ValidationIssue(source: "f.csv", field: "rij 4: bedrag", message: "ontbreekt"),
            ])
    }

    @Test func missingRequiredColumnsAreNamed() {
        let failure = #expect(throws: ValidationFailure.self) {
            try PortfolioCSV.changes(.projects, csv: "id,naam,programmalijn\n", source: "x.csv", record: Self.record)
        }
        #expect(
            failure?.issues == [
                ValidationIssue(
                    source: "x.csv", field: "kopregel",
                    message: "kolom 'status' ontbreekt; verplicht: id, naam, programmalijn, status")
            ])
        #expect(throws: ValidationFailure.self) {
            try PortfolioCSV.changes(.projects, csv: "", source: "leeg.csv", record: Self.record)
        }
    }

    @Test func thePortfolioFileReportsEveryBadRow() {
        let text = """
            tranche,naam,rijksbijdrage_mln_eur,bron
            3,Goed,12.5,bron
            8,Te laat,1,bron
            4,Nul,0,bron
            4,Geen bron,,
            """
        let failure = #expect(throws: ValidationFailure.self) {
            try BundledPortfolio.deals(fromCSV: text, source: "r.csv")
        }
        #expect(
            failure?.issues == [
                ValidationIssue(
                    source: "r.csv", field: "rij 3: tranche", message: "'8' is geen tranche; toegestaan: 1 tot en met 6"
                ),
                ValidationIssue(
                    source: "r.csv", field: "rij 4: rijksbijdrage_mln_eur",
                    message: "'0' is geen bedrag in miljoenen groter dan 0; laat een onbekend bedrag leeg"),
                ValidationIssue(source: "r.csv", field: "rij 5: bron", message: "ontbreekt"),
            ])
    }

    @Test func slugsDropAccentsAndJoinWithSingleHyphens() {
        #expect(BundledPortfolio.slug("Noordoost Fryslân/Holwerd aan Zee") == "noordoost-fryslan-holwerd-aan-zee")
        #expect(BundledPortfolio.slug("Vitale Wijken 2.0 Utrecht-Amersfoort") == "vitale-wijken-2-0-utrecht-amersfoort")
        #expect(
            BundledPortfolio.dealID(tranche: 6, name: "Barendrecht, Ridderkerk en Rotterdam")
                == "regio-deal-6-barendrecht-ridderkerk-en-rotterdam")
    }
}
