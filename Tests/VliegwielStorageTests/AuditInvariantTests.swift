import Foundation
import Testing
import VliegwielCore
import VliegwielInterchange
import VliegwielTestSupport

@testable import VliegwielStorage

/// The invariant the read caches stand on (issue 14 item 4): every method of a store that
/// changes records appends to the audit trail in its transaction, on every database, so that
/// `AuditStore.latestSequence()` changes whenever what a page shows may have changed.
///
/// The list of changing methods is checked against the store protocols' source: a new method
/// fails `everyStoreMethodIsClassified` until it is added here as changing (with an action
/// that proves it is audited) or as reading.
@Suite struct AuditInvariantTests {
    static let demoID = InstallationExportStoreTests.demoID

    /// The content stores whose records pages show. (Account changes are audited by their own
    /// tests; sessions, login attempts and token use are not content and no page caches them.)
    static let protocols = [
        "ArrangementStore.swift", "Portfolio/PortfolioStore.swift", "Contribution/ContributionStore.swift",
        "Learning/LearningLogStore.swift", "QCA/QCAOutcomeStore.swift", "Indicators/IndicatorStore.swift",
        "Installation/InstallationStore.swift",
    ]

    static let reading: Set<String> = [
        "allArrangements()", "arrangement(id:)", "versions(of:)", "arrangementCount()", "portfolio()", "deal(id:)",
        "overview()", "overview(of:)", "firstVersionReasons()", "directory()",
        "record(id:)", "hasSeeded(_:)", "history(of:)", "log(of:)", "context(of:)", "outcomes(named:)",
        "outcomeNames()", "indicators(of:)", "recordedRegions()", "contextTables()", "contextMeasureCodes()",
        "observations(matching:limit:offset:)",
        "export(to:progress:)", "occupiedTables()",
    ]

    /// Each changing method, as one call on a database that holds the shipped demo data.
    static let changing: [(method: String, change: @Sendable (Stores) async throws -> Void)] = [
        (
            "seedIfAbsent(_:name:)",
            { stores async throws in
                #expect(try await stores.portfolio.seedIfAbsent(try BundledPortfolio.seed(), name: PortfolioSeed.name))
            }
        ),
        (
            "seedIfAbsent(_:name:)",
            { stores async throws in
                #expect(try await stores.contributions.seedIfAbsent(.fictionalExample, name: "graaf"))
            }
        ),
        (
            "seedIfAbsent(_:name:)",
            { stores async throws in
                _ = try await stores.learningLog.seedIfAbsent(try LearningLogFormat.fictionalExample(), name: "leerlog")
            }
        ),
        (
            "seedIfAbsent(_:table:observations:name:)",
            { stores async throws in
                let demo = try BundledIndicators.demo()
                #expect(
                    try await stores.indicators.seedIfAbsent(
                        demo.indicators, table: demo.table, observations: demo.observations, name: "indicatoren"))
            }
        ),
        (
            "save(_:author:reason:)",
            { stores async throws in
                try await stores.arrangements.save(
                    [TestProfiles.arrangement("eigen")], author: "Tester (fictief)", reason: "eerste opzet")
            }
        ),
        (
            "save(_:expecting:author:reason:)",
            { stores async throws in
                var own = try #require(try await stores.arrangements.arrangement(id: "eigen"))
                let revision = try RecordRevision(of: own)
                own.name = "Eigen, hernoemd"
                _ = try await stores.arrangements.save(
                    own, expecting: .revision(revision), author: "Tester (fictief)", reason: "nieuwe naam")
            }
        ),
        (
            "append(_:to:on:author:reason:)",
            { stores async throws in
                var graph = ContributionStoreTests.graph(demoID)
                graph.isFictional = true
                _ = try await stores.contributions.append(
                    graph, to: demoID, on: CalendarDate(iso: "2025-11-01")!, author: "E",
                    reason: "nieuwe theorie")
            }
        ),
        (
            "append(_:to:)",
            { stores async throws in
                let lesson = LearningLesson(
                    id: "les-invariant", date: CalendarDate(year: 2025, month: 3, day: 1)!, text: "Een les (test)",
                    learnedBy: "evaluator", source: "gesprek")
                _ = try await stores.learningLog.append(LearningLogEntries(lessons: [lesson]), to: demoID)
            }
        ),
        (
            "record(_:)",
            { stores async throws in
                try await stores.qcaOutcomes.record(
                    try QCARecordedOutcome(arrangementID: demoID, name: "VOORTGEZET", value: 0.5, source: "fictief"))
            }
        ),
        (
            "save(_:)",
            { stores async throws in
                try await stores.indicators.save(
                    ArrangementIndicators(arrangementID: "eigen", regions: [RegionCode("GM0001")!]))
            }
        ),
        (
            "importContext(_:read:)",
            { stores async throws in
                _ = try await IndicatorStoreTests.importing(IndicatorStoreTests.csv, into: stores.indicators)
            }
        ),
        (
            "apply(_:to:checking:)",
            { stores async throws in
                _ = try await stores.portfolio.apply([.deletePartner(id: "rijksdealmaker")], to: demoID)
            }
        ),
        (
            "delete(id:expecting:)",
            { stores async throws in
                let own = try #require(try await stores.arrangements.arrangement(id: "eigen"))
                #expect(try await stores.arrangements.delete(id: "eigen", expecting: try RecordRevision(of: own)))
            }
        ),
        (
            "delete(id:)",
            { stores async throws in #expect(try await stores.arrangements.delete(id: demoID)) }
        ),
    ]

    @Test(arguments: StoreKind.allCases)
    func everyChangeAppendsToTheAuditTrail(kind: StoreKind) async throws {
        try await kind.withStores { stores async throws in
            for (method, change) in Self.changing {
                let before = try await stores.audit.latestSequence()
                try await change(stores)
                let after = try await stores.audit.latestSequence()
                #expect(after > before, "\(method) changed records without an audit entry")
            }
            // A restore fills an empty database: the trail says so.
            let dump = try await stores.installation.dump()
            try await kind.withStores { restored async throws in
                let before = try await restored.audit.latestSequence()
                try await restored.installation.restore(dump)
                #expect(try await restored.audit.latestSequence() > before, "restore(_:progress:)")
            }
        }
    }

    @Test func everyStoreMethodIsClassified() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/VliegwielStorage")
        var declared: Set<String> = []
        for file in Self.protocols {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let start = try #require(text.range(of: "public protocol "), "\(file) declares a store protocol")
            let body = text[start.lowerBound...].prefix { $0 != "}" }
            declared.formUnion(Self.signatures(in: String(body)))
        }
        let classified = Self.reading.union(Self.changing.map(\.method)).union(["restore(_:progress:)"])
        #expect(
            declared.subtracting(classified).isEmpty,
            "classify as reading or changing: \(declared.subtracting(classified).sorted())")
        #expect(
            classified.subtracting(declared).isEmpty, "no longer declared: \(classified.subtracting(declared).sorted())"
        )
        #expect(declared.count > 25)
    }

    /// `func save(_ arrangements: [Arrangement], author: String…)` → `save(_:author:…)`.
    static func signatures(in protocolBody: String) -> [String] {
        var result: [String] = []
        var rest = Substring(protocolBody)
        while let found = rest.range(of: "func ") {
            rest = rest[found.upperBound...]
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard let open = rest.firstIndex(of: "(") else { break }
            // The parameter list, to its matching parenthesis.
            var depth = 0
            var end = open
            for index in rest[open...].indices {
                if rest[index] == "(" { depth += 1 }
                if rest[index] == ")" { depth -= 1 }
                if depth == 0 {
                    end = index
                    break
                }
            }
            let parameters = rest[rest.index(after: open)..<end]
            var labels: [String] = []
            var level = 0
            var current = ""
            for character in parameters {
                if "([<".contains(character) { level += 1 }
                // The `>` of a function type's `->` closes nothing.
                if ")]>".contains(character), character != ">" || current.last != "-" { level -= 1 }
                if character == ",", level == 0 {
                    labels.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { labels.append(current) }
            let external = labels.map { parameter -> String in
                let trimmed = parameter.trimmingCharacters(in: .whitespacesAndNewlines)
                return String(trimmed.prefix { $0 != " " && $0 != ":" }) + ":"
            }
            result.append("\(name)(\(external.joined()))")
            rest = rest[end...]
        }
        return result
    }
}
