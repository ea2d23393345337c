import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VliegwielCore
import VliegwielStorage

@testable import VliegwielWeb

/// Deleting can be undone for a while (issue 16 item 2; usability review: "Verwijder" deleted
/// at once and for good). The deletion's audit entry keeps the item whole; for an hour the one
/// who deleted it can put it back from the deal's page.
@Suite struct UndoDeleteTests {
    static let demo = "fictief-regio-deal-voorbeeld"
    static let project = "kernen-aan-zet"

    @Test func whoDeletedAProjectCanPutItBackAsItWas() async throws {
        let fixture = try await AccountWebFixture()
        let before = try #require(
            try await fixture.stores.portfolio.record(id: Self.demo)?.projects.first { $0.id == Self.project })
        try await fixture.test { client in
            let editor = try await fixture.signedIn(client, "red", .editor(arrangements: [Self.demo]))
            let other = try await fixture.signedIn(client, "ander", .editor(arrangements: [Self.demo]))
            let deleted = try await editor.post(SiteURL.deleteDealItem(Self.demo, .projects, Self.project).path)
            #expect(deleted.status == .seeOther)
            let location = try #require(deleted.headers[.location])
            #expect(location.contains("verwijderd=projecten&item=\(Self.project)"))
            // The audit entry holds the project whole.
            let entry = try #require(
                try await fixture.stores.audit.entries(
                    AuditQuery(object: "deal:\(Self.demo)", newestFirst: true, limit: 1)
                ).entries.first)
            #expect(
                DeletedDealItem.items(inAuditText: entry.details[DeletedDealItem.auditDetail]).map(\.project)
                    == [before])
            // The page offers the undo to who deleted it, and only to them.
            let page = try await editor.get(location).bodyText
            #expect(page.contains("Het project is verwijderd."))
            #expect(
                page.contains(#"<form method="post" action="/arrangementen/\#(Self.demo)/herstellen" class="undo">"#))
            #expect(page.contains(#"<input type="hidden" name="item" value="\#(Self.project)">"#))
            #expect(!(try await other.get(location).bodyText.contains("Ongedaan maken")))
            let refused = try await other.post(
                SiteURL.restoreDealItem(Self.demo).path, [("soort", "projecten"), ("item", Self.project)])
            #expect(refused.status == .notFound)
            // Undone: the project is back exactly as it was, and the undo is in the audit trail.
            let restored = try await editor.post(
                SiteURL.restoreDealItem(Self.demo).path, [("soort", "projecten"), ("item", Self.project)])
            #expect(restored.status == .seeOther)
            #expect(restored.headers[.location]?.contains("hersteld=projecten") == true)
            let after = try await fixture.stores.portfolio.record(id: Self.demo)?.projects.first {
                $0.id == Self.project
            }
            #expect(after == before)
            #expect(try await editor.get(restored.headers[.location]!).bodyText.contains("Het project is teruggezet"))
            // Twice is once: the project exists again, so there is nothing to put back.
            let again = try await editor.post(
                SiteURL.restoreDealItem(Self.demo).path, [("soort", "projecten"), ("item", Self.project)])
            #expect(again.status == .conflict)
            #expect(!(try await editor.get(location).bodyText.contains("Ongedaan maken")))
        }
    }

    @Test func aDeletionOlderThanTheWindowCannotBeUndoneFromThePage() async throws {
        let fixture = try await AccountWebFixture()
        try await fixture.test { client in
            let editor = try await fixture.signedIn(client, "red", .editor(arrangements: [Self.demo]))
            _ = try await editor.post(SiteURL.deleteDealItem(Self.demo, .projects, Self.project).path)
            let actor = try #require(
                try await fixture.stores.audit.entries(
                    AuditQuery(object: "deal:\(Self.demo)", newestFirst: true, limit: 1)
                ).entries.first?.actor)
            let now = try await DealItemRestore.recentDeletion(
                of: Self.project, in: .projects, deal: Self.demo, by: actor, audit: fixture.stores.audit)
            #expect(now != nil)
            let later = try await DealItemRestore.recentDeletion(
                of: Self.project, in: .projects, deal: Self.demo, by: actor, audit: fixture.stores.audit,
                now: Date().addingTimeInterval(DealItemRestore.window + 60))
            #expect(later == nil)
        }
    }
}
