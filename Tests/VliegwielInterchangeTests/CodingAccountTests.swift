import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange

/// The coding account (issue 12): every coded value of the reference catalogue has its status
/// and, where it is not literal, the reasoning; docs/codeerverantwoording.md is generated from it.
@Suite struct CodingAccountTests {
    @Test("Every coded value of the reference catalogue has a status, and every non-literal one its reasoning")
    func everyValueIsAccountedFor() throws {
        let catalogue = try BundledCatalogue.arrangements().filter { $0.kind == .reference }
        let problems = catalogue.flatMap(CodingAccount.problems)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        let values = catalogue.map { arrangement in
            ProfileDimension.all.map { $0.reading(of: arrangement.profile).entries.count }.reduce(0, +)
        }.reduce(0, +)
        #expect(values > 300)
    }

    @Test("A value without a status, or an interpretation without its reasoning, is named")
    func missingStatusIsNamed() throws {
        var arrangement = try #require(BundledCatalogue.arrangements().first)
        arrangement.profile.collaboration.rijkRoles = .stated([
            Coded(.superior, quote: "q", citation: "§4.1"),
            Coded(.coordinate, quote: "q", citation: "§4.1", note: "zonder redenering", status: .interpretation),
            Coded(
                .subordinate, quote: "q", citation: "§4.1", note: "Algemene uitspraak over deals.",
                status: .generalStatement),
        ])
        let problems = CodingAccount.problems(in: arrangement).map(\.description)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("samenwerkend.rolRijk[0]") && $0.contains("status ontbreekt") })
        #expect(problems.contains { $0.contains("samenwerkend.rolRijk[1]") && $0.contains("redenering") })
    }

    @Test("docs/codeerverantwoording.md is the account the catalogue gives")
    func documentIsCurrent() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/codeerverantwoording.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let expected = CodingAccount.markdown(try BundledCatalogue.arrangements().filter { $0.kind == .reference })
        #expect(
            text == expected,
            "docs/codeerverantwoording.md loopt achter; maak het opnieuw met: vliegwiel codeerverantwoording > docs/codeerverantwoording.md"
        )
    }

    @Test("The status survives a round trip through the interchange format")
    func statusRoundTrips() throws {
        let catalogue = try BundledCatalogue.arrangements()
        let yaml = try ArrangementFormat.yaml.encode(catalogue)
        let again = try ArrangementFormat.yaml.decode(yaml, source: "terug")
        #expect(again == catalogue)
        #expect(yaml.contains("status: letterlijk"))
    }
}
