import Foundation
import HTTPTypes
import Hummingbird
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// `GET /api/v1/catalogus`: the DCAT-AP-NL 3.0 catalogue of what the installation publishes
/// (issue 15 item 4, docs/dcat.md), as JSON-LD or, on `Accept: text/turtle`, as Turtle.
struct CatalogueAPIRoutes: Sendable {
    let stores: Stores
    let settings: CatalogueSettings
    let readingWithoutAccount: Bool
    let secureCookies: AccountWebSettings.SecureCookies

    func register(on routes: RouteGroups) {
        routes.reading.get(APIURL.catalogue.pattern) { request, _ in
            let format = try CatalogueFormat.negotiate(request.headers[.accept])
            let base = try settings.baseURL ?? Self.baseURL(of: request, secureCookies: secureCookies)
            let catalogue = try await CatalogueSources(stores: stores).catalogue(
                base: base, settings: settings, readingWithoutAccount: readingWithoutAccount)
            let graph = catalogue.graph()
            let body: ByteBuffer =
                switch format {
                case .jsonLD: ByteBuffer(bytes: try graph.jsonLD())
                case .turtle: ByteBuffer(string: graph.turtle())
                }
            // The response cache keys on `Accept` and on the host the addresses are made from;
            // `Vary` tells other caches the same.
            return Response(
                status: .ok, headers: [.contentType: format.contentType, .vary: "Accept"],
                body: .init(byteBuffer: body))
        }
    }

    /// `http(s)://host[:port]` from the request, when the operator gave no `--publieke-url`:
    /// the `Host` the client used (HTTP/1.1 requires it), and https when the site is served so
    /// (`--https ja`, or `proxy` with `X-Forwarded-Proto: https`). A Host that is not a host
    /// name, an IPv4 or bracketed IPv6 address with an optional port is refused (400), so that
    /// no text of the request becomes part of an address in the catalogue unchecked.
    static func baseURL(of request: Request, secureCookies: AccountWebSettings.SecureCookies) throws -> String {
        let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? ""
        guard CatalogueSettings.isHostAndPort(host) else {
            throw Problem(
                .badRequest,
                detail:
                    "De Host van het verzoek is geen geldige hostnaam; de catalogus maakt er zijn adressen mee. Start de server met --publieke-url om het adres vast te leggen."
            )
        }
        let https: Bool =
            switch secureCookies {
            case .always: true
            case .never: false
            case .whenForwardedProtoIsHTTPS:
                request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
            }
        return (https ? "https://" : "http://") + host.lowercased()
    }
}

/// The two serialisations of the catalogue.
enum CatalogueFormat: Equatable {
    case jsonLD
    case turtle

    var contentType: String {
        switch self {
        case .jsonLD: "application/ld+json; charset=utf-8"
        case .turtle: "text/turtle; charset=utf-8"
        }
    }

    /// The format `Accept` prefers (its q-values weigh; on a tie, JSON-LD); JSON-LD without
    /// the header; 406 as problem+json when it accepts neither.
    static func negotiate(_ accept: String?) throws -> CatalogueFormat {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .jsonLD }
        var best: (format: CatalogueFormat, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality =
                parts.dropFirst().compactMap { part -> Double? in
                    guard part.hasPrefix("q=") else { return nil }
                    return Double(part.dropFirst(2))
                }
                .first ?? 1
            guard quality > 0 else { continue }
            let format: CatalogueFormat? =
                switch parts[0] {
                case "application/ld+json", "application/json", "application/*", "*/*": .jsonLD
                case "text/turtle", "text/*": .turtle
                default: nil
                }
            if let format, quality > best?.quality ?? 0 { best = (format, quality) }
        }
        guard let best else {
            throw Problem(
                .notAcceptable,
                detail:
                    "De catalogus is er als application/ld+json (JSON-LD) en als text/turtle; vraag om een van die twee."
            )
        }
        return best.format
    }
}

/// What the operator sets for the catalogue (`vliegwiel start --publieke-url`, `--uitgever`,
/// `--uitgevernaam`; docs/dcat.md).
public struct CatalogueSettings: Sendable {
    /// `https://vliegwiel.example.nl`: the address the site is reached at, without a trailing
    /// slash; `nil` makes every address from the request's Host.
    public var baseURL: String?
    /// The publishing organisation's identifier (a TOOI or OWMS IRI); `nil` until set.
    public var publisherIRI: String?
    public var publisherName: String?
    /// The operator's address for questions (`--contact-e-mail`), the contact point's e-mail.
    public var contactEmail: String?

    public init(
        baseURL: String? = nil, publisherIRI: String? = nil, publisherName: String? = nil, contactEmail: String? = nil
    ) {
        self.baseURL = baseURL
        self.publisherIRI = publisherIRI
        self.publisherName = publisherName
        self.contactEmail = contactEmail
    }

    /// The publisher's name when the operator set none: says so, and names no real organisation.
    public static let placeholderPublisherName = "Vliegwiel-installatie (uitgever niet ingesteld)"

    /// The publisher: the operator's organisation, or a blank node with the placeholder name.
    var publisher: DCATAgent {
        DCATAgent(
            iri: publisherIRI.map(RDFIRI.init), name: publisherName ?? publisherIRI ?? Self.placeholderPublisherName)
    }

    /// Why `text` cannot be the public address, or `nil`: `http(s)://host[:port]` with an
    /// optional path, no query, fragment or user.
    public static func problem(withBaseURL text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
            components.user == nil, components.query == nil, components.fragment == nil,
            isHostAndPort(host + (components.port.map { ":\($0)" } ?? ""))
        else {
            return "'\(text)' is geen webadres; verwacht bijvoorbeeld https://vliegwiel.example.nl"
        }
        return nil
    }

    /// Why `text` cannot be the publisher's identifier, or `nil`: an absolute http(s) IRI.
    public static func problem(withPublisher text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), components.host?.isEmpty == false,
            !text.contains(where: { $0.isWhitespace || "<>\"{}|\\^`".contains($0) })
        else {
            return
                "'\(text)' is geen IRI van een organisatie; verwacht bijvoorbeeld https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
        }
        return nil
    }

    /// A host name, IPv4 or bracketed IPv6 address, with an optional port.
    static func isHostAndPort(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 255 else { return false }
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            host = host[host.index(after: close)...]
            guard host.isEmpty || host.hasPrefix(":") else { return false }
            return host.isEmpty || isPort(host.dropFirst())
        }
        let parts = host.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return false }
        return parts.count == 1 || isPort(parts[1])
    }

    private static func isPort(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text)
        else { return false }
        return (1...65535).contains(port)
    }
}
