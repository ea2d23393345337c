import Foundation

// The DCAT-AP-NL 3.0 catalogue of what an installation publishes (issue 15, item 4;
// docs/dcat.md): a pure model — the caller passes every value in, nothing is read or written
// here — and its mapping to an RDF graph, which `RDFGraph` writes as JSON-LD or Turtle.
// Vocabularies as the profile asks (Geonovum DCAT-AP-NL30, chapter "Waardelijsten"):
// licences from the profile's list (Creative Commons), access rights, themes, languages and
// file types from the EU Publications Office's authority tables, media types from IANA.

/// The catalogue: its publisher, its datasets and the API as a data service.
public struct DCATCatalogue: Sendable {
    /// The catalogue's own IRI: the absolute address of `/api/v1/catalogus`. Datasets,
    /// distributions and the service are named by fragments of it.
    public var iri: RDFIRI
    public var title: String
    public var description: String
    /// The installation's home page.
    public var homepage: RDFIRI
    public var publisher: DCATAgent
    public var contact: DCATContact
    /// The moment of the newest change of the data it describes (the audit trail); `nil` when
    /// nothing was ever recorded, rather than the clock's time.
    public var modified: Date?
    public var datasets: [DCATDataset]
    public var service: DCATDataService
    /// `PUBLIC` when anyone may read, `RESTRICTED` when reading needs an account.
    public var accessRights: DCATAccessRights

    public init(
        iri: RDFIRI, title: String, description: String, homepage: RDFIRI, publisher: DCATAgent,
        contact: DCATContact, modified: Date?, datasets: [DCATDataset], service: DCATDataService,
        accessRights: DCATAccessRights
    ) {
        self.iri = iri
        self.title = title
        self.description = description
        self.homepage = homepage
        self.publisher = publisher
        self.contact = contact
        self.modified = modified
        self.datasets = datasets
        self.service = service
        self.accessRights = accessRights
    }

    /// The IRI of a part of the catalogue (`…/catalogus#portefeuille`).
    public func iri(of part: String) -> RDFIRI { iri.with(fragment: part) }
}

/// An organisation: the publisher or creator of a dataset.
public struct DCATAgent: Sendable, Hashable {
    /// Its identifier from a list of organisations (TOOI, OWMS) when the operator gave one;
    /// `nil` makes it a blank node known by its name, rather than an identity made up here.
    public var iri: RDFIRI?
    public var name: String
    public var homepage: RDFIRI?

    public init(iri: RDFIRI?, name: String, homepage: RDFIRI? = nil) {
        self.iri = iri
        self.name = name
        self.homepage = homepage
    }

    /// Statistics Netherlands, the source and creator of the CBS StatLine context tables: known
    /// by its name and home page; the catalogue does not guess its code in an organisation list.
    public static let statisticsNetherlands = DCATAgent(
        iri: nil, name: "Centraal Bureau voor de Statistiek",
        homepage: RDFIRI("https://www.cbs.nl/"))
}

/// Whom to ask about the data: a vCard with an e-mail address or, without one, a web page.
public struct DCATContact: Sendable, Hashable {
    public var name: String
    public var email: String?
    public var page: RDFIRI

    public init(name: String, email: String?, page: RDFIRI) {
        self.name = name
        self.email = email
        self.page = page
    }
}

/// `dct:accessRights`, from the EU access-right authority table.
public enum DCATAccessRights: String, Sendable {
    case `public` = "PUBLIC"
    case restricted = "RESTRICTED"

    var iri: RDFIRI { RDFIRI("http://publications.europa.eu/resource/authority/access-right/" + rawValue) }
}

/// A licence from DCAT-AP-NL's list of licences (Creative Commons, in the form data.overheid.nl uses).
public enum DCATLicence: String, Sendable, CaseIterable {
    /// CC0 1.0: the installation's own data.
    case cc0 = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
    /// CC BY 4.0: the licence of CBS StatLine.
    case ccBy40 = "http://creativecommons.org/licenses/by/4.0/deed.nl"

    public var iri: RDFIRI { RDFIRI(rawValue) }

    public var label: String {
        switch self {
        case .cc0: "CC0 1.0"
        case .ccBy40: "CC BY 4.0"
        }
    }
}

/// A theme from the EU data-theme authority table.
public enum DCATTheme: String, Sendable {
    case government = "GOVE"
    case regions = "REGI"
    case society = "SOCI"

    var iri: RDFIRI { RDFIRI("http://publications.europa.eu/resource/authority/data-theme/" + rawValue) }

    /// Its Dutch label in the authority table (`skos:prefLabel`, which DCAT-AP asks of a concept).
    var label: String {
        switch self {
        case .government: "Overheid en publieke sector"
        case .regions: "Regio's en steden"
        case .society: "Bevolking en samenleving"
        }
    }
}

/// A file format: its IANA media type and its code in the EU file-type authority table.
public struct DCATFormat: Sendable, Hashable {
    /// `application/json`.
    public var mediaType: String
    /// `JSON`.
    public var fileType: String
    /// A short name for titles: `JSON`, `CSV`.
    public var label: String

    public init(mediaType: String, fileType: String, label: String) {
        self.mediaType = mediaType
        self.fileType = fileType
        self.label = label
    }

    public static let json = DCATFormat(mediaType: "application/json", fileType: "JSON", label: "JSON")
    public static let csv = DCATFormat(mediaType: "text/csv", fileType: "CSV", label: "CSV")
    public static let xml = DCATFormat(mediaType: "application/xml", fileType: "XML", label: "XML")
    public static let ods = DCATFormat(
        mediaType: ODSWriter.mediaType, fileType: "ODS", label: "ODS")
    public static let xlsx = DCATFormat(mediaType: XLSXWriter.mediaType, fileType: "XLSX", label: "XLSX")

    /// The format of a spreadsheet file (docs/exports.md); its CSV is ``csv``.
    public static func spreadsheet(_ format: SpreadsheetFormat) -> DCATFormat {
        switch format {
        case .ods: .ods
        case .xlsx: .xlsx
        case .csv: .csv
        }
    }

    var mediaTypeIRI: RDFIRI { RDFIRI("https://www.iana.org/assignments/media-types/" + mediaType) }
    var fileTypeIRI: RDFIRI { RDFIRI("http://publications.europa.eu/resource/authority/file-type/" + fileType) }
}

/// A dataset: one export of the installation.
public struct DCATDataset: Sendable {
    /// The fragment naming it in the catalogue (`portefeuille`).
    public var key: String
    public var title: String
    public var description: String
    public var keywords: [String]
    public var themes: [DCATTheme]
    /// Who made the data: the publisher for the installation's own data, the source otherwise.
    public var creator: DCATAgent?
    /// The page on the site that shows the data.
    public var landingPage: RDFIRI
    /// The newest change of the data, from the audit trail; `nil` when none was recorded.
    public var modified: Date?
    /// A standard the data follow (IATI 2.03), when there is one.
    public var conformsTo: RDFIRI?
    public var distributions: [DCATDistribution]

    public init(
        key: String, title: String, description: String, keywords: [String], themes: [DCATTheme],
        creator: DCATAgent? = nil, landingPage: RDFIRI, modified: Date?, conformsTo: RDFIRI? = nil,
        distributions: [DCATDistribution]
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.keywords = keywords
        self.themes = themes
        self.creator = creator
        self.landingPage = landingPage
        self.modified = modified
        self.conformsTo = conformsTo
        self.distributions = distributions
    }
}

/// One way to get a dataset: an address and a format.
public struct DCATDistribution: Sendable {
    /// The fragment naming it (`portefeuille-json`).
    public var key: String
    public var title: String
    public var description: String?
    public var format: DCATFormat
    /// Where to get it.
    public var accessURL: RDFIRI
    /// Whether `accessURL` answers a plain GET with the whole file (then it is also the
    /// download address); `false` for a paged or POST endpoint of the API.
    public var isDownload: Bool
    /// Whether it is an endpoint of the API (then `dcat:accessService` names the data service).
    public var isAPI: Bool
    public var licence: DCATLicence
    /// A standard or schema the file follows.
    public var conformsTo: RDFIRI?

    public init(
        key: String, title: String, description: String? = nil, format: DCATFormat, accessURL: RDFIRI,
        isDownload: Bool, isAPI: Bool, licence: DCATLicence, conformsTo: RDFIRI? = nil
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.format = format
        self.accessURL = accessURL
        self.isDownload = isDownload
        self.isAPI = isAPI
        self.licence = licence
        self.conformsTo = conformsTo
    }
}

/// The API as a data service: its address, its OpenAPI document and its documentation page.
public struct DCATDataService: Sendable {
    public var key: String
    public var title: String
    public var description: String
    public var keywords: [String]
    /// The root of the API (`…/api/v1`).
    public var endpointURL: RDFIRI
    /// The OpenAPI document.
    public var endpointDescription: RDFIRI
    /// The readable documentation page.
    public var documentation: RDFIRI
    public var licence: DCATLicence
    /// The standard the API follows (the Dutch API design rules).
    public var conformsTo: RDFIRI?

    public init(
        key: String, title: String, description: String, keywords: [String], endpointURL: RDFIRI,
        endpointDescription: RDFIRI, documentation: RDFIRI, licence: DCATLicence, conformsTo: RDFIRI?
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.keywords = keywords
        self.endpointURL = endpointURL
        self.endpointDescription = endpointDescription
        self.documentation = documentation
        self.licence = licence
        self.conformsTo = conformsTo
    }
}
