import Foundation
import Mustache
import Yams

/// Renders page models with the Mustache templates in Assets/templates.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// `contactEmail` is the installation's address for questions about the API, added to the
    /// document's `info.contact`.
    init(contactEmail: String? = nil) throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Assets")
        else { throw WebSetupError.missingAsset("Assets/templates") }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// The page as HTML for the request `context`, from its typed view.
    ///
    /// While the Mustache templates are being replaced, `VLIEGWIEL_VIEW_ORACLE=<folder>` also
    /// renders `template` with Mustache and writes both results there, for comparison.
    func render<Page: PageView>(view page: Page, template: String, _ context: AppRequestContext) -> String {
        render(view: page, template: template, session: context.account)
    }

    func render<Page: PageView>(view page: Page, template: String, session: RequestAccount) -> String {
        let html = page.document(SignedIn(session)).text
        if let folder = ProcessInfo.processInfo.environment["VLIEGWIEL_VIEW_ORACLE"] {
            let old = render(page, template: template, session: session)
            let name = "\(template)-\(UUID().uuidString)"
            try? old.write(toFile: folder + "/" + name + ".old.html", atomically: false, encoding: .utf8)
            try? html.write(toFile: folder + "/" + name + ".new.html", atomically: false, encoding: .utf8)
        }
        return html
    }

    /// The page as HTML for the request `context`; a template that cannot render is a
    /// programming error caught by the tests.
    func render(_ page: Any, template: String, _ context: AppRequestContext) -> String {
        render(page, template: template, session: context.account)
    }

    /// The page as HTML for `session`: with a signed-in session, `csrfToken` for the `csrf`
    /// partial that every `<form method="post">` renders, and `sessie` (the account's name)
    /// for the header (docs/accounts.md). Without one (the error pages, which are rendered
    /// outside the session), neither.
    func render(_ page: Any, template: String, session: RequestAccount) -> String {
        var root = Self.tree(page)
        if var dictionary = root as? [String: Any], let token = session.csrfToken, let account = session.account {
            dictionary["csrfToken"] = token
            dictionary["sessie"] = account.name
            root = dictionary
        }
        return library.render(root, withTemplate: template)
            ?? "<!doctype html><title>Vliegwiel</title><p>Sjabloon ontbreekt: \(template)</p>"
    }

    /// The page model as nested dictionaries and arrays. Mustache looks names up in a
    /// dictionary directly, where a struct costs a reflection walk per lookup: converting
    /// once makes rendering several times faster (see BENCHMARKS.md). Absent optionals are
    /// left out, so a section on them does not render.
    static func tree(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { tree($0.value) } ?? ""
        }
        switch value {
        case is String, is Bool, is Int, is Double: return value
        default: break
        }
        switch mirror.displayStyle {
        case .collection, .set:
            return mirror.children.map { tree($0.value) }
        case .struct, .class:
            var result: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let childMirror = Mirror(reflecting: child.value)
                if childMirror.displayStyle == .optional && childMirror.children.isEmpty { continue }
                result[label] = tree(child.value)
            }
            return result
        default:
            return String(describing: value)
        }
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

/// Files served as they are: the stylesheet and the OpenAPI document.
struct StaticAssets: Sendable {
    let stylesheet: String
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
        stylesheet = try String(contentsOf: css, encoding: .utf8)
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
