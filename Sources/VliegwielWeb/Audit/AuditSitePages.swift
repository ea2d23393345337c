import Foundation
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// `/beheer/audit`: the audit trail, filtered and paged, with the state of its hash chain.
struct AuditLogPage: Sendable {
    struct Row: Sendable {
        var sequence: Int
        var time: String
        var actor: String
        var origin: String
        var action: String
        var object: String
        var result: String
        var details: String
        var isNotSucceeded: Bool
    }

    var layout: Layout
    var formAction: String
    var actor: String
    var actionFilter: String
    var object: String
    var from: String
    var through: String
    var fromError: String?
    var throughError: String?
    var errors: [FieldError] { didSet { hasErrors = !errors.isEmpty } }
    /// Stored, not computed: the templates see stored properties only.
    var hasErrors = false
    var chainIntact: Bool
    var chainMessage: String
    var summary: String
    var rows: [Row]
    var previousHref: String?
    var nextHref: String?
}

/// The audit page's routes and model.
struct AuditSiteRoutes: Sendable {
    static let pageSize = 50

    let pages: SitePages
    let renderer: PageRenderer
    var audit: any AuditStore { pages.stores.audit }

    func register(on routes: RouteGroups) {
        routes.auditTrail.get(SiteURL.auditLog.pattern) { request, context in
            let query = SiteRoutes.read(request)
            let page = try await page(query: query)
            return html(
                renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
    }

    /// `1 regel`, `3 regels`.
    static func lines(_ count: Int) -> String { count == 1 ? "1 regel" : "\(count) regels" }

    func page(query: [String: [String]]) async throws -> AuditLogPage {
        func value(_ name: String) -> String {
            query[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        var errors: [FieldError] = []
        func day(_ name: String, _ label: String) -> (CalendarDate?, String?) {
            let text = value(name)
            guard !text.isEmpty else { return (nil, nil) }
            guard let date = CalendarDate(iso: text) else {
                let message = "'\(text)' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-03-01"
                errors.append(FieldError(fieldID: "audit-\(name)", label: label, message: message))
                return (nil, message)
            }
            return (date, nil)
        }
        let (from, fromError) = day("van", "Vanaf")
        var (through, throughError) = day("tot", "Tot en met")
        if let from, let lastDay = through, lastDay < from {
            throughError = "ligt vóór de dag bij 'Vanaf'"
            errors.append(FieldError(fieldID: "audit-tot", label: "Tot en met", message: throughError!))
            through = nil
        }
        let pageNumber = max(1, Int(value("pagina")) ?? 1)
        var page = AuditLogPage(
            layout: pages.layout("Auditlogboek", .auditLog),
            formAction: SiteURL.auditLog.path, actor: value("actor"),
            actionFilter: value("actie"), object: value("object"), from: value("van"), through: value("tot"),
            fromError: fromError, throughError: throughError, errors: errors, chainIntact: false, chainMessage: "",
            summary: "", rows: [])
        page.hasErrors = !errors.isEmpty
        guard errors.isEmpty else { return page }
        let report = try await audit.verifyAll()
        if report.isIntact {
            page.chainIntact = true
            page.chainMessage =
                "De hashketen is intact: \(Self.lines(report.count))"
                + (report.head.map { ". Laatste regel \($0.sequence), hash \($0.hash)" } ?? "") + "."
        } else {
            // Every break, not only the first: one broken entry must not hide later tampering.
            page.chainMessage =
                "De hashketen is verbroken (\(report.breaks.count == 1 ? "1 breuk" : "\(report.breaks.count) breuken") in "
                + "\(Self.lines(report.count))): "
                + report.breaks.map { "regel \($0.sequence): \($0.explanation)" }.joined(separator: "; ") + "."
        }
        let listing = try await audit.entries(
            AuditQuery(
                actor: page.actor.isEmpty ? nil : page.actor,
                action: page.actionFilter.isEmpty ? nil : page.actionFilter,
                object: page.object.isEmpty ? nil : page.object, from: from, through: through, newestFirst: true,
                limit: Self.pageSize, offset: (pageNumber - 1) * Self.pageSize))
        page.rows = listing.entries.map { entry in
            AuditLogPage.Row(
                sequence: entry.sequence, time: entry.time.iso, actor: entry.actor, origin: entry.origin,
                action: entry.action, object: entry.object, result: entry.result.rawValue,
                details: entry.details.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                    .joined(separator: "; "),
                isNotSucceeded: entry.result != .succeeded)
        }
        let first = (pageNumber - 1) * Self.pageSize + 1
        page.summary =
            listing.total == 0
            ? "Geen regels gevonden."
            : listing.entries.isEmpty
                ? "\(Self.lines(listing.total)) gevonden; deze pagina is leeg."
                : "\(Self.lines(listing.total)) gevonden; nieuwste eerst, nummer \(first) tot en met "
                    + "\(first + listing.entries.count - 1) van de gevonden regels."
        func href(_ number: Int) -> String {
            var items = query
            items["pagina"] = number > 1 ? [String(number)] : nil
            return SiteURL.auditLog.href(query: items)
        }
        if pageNumber > 1 { page.previousHref = href(pageNumber - 1) }
        if first - 1 + listing.entries.count < listing.total { page.nextHref = href(pageNumber + 1) }
        return page
    }
}
