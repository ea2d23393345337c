import Foundation

/// A condition the user defines from a profile dimension: the arrangement is in the set
/// (value 1) when the dimension holds any of `codes`, out of it (0) when it holds none of
/// them, and has no value at all when the dimension is not stated — such an arrangement is
/// left out of the data set, never coded 0.
public struct QCAConditionDefinition: Sendable, Hashable {
    /// The short name in QCA notation: ASCII letters and digits, starting with a letter (`REGIO`).
    public let name: String
    /// The full id of the profile dimension, e.g. `samenwerkend.initiatiefVoorstel`.
    public let dimensionID: String
    /// The codes of the dimension's vocabulary that mean 1, in the vocabulary's order.
    public let codes: [String]
    /// What the condition means, in Dutch (for listings); may be empty.
    public let label: String

    /// Checks every part and names each problem under `field` (`voorwaarden[0]`):
    /// `<field>.naam`, `<field>.dimensie`, `<field>.codes`.
    public init(
        name: String, dimension: String, codes: [String], label: String = "", field: String = "voorwaarde"
    ) throws(ValidationFailure) {
        var issues: [ValidationIssue] = []
        if let problem = QCAProductData.nameProblem(name) {
            issues.append(ValidationIssue(field: "\(field).naam", message: problem))
        }
        let trimmedDimension = dimension.trimmingCharacters(in: .whitespaces)
        let found = ProfileDimension.named(trimmedDimension)
        var accepted: [String] = []
        if let found {
            if let vocabulary = found.vocabulary {
                let allowed = vocabulary.map(\.code)
                let wanted = codes.map { $0.trimmingCharacters(in: .whitespaces) }
                if wanted.isEmpty || wanted.allSatisfy(\.isEmpty) {
                    issues.append(
                        ValidationIssue(
                            field: "\(field).codes",
                            message:
                                "geef ten minste één code die 1 betekent; toegestaan: \(allowed.joined(separator: ", "))"
                        ))
                }
                for code in wanted where !code.isEmpty && !allowed.contains(code) {
                    issues.append(
                        ValidationIssue(
                            field: "\(field).codes",
                            message:
                                "onbekende code '\(code)' voor \(found.id); toegestaan: \(allowed.joined(separator: ", "))"
                        ))
                }
                accepted = allowed.filter { wanted.contains($0) }
            } else {
                issues.append(
                    ValidationIssue(
                        field: "\(field).dimensie",
                        message:
                            "\(found.id) heeft geen vaste codes (\(found.allowedCodes)); kies een dimensie met codes"))
            }
        } else {
            issues.append(
                ValidationIssue(
                    field: "\(field).dimensie",
                    message: "onbekende dimensie '\(trimmedDimension)'; toegestaan: "
                        + ProfileDimension.all.filter { $0.vocabulary != nil }.map(\.id).joined(separator: ", ")))
        }
        guard issues.isEmpty, let found else { throw ValidationFailure(issues: issues) }
        self.name = name
        self.dimensionID = found.id
        self.codes = accepted
        self.label = label
    }

    /// Reads `NAAM=DIMENSIE:CODE,CODE`, e.g. `REGIO=samenwerkend.initiatiefVoorstel:regio,steden`.
    public init(parsing text: String, field: String = "voorwaarde") throws(ValidationFailure) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let rest =
            parts.count == 2
            ? parts[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init) : []
        guard parts.count == 2, rest.count == 2 else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: field,
                    message:
                        "'\(text)' is niet te lezen; schrijf NAAM=DIMENSIE:CODE,CODE, bijvoorbeeld REGIO=samenwerkend.initiatiefVoorstel:regio,steden"
                )
            ])
        }
        try self.init(
            name: parts[0].trimmingCharacters(in: .whitespaces), dimension: rest[0],
            codes: rest[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init), field: field)
    }

    /// `REGIO=samenwerkend.initiatiefVoorstel:regio,steden`
    public var notation: String { "\(name)=\(dimensionID):\(codes.joined(separator: ","))" }

    /// The condition's value for `profile`: 1 or 0 with the codings it rests on, or the
    /// reason the dimension is not stated.
    public func value(for profile: Profile) -> QCAConditionValue {
        let reading = ProfileDimension.named(dimensionID)!.reading(of: profile)
        if let reason = reading.notStatedReason { return .notStated(reason: reason) }
        if reading.entries.isEmpty { return .notStated(reason: "geen codering") }
        let matching = reading.entries.filter { codes.contains($0.code) }
        return .stated(
            value: matching.isEmpty ? 0 : 1,
            evidence: (matching.isEmpty ? reading.entries : matching).map {
                QCAConditionEvidence(code: $0.code, quote: $0.quote, citation: $0.citation)
            })
    }

    /// Definitions worth offering from the essay's distinctions: who took the initiative,
    /// whether the Rijk co-finances, whether results are performance agreements, and
    /// whether the set of partners is fixed.
    public static let suggested: [QCAConditionDefinition] = [
        try! QCAConditionDefinition(
            name: "REGIO", dimension: "samenwerkend.initiatiefVoorstel",
            codes: ["regio", "steden", "gemeenten", "decentraal-en-privaat"], label: "Initiatief bij de regio"),
        try! QCAConditionDefinition(
            name: "COFIN", dimension: "resultaatgericht.cofinanciering", codes: ["regio-en-rijk", "meerpartijen"],
            label: "Rijk cofinanciert"),
        try! QCAConditionDefinition(
            name: "PRESTATIE", dimension: "resultaatgericht.resultaatbegrip", codes: ["prestatieafspraken"],
            label: "Specifieke prestatieafspraken"),
        try! QCAConditionDefinition(
            name: "VAST", dimension: "samenwerkend.samenstelling", codes: ["vast"], label: "Vaste samenstelling"),
        // The conditions of the worked example on the real Regio Deals (docs/qca.md): they are
        // stated for most deals of tranches 1–4 in the curated dataset.
        try! QCAConditionDefinition(
            name: "SPECIFIEK", dimension: "resultaatgericht.doel", codes: ["specifiek", "streefwaarden"],
            label: "Specifiek doel of streefwaarden"),
        try! QCAConditionDefinition(
            name: "PROVINCIE", dimension: "interbestuurlijk.bestuurslagen.provincie", codes: ["aanwezig", "leidend"],
            label: "Provincie doet mee"),
        try! QCAConditionDefinition(
            name: "MEERPARTIJEN", dimension: "resultaatgericht.cofinanciering", codes: ["meerpartijen"],
            label: "Cofinanciering ook door private partijen of anderen"),
        try! QCAConditionDefinition(
            name: "GEMENGD", dimension: "interbestuurlijk.maatschappelijkePartijen.nadruk",
            codes: ["gemengd", "privaat"], label: "Publiek-private partijen"),
    ]

    /// The worked example on the real portfolio: which design choices go together with a
    /// follow-up deal (`VERVOLGDEAL`, docs/portefeuille.md and docs/qca.md)?
    public static let realPortfolioExample = (
        outcome: CuratedPortfolio.followUpOutcomeName,
        conditions: ["SPECIFIEK", "PROVINCIE", "MEERPARTIJEN", "GEMENGD"]
    )
}

/// The coding a condition value rests on.
public struct QCAConditionEvidence: Sendable, Hashable {
    public let code: String
    public let quote: String
    public let citation: String

    public init(code: String, quote: String, citation: String) {
        self.code = code
        self.quote = quote
        self.citation = citation
    }
}

/// A condition's value for one arrangement.
public enum QCAConditionValue: Sendable, Hashable {
    /// 1 when a code of the definition is present, 0 when none is; with the codings read.
    case stated(value: Double, evidence: [QCAConditionEvidence])
    /// The dimension is not stated: no value, and the arrangement is left out.
    case notStated(reason: String)
}

/// An outcome the user recorded for an arrangement: 0/1 for a crisp set, a score in
/// [0, 1] for a fuzzy set, always with its source.
public struct QCARecordedOutcome: Sendable, Hashable {
    public let arrangementID: String
    /// The outcome's name in QCA notation (`VOORTGEZET`).
    public let name: String
    public let value: Double
    /// Where the value comes from: an evaluation, a report, an interview.
    public let source: String
    public let recordedAt: Date

    /// Checks every part; problems are named `naam`, `waarde` and `bron`.
    public init(
        arrangementID: String, name: String, value: Double, source: String, recordedAt: Date = Date()
    ) throws(ValidationFailure) {
        var issues: [ValidationIssue] = []
        if let problem = QCAProductData.nameProblem(name) {
            issues.append(ValidationIssue(arrangementID: arrangementID, field: "naam", message: problem))
        }
        if !value.isFinite || value < 0 || value > 1 {
            issues.append(
                ValidationIssue(
                    arrangementID: arrangementID, field: "waarde",
                    message: "\(QCAProductData.number(value)) valt buiten het bereik 0 tot en met 1 "
                        + "(0 of 1 voor een crisp set, daartussen voor een fuzzy set)"))
        }
        let trimmedSource = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedSource.isEmpty {
            issues.append(
                ValidationIssue(
                    arrangementID: arrangementID, field: "bron",
                    message: "verplicht: waar komt de waarde vandaan (evaluatie, rapport, gesprek)?"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
        self.arrangementID = arrangementID
        self.name = name
        self.value = value
        self.source = trimmedSource
        self.recordedAt = recordedAt
    }
}

/// One condition's value for a case, with the codings it rests on.
public struct QCACaseCondition: Sendable, Hashable {
    public let name: String
    public let value: Double
    public let evidence: [QCAConditionEvidence]
}

/// One arrangement in the data set, with what each value rests on.
public struct QCAProductCase: Sendable, Hashable {
    public let arrangementID: String
    public let arrangementName: String
    public let outcome: QCARecordedOutcome
    /// Per definition, in the definitions' order.
    public let conditions: [QCACaseCondition]
}

/// Why an arrangement is left out of the data set, as data: for pages that group the
/// arrangements by reason and name each part in words (issue 16 item 9).
public enum QCAExclusionCause: Sendable, Hashable {
    /// No value of the outcome with this name is recorded.
    case noOutcome(outcome: String)
    /// The dimension of the condition is not stated in the profile, for `reason` (the profile's words).
    case notStated(condition: String, dimensionID: String, reason: String)
}

/// An arrangement left out of the data set, with every reason.
public struct QCAExclusion: Sendable, Hashable {
    public let arrangementID: String
    public let arrangementName: String
    /// In Dutch, e.g. `samenwerkend.samenstelling (VAST) niet vastgesteld: <reden van de bron>`.
    public let reasons: [String]
    /// The same reasons as data, in the same order.
    public let causes: [QCAExclusionCause]

    public init(
        arrangementID: String, arrangementName: String, reasons: [String], causes: [QCAExclusionCause] = []
    ) {
        self.arrangementID = arrangementID
        self.arrangementName = arrangementName
        self.reasons = reasons
        self.causes = causes
    }

    /// The reasons as one sentence part, separated by semicolons: a reason's own closing full
    /// stop is dropped, so that it never reads "… Regio Deal.; …" (usability review).
    public var reasonsText: String {
        reasons.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; ")
    }
}

/// A QCA data set built from arrangements in the product.
public struct QCAProductDataSet: Sendable, Hashable {
    public let outcomeName: String
    public let definitions: [QCAConditionDefinition]
    /// The cases, in the arrangements' order.
    public let cases: [QCAProductCase]
    /// Every arrangement left out, in the arrangements' order.
    public let excluded: [QCAExclusion]
    /// The kernel's data set: case ids are arrangement ids, variables the definitions then
    /// the outcome; `nil` when no arrangement qualifies.
    public let dataSet: QCADataSet?
}

/// Builds QCA data from the product: conditions from profile dimensions, the outcome from
/// the values the user recorded.
public enum QCAProductData {
    /// Why `name` is no valid QCA name, or `nil` when it is.
    static func nameProblem(_ name: String) -> String? {
        let valid =
            name.first.map { $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return valid
            ? nil
            : "'\(name)' is geen geldige naam; gebruik letters en cijfers, beginnend met een letter, bijvoorbeeld REGIO"
    }

    /// `0,75` — Dutch decimal comma, no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// Builds the data set for `outcome` from `arrangements`, coding each definition from
    /// the profile. An arrangement without a recorded `outcome`, or with a definition's
    /// dimension not stated, is left out with every reason.
    ///
    /// - Throws: ``ValidationFailure`` when the definitions are empty, share a name, or one
    ///   of them is named like the outcome.
    public static func build(
        arrangements: [Arrangement], definitions: [QCAConditionDefinition], outcome: String,
        outcomes: [QCARecordedOutcome]
    ) throws(ValidationFailure) -> QCAProductDataSet {
        var issues: [ValidationIssue] = []
        if let problem = nameProblem(outcome) { issues.append(ValidationIssue(field: "uitkomst", message: problem)) }
        if definitions.isEmpty {
            issues.append(
                ValidationIssue(field: "voorwaarden", message: "geef ten minste één voorwaarde als NAAM=DIMENSIE:CODES")
            )
        }
        var seen = Set<String>()
        for definition in definitions where !seen.insert(definition.name).inserted {
            issues.append(
                ValidationIssue(field: "voorwaarden", message: "de naam \(definition.name) staat er meer dan eens in"))
        }
        if definitions.contains(where: { $0.name == outcome }) {
            issues.append(
                ValidationIssue(
                    field: "voorwaarden", message: "de uitkomst \(outcome) kan niet ook een voorwaarde zijn"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues: issues) }

        let recorded = Dictionary(
            outcomes.filter { $0.name == outcome }.map { ($0.arrangementID, $0) }, uniquingKeysWith: { _, last in last }
        )
        var cases: [QCAProductCase] = []
        var excluded: [QCAExclusion] = []
        for arrangement in arrangements {
            var reasons: [String] = []
            var causes: [QCAExclusionCause] = []
            let value = recorded[arrangement.id]
            if value == nil {
                reasons.append("geen uitkomst \(outcome) vastgelegd")
                causes.append(.noOutcome(outcome: outcome))
            }
            var conditions: [QCACaseCondition] = []
            for definition in definitions {
                switch definition.value(for: arrangement.profile) {
                case .stated(let score, let evidence):
                    conditions.append(QCACaseCondition(name: definition.name, value: score, evidence: evidence))
                case .notStated(let reason):
                    reasons.append("\(definition.dimensionID) (\(definition.name)) niet vastgesteld: \(reason)")
                    causes.append(
                        .notStated(condition: definition.name, dimensionID: definition.dimensionID, reason: reason))
                }
            }
            if let value, reasons.isEmpty {
                cases.append(
                    QCAProductCase(
                        arrangementID: arrangement.id, arrangementName: arrangement.name, outcome: value,
                        conditions: conditions))
            } else {
                excluded.append(
                    QCAExclusion(
                        arrangementID: arrangement.id, arrangementName: arrangement.name, reasons: reasons,
                        causes: causes))
            }
        }
        var dataSet: QCADataSet?
        if !cases.isEmpty {
            var columns = definitions.indices.map { index in
                (name: definitions[index].name, values: cases.map { $0.conditions[index].value })
            }
            columns.append((name: outcome, values: cases.map(\.outcome.value)))
            // Values are 0/1 and checked outcomes in [0, 1]: the kernel accepts them.
            dataSet = try? QCADataSet(caseIdentifiers: cases.map(\.arrangementID), columns: columns)
        }
        return QCAProductDataSet(
            outcomeName: outcome, definitions: definitions, cases: cases, excluded: excluded, dataSet: dataSet)
    }
}
