import Foundation
import Yams

/// Renders a page model through its typed view (``PageView``) inside the shared frame.
struct PageRenderer: Sendable {
    /// The page as HTML for the request `context`: with a signed-in session, the header shows
    /// the account and every `<form method="post">` carries the session's CSRF token
    /// (docs/accounts.md).
    func render(_ page: some PageView, _ context: AppRequestContext) -> String {
        render(page, session: context.account)
    }

    /// The page as HTML for `session`; without a signed-in one (the error pages, which are
    /// rendered outside the session), no account and no CSRF field.
    func render(_ page: some PageView, session: RequestAccount) -> String {
        page.document(SignedIn(session)).text
    }
}

enum WebSetupError: Error, CustomStringConvertible {
    case missingAsset(String)

    var description: String {
        switch self {
        case .missingAsset(let name): "het bestand '\(name)' ontbreekt in de installatie"
        }
    }
}

/// Files served as they are: the stylesheet, the print script and the OpenAPI document.
struct StaticAssets: Sendable {
    let stylesheet: String
    let printScript: String
    let openAPI: Data

    /// `contactEmail` is the installation's address for questions about the API, added to the
    /// document's `info.contact`.
    init(contactEmail: String? = nil) throws {
        guard let css = Bundle.module.url(forResource: "vliegwiel", withExtension: "css", subdirectory: "Assets") else {
            throw WebSetupError.missingAsset("Assets/vliegwiel.css")
        }
        guard let api = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Assets") else {
            throw WebSetupError.missingAsset("Assets/openapi.yaml")
        }
        guard let script = Bundle.module.url(forResource: "afdrukken", withExtension: "js", subdirectory: "Assets")
        else {
            throw WebSetupError.missingAsset("Assets/afdrukken.js")
        }
        stylesheet = try String(contentsOf: css, encoding: .utf8)
        printScript = try String(contentsOf: script, encoding: .utf8)
        // The document is kept as YAML for review and served as JSON.
        var document = try Yams.load(yaml: try String(contentsOf: api, encoding: .utf8)) as? [String: Any] ?? [:]
        if let contactEmail {
            var info = document["info"] as? [String: Any] ?? [:]
            var contact = info["contact"] as? [String: Any] ?? [:]
            contact["email"] = contactEmail
            info["contact"] = contact
            document["info"] = info
        }
        openAPI = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
