import Foundation
import VliegwielCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

// The IATI 2.03 export of the portfolio (issue 15, item 3; docs/iati.md): each deal of the
// portfolio as an `iati-activity`. A pure mapping — everything it needs is passed in, it reads
// and writes nothing. The XML is built as a tree with Foundation's `XMLDocument` (FoundationXML
// on Linux, libxml2 underneath), which escapes and serialises; no XML is written as text here.
//
// What the stored data does not have is left out, never made up: an activity without a known
// day or without an organisation in an IATI role cannot be valid IATI and is left out of the
// file, with the reason, rather than given an invented date.

/// The organisation that publishes the IATI file: the operator of the installation.
public struct IATIReportingOrganisation: Sendable, Hashable {
    /// The IATI organisation identifier (`NL-OIN-…`, `XM-DAC-…`), the prefix of every activity id.
    public var identifier: String
    /// The IATI OrganisationType code (`10` government, `11` local government, …).
    public var type: String
    public var name: String

    public init(identifier: String, type: String = "10", name: String) {
        self.identifier = identifier
        self.type = type
        self.name = name
    }

    /// The identifier when the operator set none: `XX` is no registration agency of
    /// org-id.guide (ISO 3166 leaves it unassigned), so it can never be taken for a real one.
    public static let placeholderIdentifier = "XX-VLIEGWIEL-NIET-INGESTELD"

    /// Used when the operator set nothing (`--iati-organisatie`).
    public static let placeholder = IATIReportingOrganisation(
        identifier: placeholderIdentifier, type: "10",
        name: "Vliegwiel-installatie (publicerende organisatie niet ingesteld)")

    /// Why an identifier cannot be used, or `nil`: IATI ids are `AGENCY-ID`, without spaces or `/`.
    public static func problem(with identifier: String) -> String? {
        let parts = identifier.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            return
                "'\(identifier)' is geen IATI-organisatie-id; verwacht VOORVOEGSEL-ID, zoals NL-OIN-00000001234567890000"
        }
        guard
            identifier.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return "'\(identifier)' bevat tekens die een IATI-id niet mag hebben (alleen letters, cijfers, - _ .)" }
        return nil
    }
}

/// Everything Vliegwiel holds about one deal, as the export reads it.
public struct IATIActivitySource: Sendable, Hashable {
    public var record: DealRecord
    /// The arrangement of the deal (its name and summary), when stored.
    public var arrangement: Arrangement?
    /// The sourced facts of a real deal (region, signing, term, goals, sources).
    public var curated: CuratedDeal?
    /// Its programme indicators and regions.
    public var indicators: ArrangementIndicators?

    public init(
        record: DealRecord, arrangement: Arrangement? = nil, curated: CuratedDeal? = nil,
        indicators: ArrangementIndicators? = nil
    ) {
        self.record = record
        self.arrangement = arrangement
        self.curated = curated
        self.indicators = indicators
    }
}

/// The IATI 2.03 document of one or more deals.
public struct IATIExport: Sendable {
    public static let version = "2.03"
    public static let mediaType = "application/xml"

    /// A deal left out of the file, and why.
    public struct Omission: Error, Sendable, Hashable {
        public var dealID: String
        public var reason: String
    }

    public var reporter: IATIReportingOrganisation
    /// The moment written as `generated-datetime`.
    public var generatedAt: Date
    /// Today, to tell a running deal from one whose term has passed.
    public var today: CalendarDate
    /// CBS region names by code (`GM0363` → Amsterdam), for the locations.
    public var regionNames: [String: String]

    public init(
        reporter: IATIReportingOrganisation, generatedAt: Date, today: CalendarDate, regionNames: [String: String] = [:]
    ) {
        self.reporter = reporter
        self.generatedAt = generatedAt
        self.today = today
        self.regionNames = regionNames
    }

    /// The file and the deals it leaves out.
    public struct Document: Sendable {
        public var xml: String
        public var activityCount: Int
        public var omitted: [Omission]
    }

    /// The `iati-activities` file of `sources`, in their order; a deal that cannot be valid
    /// IATI is left out and named in a comment at the top and in ``Document/omitted``.
    public func document(_ sources: [IATIActivitySource]) -> Document {
        var activities: [XMLElement] = []
        var omitted: [Omission] = []
        for source in sources {
            switch activity(source) {
            case .success(let element): activities.append(element)
            case .failure(let omission): omitted.append(omission)
            }
        }
        let root = Self.element(
            "iati-activities",
            ["version": Self.version, "generated-datetime": Self.dateTime(generatedAt)])
        var comment =
            " IATI \(Self.version), geschreven door Vliegwiel (docs/iati.md). Publicerende organisatie: \(reporter.identifier)"
        if reporter.identifier == IATIReportingOrganisation.placeholderIdentifier {
            comment +=
                " (voorlopige id: stel de eigen IATI-organisatie-id in met de optie iati-organisatie van vliegwiel start of exporteer)"
        }
        comment += ". "
        if !omitted.isEmpty {
            comment +=
                "Weggelaten omdat IATI een gegeven vereist dat de gegevens niet hebben: "
                + omitted.map { "\($0.dealID) (\($0.reason))" }.joined(separator: "; ") + ". "
        }
        root.addChild(XMLNode.comment(withStringValue: Self.commentSafe(comment)) as! XMLNode)
        for activity in activities { root.addChild(activity) }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return Document(
            xml: document.xmlString(options: [.nodePrettyPrint]) + "\n", activityCount: activities.count,
            omitted: omitted)
    }

    /// The reason a deal is left out, or `nil` when it makes a valid activity.
    public func omission(_ source: IATIActivitySource) -> Omission? {
        if case .failure(let omission) = activity(source) { return omission }
        return nil
    }

    // MARK: The activity

    func activity(_ source: IATIActivitySource) -> Result<XMLElement, Omission> {
        let record = source.record
        let deal = record.deal
        if let omission = Self.omission(of: record) { return .failure(omission) }
        guard let signed = deal.closedOn else { preconditionFailure("omission(of:) checks the signing day") }
        let organisations = participatingOrganisations(record.partners)
        let activity = Self.element(
            "iati-activity", ["xml:lang": "nl", "default-currency": "EUR", "hierarchy": "1"])
        activity.addChild(Self.element("iati-identifier", text: activityIdentifier(deal.id)))
        let reporting = Self.element("reporting-org", ["ref": reporter.identifier, "type": reporter.type])
        reporting.addChild(Self.narrative(reporter.name))
        activity.addChild(reporting)
        activity.addChild(Self.textElement("title", title(source)))
        for (type, text) in descriptions(source) {
            activity.addChild(Self.textElement("description", text, ["type": type]))
        }
        for organisation in organisations { activity.addChild(organisation) }
        activity.addChild(Self.element("activity-status", ["code": status(source)]))
        let date = Self.element("activity-date", ["type": "2", "iso-date": signed.iso])
        date.addChild(Self.narrative("Ondertekening van de deal (het convenant)."))
        activity.addChild(date)
        for location in locations(source) { activity.addChild(location) }
        for line in record.programmeLines {
            // A programme line is a theme of the deal; IATI's result needs an indicator, which
            // Vliegwiel keeps per deal and not per line (docs/iati.md).
            let tag = Self.element("tag", ["vocabulary": "99", "code": line.id])
            tag.addChild(Self.narrative("Programmalijn: \(line.name)"))
            activity.addChild(tag)
        }
        for budget in budgets(record) { activity.addChild(budget) }
        for transaction in transactions(record) { activity.addChild(transaction) }
        for link in documentLinks(source) { activity.addChild(link) }
        for result in results(source) { activity.addChild(result) }
        return .success(activity)
    }

    /// `<reporting-org ref>-<deal id>`: the IATI rule for an activity identifier.
    public func activityIdentifier(_ dealID: String) -> String { "\(reporter.identifier)-\(dealID)" }

    func title(_ source: IATIActivitySource) -> String {
        let name = source.arrangement?.name ?? "Regio Deal \(source.record.deal.name)"
        return source.record.deal.isFictional ? "FICTIEF VOORBEELD — \(name)" : name
    }

    /// IATI DescriptionType codes: 1 general, 2 objectives, 3 other.
    func descriptions(_ source: IATIActivitySource) -> [(String, String)] {
        let deal = source.record.deal
        var general: [String] = []
        if deal.isFictional {
            general.append(
                "Fictief voorbeeld: deze deal bestaat niet; organisaties, bedragen, data en indicatoren zijn verzonnen om Vliegwiel te laten zien."
            )
        }
        general.append(
            deal.isFictional ? "Regio Deal \(deal.name)." : "Regio Deal \(deal.name), tranche \(deal.tranche).")
        if let summary = source.arrangement?.summary, !summary.isEmpty { general.append(summary) }
        var result = [("1", general.joined(separator: " "))]
        for goal in source.curated?.goals ?? [] { result.append(("2", "\(goal.text) (bron: \(goal.address))")) }
        if let term = source.curated?.term {
            let years = [term.from.map { "van \($0)" }, term.to.map { "tot \($0)" }].compactMap { $0 }
            result.append(
                (
                    "3",
                    "Looptijd volgens de bron: \(years.joined(separator: " ")) (bron: \(term.address)). IATI kent alleen hele dagen; het jaar staat daarom hier en niet als activity-date."
                ))
        }
        if let continuation = source.curated?.continues {
            result.append(
                (
                    "3",
                    "Voortzetting van \(continuation.dealID) (activiteit \(activityIdentifier(continuation.dealID))): “\(continuation.quote)” (bron: \(continuation.address))."
                ))
        }
        return result
    }

    /// IATI ActivityStatus: 2 implementation while the term lasts, 3 finalisation once the
    /// last year of the term a source gives has passed (whether it was closed financially is
    /// not known).
    func status(_ source: IATIActivitySource) -> String {
        if let end = source.curated?.term?.to, end < today.year { return "3" }
        return "2"
    }

    // MARK: Organisations

    /// IATI OrganisationRole for a partner role; `nil` for a role IATI does not have.
    static func role(_ role: PartnerRole) -> String? {
        switch role {
        case .funder: "1"
        case .covenantPartner, .applicant, .lead: "2"
        case .regionalTreasurer: "3"
        case .implementer: "4"
        case .knowledgePartner, .dealmaker, .supporter, .involved: nil
        }
    }

    /// IATI OrganisationType for an organisation type.
    static func organisationType(_ type: OrganisationType) -> String {
        switch type {
        case .ministry: "10"
        case .province, .municipality, .waterBoard, .jointArrangement: "11"
        case .societalOrganisation: "22"
        case .company: "70"
        case .knowledgeInstitution, .educationalInstitution: "80"
        case .residentsInitiative, .other: "90"
        }
    }

    /// Why `record` cannot be written as a valid IATI activity, or `nil` when it can: the page of
    /// a deal offers the IATI file only then.
    public static func omission(of record: DealRecord) -> Omission? {
        if record.deal.closedOn == nil {
            return Omission(
                dealID: record.deal.id,
                reason: "geen dag van ondertekening bekend; IATI vereist een activity-date met een volledige datum")
        }
        if !record.partners.contains(where: { !$0.roles.compactMap(Self.role).isEmpty }) {
            return Omission(
                dealID: record.deal.id, reason: "geen partner met een rol die IATI kent (financier, uitvoerder, …)")
        }
        return nil
    }

    func participatingOrganisations(_ partners: [Partner]) -> [XMLElement] {
        var result: [XMLElement] = []
        for partner in partners {
            var roles: [String] = []
            for role in partner.roles.compactMap(Self.role) where !roles.contains(role) { roles.append(role) }
            for role in roles {
                let element = Self.element(
                    "participating-org", ["role": role, "type": Self.organisationType(partner.type)])
                element.addChild(Self.narrative(partner.organisation))
                result.append(element)
            }
        }
        return result
    }

    // MARK: Places

    func locations(_ source: IATIActivitySource) -> [XMLElement] {
        var codes = source.curated?.region?.codes ?? []
        for region in source.indicators?.regions ?? [] where !codes.contains(region.code) { codes.append(region.code) }
        return codes.map { code in
            let location = Self.element("location", ["ref": code])
            location.addChild(Self.element("location-reach", ["code": "1"]))
            if let name = regionNames[code] { location.addChild(Self.textElement("name", name)) }
            let kind = RegionCode(code).map { $0.kind.rawValue } ?? "gebied"
            location.addChild(
                Self.textElement(
                    "description",
                    RegionCode(code)?.isFictional == true
                        ? "Fictieve regiocode \(code) van het demovoorbeeld; bestaat niet bij het CBS."
                        : "CBS-gebiedscode \(code) (\(kind), gebiedsindeling 2025)."))
            location.addChild(Self.element("location-class", ["code": "1"]))
            return location
        }
    }

    // MARK: Money

    /// One budget per year: the money (not in kind) the partners promised for that year.
    func budgets(_ record: DealRecord) -> [XMLElement] {
        var perYear: [Int: EuroCents] = [:]
        for line in record.financeLines where line.kind == .commitment && line.form == .money {
            perYear[line.year, default: .zero] += line.amount
        }
        return perYear.keys.sorted().compactMap { year in
            guard let start = CalendarDate(year: year, month: 1, day: 1),
                let end = CalendarDate(year: year, month: 12, day: 31)
            else { return nil }
            let budget = Self.element("budget", ["type": "1", "status": "2"])
            budget.addChild(Self.element("period-start", ["iso-date": start.iso]))
            budget.addChild(Self.element("period-end", ["iso-date": end.iso]))
            budget.addChild(Self.element("value", ["value-date": start.iso], text: Self.euros(perYear[year]!)))
            return budget
        }
    }

    /// The finance lines with a day: a promise as an incoming commitment (11), a realisation
    /// as expenditure (4), the partner as provider. A real deal's Rijk contribution from its
    /// source, when no finance line of a ministry holds it, as an incoming commitment on the
    /// day of signing.
    func transactions(_ record: DealRecord) -> [XMLElement] {
        var result: [XMLElement] = []
        func transaction(
            _ type: String, _ date: CalendarDate, _ amount: EuroCents, _ description: String?,
            provider: (name: String, type: String)?
        ) {
            let element = Self.element("transaction")
            element.addChild(Self.element("transaction-type", ["code": type]))
            element.addChild(Self.element("transaction-date", ["iso-date": date.iso]))
            element.addChild(Self.element("value", ["value-date": date.iso], text: Self.euros(amount)))
            if let description, !description.isEmpty { element.addChild(Self.textElement("description", description)) }
            if let provider {
                let org = Self.element("provider-org", ["type": provider.type])
                org.addChild(Self.narrative(provider.name))
                element.addChild(org)
            }
            result.append(element)
        }
        for line in record.financeLines where line.form == .money {
            guard let date = line.date else { continue }
            let partner = record.partner(line.partnerID)
            transaction(
                line.kind == .commitment ? "11" : "4", date, line.amount, line.description,
                provider: partner.map { (name: $0.organisation, type: Self.organisationType($0.type)) })
        }
        let rijkLines = record.financeLines.filter { record.partner($0.partnerID)?.type.isRijk == true }
        if rijkLines.isEmpty, !record.deal.isFictional, let amount = record.deal.rijkContribution,
            let signed = record.deal.closedOn
        {
            transaction(
                "11", signed, amount,
                "Rijksbijdrage volgens de bron, gedateerd op de ondertekening van de deal: \(record.deal.source)",
                provider: ("Rijksoverheid", "10"))
        }
        return result
    }

    // MARK: Sources

    /// Every source address of the deal with the first words quoted from it.
    func documentLinks(_ source: IATIActivitySource) -> [XMLElement] {
        var order: [String] = []
        var quotes: [String: String] = [:]
        func add(_ address: String, _ quote: String?) {
            guard address.hasPrefix("https://") || address.hasPrefix("http://") else { return }
            if quotes[address] == nil {
                order.append(address)
                quotes[address] = ""
            }
            if quotes[address]!.isEmpty, let quote, !quote.isEmpty { quotes[address] = quote }
        }
        if let curated = source.curated {
            if let name = curated.officialName { add(name.address, name.quote) }
            if let signed = curated.signed { add(signed.address, signed.quote) }
            if let term = curated.term { add(term.address, term.quote) }
            for amount in curated.rijkContributions { add(amount.address, amount.quote) }
            if let total = curated.totalInvestment { add(total.address, total.quote) }
            if let region = curated.region { add(region.address, region.quote) }
            for party in curated.parties { add(party.address, party.quote) }
            for goal in curated.goals { add(goal.address, goal.quote) }
            for line in curated.programmeLines { add(line.address, line.quote) }
            if let continuation = curated.continues { add(continuation.address, continuation.quote) }
            for address in curated.addresses { add(address, nil) }
        }
        let record = source.record
        for text in [record.deal.source] + record.partners.compactMap(\.source)
            + record.financeLines.compactMap(\.source)
        {
            if let quote = SourceQuote(text: text) { add(quote.address, quote.quote) }
        }
        return order.map { address in
            let link = Self.element(
                "document-link",
                ["url": address, "format": address.lowercased().hasSuffix(".pdf") ? "application/pdf" : "text/html"])
            link.addChild(Self.textElement("title", "Openbare bron: \(URL(string: address)?.host ?? address)"))
            if let quote = quotes[address], !quote.isEmpty {
                link.addChild(Self.textElement("description", "“\(quote)”"))
            }
            link.addChild(Self.element("category", ["code": "A12"]))
            return link
        }
    }

    // MARK: Results

    /// One result per programme indicator: its baseline and, per period, target and actual.
    func results(_ source: IATIActivitySource) -> [XMLElement] {
        guard let indicators = source.indicators else { return [] }
        return indicators.programme.map { indicator in
            let result = Self.element("result", ["type": "9"])
            result.addChild(Self.textElement("title", indicator.name))
            let element = Self.element(
                "indicator",
                [
                    "measure": indicator.unit.trimmingCharacters(in: .whitespaces) == "%" ? "2" : "1",
                    "ascending": indicator.direction == .higherIsBetter ? "1" : "0",
                ])
            element.addChild(Self.textElement("title", indicator.name))
            element.addChild(
                Self.textElement(
                    "description",
                    "Eenheid: \(indicator.unit). Bron van de waarden: \(indicator.source). Gewenste richting: \(indicator.direction.label)."
                ))
            let baseline = Self.element(
                "baseline",
                ["year": String(indicator.baseline.period.year), "value": Self.number(indicator.baseline.value)])
            if indicator.baseline.period.part != .year {
                baseline.addChild(
                    Self.textElement("comment", "Periode van de nulmeting: \(indicator.baseline.period.label)."))
            }
            element.addChild(baseline)
            let periods = Set(indicator.targets.map(\.period) + indicator.actuals.map(\.period)).sorted()
            for period in periods {
                guard let (start, end) = Self.bounds(period) else { continue }
                let node = Self.element("period")
                node.addChild(Self.element("period-start", ["iso-date": start.iso]))
                node.addChild(Self.element("period-end", ["iso-date": end.iso]))
                for target in indicator.targets where target.period == period {
                    node.addChild(Self.element("target", ["value": Self.number(target.value)]))
                }
                for actual in indicator.actuals where actual.period == period {
                    node.addChild(Self.element("actual", ["value": Self.number(actual.value)]))
                }
                element.addChild(node)
            }
            result.addChild(element)
            return result
        }
    }

    /// The first and last day of a period: a year, a quarter or a month, exactly.
    static func bounds(_ period: IndicatorPeriod) -> (CalendarDate, CalendarDate)? {
        let (first, last): (Int, Int) =
            switch period.part {
            case .year: (1, 12)
            case .quarter(let quarter): (quarter * 3 - 2, quarter * 3)
            case .month(let month): (month, month)
            }
        guard let start = CalendarDate(year: period.year, month: first, day: 1) else { return nil }
        let end = [31, 30, 29, 28].lazy.compactMap { CalendarDate(year: period.year, month: last, day: $0) }.first
        return end.map { (start, $0) }
    }

    // MARK: Values

    /// Cents as a decimal number of euros with two decimals: `1500000.00`.
    static func euros(_ amount: EuroCents) -> String {
        let magnitude = amount.cents.magnitude
        let rest = magnitude % 100
        return (amount.cents < 0 ? "-" : "") + "\(magnitude / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
    }

    /// A measured value without a needless `.0`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A comment may not hold `--` nor end in `-`.
    static func commentSafe(_ text: String) -> String {
        var result = text
        while result.contains("--") { result = result.replacingOccurrences(of: "--", with: "-") }
        return result
    }

    // MARK: Tree building

    static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil)
        -> XMLElement
    {
        let element = XMLElement(name: name)
        for (key, value) in attributes {
            element.addAttribute(XMLNode.attribute(withName: key, stringValue: value) as! XMLNode)
        }
        if let text { element.addChild(XMLNode.text(withStringValue: text) as! XMLNode) }
        return element
    }

    static func narrative(_ text: String) -> XMLElement { element("narrative", text: text) }

    /// An element holding one narrative.
    static func textElement(_ name: String, _ text: String, _ attributes: KeyValuePairs<String, String> = [:])
        -> XMLElement
    {
        let node = element(name, attributes)
        node.addChild(narrative(text))
        return node
    }
}
