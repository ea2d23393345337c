import ArgumentParser
import VliegwielInterchange

/// `--iati-organisatie` and `--iati-organisatienaam`: who publishes the IATI export (docs/iati.md).
struct IATIOptions: ParsableArguments {
    @Option(
        name: .customLong("iati-organisatie"),
        help: ArgumentHelp(
            """
            De IATI-organisatie-id van wie de IATI-export publiceert, het voorvoegsel van elke activiteit-id \
            (bijvoorbeeld NL-OIN-<OIN>); standaard de voorlopige \(IATIReportingOrganisation.placeholderIdentifier).
            """, valueName: "ID"))
    var identifier: String?
    @Option(
        name: .customLong("iati-organisatienaam"),
        help: ArgumentHelp("De naam van die organisatie in de IATI-export.", valueName: "NAAM"))
    var name: String?
    @Option(
        name: .customLong("iati-organisatietype"),
        help: ArgumentHelp("De IATI-code van het soort organisatie (standaard 10, overheid).", valueName: "CODE"))
    var type = "10"

    /// The organisation, or a failure naming the option.
    func reporter() throws -> IATIReportingOrganisation {
        guard let identifier else {
            if name != nil {
                throw CommandFailure(field: "--iati-organisatienaam", "geef ook --iati-organisatie")
            }
            return .placeholder
        }
        if let problem = IATIReportingOrganisation.problem(with: identifier) {
            throw CommandFailure(field: "--iati-organisatie", problem)
        }
        guard type.count == 2, type.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CommandFailure(
                field: "--iati-organisatietype", "'\(type)' is geen IATI-code; verwacht twee cijfers, zoals 10")
        }
        let trimmed = name?.trimmingCharacters(in: .whitespaces) ?? ""
        return IATIReportingOrganisation(
            identifier: identifier, type: type, name: trimmed.isEmpty ? identifier : trimmed)
    }
}
