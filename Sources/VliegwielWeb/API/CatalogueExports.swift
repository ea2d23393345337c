import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

/// The datasets of the catalogue: one per export of the installation.
enum CatalogueDataset: String, CaseIterable, Sendable {
    case portfolio = "portefeuille"
    case portfolioReport = "portefeuilleverslag"
    case dossiers = "evaluatiedossiers"
    case contextIndicators = "contextindicatoren"
    case qca = "qca-gegevens"

    var title: String {
        switch self {
        case .portfolio: "Portefeuille van Regio Deals"
        case .portfolioReport: "Verslag van de portefeuille"
        case .dossiers: "Evaluatiedossiers van de arrangementen"
        case .contextIndicators: "Contextindicatoren (CBS StatLine)"
        case .qca: "Gegevens voor kwalitatieve vergelijkende analyse (QCA)"
        }
    }

    var description: String {
        switch self {
        case .portfolio:
            "De Regio Deals van deze installatie per tranche, met hun partners, financiering, programmalijnen en projecten en de Rijksbijdrage; onbekende bedragen blijven onbekend. Ook als IATI 2.03-activiteiten."
        case .portfolioReport:
            "De vragen van de Algemene Rekenkamer over de portefeuille (doelen, wat gevolgd wordt, regio's waar de brede welvaart onder druk staat), beantwoord voor zover de vastgelegde gegevens dat toelaten."
        case .dossiers:
            "Per arrangement het evaluatiedossier: profiel van ontwerpkeuzes, advies, profielversies, deal, bijdragegraaf, indicatoren en leerlog."
        case .contextIndicators:
            "Waarnemingen van contextindicatoren (brede welvaart per regio en periode) uit CBS StatLine, zoals ze in deze installatie zijn ingelezen. Bron: Centraal Bureau voor de Statistiek, licentie CC BY 4.0."
        case .qca:
            "De uitkomsten en voorwaarden van de portefeuille voor een kwalitatieve vergelijkende analyse (crisp- of fuzzy-set QCA), op te vragen met een analyse via de API."
        }
    }

    var keywords: [String] {
        switch self {
        case .portfolio: ["Regio Deals", "portefeuille", "interbestuurlijke samenwerking", "IATI"]
        case .portfolioReport: ["Regio Deals", "Algemene Rekenkamer", "verantwoording"]
        case .dossiers: ["evaluatie", "arrangementen", "bijdrageanalyse"]
        case .contextIndicators: ["brede welvaart", "CBS", "regio"]
        case .qca: ["QCA", "configuratieanalyse", "Regio Deals"]
        }
    }

    var themes: [DCATTheme] {
        switch self {
        case .portfolio, .portfolioReport: [.government, .regions]
        case .dossiers, .qca: [.government]
        case .contextIndicators: [.regions, .society]
        }
    }

    /// The licence: CC0 for the installation's own data, the source's for CBS's data.
    var licence: DCATLicence { self == .contextIndicators ? .ccBy40 : .cc0 }

    /// Who made the data when it is not the publisher.
    var creator: DCATAgent? { self == .contextIndicators ? .statisticsNetherlands : nil }

    /// The page of the site that shows the data.
    var landingPage: String {
        switch self {
        case .portfolio: SiteURL.portfolio.path
        case .portfolioReport: SiteURL.portfolioReport.path
        case .dossiers: SiteURL.catalogue().path
        case .contextIndicators: SiteURL.apiDocumentation.path + "#listContextindicatoren"
        case .qca: SiteURL.qca.path
        }
    }

    /// The audit actions that change the data (`AuditQuery.action`): the newest of them dates it.
    var changingActions: [String] {
        let everything = "installatie.*"
        return switch self {
        case .portfolio: ["portefeuille.*", everything]
        case .portfolioReport:
            ["portefeuille.*", "arrangement.*", "indicator*", "contextindicatoren.*", everything]
        case .dossiers:
            ["arrangement.*", "portefeuille.*", "bijdragegraaf.*", "indicator*", "leerlog.*", everything]
        case .contextIndicators: ["contextindicatoren.*", everything]
        case .qca: ["qca-uitkomst.*", "portefeuille.*", "arrangement.*", everything]
        }
    }
}

/// Every export the catalogue describes, one line each, with the address the route is
/// registered from: a new export format is one more line in ``all`` (docs/dcat.md).
struct CatalogueExport: Sendable {
    enum Address: Sendable {
        /// One address for the whole dataset.
        case once(String)
        /// One address per arrangement, made from its id.
        case perArrangement(@Sendable (String) -> String)
    }

    var dataset: CatalogueDataset
    /// The end of the distribution's name: `json` makes `#portefeuille-json`.
    var key: String
    var format: DCATFormat
    var address: Address
    /// Whether a plain GET of the address gives the whole file.
    var isDownload: Bool
    /// Whether the address is an endpoint of the API.
    var isAPI: Bool
    var note: String? = nil
    /// The standard the file follows, or the schema of its JSON in the OpenAPI document.
    var conformsTo: String? = nil

    static let iati203 = "http://reference.iatistandard.org/203/schema/"

    /// A schema of the OpenAPI document (`/api/v1/openapi.json#/components/schemas/Dossier`).
    static func schema(_ name: String) -> String { APIURL.openAPI.path + "#/components/schemas/" + name }

    static let all: [CatalogueExport] =
        [
            .init(
                dataset: .portfolio, key: "json", format: .json, address: .once(APIURL.portfolio.path),
                isDownload: true,
                isAPI: true, conformsTo: schema("PortefeuilleSamenvatting")),
            .init(
                dataset: .portfolio, key: "iati", format: .xml, address: .once(APIURL.portfolioIATI.path),
                isDownload: true, isAPI: true, note: "IATI 2.03-activiteiten (docs/iati.md)", conformsTo: iati203),
        ]
        + SpreadsheetFormat.allCases.map { format in
            .init(
                dataset: .portfolio, key: format.rawValue, format: .spreadsheet(format),
                address: .once(APIURL.portfolioSpreadsheet.href(format: format)), isDownload: true, isAPI: true,
                note: format == .csv
                    ? "Het eerste blad (de deals) voor Nederlandse rekenbladen: puntkomma's, UTF-8 met BOM, bedragen in euro's (docs/exports.md)."
                    : "Een blad per soort gegevens: deals, partners, financieringsregels, programmalijnen, projecten en programma-indicatoren (docs/exports.md)."
            )
        }
        + [
            .init(
                dataset: .portfolioReport, key: "json", format: .json, address: .once(APIURL.portfolioReport.path),
                isDownload: true, isAPI: true, conformsTo: schema("Portefeuilleverslag")),
            .init(
                dataset: .portfolioReport, key: "csv", format: .csv,
                address: .once(SiteURL.portfolioReport.href(format: .csv)), isDownload: true, isAPI: false),
            .init(
                dataset: .dossiers, key: "json", format: .json, address: .perArrangement { APIURL.dossier($0).path },
                isDownload: true, isAPI: true, conformsTo: schema("Dossier")),
            .init(
                dataset: .dossiers, key: "csv", format: .csv,
                address: .perArrangement { SiteURL.dossier($0).href(format: .csv) }, isDownload: true, isAPI: false),
        ]
        + [SpreadsheetFormat.ods, .xlsx].map { format in
            .init(
                dataset: .dossiers, key: format.rawValue, format: .spreadsheet(format),
                address: .perArrangement { APIURL.spreadsheet($0, .dossier).href(format: format) }, isDownload: true,
                isAPI: true,
                note: "Eerst alle feiten in één lijst, dan een blad per soort gegevens (docs/exports.md).")
        }
        + [
            .init(
                dataset: .contextIndicators, key: "json", format: .json,
                address: .once(APIURL.contextIndicators().path),
                isDownload: false, isAPI: true,
                note:
                    "Per pagina, te filteren op tabel, regio, periode en maat; de links in het antwoord wijzen de volgende pagina.",
                conformsTo: schema("Contextindicatoren")),
            .init(
                dataset: .qca, key: "json", format: .json, address: .once(APIURL.qcaAnalyses.path), isDownload: false,
                isAPI: true,
                note: "Een analyse met POST en {\"bron\": \"database\"} rekent op de gegevens van de portefeuille.",
                conformsTo: schema("QcaAnalyse")),
        ]
}

/// What the catalogue reads from an installation: the arrangements (for the dossiers) and the
/// newest audit entry of each dataset's changes.
struct CatalogueSources: Sendable {
    let stores: Stores

    /// The catalogue of this installation at `base` (`https://host`, no trailing slash).
    func catalogue(base: String, settings: CatalogueSettings, readingWithoutAccount: Bool) async throws
        -> DCATCatalogue
    {
        let arrangements = try await stores.arrangements.allArrangements().map { (id: $0.id, name: $0.name) }
        var modified: [CatalogueDataset: Date] = [:]
        for dataset in CatalogueDataset.allCases {
            var newest: Date?
            for action in dataset.changingActions {
                let page = try await stores.audit.entries(AuditQuery(action: action, newestFirst: true, limit: 1))
                if let date = page.entries.first?.time.date, date > newest ?? .distantPast { newest = date }
            }
            modified[dataset] = newest
        }
        return Self.catalogue(
            base: base, settings: settings, readingWithoutAccount: readingWithoutAccount, arrangements: arrangements,
            modified: modified)
    }

    /// The catalogue from its inputs; reads nothing.
    static func catalogue(
        base: String, settings: CatalogueSettings, readingWithoutAccount: Bool,
        arrangements: [(id: String, name: String)], modified: [CatalogueDataset: Date],
        exports: [CatalogueExport] = CatalogueExport.all
    ) -> DCATCatalogue {
        let base = base.hasSuffix("/") ? String(base.dropLast()) : base
        func absolute(_ path: String) -> RDFIRI { RDFIRI(base + path) }
        let catalogueIRI = absolute(APIURL.catalogue.path)
        let datasets = CatalogueDataset.allCases.map { dataset in
            var distributions: [DCATDistribution] = []
            for export in exports where export.dataset == dataset {
                func distribution(key: String, title: String, path: String) -> DCATDistribution {
                    DCATDistribution(
                        key: key, title: title, description: export.note, format: export.format,
                        accessURL: absolute(path), isDownload: export.isDownload, isAPI: export.isAPI,
                        licence: dataset.licence,
                        conformsTo: export.conformsTo.map { $0.hasPrefix("/") ? absolute($0) : RDFIRI($0) })
                }
                switch export.address {
                case .once(let path):
                    distributions.append(
                        distribution(
                            key: "\(dataset.rawValue)-\(export.key)",
                            title: "\(dataset.title) (\(export.format.label))",
                            path: path))
                case .perArrangement(let path):
                    for arrangement in arrangements {
                        distributions.append(
                            distribution(
                                key: "\(dataset.rawValue)-\(arrangement.id)-\(export.key)",
                                title: "Evaluatiedossier \(arrangement.name) (\(export.format.label))",
                                path: path(arrangement.id)))
                    }
                }
            }
            return DCATDataset(
                key: dataset.rawValue, title: dataset.title, description: dataset.description,
                keywords: dataset.keywords, themes: dataset.themes, creator: dataset.creator,
                landingPage: absolute(dataset.landingPage), modified: modified[dataset],
                distributions: distributions)
        }
        let publisher = settings.publisher
        return DCATCatalogue(
            iri: catalogueIRI, title: "Open gegevens van Vliegwiel",
            description:
                "Wat deze Vliegwiel-installatie publiceert over interbestuurlijke arrangementen en Regio Deals: de portefeuille, het verslag daarvan, de evaluatiedossiers, de contextindicatoren en de gegevens voor QCA, en de API waarmee ze op te vragen zijn.",
            homepage: absolute(SiteURL.home.path), publisher: publisher,
            contact: DCATContact(
                name: publisher.name, email: settings.contactEmail, page: absolute(SiteURL.apiDocumentation.path)),
            modified: modified.values.max(), datasets: datasets,
            service: DCATDataService(
                key: "api", title: "Vliegwiel API",
                description:
                    "De API van Vliegwiel (JSON, volgens de API-ontwerpregels van de Nederlandse overheid): arrangementen, hun profiel en analyse, de portefeuille, indicatoren, leerlog en deze catalogus. Het OpenAPI-document beschrijft elke bewerking.",
                keywords: ["API", "OpenAPI", "Regio Deals"], endpointURL: absolute(APIURL.base),
                endpointDescription: absolute(APIURL.openAPI.path),
                documentation: absolute(SiteURL.apiDocumentation.path), licence: .cc0,
                conformsTo: RDFIRI("https://gitdocumentatie.logius.nl/publicatie/api/adr/")),
            accessRights: readingWithoutAccount ? .public : .restricted)
    }
}
