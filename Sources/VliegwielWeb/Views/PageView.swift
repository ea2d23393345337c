/// The signed-in visitor as the page frame shows them: the name in the header, and the CSRF
/// token that every `<form method="post">` of the session carries (docs/accounts.md).
struct SignedIn: Sendable {
    var name: String
    var csrfToken: String

    /// The visitor of `account`, or nil for an anonymous visit (and for the error pages, which
    /// are rendered outside the session).
    init?(_ account: RequestAccount) {
        guard let user = account.account, let token = account.csrfToken else { return nil }
        name = user.name
        csrfToken = token
    }

    init(name: String, csrfToken: String) {
        self.name = name
        self.csrfToken = csrfToken
    }
}

/// A page model with its view: the shared frame (``Layout``) around the page's own `<main>`.
protocol PageView {
    var layout: Layout { get }
    /// The content of `<main>`.
    func main(_ session: SignedIn?) -> HTML
}

extension PageView {
    /// The whole document.
    func document(_ session: SignedIn?) -> HTML {
        PageFrame.document(layout, session: session, main: main(session))
    }
}

/// The frame of every page: head, skip link, header with the menu and the session, footer.
enum PageFrame {
    static func document(_ layout: Layout, session: SignedIn?, main: HTML) -> HTML {
        let t = layout.t
        return HTML(lines: [
            #"""
            <!doctype html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\#(layout.title) · Vliegwiel</title>
            <link rel="stylesheet" href="\#(layout.stylesheetHref)">
            </head>
            <body>
            <a class="skip-link" href="#inhoud">\#(t.skipLink)</a>
            <header class="site-header">
              <div class="site-header__inner">
                <a class="site-name" href="\#(layout.homeHref)">Vliegwiel</a>
                <p class="site-tagline">\#(t.tagline)</p>
            """#,
            // Signed in: the name (to the account page) and "Uitloggen"; otherwise "Inloggen"
            // (usability review: both at once read as "not signed in").
            session == nil ? #"    <a class="account-link" href="\#(layout.accountHref)">\#(t.account)</a>"# : .empty,
            sessionForm(session),
            searchForm(layout),
            #"""
              </div>
              <nav class="site-nav" aria-label="\#(t.navigationLabel)">
                <ul>
            """#,
            HTML(
                lines: layout.navigation.map { item -> HTML in
                    #"      <li><a href="\#(item.href)"\#(item.ariaCurrent.map { #" aria-current="\#($0)""# } ?? .empty)>\#(item.label)</a></li>"#
                }),
            #"""
                </ul>
              </nav>
            </header>
            """#,
            breadcrumbs(layout),
            #"""
            <main id="inhoud" tabindex="-1">
            """#,
            TableScroll.wrap(main, fallbackLabel: t.table),
            #"""
            </main>
            <footer class="site-footer">
              <ul>
                <li><a href="\#(layout.accessibilityHref)">\#(t.footerAccessibility)</a></li>
                <li><a href="\#(layout.apiDocumentationHref)">\#(t.footerAPI)</a></li>
                <li><a href="\#(layout.glossaryHref)">Begrippenlijst</a></li>
                <li>\#(t.footerSource)</li>
                <li>EUPL-1.2</li>
              </ul>
            </footer>
            </body>
            </html>

            """#,
        ])
    }

    /// The trail of the pages above this one, ending in this page's title (not linked).
    private static func breadcrumbs(_ layout: Layout) -> HTML {
        guard !layout.breadcrumbs.isEmpty else { return .empty }
        return #"""
            <nav class="breadcrumbs" aria-label="\#(layout.t.breadcrumbLabel)">
              <ol>\#(layout.breadcrumbs.map { item -> HTML in ##"<li><a href="\##(item.href)">\##(item.label)</a></li>"## })<li aria-current="page">\#(layout.title)</li></ol>
            </nav>
            """#
    }

    /// The search field on every page: a plain GET form (issue 16 item 5).
    private static func searchForm(_ layout: Layout) -> HTML {
        let t = layout.t
        return #"""
                <form class="site-search" role="search" method="get" action="\#(layout.searchAction)">
                  <label class="visually-hidden" for="site-zoekveld">\#(t.searchLabel)</label>
                  <input type="search" id="site-zoekveld" name="q" maxlength="\#(SearchPage.maximumLength)">
                  <button type="submit">\#(t.searchButton)</button>
                </form>
            """#
    }

    private static func sessionForm(_ session: SignedIn?) -> HTML {
        guard let session else { return .empty }
        return
            #"    <form class="site-session" method="post" action="\#(AccountURL.logout.href)">\#(csrfField(session))<a href="\#(AccountURL.account.href)">\#(session.name)</a> <button type="submit">Uitloggen</button></form>"#
    }

    /// The hidden field that carries the session's CSRF token; nothing without a session.
    static func csrfField(_ session: SignedIn?) -> HTML {
        guard let session else { return .empty }
        return #"<input type="hidden" name="csrf" value="\#(session.csrfToken)">"#
    }

    /// The summary of a form's errors, linked to the fields; nothing unless `isShown`.
    static func errorSummary(_ errors: [FieldError], isShown: Bool, _ t: UIText) -> HTML {
        guard isShown else { return .empty }
        return #"""
            <div class="error-summary" role="alert" aria-labelledby="foutoverzicht-kop" tabindex="-1" id="foutoverzicht">
              <h2 id="foutoverzicht-kop">\#(t.errorSummaryTitle)</h2>
              <ul>\#(errors.map { e -> HTML in ##"<li><a href="#\##(e.fieldID)">\##(e.label): \##(e.message)</a></li>"## })</ul>
            </div>
            """#
    }
}
