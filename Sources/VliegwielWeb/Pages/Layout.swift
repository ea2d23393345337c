import VliegwielCore

/// What every page shares: the language, the menu, the footer.
struct Layout: Sendable {
    struct NavigationItem: Sendable {
        var label: String
        var href: String
        var isCurrent: Bool
    }

    var t: UIText
    var title: String
    var languageSwitchHref: String
    var otherLanguageCode: String
    var navigation: [NavigationItem]
    var homeHref: String
    var accessibilityHref: String
    var apiDocumentationHref: String
    var stylesheetHref: String
    var accountHref: String

    /// - Parameters:
    ///   - current: the page, for the menu's `aria-current`.
    ///   - switchTo: the same page in the other language.
    init(title: String, language: Language, current: SiteURL, otherLanguage: String) {
        t = UIText.of(language)
        self.title = title
        languageSwitchHref = otherLanguage
        otherLanguageCode = language == .dutch ? "en" : "nl"
        let items: [(String, SiteURL)] = [
            (t.navHome, .home), (t.navCatalogue, .catalogue()), (t.navCompare, .compare([])), (t.navDesign, .design),
            (t.navWhatIf, .whatIf(arrangementID: nil)), (t.navPortfolio, .portfolio),
            ("QCA", .qca),
        ]
        navigation = items.map { label, url in
            NavigationItem(label: label, href: url.href(language), isCurrent: url.path == current.path)
        }
        homeHref = SiteURL.home.href(language)
        accessibilityHref = SiteURL.accessibility.href(language)
        apiDocumentationHref = SiteURL.apiDocumentation.href(language)
        stylesheetHref = SiteURL.stylesheet.path
        accountHref = AccountURL.account.href
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
