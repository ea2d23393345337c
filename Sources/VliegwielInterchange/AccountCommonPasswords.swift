import Foundation
import VliegwielCore

/// The shipped list of common passwords that ``AccountPasswordPolicy`` refuses: the entries of
/// 8 or more characters of the `passwords` frequency list of the MIT-licensed PyPI package
/// `zxcvbn` 4.5.0 (source and licence in the file's header; docs/accounts.md).
public enum AccountCommonPasswords {
    /// The list, lower case, read once.
    public static let shipped: Set<String> = {
        guard let url = Bundle.module.url(forResource: "accounts-veelgebruikte-wachtwoorden", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return parse(text)
    }()

    /// The passwords of a list in the shipped form: one a line, `#` starts a comment line.
    public static func parse(_ text: String) -> Set<String> {
        Set(
            text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
                .map { $0.lowercased() })
    }

    /// The password policy with the shipped list.
    public static var policy: AccountPasswordPolicy { AccountPasswordPolicy(commonPasswords: shipped) }
}
