/// One partner as the composition shows it (JSON keys are the API's).
public struct PartnerEntry: Sendable, Hashable, Encodable {
    public var id: String
    public var organisatie: String
    public var type: String
    public var rollen: [String]
    public var toegetreden: String?
    public var uitgetreden: String?

    public init(_ partner: Partner) {
        id = partner.id
        organisatie = partner.organisation
        type = partner.type.code
        rollen = partner.roles.map(\.code)
        toegetreden = partner.joinedOn?.iso
        uitgetreden = partner.leftOn?.iso
    }
}

/// Who takes part in a deal on one day.
public struct PartnerComposition: Sendable, Hashable, Encodable {
    public var datum: String
    public var aantal: Int
    /// How many partners of each organisation type, for the types present, in vocabulary order.
    public var perType: [TypeCount]
    /// The partners, by organisation name.
    public var partners: [PartnerEntry]

    public struct TypeCount: Sendable, Hashable, Encodable {
        public var type: String
        public var aantal: Int
    }

    public init(partners all: [Partner], on date: CalendarDate) {
        let present = all.filter { $0.takesPart(on: date) }
            .sorted { ($0.organisation, $0.id) < ($1.organisation, $1.id) }
        datum = date.iso
        aantal = present.count
        perType = OrganisationType.allCases.compactMap { type in
            let count = present.count(where: { $0.type == type })
            return count == 0 ? nil : TypeCount(type: type.code, aantal: count)
        }
        partners = present.map(PartnerEntry.init)
    }
}

/// Who joined and who left between two days: after `van`, up to and including `tot`
/// (the essay's "toe- en uittreden", §4.4).
public struct CompositionChanges: Sendable, Hashable, Encodable {
    public var van: String
    public var tot: String
    public var toegetreden: [PartnerEntry]
    public var uitgetreden: [PartnerEntry]

    public init(partners: [Partner], from: CalendarDate, to: CalendarDate) {
        func within(_ date: CalendarDate?) -> Bool { date.map { from < $0 && $0 <= to } ?? false }
        func ordered(_ list: [Partner], _ date: (Partner) -> CalendarDate?) -> [PartnerEntry] {
            list.sorted { (date($0)!, $0.organisation) < (date($1)!, $1.organisation) }.map(PartnerEntry.init)
        }
        van = from.iso
        tot = to.iso
        toegetreden = ordered(partners.filter { within($0.joinedOn) }, \.joinedOn)
        uitgetreden = ordered(partners.filter { within($0.leftOn) }, \.leftOn)
    }
}

/// A value for the profile's `samenwerkend.samenstelling`, derived from the partners'
/// joining and leaving. It is only a suggestion: the profile changes when the user accepts it.
public struct CompositionSuggestion: Sendable, Hashable, Encodable {
    /// The suggested code (`vast`, `basis-met-nieuwkomers`, `vloeiend`, `groeiend-netwerk`).
    public var waarde: String
    /// Why, with the figures.
    public var reden: String
    /// The source the accepted value will cite.
    public var bron: String
    public var beginAantal: Int
    public var aantalToegetreden: Int
    public var aantalUitgetreden: Int

    /// The suggestion for the changes from `from` (the start) to `to`; `nil` when no partner
    /// takes part at the start or joins later.
    ///
    /// Rules: nobody joins or leaves → `vast`; partners join and none leave → `groeiend-netwerk`
    /// when at least as many join as there were at the start, else `basis-met-nieuwkomers`;
    /// any partner leaves → `vloeiend`.
    public init?(dealID: String, partners: [Partner], from: CalendarDate, to: CalendarDate) {
        let start = PartnerComposition(partners: partners, on: from).aantal
        let changes = CompositionChanges(partners: partners, from: from, to: to)
        let joined = changes.toegetreden.count
        let left = changes.uitgetreden.count
        guard start + joined > 0 else { return nil }
        let value: Composition =
            left > 0 ? .fluid : joined == 0 ? .fixed : joined >= start ? .growingNetwork : .baseWithNewcomers
        waarde = value.code
        reden =
            "Op \(from.dutchText) namen \(start) partners deel; tot en met \(to.dutchText) traden er \(joined) toe en \(left) uit."
        bron = "Partnerregister Vliegwiel (\(dealID)), \(from.dutchText) tot en met \(to.dutchText)"
        beginAantal = start
        aantalToegetreden = joined
        aantalUitgetreden = left
    }

    /// The suggested value.
    public var composition: Composition { Composition(code: waarde)! }

    /// The coded value the profile receives when the user accepts the suggestion.
    public var coded: Coded<Composition> {
        Coded(
            composition, quote: reden, citation: bron,
            note: "Afgeleid uit toe- en uittreden van partners (essay §4.4) en door de gebruiker geaccepteerd.")
    }
}

extension Profile {
    /// The profile with `samenwerkend.samenstelling` set to the accepted suggestion.
    public func accepting(_ suggestion: CompositionSuggestion) -> Profile {
        var profile = self
        profile.collaboration.composition = .stated([suggestion.coded])
        return profile
    }
}

extension DealRecord {
    /// The first day of the deal as far as the record knows: the closing day, or else the
    /// earliest joining day.
    public var startDate: CalendarDate? {
        deal.closedOn ?? partners.compactMap(\.joinedOn).min()
    }
}
