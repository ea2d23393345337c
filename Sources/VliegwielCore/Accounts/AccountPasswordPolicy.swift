import Foundation

/// The password rules of OWASP ASVS 4.0.3 level 2, chapter V2.1 (docs/accounts.md):
///
/// - at least 8 characters after Unicode normalisation (V2.1.1), spaces and every printable
///   Unicode character allowed (V2.1.4), no truncation;
/// - at most 128 characters, so at least 64 are allowed (V2.1.2);
/// - no composition rules: no demand for capitals, digits or symbols (V2.1.9);
/// - a password in a list of common passwords is refused (V2.1.7), as is the account's own name.
///
/// Normalisation is NFKC (``normalized(_:)``): the same password typed on another keyboard or
/// pasted from another program gives the same bytes to hash.
public struct AccountPasswordPolicy: Sendable {
    public static let minimumLength = 8
    public static let maximumLength = 128

    /// Common passwords, lower case (the shipped list: `VliegwielInterchange.AccountCommonPasswords`).
    public var commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    /// `password` in Unicode normalisation form KC, as it is checked and hashed.
    public static func normalized(_ password: String) -> String {
        password.precomposedStringWithCompatibilityMapping
    }

    /// Why `password` is refused for the account `accountName`, in Dutch (one sentence per
    /// problem, field `wachtwoord`); empty when it is accepted.
    public func issues(_ password: String, accountName: String? = nil) -> [ValidationIssue] {
        let normalized = Self.normalized(password)
        let length = normalized.count
        var messages: [String] = []
        if length < Self.minimumLength {
            messages.append(
                "te kort: \(length) \(length == 1 ? "teken" : "tekens"), minstens \(Self.minimumLength)"
                    + " (een zin van een paar woorden met spaties mag en is sterker)")
        }
        if length > Self.maximumLength {
            messages.append("te lang: \(length) tekens, hoogstens \(Self.maximumLength)")
        }
        if normalized.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            messages.append("bevat een stuurteken (zoals een tab of regeleinde); gebruik alleen leesbare tekens")
        }
        let lowered = normalized.lowercased()
        if length >= Self.minimumLength, commonPasswords.contains(lowered) {
            messages.append(
                "staat in de lijst van veelgebruikte wachtwoorden en is daardoor snel te raden; kies een ander")
        } else if let accountName, !accountName.isEmpty, lowered == accountName.lowercased() {
            messages.append("is gelijk aan de gebruikersnaam; kies een ander")
        }
        return messages.map { ValidationIssue(field: "wachtwoord", message: $0) }
    }
}
