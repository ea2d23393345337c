/// The essay's three elements of interbestuurlijk resultaatgericht samenwerken (§1.3).
public enum ProfileElement: String, Vocabulary, Comparable {
    case intergovernmental = "interbestuurlijk"
    case resultOrientation = "resultaatgericht"
    case collaboration = "samenwerkend"

    public var label: String {
        switch self {
        case .intergovernmental: "Interbestuurlijk"
        case .resultOrientation: "Resultaatgericht"
        case .collaboration: "Samenwerkend"
        }
    }

    /// The question the element answers (§1.3).
    public var question: String {
        switch self {
        case .intergovernmental: "Wie doet mee?"
        case .resultOrientation: "Wat geldt als resultaat?"
        case .collaboration: "Hoe werken de partijen samen?"
        }
    }

    /// The essay's chapter on the element.
    public var chapter: String {
        switch self {
        case .intergovernmental: "§2"
        case .resultOrientation: "§3"
        case .collaboration: "§4"
        }
    }

    /// The essay's order: interbestuurlijk → resultaatgericht → samenwerkend (§1.4).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What one dimension of a profile holds, in codes and wording, whatever its value type.
public struct DimensionReading: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var code: String
        public var label: String
        public var quote: String
        public var citation: String
        public var note: String?
        public var status: CodingStatus?

        /// Whether the value is an exception to the rule (see ``CodingNote``).
        public var isException: Bool { CodingNote.marksException(note) }
    }

    public var entries: [Entry]
    /// The reason the source gives nothing, when the dimension is not stated.
    public var notStatedReason: String?

    public var codes: [String] { entries.map(\.code) }
    public var isStated: Bool { notStatedReason == nil }
}

/// One dimension of the profile, described for generic use: listing, comparison,
/// validation, forms and what-if all go through this table.
public struct ProfileDimension: Sendable, Identifiable, Hashable {
    /// The path below `profiel` in files and the API, e.g. `samenwerkend.rolRijk`.
    public let id: String
    public let element: ProfileElement
    /// The Dutch label in the interface.
    public let label: String
    /// The allowed codes, or the format, for messages.
    public let allowedCodes: String
    /// The closed list of codes with their labels, `nil` for a free format (looptijd, percentage).
    public let vocabulary: [(code: String, label: String)]?

    private let reader: @Sendable (Profile) -> DimensionReading
    private let codeReader: @Sendable (Profile) -> [String]?
    private let writer: @Sendable (inout Profile, [String], String, String) -> [String]
    private let unstater: @Sendable (inout Profile, String) -> Void
    private let copier: @Sendable (inout Profile, Profile, @Sendable (String?) -> String?, CodingStatus?) -> Void

    init<Value: DimensionValue>(
        _ id: String, _ element: ProfileElement, _ label: String,
        _ keyPath: any WritableKeyPath<Profile, Dimension<Value>> & Sendable,
        vocabulary: [(code: String, label: String)]? = nil
    ) {
        self.id = id
        self.element = element
        self.label = label
        self.allowedCodes = Value.allowedCodes
        self.vocabulary = vocabulary
        reader = { profile in
            switch profile[keyPath: keyPath] {
            case .notStated(let reason):
                DimensionReading(entries: [], notStatedReason: reason)
            case .stated(let codings):
                DimensionReading(
                    entries: codings.map {
                        .init(
                            code: $0.value.code, label: $0.value.label, quote: $0.quote, citation: $0.citation,
                            note: $0.note, status: $0.status)
                    }, notStatedReason: nil)
            }
        }
        codeReader = { profile in
            switch profile[keyPath: keyPath] {
            case .notStated: nil
            case .stated(let codings): codings.map(\.value.code)
            }
        }
        copier = { target, source, note, status in
            switch source[keyPath: keyPath] {
            case .notStated(let reason): target[keyPath: keyPath] = .notStated(reason: reason)
            case .stated(let codings):
                target[keyPath: keyPath] = .stated(
                    codings.map {
                        Coded(
                            $0.value, quote: $0.quote, citation: $0.citation, note: note($0.note),
                            status: status ?? $0.status)
                    })
            }
        }
        writer = { profile, codes, quote, citation in
            var codings: [Coded<Value>] = []
            var unknown: [String] = []
            for code in codes {
                if let value = Value(code: code) {
                    if !codings.contains(where: { $0.value == value }) {
                        codings.append(Coded(value, quote: quote, citation: citation))
                    }
                } else {
                    unknown.append(code)
                }
            }
            if unknown.isEmpty { profile[keyPath: keyPath] = .stated(codings) }
            return unknown
        }
        unstater = { profile, reason in profile[keyPath: keyPath] = .notStated(reason: reason) }
    }

    init<Value: Vocabulary>(
        _ id: String, _ element: ProfileElement, _ label: String,
        _ keyPath: any WritableKeyPath<Profile, Dimension<Value>> & Sendable
    ) {
        self.init(id, element, label, keyPath, vocabulary: Value.allCases.map { ($0.code, $0.label) })
    }

    /// The dimension's content in `profile`.
    public func reading(of profile: Profile) -> DimensionReading { reader(profile) }

    /// Just the codes in `profile`, `nil` when not stated: the cheap read for computations.
    public func codes(in profile: Profile) -> [String]? { codeReader(profile) }

    /// `profile` with this dimension set to `codes`, each carrying `quote` and `citation`.
    /// - Throws: ``ValidationFailure`` naming every unknown code and the allowed codes.
    public func setting(
        _ codes: [String], in profile: Profile, quote: String, citation: String
    ) throws(ValidationFailure) -> Profile {
        guard !codes.isEmpty else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: id, message: "kies ten minste één waarde; toegestaan: \(allowedCodes)")
            ])
        }
        var result = profile
        let unknown = writer(&result, codes, quote, citation)
        guard unknown.isEmpty else {
            throw ValidationFailure(
                issues: unknown.map {
                    ValidationIssue(field: id, message: "onbekende waarde '\($0)'; toegestaan: \(allowedCodes)")
                })
        }
        return result
    }

    /// `target` with this dimension as `source` has it, each value's note rewritten by `note`
    /// and its status replaced by `status` when given.
    public func copying(
        from source: Profile, into target: Profile, note: @escaping @Sendable (String?) -> String? = { $0 },
        status: CodingStatus? = nil
    ) -> Profile {
        var result = target
        copier(&result, source, note, status)
        return result
    }

    /// `profile` with this dimension marked as not stated, for `reason`.
    public func unstating(in profile: Profile, reason: String) -> Profile {
        var result = profile
        unstater(&result, reason)
        return result
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

extension ProfileDimension {
    /// Every dimension of the profile, element by element in the essay's order (framework §2).
    public static let all: [ProfileDimension] = [
        .init("interbestuurlijk.bestuurslagen.rijk", .intergovernmental, "Rijk", \.intergovernmental.rijk),
        .init(
            "interbestuurlijk.bestuurslagen.provincie", .intergovernmental, "Provincie", \.intergovernmental.province),
        .init(
            "interbestuurlijk.bestuurslagen.gemeente", .intergovernmental, "Gemeente",
            \.intergovernmental.municipality),
        .init(
            "interbestuurlijk.bestuurslagen.waterschap", .intergovernmental, "Waterschap",
            \.intergovernmental.waterBoard),
        .init("interbestuurlijk.ministeries", .intergovernmental, "Aantal ministeries", \.intergovernmental.ministries),
        .init(
            "interbestuurlijk.maatschappelijkePartijen.diversiteit", .intergovernmental,
            "Diversiteit maatschappelijke partijen", \.intergovernmental.partyDiversity),
        .init(
            "interbestuurlijk.maatschappelijkePartijen.nadruk", .intergovernmental,
            "Nadruk publiek of privaat", \.intergovernmental.sectorEmphasis),
        .init(
            "interbestuurlijk.maatschappelijkePartijen.inwoners", .intergovernmental, "Inwoners",
            \.intergovernmental.residents),
        .init(
            "interbestuurlijk.kennisinstellingen", .intergovernmental, "Wetenschap en kennisinstellingen",
            \.intergovernmental.knowledgeInstitutions),

        .init("resultaatgericht.doel", .resultOrientation, "Bewoording van het doel", \.resultOrientation.goal),
        .init(
            "resultaatgericht.looptijd", .resultOrientation, "Beoogde looptijd", \.resultOrientation.term,
            vocabulary: nil),
        .init("resultaatgericht.afronding", .resultOrientation, "Afronding", \.resultOrientation.completion),
        .init(
            "resultaatgericht.horizonInstrument", .resultOrientation, "Horizon van het instrument",
            \.resultOrientation.instrumentHorizon),
        .init(
            "resultaatgericht.horizonEffect", .resultOrientation, "Horizon van het beoogde effect",
            \.resultOrientation.effectHorizon),
        .init("resultaatgericht.rijksgeld", .resultOrientation, "Geld van het Rijk", \.resultOrientation.rijkFunding),
        .init(
            "resultaatgericht.cofinanciering", .resultOrientation, "Cofinanciering", \.resultOrientation.cofinancing),
        .init(
            "resultaatgericht.maximumAandeelRijk", .resultOrientation, "Maximum aandeel van het Rijk",
            \.resultOrientation.maximumRijkShare, vocabulary: nil),
        .init(
            "resultaatgericht.resultaatbegrip", .resultOrientation, "Resultaatbegrip",
            \.resultOrientation.resultConcept),
        .init(
            "resultaatgericht.doelbepaling", .resultOrientation, "Wie bepaalt de beoogde resultaten",
            \.resultOrientation.targetSetting),
        .init("resultaatgericht.monitoring", .resultOrientation, "Monitoring", \.resultOrientation.monitoring),
        .init(
            "resultaatgericht.openbaarheid", .resultOrientation, "Resultaten openbaar gedeeld",
            \.resultOrientation.publicity),
        .init(
            "resultaatgericht.aardOpgave", .resultOrientation, "Aard van de opgave",
            \.resultOrientation.natureOfTask),
        .init(
            "resultaatgericht.resultaatverantwoordelijke", .resultOrientation, "Resultaatverantwoordelijke",
            \.resultOrientation.resultResponsibility),
        .init("resultaatgericht.aanpak", .resultOrientation, "Aanpak", \.resultOrientation.approach),

        .init(
            "samenwerkend.samenstelling", .collaboration, "Samenstelling partijen", \.collaboration.composition),
        .init(
            "samenwerkend.initiatiefInstrument", .collaboration, "Initiatief voor het instrument",
            \.collaboration.instrumentInitiative),
        .init(
            "samenwerkend.initiatiefVoorstel", .collaboration, "Initiatief voor het voorstel",
            \.collaboration.proposalInitiative),
        .init("samenwerkend.rolRijk", .collaboration, "Rol van het Rijk", \.collaboration.rijkRoles),
        .init("samenwerkend.dealmaker", .collaboration, "Dealmaker van het Rijk", \.collaboration.dealmaker),
        .init(
            "samenwerkend.deelnameVerplicht", .collaboration, "Deelname verplicht",
            \.collaboration.mandatoryParticipation),
        .init(
            "samenwerkend.voorzetsel", .collaboration, "Samenwerken met of voor de regio",
            \.collaboration.preposition),
        .init(
            "samenwerkend.organisatievorm", .collaboration, "Organisatievorm en grondslag",
            \.collaboration.organisationForm),
    ]

    /// The dimensions of one element.
    public static func of(_ element: ProfileElement) -> [ProfileDimension] {
        all.filter { $0.element == element }
    }

    /// Finds a dimension by its full path (`samenwerkend.rolRijk`) or, when unambiguous, by
    /// the last segments of it (`rolRijk`, `bestuurslagen.rijk`).
    public static func named(_ name: String) -> ProfileDimension? {
        if let exact = all.first(where: { $0.id == name }) { return exact }
        let matches = all.filter { $0.id.hasSuffix("." + name) }
        return matches.count == 1 ? matches[0] : nil
    }
}

extension Profile {
    /// How many of the profile's dimensions are stated; 0 means there is no profile to analyse.
    public var statedDimensionCount: Int {
        ProfileDimension.all.filter { $0.codes(in: self) != nil }.count
    }

    /// Whether any dimension is stated: ``statedDimensionCount`` above zero, stopping at the
    /// first (a page asks it on every request after a change; issue 14, the miss path).
    public var hasStatedDimension: Bool {
        ProfileDimension.all.contains { $0.codes(in: self) != nil }
    }
}
