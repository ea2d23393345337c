import ArgumentParser
import Logging
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

/// `vliegwiel start`: the web application on the embedded SQLite database.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start de webapplicatie op de ingebouwde SQLite-database, met de catalogus geladen.",
        discussion: "Stoppen met Ctrl-C (SIGINT) of SIGTERM: lopende verzoeken worden netjes afgerond.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("poort"), help: "TCP-poort van de webapplicatie.") var port = 8080
    @Option(name: .customLong("host"), help: "Adres om op te luisteren.") var host = "127.0.0.1"
    @Flag(
        name: .customLong("alleen-met-account"),
        help: """
            Alleen wie is ingelogd mag lezen. Zonder deze vlag lezen bezoekers zonder account de catalogus, de \
            portefeuille en de arrangementen; wijzigen vraagt altijd een account met de juiste rol (docs/accounts.md).
            """)
    var readingNeedsAccount = false
    @Option(
        name: .customLong("https"),
        help: """
            Of de site via HTTPS bereikbaar is, voor de Secure-vlag van het sessiecookie: nee (standaard), ja, of \
            proxy (een vertrouwde proxy ervoor zegt het met X-Forwarded-Proto: https).
            """)
    var https = "nee"
    @Option(
        name: .customLong("qca-seconden"),
        help: "Hoe lang één QCA-analyse via de site of de API mag rekenen, in seconden (standaard 5).")
    var qcaSeconds = 5
    @Option(
        name: .customLong("qca-tegelijk"),
        help: "Hoeveel QCA-analyses via de site of de API tegelijk mogen lopen (standaard 2); meer krijgt 503.")
    var qcaConcurrent = 2
    @Option(
        name: .customLong("contact-e-mail"),
        help: ArgumentHelp(
            """
            Het e-mailadres voor vragen over de API van deze installatie; het OpenAPI-document noemt het in \
            info.contact, zoals de API-ontwerpregels vragen (docs/api-ontwerpregels.md).
            """, valueName: "ADRES"))
    var contactEmail: String?
    @OptionGroup var iati: IATIOptions
    @Option(
        name: .customLong("publieke-url"),
        help: ArgumentHelp(
            """
            Het adres waarop de site bereikbaar is (bijvoorbeeld https://vliegwiel.example.nl); de DCAT-catalogus \
            (/api/v1/catalogus) maakt er zijn adressen mee. Zonder deze optie komen ze uit de Host van elk verzoek \
            (docs/dcat.md).
            """, valueName: "URL"))
    var publicURL: String?
    @Option(
        name: .customLong("uitgever"),
        help: ArgumentHelp(
            """
            De IRI van de organisatie die de gegevens publiceert, uit TOOI of OWMS (bijvoorbeeld \
            https://identifier.overheid.nl/tooi/id/gemeente/gm0363); de uitgever in de DCAT-catalogus. Zonder deze \
            optie staat daar '\(CatalogueSettings.placeholderPublisherName)'.
            """, valueName: "IRI"))
    var publisherIRI: String?
    @Option(
        name: .customLong("uitgevernaam"),
        help: ArgumentHelp("De naam van die organisatie in de DCAT-catalogus.", valueName: "NAAM"))
    var publisherName: String?

    func run() async throws {
        try await reportingFailures {
            guard (1...65535).contains(port) else {
                throw CommandFailure(field: "--poort", "\(port) is geen geldige poort; kies 1 tot en met 65535")
            }
            guard (1...600).contains(qcaSeconds) else {
                throw CommandFailure(field: "--qca-seconden", "\(qcaSeconds) valt buiten 1 tot en met 600")
            }
            guard (1...64).contains(qcaConcurrent) else {
                throw CommandFailure(field: "--qca-tegelijk", "\(qcaConcurrent) valt buiten 1 tot en met 64")
            }
            if let contactEmail, !Self.looksLikeEmail(contactEmail) {
                throw CommandFailure(
                    field: "--contact-e-mail", "'\(contactEmail)' is geen e-mailadres; verwacht naam@domein.nl")
            }
            let iatiReporter = try iati.reporter()
            let dataCatalogue = try catalogueSettings()
            let secureCookies: AccountWebSettings.SecureCookies
            switch https {
            case "ja": secureCookies = .always
            case "nee": secureCookies = .never
            case "proxy": secureCookies = .whenForwardedProtoIsHTTPS
            default: throw CommandFailure(field: "--https", "'\(https)' is onbekend; kies nee, ja of proxy")
            }
            let installation = try await Installation.open(database, creating: true)
            var logger = Logger(label: "vliegwiel")
            logger.logLevel = .info
            let count = try await installation.store.allArrangements().count
            logger.info(
                "Vliegwiel start",
                metadata: [
                    "database": "\(installation.databasePath)", "arrangementen": "\(count)",
                    "adres": "http://\(host):\(port)",
                ])
            var dependencies = WebDependencies(
                stores: installation.stores, catalogue: try installation.catalogue,
                accounts: AccountWebSettings(
                    service: AccountService(stores: installation.stores), readingWithoutAccount: !readingNeedsAccount,
                    secureCookies: secureCookies),
                logger: logger)
            dependencies.qcaLimits = QCAWebLimits(seconds: qcaSeconds, concurrent: qcaConcurrent)
            dependencies.apiContactEmail = contactEmail
            dependencies.iatiReporter = iatiReporter
            dependencies.dataCatalogue = dataCatalogue
            if !PostgresLocation.isURL(database.resolvedPath) {
                dependencies.databaseFile = DatabaseFileGuard(path: database.resolvedPath)
            }
            let application = try buildApplication(WebConfiguration(host: host, port: port), dependencies: dependencies)
            do {
                try await application.runService()
            } catch  where String(describing: error).contains("Address already in use") {
                throw CommandFailure(
                    field: "--poort", "poort \(port) op \(host) is al in gebruik; kies een andere met --poort")
            }
        }
    }

    /// `--publieke-url`, `--uitgever` and `--uitgevernaam`, or a failure naming the option.
    func catalogueSettings() throws -> CatalogueSettings {
        if let publicURL, let problem = CatalogueSettings.problem(withBaseURL: publicURL) {
            throw CommandFailure(field: "--publieke-url", problem)
        }
        if let publisherIRI, let problem = CatalogueSettings.problem(withPublisher: publisherIRI) {
            throw CommandFailure(field: "--uitgever", problem)
        }
        let name = publisherName?.trimmingCharacters(in: .whitespaces)
        if name != nil, publisherIRI == nil {
            throw CommandFailure(field: "--uitgevernaam", "geef ook --uitgever")
        }
        return CatalogueSettings(
            baseURL: publicURL, publisherIRI: publisherIRI, publisherName: name?.isEmpty == false ? name : nil)
    }

    /// One `@` with something on both sides, a dot in the domain, no spaces: enough to catch a
    /// slip; whether the address works is the operator's to know.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }
}
