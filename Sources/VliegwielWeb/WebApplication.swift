import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// What the web application works with; made by the caller (`vliegwiel start`, or the tests'
/// ``TestApplication``), the same way in both.
public struct WebDependencies: Sendable {
    /// Every store of the installation, none optional: a server always has them all.
    public var stores: Stores
    /// The shipped reference catalogue.
    public var catalogue: [Arrangement]
    /// Accounts, sessions, CSRF and roles (docs/accounts.md).
    public var accounts: AccountWebSettings
    public var logger: Logger
    /// What a QCA analysis may cost per request and how many run at once (docs/accounts.md).
    public var qcaLimits = QCAWebLimits()
    /// The SQLite file the server was started on, watched for removal or replacement; nil on
    /// PostgreSQL and for a database in memory.
    public var databaseFile: DatabaseFileGuard? = nil
    /// The e-mail address for questions about this installation's API, served as
    /// `info.contact.email` in the OpenAPI document (`vliegwiel start --contact-e-mail`); the
    /// shipped document has none, since each installation has its own operator.
    public var apiContactEmail: String? = nil
    /// The organisation that publishes the IATI export, the prefix of every activity id
    /// (`vliegwiel start --iati-organisatie`, docs/iati.md); a documented placeholder until set.
    public var iatiReporter = IATIReportingOrganisation.placeholder
    /// The public address and the publisher for the DCAT catalogue (`vliegwiel start
    /// --publieke-url`, `--uitgever`, `--uitgevernaam`; docs/dcat.md); its contact e-mail is
    /// ``apiContactEmail``.
    public var dataCatalogue = CatalogueSettings()

    public init(
        stores: Stores, catalogue: [Arrangement], accounts: AccountWebSettings,
        logger: Logger = Logger(label: "vliegwiel")
    ) {
        self.stores = stores
        self.catalogue = catalogue
        self.accounts = accounts
        self.logger = logger
    }
}

/// Where the server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The Prometheus registry behind `/metrics`; the metrics system is bootstrapped once per process.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// The web application: pages, API, health and metrics. `main` and the tests both call it.
public func buildApplication(
    _ configuration: WebConfiguration, dependencies: WebDependencies
) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(dependencies),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Vliegwiel"),
        logger: dependencies.logger)
}

/// The routes, for the application and for router-level tests.
public func buildRouter(_ dependencies: WebDependencies) throws -> Router<AppRequestContext> {
    let renderer = PageRenderer()
    let assets = try StaticAssets(contactEmail: dependencies.apiContactEmail)
    let rules = try BundledPortfolio.rules()
    let pages = SitePages(stores: dependencies.stores, catalogue: dependencies.catalogue, rules: rules)
    let accounts = dependencies.accounts
    let registry = MetricsRegistry.shared
    // HEAD answers as GET without the body (RFC 9110: every GET resource also has HEAD).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.middlewares.add(ServerTimingMiddleware())
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(AccessLogMiddleware())
    router.middlewares.add(RequestMetricsMiddleware())
    // Anonymous GETs from the kept bytes while nothing changed (``ChangeProbe``): before the rest,
    // so that a kept answer costs no session lookup (a request with a session cookie or an
    // Authorization header is never answered from the cache).
    let stores = dependencies.stores
    router.middlewares.add(
        ResponseCacheMiddleware(
            cache: ResponseCache(), version: { try await stores.changes.version() }))
    router.middlewares.add(ErrorMiddleware(renderer: renderer, pages: pages))
    router.middlewares.add(PathShapeMiddleware())
    router.middlewares.add(APIIdentifierMiddleware())
    router.middlewares.add(BodySizeLimitMiddleware())
    router.middlewares.add(InputTextMiddleware())
    if let databaseFile = dependencies.databaseFile {
        router.middlewares.add(DatabaseFileGuardMiddleware(guardian: databaseFile, logger: dependencies.logger))
    }
    router.middlewares.add(SessionMiddleware(settings: accounts))
    // After the session is known: the stores record changes as by the request's actor.
    router.middlewares.add(AuditBindingMiddleware())

    // The route groups decide who may use a route (docs/accounts.md) before its handler runs;
    // the controllers get the groups, never the router. One line per feature.
    let routes = RouteGroups(router: router, settings: accounts, arrangements: stores.arrangements)
    AccountRoutes(pages: pages, renderer: renderer, settings: accounts).register(on: routes)
    SiteRoutes(pages: pages, renderer: renderer, policy: accounts.policy).register(on: routes)
    APIRoutes(store: pages.store, catalogue: pages.catalogue, openAPI: assets.openAPI).register(on: routes)
    PortfolioSiteRoutes(pages: pages, renderer: renderer).register(on: routes)
    PortfolioAPIRoutes(portfolio: pages.portfolio, rules: rules).register(on: routes)
    QCARoutes(pages: pages, renderer: renderer, limits: dependencies.qcaLimits).register(on: routes)
    QCAOutcomeRoutes(pages: pages, renderer: renderer).register(on: routes)
    ContributionAPIRoutes(contributions: pages.contributions).register(on: routes)
    ContributionSiteRoutes(pages: pages, renderer: renderer).register(on: routes)
    ReportRoutes(pages: pages, renderer: renderer).register(on: routes)
    ProfileHistoryAPIRoutes(store: pages.store).register(on: routes)
    IATIAPIRoutes(stores: dependencies.stores, reporter: dependencies.iatiReporter).register(on: routes)
    SpreadsheetAPIRoutes(pages: pages).register(on: routes)
    var catalogueSettings = dependencies.dataCatalogue
    catalogueSettings.contactEmail = catalogueSettings.contactEmail ?? dependencies.apiContactEmail
    CatalogueAPIRoutes(
        stores: stores, settings: catalogueSettings, readingWithoutAccount: accounts.readingWithoutAccount,
        secureCookies: accounts.secureCookies
    )
    .register(on: routes)
    AuditSiteRoutes(pages: pages, renderer: renderer).register(on: routes)
    LearningLogRoutes(pages: pages, renderer: renderer).register(on: routes)
    IndicatorRoutes(pages: pages, renderer: renderer).register(on: routes)
    APIDocumentationRoutes(
        pages: pages, renderer: renderer, documentation: try APIDocumentation(openAPI: assets.openAPI)
    )
    .register(on: routes)

    routes.open.get(SiteURL.stylesheet.pattern) { _, context in
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: assets.stylesheet)))
    }
    routes.open.get(SiteURL.printScript.pattern) { _, context in
        Response(
            status: .ok,
            headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: assets.printScript)))
    }
    routes.open.get(SiteURL.health.pattern) { _, _ in
        // Unhealthy when the file was removed or replaced (M6), or when the database does not
        // take a write (L9: a full disk, a read-only file system, a server that refuses writes).
        var problem = dependencies.databaseFile?.problem()
        if problem == nil {
            do {
                try await dependencies.stores.health.probeWrite()
            } catch {
                dependencies.logger.critical("gezondheid: schrijven mislukt", metadata: ["fout": "\(error)"])
                problem =
                    "de database neemt geen schrijfopdracht aan: "
                    + (StorageFailure.unavailability(error) ?? "onbekende fout, zie het logboek van de server")
            }
        }
        if let problem {
            dependencies.logger.critical("gezondheid: \(problem)")
            let body = try JSONSerialization.data(withJSONObject: ["status": "fout", "reden": problem])
            return Response(
                status: .serviceUnavailable,
                headers: [.contentType: "application/json", .cacheControl: "no-store", .retryAfter: "60"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let count = try await dependencies.stores.arrangements.arrangementCount()
        let body = "{\"status\":\"ok\",\"arrangementen\":\(count)}"
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    routes.reading.get(SiteURL.metrics.pattern) { _, context in
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: registry.emitToString())))
    }
    // Last, so that it wraps only the "not found" answer: a known path with another method is 405.
    router.middlewares.add(MethodNotAllowedMiddleware(routes: router.routes))
    return router
}

/// An HTML response.
func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "text/html; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: text)))
}

/// The largest request body accepted (forms and API), so that a large upload cannot exhaust memory.
let maximumBodySize = 1_048_576

/// The site's pages.
struct SiteRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer
    /// Who may do what, to say on a form before it is filled in who may save it.
    let policy: AuthorizationPolicy
    var store: any ArrangementStore { pages.store }
    var catalogue: [Arrangement] { pages.catalogue }

    func register(on routes: RouteGroups) {
        routes.reading.get(SiteURL.home.pattern) { request, context in
            let query = Self.read(request)
            return html(renderer.render(try await pages.home(query: query), context))
        }
        routes.reading.get(SiteURL.catalogue().pattern) { request, context in
            let query = Self.read(request)
            return html(
                renderer.render(try await pages.catalogue(query: query), context)
            )
        }
        routes.arrangementOverview.get(SiteURL.arrangement("").pattern) { request, context in
            let query = Self.read(request)
            // Everything the page shows, the arrangement with it, in one snapshot: one read
            // transaction (the group decided access on the id and loaded nothing).
            guard let overview = try await store.overview(of: context.arrangementID ?? "") else {
                throw context.unknownArrangement()
            }
            let arrangement = overview.arrangement
            let place = PagePlace(
                arrangementID: arrangement.id, arrangementName: arrangement.name, isDeal: overview.deal != nil)
            var page = pages.arrangement(arrangement, query: query, place: place)
            page.kind = DesignForm.kindLabel(
                arrangement, firstReason: overview.versionLines.first?.reason, isDeal: overview.deal != nil)
            page.deal = overview.deal.map { pages.dealSection($0, query: query) }
            page.deal?.editing = EditAccess(context, returnTo: request.uri.description)
            if let record = overview.deal, page.deal?.editing.isAllowed == true {
                page.deal?.undo = try await DealItemRestore.undo(
                    query: query, record: record, actor: context.audit.actor, audit: pages.stores.audit)
            }
            if let record = overview.deal {
                page.deal?.map = pages.dealMap(record.deal, recorded: overview.indicators?.regions)
                page.deal?.inShort = DealSection.InShort(
                    record, programme: overview.indicators?.programme ?? [], log: overview.learningLog,
                    learningLogHref: SiteURL.learningLog(arrangement.id).href(),
                    indicatorsHref: SiteURL.indicators(arrangement.id).href())
            }
            if page.deal == nil { page.curated = pages.curatedFacts(id: arrangement.id) }
            page.history = pages.historySection(
                id: arrangement.id, lines: overview.versionLines, latest: overview.latestVersions,
                log: overview.learningLog)
            page.learningLogHref = SiteURL.learningLog(arrangement.id).href()
            page.indicatorsHref = overview.hasIndicators ? SiteURL.indicators(arrangement.id).href() : nil
            page.contributionHref =
                overview.hasContributionGraph ? SiteURL.contributionGraph(arrangement.id).href() : nil
            page.dossierHref = SiteURL.dossier(arrangement.id).href()
            page.qcaOutcomesHref = SiteURL.qcaOutcomes(arrangement.id).href()
            return html(renderer.render(page, context))
        }
        routes.reading.get(SiteURL.search(nil).pattern) { request, context in
            let query = Self.read(request)
            return html(renderer.render(try await pages.search(query: query), context))
        }
        routes.reading.get(SiteURL.compare([]).pattern) { request, context in
            let query = Self.read(request)
            let page = try await pages.compare(query: query)
            return html(
                renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
        routes.reading.get(SiteURL.design.pattern) { request, context in
            let query = Self.read(request)
            // Filled in from the query: a refused save comes back this way after logging in, and
            // "Terug naar het formulier" from the advice without saving.
            let form = DesignForm(values: query)
            if query[DesignForm.take] != nil {
                // "Keuzes overnemen": once to the address of the form filled in from the variant.
                guard let started = form.starting(from: catalogue) else {
                    var errors = DesignFormErrors()
                    errors.add("veld-vanaf", "Referentievariant", "kies de referentievariant waarvan u wilt beginnen")
                    var page = pages.design(query: query, form: form, errors: errors)
                    page.saving = saving(context)
                    return html(renderer.render(page, context), status: .badRequest)
                }
                return Response(
                    status: .seeOther,
                    headers: [
                        .location: SiteURL.designFilledIn(
                            started.filledIn
                                + [URLQueryItem(name: DesignForm.takenFrom, value: started.first(DesignForm.start))]
                        ).href()
                    ])
            }
            var page = pages.design(query: query, form: form)
            page.saving = saving(context)
            return html(renderer.render(page, context))
        }
        routes.reading.get(SiteURL.designAdvice.pattern) { request, context in
            let query = Self.read(request)
            let form = DesignForm(values: query)
            guard form.values[AccountWebSettings.csrfField] == nil else {
                // The form sends its CSRF token along by GET; it does not belong in an address.
                return Response(
                    status: .seeOther,
                    headers: [
                        .location: SiteURL.designAdvice.href(
                            query: form.values.filter { $0.key != AccountWebSettings.csrfField })
                    ])
            }
            switch form.preview(references: catalogue) {
            case .failure(let errors):
                var page = pages.design(query: query, form: form, errors: errors)
                page.saving = saving(context)
                return html(renderer.render(page, context), status: .badRequest)
            case .success(let arrangement):
                var page = pages.arrangement(arrangement, query: [:])
                page.layout = pages.layout(arrangement.name, .designAdvice)
                page.kind = "ontwerp, niet opgeslagen"
                page.preview = DesignPreview(
                    formHref: SiteURL.designFilledIn(form.filledIn).href(), saving: saving(context))
                return html(renderer.render(page, context))
            }
        }
        routes.installation.post(SiteURL.design.pattern) { request, context in
            let query = Self.read(request)
            let form = DesignForm(values: try await Self.formValues(request))
            let existing = Set(try await store.allArrangements().map(\.id))
            switch form.arrangement(existingIDs: existing, references: catalogue) {
            case .failure(let errors):
                let page = pages.design(query: query, form: form, errors: errors)
                return html(renderer.render(page, context), status: .badRequest)
            case .success(let arrangement):
                do {
                    try await store.save(
                        arrangement, expecting: .absent, author: context.audit.actor,
                        reason: DesignForm.savedReason)
                } catch is RevisionConflict {
                    // Someone saved the same id between the check above and this save.
                    var errors = DesignFormErrors()
                    errors.add(
                        "veld-id", "Id",
                        "'\(arrangement.id)' is zojuist door iemand anders opgeslagen; er is niets overschreven. Kies een andere id"
                    )
                    let page = pages.design(query: query, form: form, errors: errors)
                    return html(renderer.render(page, context), status: .conflict)
                }
                let location = SiteURL.arrangement(arrangement.id).href(after: .saved)
                return Response(status: .seeOther, headers: [.location: location])
            }
        }
        routes.reading.get(SiteURL.whatIf(arrangementID: nil).pattern) { request, context in
            let query = Self.read(request)
            // A form without JavaScript sends every field, also each one left "ongewijzigd"; the
            // address keeps only what was changed (usability review: 26 empty parameters).
            let kept = query.mapValues { $0.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
                .filter { !$0.value.isEmpty }
            guard kept == query else {
                return Response(
                    status: .seeOther,
                    headers: [.location: SiteURL.whatIf(arrangementID: nil).href(query: kept)])
            }
            let page = try await pages.whatIf(query: query)
            return html(
                renderer.render(page, context), status: page.hasErrors ? .badRequest : .ok)
        }
        routes.reading.get(SiteURL.accessibility.pattern) { request, context in
            let query = Self.read(request)
            return html(
                renderer.render(pages.accessibility(query: query), context))
        }
        routes.reading.get(SiteURL.glossary().pattern) { request, context in
            let query = Self.read(request)
            return html(renderer.render(pages.glossary(query: query), context))
        }
    }

    /// Whether the visitor may save a new arrangement, and if not, why and what to do.
    func saving(_ context: AppRequestContext) -> EditAccess {
        EditAccess(policy.decide(context.account.actor, .change, .installation), returnTo: SiteURL.design.path)
    }

    static func read(_ request: Request) -> [String: [String]] {
        queryParameters(request.uri.query)
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formValues(_ request: Request) async throws -> [String: [String]] {
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw Problem(
                .unsupportedMediaType, detail: "Verstuur het formulier als application/x-www-form-urlencoded.")
        }
        let body = try await request.body.collect(upTo: maximumBodySize)
        return queryParameters(String(buffer: body))
    }
}
