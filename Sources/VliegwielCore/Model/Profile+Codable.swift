import Foundation

// The interchange form of arrangements and profiles: Dutch keys, as documented in
// docs/catalogusformaat.md. Decoding reports every vocabulary problem when a
// DecodingIssueCollector is passed (see ValidationIssue.swift).

private struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Coded: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(value.code, forKey: FieldKey("waarde"))
        try container.encode(quote, forKey: FieldKey("citaat"))
        try container.encode(citation, forKey: FieldKey("bron"))
        try container.encodeIfPresent(note, forKey: FieldKey("toelichting"))
        try container.encodeIfPresent(status?.code, forKey: FieldKey("status"))
    }
}

/// Decodes one coded value; an unknown code is reported, not thrown, so that decoding goes on.
private struct LenientCoded<Value: DimensionValue>: Decodable {
    var coded: Coded<Value>?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        try container.rejectUnknownKeys(
            allowed: ["waarde", "citaat", "bron", "toelichting", "status"], decoder: decoder)
        let quote = try container.decodeIfPresent(String.self, forKey: FieldKey("citaat")) ?? ""
        let citation = try container.decodeIfPresent(String.self, forKey: FieldKey("bron")) ?? ""
        let note = try container.decodeIfPresent(String.self, forKey: FieldKey("toelichting"))
        var status: CodingStatus?
        if let code = try container.decodeIfPresent(String.self, forKey: FieldKey("status")) {
            status = CodingStatus(code: code)
            if status == nil {
                try decoder.report(
                    "onbekende status '\(code)'; toegestaan: \(CodingStatus.allowedCodes)",
                    at: decoder.codingPath + [FieldKey("status")])
            }
        }
        guard let code = try container.decodeIfPresent(String.self, forKey: FieldKey("waarde")) else {
            try decoder.report(
                "waarde ontbreekt; toegestaan: \(Value.allowedCodes)",
                at: decoder.codingPath + [FieldKey("waarde")])
            return
        }
        guard let value = Value(code: code) else {
            try decoder.report(
                "onbekende waarde '\(code)'; toegestaan: \(Value.allowedCodes)",
                at: decoder.codingPath + [FieldKey("waarde")])
            return
        }
        coded = Coded(value, quote: quote, citation: citation, note: note, status: status)
    }
}

extension Dimension: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        try container.rejectUnknownKeys(allowed: ["waarden", "nietVermeld"], decoder: decoder)
        let hasValues = container.contains(FieldKey("waarden"))
        let hasReason = container.contains(FieldKey("nietVermeld"))
        if hasValues == hasReason {
            try decoder.report(
                hasValues
                    ? "geef óf 'waarden' óf 'nietVermeld', niet allebei"
                    : "geef 'waarden' (gecodeerde waarden met citaat en bron) of 'nietVermeld' (met de reden)",
                at: decoder.codingPath)
        }
        guard hasValues else {
            self = .notStated(reason: try container.decodeIfPresent(String.self, forKey: FieldKey("nietVermeld")) ?? "")
            return
        }
        var list = try container.nestedUnkeyedContainer(forKey: FieldKey("waarden"))
        var codings: [Coded<Value>] = []
        while !list.isAtEnd {
            if let coded = try list.decode(LenientCoded<Value>.self).coded { codings.append(coded) }
        }
        self = .stated(codings)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        switch self {
        case .stated(let codings): try container.encode(codings, forKey: FieldKey("waarden"))
        case .notStated(let reason): try container.encode(reason, forKey: FieldKey("nietVermeld"))
        }
    }
}

extension KeyedDecodingContainer where K == FieldKey {
    /// A dimension that must be present; its absence is reported with its path.
    fileprivate func dimension<Value>(_ name: String, _ decoder: any Decoder) throws -> Dimension<Value> {
        guard contains(FieldKey(name)) else {
            try decoder.report(
                "ontbreekt; geef 'waarden' of 'nietVermeld'", at: codingPath + [FieldKey(name)])
            return .notStated(reason: "")
        }
        return try decode(Dimension<Value>.self, forKey: FieldKey(name))
    }

    /// A lens added after profiles were first stored (issue 12): absent in an older document or
    /// export, it reads as not stated with ``Lens/notYetCoded``, so that nothing older fails to load.
    fileprivate func lens<Value>(_ name: String) throws -> Dimension<Value> {
        guard contains(FieldKey(name)) else { return .notStated(reason: Lens.notYetCoded) }
        return try decode(Dimension<Value>.self, forKey: FieldKey(name))
    }

    /// A nested group (`bestuurslagen`); an absent group is reported once.
    fileprivate func group(_ name: String, _ decoder: any Decoder) throws -> KeyedDecodingContainer<FieldKey>? {
        guard contains(FieldKey(name)) else {
            try decoder.report("ontbreekt", at: codingPath + [FieldKey(name)])
            return nil
        }
        return try nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey(name))
    }

    fileprivate func rejectUnknownKeys(allowed: Set<String>, decoder: any Decoder) throws {
        for key in allKeys where !allowed.contains(key.stringValue) {
            try decoder.report(
                "onbekend veld; toegestaan: \(allowed.sorted().joined(separator: ", "))",
                at: codingPath + [key])
        }
    }
}

extension Profile: Codable {
    public init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: FieldKey.self)
        try root.rejectUnknownKeys(allowed: ["interbestuurlijk", "resultaatgericht", "samenwerkend"], decoder: decoder)

        let ig = try root.group("interbestuurlijk", decoder)
        try ig?.rejectUnknownKeys(
            allowed: ["bestuurslagen", "ministeries", "maatschappelijkePartijen", "kennisinstellingen"],
            decoder: decoder)
        let layers = try ig?.group("bestuurslagen", decoder)
        try layers?.rejectUnknownKeys(allowed: ["rijk", "provincie", "gemeente", "waterschap"], decoder: decoder)
        let parties = try ig?.group("maatschappelijkePartijen", decoder)
        try parties?.rejectUnknownKeys(allowed: ["diversiteit", "nadruk", "inwoners"], decoder: decoder)
        intergovernmental = IntergovernmentalProfile(
            rijk: try layers?.dimension("rijk", decoder) ?? .empty,
            province: try layers?.dimension("provincie", decoder) ?? .empty,
            municipality: try layers?.dimension("gemeente", decoder) ?? .empty,
            waterBoard: try layers?.dimension("waterschap", decoder) ?? .empty,
            ministries: try ig?.dimension("ministeries", decoder) ?? .empty,
            partyDiversity: try parties?.dimension("diversiteit", decoder) ?? .empty,
            sectorEmphasis: try parties?.dimension("nadruk", decoder) ?? .empty,
            residents: try parties?.dimension("inwoners", decoder) ?? .empty,
            knowledgeInstitutions: try ig?.dimension("kennisinstellingen", decoder) ?? .empty)

        let ro = try root.group("resultaatgericht", decoder)
        try ro?.rejectUnknownKeys(
            allowed: [
                "doel", "looptijd", "afronding", "horizonInstrument", "horizonEffect", "rijksgeld",
                "cofinanciering", "maximumAandeelRijk", "resultaatbegrip", "doelbepaling", "monitoring",
                "openbaarheid", "aardOpgave", "resultaatverantwoordelijke", "aanpak",
            ], decoder: decoder)
        resultOrientation = ResultOrientationProfile(
            goal: try ro?.dimension("doel", decoder) ?? .empty,
            term: try ro?.dimension("looptijd", decoder) ?? .empty,
            completion: try ro?.dimension("afronding", decoder) ?? .empty,
            instrumentHorizon: try ro?.dimension("horizonInstrument", decoder) ?? .empty,
            effectHorizon: try ro?.dimension("horizonEffect", decoder) ?? .empty,
            rijkFunding: try ro?.dimension("rijksgeld", decoder) ?? .empty,
            cofinancing: try ro?.dimension("cofinanciering", decoder) ?? .empty,
            maximumRijkShare: try ro?.dimension("maximumAandeelRijk", decoder) ?? .empty,
            resultConcept: try ro?.dimension("resultaatbegrip", decoder) ?? .empty,
            targetSetting: try ro?.dimension("doelbepaling", decoder) ?? .empty,
            monitoring: try ro?.dimension("monitoring", decoder) ?? .empty,
            publicity: try ro?.dimension("openbaarheid", decoder) ?? .empty,
            natureOfTask: try ro?.lens("aardOpgave") ?? .empty,
            resultResponsibility: try ro?.lens("resultaatverantwoordelijke") ?? .empty,
            approach: try ro?.lens("aanpak") ?? .empty)

        let co = try root.group("samenwerkend", decoder)
        try co?.rejectUnknownKeys(
            allowed: [
                "samenstelling", "initiatiefInstrument", "initiatiefVoorstel", "rolRijk", "dealmaker",
                "deelnameVerplicht", "voorzetsel", "organisatievorm",
            ], decoder: decoder)
        collaboration = CollaborationProfile(
            composition: try co?.dimension("samenstelling", decoder) ?? .empty,
            instrumentInitiative: try co?.dimension("initiatiefInstrument", decoder) ?? .empty,
            proposalInitiative: try co?.dimension("initiatiefVoorstel", decoder) ?? .empty,
            rijkRoles: try co?.dimension("rolRijk", decoder) ?? .empty,
            dealmaker: try co?.dimension("dealmaker", decoder) ?? .empty,
            mandatoryParticipation: try co?.dimension("deelnameVerplicht", decoder) ?? .empty,
            preposition: try co?.lens("voorzetsel") ?? .empty,
            organisationForm: try co?.lens("organisatievorm") ?? .empty)
    }

    public func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: FieldKey.self)
        var ig = root.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("interbestuurlijk"))
        var layers = ig.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("bestuurslagen"))
        let i = intergovernmental
        try layers.encode(i.rijk, forKey: FieldKey("rijk"))
        try layers.encode(i.province, forKey: FieldKey("provincie"))
        try layers.encode(i.municipality, forKey: FieldKey("gemeente"))
        try layers.encode(i.waterBoard, forKey: FieldKey("waterschap"))
        try ig.encode(i.ministries, forKey: FieldKey("ministeries"))
        var parties = ig.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("maatschappelijkePartijen"))
        try parties.encode(i.partyDiversity, forKey: FieldKey("diversiteit"))
        try parties.encode(i.sectorEmphasis, forKey: FieldKey("nadruk"))
        try parties.encode(i.residents, forKey: FieldKey("inwoners"))
        try ig.encode(i.knowledgeInstitutions, forKey: FieldKey("kennisinstellingen"))

        var ro = root.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("resultaatgericht"))
        let r = resultOrientation
        try ro.encode(r.goal, forKey: FieldKey("doel"))
        try ro.encode(r.term, forKey: FieldKey("looptijd"))
        try ro.encode(r.completion, forKey: FieldKey("afronding"))
        try ro.encode(r.instrumentHorizon, forKey: FieldKey("horizonInstrument"))
        try ro.encode(r.effectHorizon, forKey: FieldKey("horizonEffect"))
        try ro.encode(r.rijkFunding, forKey: FieldKey("rijksgeld"))
        try ro.encode(r.cofinancing, forKey: FieldKey("cofinanciering"))
        try ro.encode(r.maximumRijkShare, forKey: FieldKey("maximumAandeelRijk"))
        try ro.encode(r.resultConcept, forKey: FieldKey("resultaatbegrip"))
        try ro.encode(r.targetSetting, forKey: FieldKey("doelbepaling"))
        try ro.encode(r.monitoring, forKey: FieldKey("monitoring"))
        try ro.encode(r.publicity, forKey: FieldKey("openbaarheid"))
        try ro.encode(r.natureOfTask, forKey: FieldKey("aardOpgave"))
        try ro.encode(r.resultResponsibility, forKey: FieldKey("resultaatverantwoordelijke"))
        try ro.encode(r.approach, forKey: FieldKey("aanpak"))

        var co = root.nestedContainer(keyedBy: FieldKey.self, forKey: FieldKey("samenwerkend"))
        let c = collaboration
        try co.encode(c.composition, forKey: FieldKey("samenstelling"))
        try co.encode(c.instrumentInitiative, forKey: FieldKey("initiatiefInstrument"))
        try co.encode(c.proposalInitiative, forKey: FieldKey("initiatiefVoorstel"))
        try co.encode(c.rijkRoles, forKey: FieldKey("rolRijk"))
        try co.encode(c.dealmaker, forKey: FieldKey("dealmaker"))
        try co.encode(c.mandatoryParticipation, forKey: FieldKey("deelnameVerplicht"))
        try co.encode(c.preposition, forKey: FieldKey("voorzetsel"))
        try co.encode(c.organisationForm, forKey: FieldKey("organisatievorm"))
    }
}

extension Dimension {
    /// Stands in for a dimension whose absence was already reported; never leaves decoding.
    fileprivate static var empty: Self { .notStated(reason: "") }
}

extension SourceReference: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        try container.rejectUnknownKeys(allowed: ["titel", "verwijzing"], decoder: decoder)
        title = try container.decodeIfPresent(String.self, forKey: FieldKey("titel")) ?? ""
        locator = try container.decodeIfPresent(String.self, forKey: FieldKey("verwijzing")) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(title, forKey: FieldKey("titel"))
        try container.encode(locator, forKey: FieldKey("verwijzing"))
    }
}

extension Arrangement: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        let id = try container.decodeIfPresent(String.self, forKey: FieldKey("id"))
        (decoder.userInfo[.issueCollector] as? DecodingIssueCollector)?
            .beginArrangement(id: id, depth: decoder.codingPath.count)
        try container.rejectUnknownKeys(
            allowed: ["id", "naam", "familie", "soort", "variant", "omschrijving", "bronnen", "profiel"],
            decoder: decoder)
        self.id = id ?? ""
        name = try container.decodeIfPresent(String.self, forKey: FieldKey("naam")) ?? ""
        family = try Self.vocabulary("familie", in: container, decoder) ?? .other
        kind = try Self.vocabulary("soort", in: container, decoder) ?? .practice
        variantID = try container.decodeIfPresent(String.self, forKey: FieldKey("variant")) ?? ""
        summary = try container.decodeIfPresent(String.self, forKey: FieldKey("omschrijving"))
        sources = try container.decodeIfPresent([SourceReference].self, forKey: FieldKey("bronnen")) ?? []
        guard container.contains(FieldKey("profiel")) else {
            try decoder.report("ontbreekt", at: decoder.codingPath + [FieldKey("profiel")])
            profile = Profile.unstated
            return
        }
        profile = try container.decode(Profile.self, forKey: FieldKey("profiel"))
    }

    private static func vocabulary<V: Vocabulary>(
        _ name: String, in container: KeyedDecodingContainer<FieldKey>, _ decoder: any Decoder
    ) throws -> V? {
        let code = try container.decodeIfPresent(String.self, forKey: FieldKey(name))
        if let code, let value = V(code: code) { return value }
        try decoder.report(
            code.map { "onbekende waarde '\($0)'; toegestaan: \(V.allowedCodes)" }
                ?? "ontbreekt; toegestaan: \(V.allowedCodes)",
            at: decoder.codingPath + [FieldKey(name)])
        return nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(id, forKey: FieldKey("id"))
        try container.encode(name, forKey: FieldKey("naam"))
        try container.encode(family.code, forKey: FieldKey("familie"))
        try container.encode(kind.code, forKey: FieldKey("soort"))
        try container.encode(variantID, forKey: FieldKey("variant"))
        try container.encodeIfPresent(summary, forKey: FieldKey("omschrijving"))
        try container.encode(sources, forKey: FieldKey("bronnen"))
        try container.encode(profile, forKey: FieldKey("profiel"))
    }
}

extension Profile {
    /// A profile in which no dimension is stated yet: the start of a new design.
    public static var unstated: Profile {
        let reason = "nog niet vastgelegd"
        return Profile(
            intergovernmental: IntergovernmentalProfile(
                rijk: .notStated(reason: reason), province: .notStated(reason: reason),
                municipality: .notStated(reason: reason), waterBoard: .notStated(reason: reason),
                ministries: .notStated(reason: reason), partyDiversity: .notStated(reason: reason),
                sectorEmphasis: .notStated(reason: reason), residents: .notStated(reason: reason),
                knowledgeInstitutions: .notStated(reason: reason)),
            resultOrientation: ResultOrientationProfile(
                goal: .notStated(reason: reason), term: .notStated(reason: reason),
                completion: .notStated(reason: reason), instrumentHorizon: .notStated(reason: reason),
                effectHorizon: .notStated(reason: reason), rijkFunding: .notStated(reason: reason),
                cofinancing: .notStated(reason: reason), maximumRijkShare: .notStated(reason: reason),
                resultConcept: .notStated(reason: reason), targetSetting: .notStated(reason: reason),
                monitoring: .notStated(reason: reason), publicity: .notStated(reason: reason),
                natureOfTask: .notStated(reason: reason), resultResponsibility: .notStated(reason: reason),
                approach: .notStated(reason: reason)),
            collaboration: CollaborationProfile(
                composition: .notStated(reason: reason), instrumentInitiative: .notStated(reason: reason),
                proposalInitiative: .notStated(reason: reason), rijkRoles: .notStated(reason: reason),
                dealmaker: .notStated(reason: reason), mandatoryParticipation: .notStated(reason: reason),
                preposition: .notStated(reason: reason), organisationForm: .notStated(reason: reason)))
    }
}

/// The interchange document: a catalogue file or an export.
public struct ArrangementDocument: Codable, Sendable, Hashable {
    /// The version of the format; this build reads and writes version 1.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var arrangements: [Arrangement]

    public init(arrangements: [Arrangement]) {
        schemaVersion = Self.currentSchemaVersion
        self.arrangements = arrangements
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schemaVersie"
        case arrangements = "arrangementen"
    }
}
