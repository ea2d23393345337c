/// The essay's scheme of the instrument's horizon against the intended effect's horizon,
/// each cell with its opportunity and risk in the essay's words (§5.3).
public struct TemporalCell: Sendable, Hashable, Encodable {
    public var instrument: Horizon
    public var effect: Horizon
    public var opportunity: String
    public var risk: String
    public var citation: String

    enum CodingKeys: String, CodingKey {
        case instrument = "instrument"
        case effect = "effect"
        case opportunity = "kans"
        case risk = "risico"
        case citation = "bron"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument.code, forKey: .instrument)
        try container.encode(effect.code, forKey: .effect)
        try container.encode(opportunity, forKey: .opportunity)
        try container.encode(risk, forKey: .risk)
        try container.encode(citation, forKey: .citation)
    }

    /// The four cells, quoted from the essay's scheme.
    public static let all: [TemporalCell] = [
        TemporalCell(
            instrument: .structural, effect: .structural,
            opportunity: "van structurele interventie blijven impulsen uitgaan die effecten teweeg brengen.",
            risk: "indutten van de samenwerking, want het Rijk betaalt toch wel en het gaat toch zo goed.",
            citation: "§5.3, schema"),
        TemporalCell(
            instrument: .temporary, effect: .structural,
            opportunity:
                "met steeds opnieuw tijdelijke interventies blijvende veranderingen teweeg brengen, eenvoudig aanpasbaar aan regionale ontwikkelingen.",
            risk: "aaneenrijgen van interventies, reorganisatiemoeheid, onrust en vertraging.", citation: "§5.3, schema"
        ),
        TemporalCell(
            instrument: .structural, effect: .temporary,
            opportunity:
                "door structurele inspanningen zo nu en dan succesvol zijn in het realiseren van moeilijke bereikbare effecten.",
            risk: "geringe doelmatigheid en afhankelijkheid van de impuls en dus van het Rijk.",
            citation: "§5.3, schema"),
        TemporalCell(
            instrument: .temporary, effect: .temporary,
            opportunity: "periodiek of wanneer het nodig is impulsen geven.",
            risk: "druppel op een gloeiende plaat, effect is verdampt zodra de interventie eindigt.",
            citation: "§5.3, schema"),
    ]

    public static func cell(instrument: Horizon, effect: Horizon) -> TemporalCell {
        all.first { $0.instrument == instrument && $0.effect == effect }!
    }
}

/// Where a profile stands in the temporal matrix. When a horizon is not stated or holds
/// both values, every cell it could be in is given and the position says what is missing.
public struct TemporalPosition: Sendable, Hashable, Encodable {
    /// The cells the profile can be in: one when both horizons are stated with one value.
    public var cells: [TemporalCell]
    /// What keeps the position open, in Dutch; `nil` when it is one cell.
    public var openQuestion: String?
    /// The matrix's own conclusion, shown with it wherever it is shown.
    public var conclusion: String { Self.conclusion }
    public var conclusionCitation: String { Self.conclusionCitation }

    /// The essay's conclusion from the matrix, verbatim (§5.3).
    public static let conclusion =
        "Dit schema laat zien dat het introduceren van structurele interventies, het permanent maken van interventies, niet per se hoeft te leiden tot meer structurele maatschappelijke verandering."
    public static let conclusionCitation = "§5.3"

    enum CodingKeys: String, CodingKey {
        case cells = "cellen"
        case openQuestion = "openVraag"
        case conclusion = "conclusie"
        case conclusionCitation = "conclusieBron"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cells, forKey: .cells)
        try container.encodeIfPresent(openQuestion, forKey: .openQuestion)
        try container.encode(conclusion, forKey: .conclusion)
        try container.encode(conclusionCitation, forKey: .conclusionCitation)
    }

    public var cell: TemporalCell? { cells.count == 1 ? cells[0] : nil }

    public init(_ profile: Profile) {
        let instrument = profile.resultOrientation.instrumentHorizon.values
        let effect = profile.resultOrientation.effectHorizon.values
        let instruments = instrument.isEmpty ? Horizon.allCases : instrument
        let effects = effect.isEmpty ? Horizon.allCases : effect
        cells = TemporalCell.all.filter { instruments.contains($0.instrument) && effects.contains($0.effect) }
        var missing: [String] = []
        if instrument.count != 1 {
            missing.append(
                instrument.isEmpty
                    ? "de horizon van het instrument is niet vastgelegd"
                    : "het instrument is zowel tijdelijk als structureel")
        }
        if effect.count != 1 {
            missing.append(
                effect.isEmpty
                    ? "de horizon van het beoogde effect is niet vastgelegd"
                    : "het beoogde effect is zowel tijdelijk als structureel")
        }
        openQuestion =
            missing.isEmpty
            ? nil
            : missing.joined(separator: " en ")
                + "; maak deze keuze expliciet, want de horizon van het instrument hoeft niet gelijk te zijn aan die van het effect (§5.3)."
    }
}
