/// A value of one dimension of a profile, with a fixed vocabulary of codes.
///
/// Codes are the Dutch words used in files, the API and the interface
/// (`bovengeschikt`, `bijdragen-aan`); the Swift cases are English.
public protocol DimensionValue: Sendable, Hashable {
    /// Parses a code; `nil` when the code is not in the vocabulary.
    init?(code: String)
    /// The Dutch code, as written in files and the API.
    var code: String { get }
    /// A human Dutch label for the interface.
    var label: String { get }
    /// The allowed codes, or a description of the format when it is not a closed list.
    static var allowedCodes: String { get }
}

/// A closed vocabulary: a `String`-backed enum whose raw values are the Dutch codes.
public protocol Vocabulary: DimensionValue, RawRepresentable<String>, CaseIterable {}

extension Vocabulary {
    public init?(code: String) { self.init(rawValue: code) }
    public var code: String { rawValue }
    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
    public static var allowedCodes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How a coded value follows from its quote: the coding account's three statuses
/// (docs/catalogusformaat.md, docs/codeerverantwoording.md).
public enum CodingStatus: String, Vocabulary {
    /// The quote says this value for this variant.
    case literal = "letterlijk"
    /// The value follows from the quote only with reasoning, given in the note.
    case interpretation = "interpretatie"
    /// The quote is about the variant's family, used because the variant's own text is silent.
    case generalStatement = "algemene-uitspraak"

    public var label: String {
        switch self {
        case .literal: "letterlijk"
        case .interpretation: "interpretatie"
        case .generalStatement: "algemene uitspraak"
        }
    }
}

/// One coded value with the wording it was coded from and where that wording stands.
public struct Coded<Value: DimensionValue>: Sendable, Hashable {
    public var value: Value
    /// The source's own (Dutch) wording, verbatim.
    public var quote: String
    /// Where the wording stands: "§4.1, tabel samenwerking deals, vn. 62", or a public source.
    public var citation: String
    /// The coder's note on why this wording gives this value.
    public var note: String?
    /// How the value follows from the quote; `nil` where nobody has judged it (a user's own coding).
    public var status: CodingStatus?

    public init(
        _ value: Value, quote: String, citation: String, note: String? = nil, status: CodingStatus? = nil
    ) {
        self.value = value
        self.quote = quote
        self.citation = citation
        self.note = note
        self.status = status
    }

    /// Whether the source gives this value as an exception to the rule ("in sommige gevallen"):
    /// the coder says so by starting the note with "Uitzondering" (docs/catalogusformaat.md).
    public var isException: Bool { CodingNote.marksException(note) }
}

/// Conventions of the coder's note (`toelichting`).
public enum CodingNote {
    /// The word a note starts with when the value is an exception, not the rule.
    public static let exceptionMarker = "Uitzondering"

    /// Whether `note` marks its value as an exception.
    public static func marksException(_ note: String?) -> Bool {
        note?.drop { $0 == " " }.hasPrefix(exceptionMarker) == true
    }
}

/// A dimension of a profile: coded (one or more values, each with its source),
/// or explicitly not stated by the source, with the reason.
///
/// Several values model the essay's "zowel … als …" (a Regio Deal's Rijk is both
/// `bovengeschikt` and `nevengeschikt`, §4.1). A dimension is never silently defaulted.
public enum Dimension<Value: DimensionValue>: Sendable, Hashable {
    case stated([Coded<Value>])
    case notStated(reason: String)

    /// The coded values; empty when not stated.
    public var values: [Value] {
        if case .stated(let codings) = self { return codings.map(\.value) }
        return []
    }

    public var codings: [Coded<Value>] {
        if case .stated(let codings) = self { return codings }
        return []
    }

    public var isStated: Bool {
        if case .stated = self { return true }
        return false
    }

    public func contains(_ value: Value) -> Bool { values.contains(value) }

    /// Convenience for a single coded value.
    public static func one(_ value: Value, quote: String, citation: String, note: String? = nil) -> Self {
        .stated([Coded(value, quote: quote, citation: citation, note: note)])
    }
}
