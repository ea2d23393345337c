import VliegwielCore

/// Where a page below an arrangement sits: the arrangement, and whether it is a deal of the
/// portfolio (then the menu marks Portefeuille, otherwise Catalogus).
struct PagePlace: Sendable {
    var arrangementID: String
    var arrangementName: String
    var isDeal: Bool
}

/// What every page shares: the menu with the current section marked, the
/// breadcrumb trail of a page below the top level, the footer.
struct Layout: Sendable {
    struct NavigationItem: Sendable {
        var label: String
        var href: String
        /// The item is this page, or the section this page is in.
        var isCurrent: Bool
        var isPage = false

        /// `aria-current`: `page` for this very page, `true` for the section it is in.
        var ariaCurrent: String? { isCurrent ? (isPage ? "page" : "true") : nil }
    }

    var t: UIText
    var title: String
    var navigation: [NavigationItem]
    /// The pages above this one, each linked, from Home down; empty on the top level.
    var breadcrumbs: [NavigationItem]
    var homeHref: String
    var accessibilityHref: String
    var apiDocumentationHref: String
    var glossaryHref: String
    var stylesheetHref: String
    var accountHref: String
    /// Where the search form in the header sends its query.
    var searchAction: String

    /// - Parameters:
    ///   - current: the page, for the menu and the breadcrumbs; nil for an error page, which
    ///     belongs nowhere.
    ///   - place: the arrangement a page below `/arrangementen/{id}` belongs to.
    init(title: String, current: SiteURL?, place: PagePlace? = nil) {
        t = UIText.dutch
        self.title = title
        let items: [(String, SiteURL)] = [
            (t.navHome, .home), (t.navCatalogue, .catalogue()), (t.navCompare, .compare([])), (t.navDesign, .design),
            (t.navWhatIf, .whatIf(arrangementID: nil)), (t.navPortfolio, .portfolio), (t.navReport, .portfolioReport),
            ("QCA", .qca),
        ]
        let section = place.map { $0.isDeal ? SiteURL.portfolio : .catalogue() } ?? current?.section
        navigation = items.map { label, url in
            NavigationItem(
                label: label, href: url.href(), isCurrent: url.path == section?.path,
                isPage: url.path == current?.path)
        }
        var trail: [NavigationItem] = []
        if let current, !items.contains(where: { $0.1.path == current.path }) {
            trail.append(NavigationItem(label: t.navHome, href: SiteURL.home.href(), isCurrent: false))
            if let section, let item = items.first(where: { $0.1.path == section.path }), item.1 != .home {
                trail.append(NavigationItem(label: item.0, href: item.1.href(), isCurrent: false))
            }
            if let place, current.path != SiteURL.arrangement(place.arrangementID).path {
                let arrangement = SiteURL.arrangement(place.arrangementID)
                trail.append(
                    NavigationItem(label: place.arrangementName, href: arrangement.href(), isCurrent: false))
            }
        }
        breadcrumbs = trail
        homeHref = SiteURL.home.href()
        accessibilityHref = SiteURL.accessibility.href()
        apiDocumentationHref = SiteURL.apiDocumentation.href()
        glossaryHref = SiteURL.glossary().href()
        stylesheetHref = SiteURL.stylesheet.path
        accountHref = AccountURL.account.href
        searchAction = SiteURL.search(nil).path
    }
}

extension SiteURL {
    /// The menu item a page falls under, when it falls under one.
    var section: SiteURL? {
        switch self {
        case .home: .home
        case .catalogue: .catalogue()
        case .compare: .compare([])
        case .design, .designFilledIn, .designAdvice: .design
        case .whatIf: .whatIf(arrangementID: nil)
        case .portfolio, .portfolioRegion: .portfolio
        case .portfolioReport: .portfolioReport
        case .qca, .qcaAnalysis: .qca
        default: nil
        }
    }
}

/// A field error, shown in the summary at the top (linked to the field) and at the field.
struct FieldError: Sendable {
    var fieldID: String
    var label: String
    var message: String
}

/// A choice in a form (an option of a select, or a checkbox), with its own field id.
struct FormOption: Sendable {
    var code: String
    var label: String
    var isChecked: Bool
    var fieldID: String
}
