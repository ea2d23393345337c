import Crypto
import Foundation
import HummingbirdBcrypt
import HummingbirdOTP
import VliegwielCore

/// The secrets of accounts: random ids, their hashes, password hashing and TOTP codes
/// (docs/accounts.md). Nothing here is stored or logged as such.
public enum AccountSecrets {
    /// 256 bits from the system's CSPRNG (`SystemRandomNumberGenerator`: `getrandom` on Linux,
    /// `arc4random_buf` on Apple systems), in base64url without padding: 43 characters.
    public static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Lowercase hexadecimal SHA-256 of `text`: how a session id or token is known to the store.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The CSRF token of a session: derived from its id, so it needs no storage and the store,
    /// which knows only the id's hash, cannot produce it.
    public static func csrfToken(sessionID: String) -> String {
        sha256("vliegwiel-csrf:" + sessionID)
    }

    /// Compares two strings in time independent of where they differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// What bcrypt hashes: the password in NFKC, through SHA-256, base64. bcrypt reads at most
    /// 72 bytes; this way all 128 allowed characters count, and no NUL byte reaches it.
    static func bcryptInput(_ password: String) -> String {
        Data(SHA256.hash(data: Data(AccountPasswordPolicy.normalized(password).utf8))).base64EncodedString()
    }

    /// The bcrypt hash of `password` at `cost` (12 in production; tests may pass less).
    public static func hashPassword(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(bcryptInput(password), cost: cost)
    }

    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(bcryptInput(password), hash: hash)
    }

    /// A new TOTP secret: 32 characters of the base32 alphabet (160 bits), used as the key bytes.
    public static func newTOTPSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] })
    }

    /// The `otpauth://` URI of `secret` for an authenticator app.
    public static func totpURI(secret: String, accountName: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Vliegwiel:\(accountName)", issuer: "Vliegwiel")
    }

    /// The secret as an authenticator app asks for it when typed in: the `secret` of the URI
    /// (base32), in groups of four.
    public static func totpDisplaySecret(secret: String) -> String {
        let uri = totpURI(secret: secret, accountName: "x")
        let value =
            URLComponents(string: uri)?.queryItems?.first(where: { $0.name == "secret" })?.value ?? ""
        var groups: [String] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The code of `secret` at `date` (six digits).
    public static func totpCode(secret: String, at date: Date) -> String {
        let code = TOTP(secret: secret).compute(date: date)
        let text = String(code)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }

    /// Whether `code` is the code of `secret` at `date` or one step (30 s) before or after.
    public static func verifyTOTP(_ code: String, secret: String, at date: Date) -> Bool {
        totpStep(code, secret: secret, at: date) != nil
    }

    /// The time step (seconds since 1970 / 30) whose code `code` is, within one step either
    /// side of `date`; `nil` when it is none of them.
    public static func totpStep(_ code: String, secret: String, at date: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let matches = [-30.0, 0, 30].map { offset -> (step: Int64, matches: Bool) in
            let moment = date.addingTimeInterval(offset)
            return (
                Int64((moment.timeIntervalSince1970 / 30).rounded(.down)),
                constantTimeEquals(totpCode(secret: secret, at: moment), digits)
            )
        }
        return matches.last { $0.matches }?.step
    }
}
