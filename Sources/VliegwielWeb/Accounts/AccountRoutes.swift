import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore
import VliegwielStorage

/// `/inloggen`: the login form. Paste is allowed; the message of a refusal never says whether
/// the name exists.
struct AccountLoginPage: Sendable {
    var layout: Layout
    var action: String
    var name: String
    var returnTo: String
    var message: String?
    var errors: [FieldError]
    var hasErrors: Bool
}

/// `/account`: the signed-in user's own account: TOTP, API tokens, sessions.
struct AccountPage: Sendable {
    struct TokenRow: Sendable {
        var id: String
        var name: String
        var created: String
        var lastUsed: String
        var state: String
        var isValid: Bool
        var revokeAction: String
    }

    var layout: Layout
    var name: String
    var role: String
    var notice: String?
    var mustSetUpSecondFactor: Bool
    var secondFactorConfigured: Bool
    var secondFactorRequired: Bool
    var secondFactorBeginAction: String
    var secondFactorConfirmAction: String
    var pendingSecret: String?
    var pendingURI: String?
    var codeError: String?
    var errors: [FieldError]
    var hasErrors: Bool
    var tokens: [TokenRow]
    var tokensAction: String
    var newTokenSecret: String?
    var sessionCount: Int
    var endSessionsAction: String
}

/// `/beheer/gebruikers`: every account, its role, its second factor and its sessions.
struct AccountAdminPage: Sendable {
    struct Row: Sendable {
        var name: String
        var fieldPrefix: String
        var role: String
        var arrangements: String
        var isAdministrator: Bool
        var isEditor: Bool
        var isReader: Bool
        var secondFactor: String
        var secondFactorRequired: Bool
        var sessions: Int
        var roleAction: String
        var endSessionsAction: String
        var isBlocked: Bool
        var blockAction: String
        var unblockAction: String
    }

    var layout: Layout
    var notice: String?
    var errors: [FieldError]
    var hasErrors: Bool
    var rows: [Row]
}

/// The account pages' routes.
struct AccountRoutes: Sendable {
    let pages: SitePages
    let renderer: PageRenderer
    let settings: AccountWebSettings

    var service: AccountService { settings.service }

    func register(on routes: RouteGroups) {
        routes.open.get(AccountURL.login.pattern) { request, context in
            let query = queryParameters(request.uri.query)
            return html(
                renderer.render(loginPage(returnTo: query["terug"]?.first ?? "/"), context))
        }
        routes.open.post(AccountURL.login.pattern) { request, context in try await login(request, context) }
        routes.open.post(AccountURL.logout.pattern) { request, context in
            let current = context.account
            if let sessionID = current.sessionID, let account = current.account {
                try await service.logout(sessionID: sessionID, accountName: account.name)
            }
            return Response(
                status: .seeOther,
                headers: [.location: "/", .setCookie: settings.expiredCookie(request), .cacheControl: "no-store"])
        }
        routes.ownAccount.get(AccountURL.account.pattern) { _, context in
            html(renderer.render(try await accountPage(context), context))
        }
        routes.ownAccount.post(AccountURL.secondFactorBegin.pattern) { _, context in
            let account = try signedIn(context)
            _ = try await service.beginSecondFactorSetup(of: account.name)
            return html(renderer.render(try await accountPage(context), context))
        }
        routes.ownAccount.post(AccountURL.secondFactorConfirm.pattern) { request, context in
            let account = try signedIn(context)
            let code = try await SiteRoutes.formValues(request)["code"]?.first ?? ""
            if try await service.confirmSecondFactor(of: account.name, code: code) {
                var page = try await accountPage(context)
                page.notice = "Tweestapsverificatie is ingesteld. Voortaan vraagt inloggen ook om een code uit de app."
                return html(renderer.render(page, context))
            }
            var page = try await accountPage(context)
            page.codeError = "deze code klopt niet; typ de zes cijfers die de app nu toont"
            page.errors = [FieldError(fieldID: "totp-code", label: "Code", message: page.codeError!)]
            page.hasErrors = true
            return html(renderer.render(page, context), status: .badRequest)
        }
        routes.ownAccount.post(AccountURL.tokens.pattern) { request, context in
            let account = try signedIn(context)
            let name = try await SiteRoutes.formValues(request)["naam"]?.first ?? ""
            do {
                let (_, secret) = try await service.createToken(named: name, for: account.name)
                var page = try await accountPage(context)
                page.newTokenSecret = secret
                return html(renderer.render(page, context))
            } catch let failure as ValidationFailure {
                var page = try await accountPage(context)
                page.errors = failure.issues.map {
                    FieldError(fieldID: "sleutel-naam", label: "Naam van de sleutel", message: $0.message)
                }
                page.hasErrors = true
                return html(renderer.render(page, context), status: .badRequest)
            }
        }
        routes.ownAccount.post(AccountURL.revokeToken("").pattern) { _, context in
            let account = try signedIn(context)
            let id = context.parameters.get("id") ?? ""
            guard try await service.revokeToken(id: id, of: account.name) else {
                throw Problem(.notFound, detail: "U heeft geen geldige API-sleutel '\(id)'.")
            }
            var page = try await accountPage(context)
            page.notice = "API-sleutel \(id) is ingetrokken; de API weigert hem voortaan."
            return html(renderer.render(page, context))
        }
        routes.ownAccount.post(AccountURL.endOwnSessions.pattern) { request, context in
            let account = try signedIn(context)
            try await service.endSessions(of: account.name)
            return Response(
                status: .seeOther,
                headers: [.location: AccountURL.login.href, .setCookie: settings.expiredCookie(request)])
        }
        routes.accounts.get(AccountURL.admin.pattern) { _, context in
            html(renderer.render(try await adminPage(), context))
        }
        routes.accounts.post(AccountURL.adminRole("").pattern) { request, context in
            let name = context.parameters.get("naam") ?? ""
            let form = try await SiteRoutes.formValues(request)
            let roleName = form["rol"]?.first ?? ""
            let arrangements = (form["arrangementen"]?.first ?? "").split(whereSeparator: {
                $0 == "," || $0.isWhitespace
            })
            .map(String.init)
            guard let role = AccountRole(name: roleName, arrangements: arrangements) else {
                return try await adminRefusal("rol", "kies beheerder, redacteur of lezer", context)
            }
            if case .editor = role, arrangements.isEmpty {
                return try await adminRefusal(
                    "arrangementen", "noem de arrangementen van de redacteur (hun id's)", context)
            }
            do {
                try await service.setRole(role, secondFactorRequired: form["tweestapsverificatie"] != nil, of: name)
            } catch let failure as ValidationFailure {
                return try await adminRefusal("rol", failure.issues.map(\.message).joined(separator: "; "), context)
            }
            var page = try await adminPage()
            page.notice = "De rol van \(name) is nu: \(role.summary)."
            return html(renderer.render(page, context))
        }
        routes.accounts.post(AccountURL.adminEndSessions("").pattern) { _, context in
            let name = context.parameters.get("naam") ?? ""
            guard try await service.accounts.account(named: name) != nil else {
                throw Problem(.notFound, detail: "Er is geen gebruiker '\(name)'.")
            }
            let count = try await service.endSessions(of: name)
            var page = try await adminPage()
            page.notice = "\(count) \(count == 1 ? "sessie" : "sessies") van \(name) beëindigd."
            return html(renderer.render(page, context))
        }
        routes.accounts.post(AccountURL.adminBlock("").pattern) { _, context in
            let name = context.parameters.get("naam") ?? ""
            guard try await service.accounts.account(named: name) != nil else {
                throw Problem(.notFound, detail: "Er is geen gebruiker '\(name)'.")
            }
            if name == context.account.account?.name {
                return try await adminRefusal("blokkeren", "u kunt uzelf niet blokkeren", context)
            }
            let (sessions, tokens) = try await service.block(name)
            var page = try await adminPage()
            page.notice =
                "\(name) is geblokkeerd: \(sessions) \(sessions == 1 ? "sessie" : "sessies") beëindigd, "
                + "\(tokens) API-\(tokens == 1 ? "sleutel" : "sleutels") ingetrokken."
            return html(renderer.render(page, context))
        }
        routes.accounts.post(AccountURL.adminUnblock("").pattern) { _, context in
            let name = context.parameters.get("naam") ?? ""
            guard try await service.accounts.account(named: name) != nil else {
                throw Problem(.notFound, detail: "Er is geen gebruiker '\(name)'.")
            }
            let lifted = try await service.unblock(name)
            var page = try await adminPage()
            page.notice =
                lifted
                ? "De blokkade van \(name) is opgeheven; ingetrokken API-sleutels blijven ingetrokken."
                : "\(name) was niet geblokkeerd; er is niets veranderd."
            return html(renderer.render(page, context))
        }
    }

    private func signedIn(_ context: AppRequestContext) throws -> Account {
        guard let account = context.account.account else {
            throw Problem(.unauthorized, detail: "U bent niet ingelogd.")
        }
        return account
    }

    func loginPage(returnTo: String, name: String = "", message: String? = nil) -> AccountLoginPage {
        AccountLoginPage(
            layout: pages.layout("Inloggen", nil), action: AccountURL.login.href, name: name,
            returnTo: Self.safeReturn(returnTo), message: message, errors: [], hasErrors: message != nil)
    }

    /// Only a path of this site, never another site. Browsers drop tabs and line feeds from a
    /// URL and read a backslash as a slash, so `/<TAB>/elders` and `/\\elders` lead to another
    /// host (security review M1): a return path is accepted only when it starts with one slash
    /// and holds nothing but the characters a URL path, query and fragment may hold (RFC 3986),
    /// so no whitespace, no control character and no backslash; and it must parse as a URL
    /// reference without scheme or host (RFC 3986 §4.2, a relative reference of this site).
    /// The longest address logging in leads back to: room for a refused design form's fields.
    static let longestReturn = 8_192

    static func safeReturn(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#%")
        guard path.hasPrefix("/"), !path.hasPrefix("//"), path.utf8.count <= Self.longestReturn,
            path.allSatisfy({ allowed.contains($0) }),
            let reference = URLComponents(string: path), reference.scheme == nil, reference.host == nil,
            reference.percentEncodedPath.hasPrefix("/")
        else { return "/" }
        return path
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await SiteRoutes.formValues(request)
        let name = (form["naam"]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let returnTo = Self.safeReturn(form["terug"]?.first ?? "/")
        let outcome = try await service.login(
            name: name, password: form["wachtwoord"]?.first ?? "", code: form["code"]?.first,
            clientAddress: context.audit.origin)
        switch outcome {
        case .signedIn(let sessionID, let account):
            // A new id at every login: a session id planted before the login is worth nothing.
            if let old = request.cookies[AccountWebSettings.cookieName]?.value, !old.isEmpty {
                try await service.accounts.deleteSession(idHash: AccountSecrets.sha256(old))
            }
            return Response(
                status: .seeOther,
                headers: [
                    .location: account.mustSetUpSecondFactor ? AccountURL.account.href : returnTo,
                    .setCookie: settings.sessionCookie(sessionID, request), .cacheControl: "no-store",
                ])
        case .refused(let message):
            let page = loginPage(returnTo: returnTo, name: name, message: message)
            return html(renderer.render(page, context), status: .unauthorized)
        case .throttled(let wait):
            let page = loginPage(
                returnTo: returnTo, name: name,
                message:
                    "Te veel mislukte pogingen. Probeer het over \(wait) seconden opnieuw; zo wordt raden van "
                    + "wachtwoorden onbegonnen werk.")
            var response = html(
                renderer.render(page, context), status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
    }

    func accountPage(_ context: AppRequestContext) async throws -> AccountPage {
        let account = try signedIn(context)
        let stored = try await service.accounts.account(named: account.name)
        let tokens = try await service.accounts.tokens(of: account.name)
        let sessions = try await service.accounts.sessions(of: account.name)
        return AccountPage(
            layout: pages.layout("Uw account", nil), name: account.name,
            role: account.role.summary,
            notice: account.mustSetUpSecondFactor
                ? "Stel eerst tweestapsverificatie in: dat is voor uw account verplicht. Daarna kunt u verder." : nil,
            mustSetUpSecondFactor: account.mustSetUpSecondFactor,
            secondFactorConfigured: account.secondFactorConfigured,
            secondFactorRequired: account.role.isAdministrator || account.secondFactorRequired,
            secondFactorBeginAction: AccountURL.secondFactorBegin.href,
            secondFactorConfirmAction: AccountURL.secondFactorConfirm.href,
            pendingSecret: stored?.pendingTOTPSecret.map(AccountSecrets.totpDisplaySecret),
            pendingURI: stored?.pendingTOTPSecret.map { AccountSecrets.totpURI(secret: $0, accountName: account.name) },
            codeError: nil, errors: [], hasErrors: false,
            tokens: tokens.map { token in
                AccountPage.TokenRow(
                    id: token.id, name: token.name, created: AuditTimestamp(token.createdAt).dutchText,
                    lastUsed: token.lastUsedAt.map { AuditTimestamp($0).dutchText } ?? "nooit",
                    state: token.revokedAt.map { "ingetrokken \(AuditTimestamp($0).dutchText)" } ?? "geldig",
                    isValid: !token.isRevoked, revokeAction: AccountURL.revokeToken(token.id).href)
            }, tokensAction: AccountURL.tokens.href, newTokenSecret: nil,
            sessionCount: sessions.count, endSessionsAction: AccountURL.endOwnSessions.href)
    }

    func adminPage() async throws -> AccountAdminPage {
        var rows: [AccountAdminPage.Row] = []
        for account in try await service.accounts.accounts() {
            let fieldPrefix = "gebruiker-" + account.name.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            rows.append(
                AccountAdminPage.Row(
                    name: account.name, fieldPrefix: fieldPrefix, role: account.role.summary,
                    arrangements: account.role.arrangementIDs.joined(separator: ", "),
                    isAdministrator: account.role == .administrator,
                    isEditor: !account.role.isAdministrator && account.role != .reader,
                    isReader: account.role == .reader,
                    secondFactor: account.secondFactorConfigured
                        ? "ingesteld" : account.mustSetUpSecondFactor ? "verplicht, nog niet ingesteld" : "uit",
                    secondFactorRequired: account.secondFactorRequired,
                    sessions: try await service.accounts.sessions(of: account.name).count,
                    roleAction: AccountURL.adminRole(account.name).href,
                    endSessionsAction: AccountURL.adminEndSessions(account.name).href,
                    isBlocked: try await service.accounts.account(named: account.name)?.isBlocked == true,
                    blockAction: AccountURL.adminBlock(account.name).href,
                    unblockAction: AccountURL.adminUnblock(account.name).href))
        }
        return AccountAdminPage(
            layout: pages.layout("Gebruikers", nil), notice: nil, errors: [], hasErrors: false,
            rows: rows)
    }

    private func adminRefusal(_ field: String, _ message: String, _ context: AppRequestContext) async throws
        -> Response
    {
        var page = try await adminPage()
        page.errors = [FieldError(fieldID: "gebruikers", label: field, message: message)]
        page.hasErrors = true
        return html(renderer.render(page, context), status: .badRequest)
    }
}
