import ArgumentParser
import Foundation
import VliegwielCore
import VliegwielStorage
import VliegwielWeb

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vliegwiel gebruiker`: accounts and roles (docs/accounts.md). There are no default accounts:
/// the first `beheerder` is made here.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gebruiker",
        abstract: "Maakt en beheert gebruikers: rollen, wachtwoorden en sessies.",
        subcommands: [
            CreateAccountCommand.self, ListAccountsCommand.self, AccountRoleCommand.self,
            AccountPasswordCommand.self, EndAccountSessionsCommand.self, AccountSecondFactorCommand.self,
            BlockAccountCommand.self, UnblockAccountCommand.self,
        ])
}

/// The role options shared by `gebruiker maak` and `gebruiker rol`.
struct AccountRoleOptions: ParsableArguments {
    @Flag(name: .customLong("beheerder"), help: "Beheerder: alles, ook gebruikers en het auditlogboek.")
    var administrator = false
    @Option(
        name: .customLong("redacteur"), parsing: .upToNextOption,
        help: ArgumentHelp("Redacteur van deze arrangementen: wijzigt alleen die.", valueName: "ID"))
    var editorOf: [String] = []
    @Flag(name: .customLong("lezer"), help: "Lezer: leest alleen.") var reader = false
    @Flag(
        name: .customLong("tweestapsverificatie"),
        help: "Tweestapsverificatie (TOTP) verplicht; voor een beheerder altijd.")
    var secondFactor = false

    func role() throws -> AccountRole {
        let chosen = [administrator, !editorOf.isEmpty, reader].filter { $0 }.count
        guard chosen == 1 else {
            throw CommandFailure(field: "rol", "kies precies één rol: --beheerder, --redacteur ID… of --lezer")
        }
        if administrator { return .administrator }
        if reader { return .reader }
        return .editor(arrangements: Set(editorOf))
    }
}

/// Who runs an account command, for the audit trail: `--auteur`, else the system user.
struct AccountActorOptions: ParsableArguments {
    @Option(
        name: .customLong("auteur"), help: ArgumentHelp("Wie deze wijziging doet (auditlogboek).", valueName: "NAAM"))
    var author: String?

    var actor: String {
        author ?? "systeemgebruiker \(ProcessInfo.processInfo.userName)"
    }
}

/// How a command gets a password: from standard input, or typed twice at a terminal without echo.
struct PasswordInputOptions: ParsableArguments {
    @Flag(
        name: .customLong("wachtwoord-stdin"),
        help: "Lees het wachtwoord van standaardinvoer (één regel); anders wordt erom gevraagd zonder weergave.")
    var fromStandardInput = false

    func read() throws -> String {
        if fromStandardInput {
            var text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            if text.hasSuffix("\r") { text.removeLast() }
            return text
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure(
                field: "wachtwoord",
                "geen terminal om het wachtwoord te vragen; geef het via standaardinvoer met --wachtwoord-stdin")
        }
        let first = try Self.prompt("Wachtwoord (minstens 8 tekens, spaties mogen): ")
        let second = try Self.prompt("Nogmaals: ")
        guard first == second else { throw CommandFailure(field: "wachtwoord", "de twee invoeren verschillen") }
        return first
    }

    /// Reads one line from the terminal with echo off, restoring the terminal afterwards.
    static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw CommandFailure(field: "wachtwoord", "geen invoer")
        }
        return line
    }
}

extension Installation {
    /// The account rules on this installation's stores.
    var accountService: AccountService { AccountService(stores: stores) }
}

/// `vliegwiel gebruiker maak NAAM (--beheerder | --redacteur ID… | --lezer) [--wachtwoord-stdin]`
struct CreateAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maak",
        abstract: "Maakt een gebruiker met een rol en een wachtwoord.",
        discussion: """
            Het wachtwoord: minstens 8 en hoogstens 128 tekens, spaties en elk teken mogen, geen eisen aan \
            hoofdletters of cijfers; veelgebruikte wachtwoorden worden geweigerd (docs/accounts.md). Een beheerder \
            stelt bij de eerste keer inloggen tweestapsverificatie in.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam (a-z, 0-9, . _ -).", valueName: "NAAM")) var name: String
    @OptionGroup var role: AccountRoleOptions
    @OptionGroup var password: PasswordInputOptions
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let role = try role.role()
            let issues = Account.nameIssues(name)
            guard issues.isEmpty else { throw ValidationFailure(issues: issues) }
            let secret = try password.read()
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let account = try await installation.accountService.createAccount(
                name: name, password: secret, role: role, secondFactorRequired: self.role.secondFactor)
            Terminal.write(
                "gebruiker \(account.name) gemaakt: \(account.role.summary)"
                    + (account.secondFactorRequired ? ", tweestapsverificatie verplicht" : "") + "\n")
        }
    }
}

/// `vliegwiel gebruiker lijst [--formaat tekst|json]`
struct ListAccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lijst", abstract: "Toont de gebruikers met hun rol, tweestapsverificatie en sessies.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("formaat"), help: "tekst of json.") var format = "tekst"

    struct Entry: Encodable {
        var naam: String
        var rol: String
        var arrangementen: [String]
        var tweestapsverificatie: String
        var sessies: Int
        var geblokkeerd: Bool
    }

    func run() async throws {
        try await reportingFailures {
            guard ["tekst", "json"].contains(format) else {
                throw CommandFailure(field: "--formaat", "'\(format)' is onbekend; kies tekst of json")
            }
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            var entries: [Entry] = []
            for account in try await installation.stores.accounts.accounts() {
                let blocked = try await installation.stores.accounts.account(named: account.name)?.isBlocked == true
                entries.append(
                    Entry(
                        naam: account.name, rol: account.role.name, arrangementen: account.role.arrangementIDs,
                        tweestapsverificatie: account.secondFactorConfigured
                            ? "ingesteld" : account.mustSetUpSecondFactor ? "verplicht, nog niet ingesteld" : "uit",
                        sessies: try await installation.stores.accounts.sessions(of: account.name).count,
                        geblokkeerd: blocked))
            }
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.write(String(decoding: try encoder.encode(entries), as: UTF8.self) + "\n")
                return
            }
            for entry in entries {
                let role =
                    entry.arrangementen.isEmpty
                    ? entry.rol : "\(entry.rol) van \(entry.arrangementen.joined(separator: ", "))"
                Terminal.write(
                    "\(entry.naam)  \(role)  tweestapsverificatie: \(entry.tweestapsverificatie)  sessies: \(entry.sessies)"
                        + (entry.geblokkeerd ? "  GEBLOKKEERD" : "") + "\n"
                )
            }
            Terminal.write("\(entries.count) \(entries.count == 1 ? "gebruiker" : "gebruikers")\n")
        }
    }
}

/// `vliegwiel gebruiker rol NAAM (--beheerder | --redacteur ID… | --lezer) [--tweestapsverificatie]`
struct AccountRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rol", abstract: "Geeft een gebruiker een andere rol.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var role: AccountRoleOptions
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let newRole = try role.role()
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let account = try await installation.accountService.setRole(
                newRole, secondFactorRequired: role.secondFactor, of: name)
            Terminal.write("gebruiker \(account.name): \(account.role.summary)\n")
        }
    }
}

/// `vliegwiel gebruiker blokkeer NAAM`: offboarding — no login, no session, no API token.
struct BlockAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blokkeer",
        abstract: "Blokkeert een gebruiker: inloggen kan niet meer, sessies eindigen, API-sleutels worden ingetrokken.",
        discussion: "Deblokkeren met 'gebruiker deblokkeer'; het oude wachtwoord werkt dan weer, de sleutels niet.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let (sessions, tokens) = try await installation.accountService.block(name)
            Terminal.write(
                "gebruiker \(name) geblokkeerd; \(sessions) sessies beëindigd, \(tokens) API-sleutels ingetrokken\n")
        }
    }
}

/// `vliegwiel gebruiker deblokkeer NAAM`
struct UnblockAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deblokkeer", abstract: "Heft de blokkade van een gebruiker op; het oude wachtwoord werkt weer.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            if try await installation.accountService.unblock(name) {
                Terminal.write("gebruiker \(name) gedeblokkeerd; maak zo nodig nieuwe API-sleutels\n")
            } else {
                Terminal.write("gebruiker \(name) was niet geblokkeerd; er is niets veranderd\n")
            }
        }
    }
}

/// `vliegwiel gebruiker wachtwoord NAAM [--wachtwoord-stdin]`
struct AccountPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wachtwoord", abstract: "Geeft een gebruiker een nieuw wachtwoord en beëindigt zijn sessies.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var password: PasswordInputOptions
    @OptionGroup var actor: AccountActorOptions
    @Flag(
        name: .customLong("sleutels-intrekken"),
        help: "Trekt ook alle API-sleutels van de gebruiker in (aan te raden als het wachtwoord is uitgelekt).")
    var revokeTokens = false

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            guard try await installation.stores.accounts.account(named: name) != nil else {
                throw CommandFailure(field: "naam", "onbekende gebruiker '\(name)'")
            }
            let secret = try password.read()
            let service = installation.accountService
            try await service.changePassword(of: name, to: secret)
            let ended = try await service.endSessions(of: name)
            Terminal.write("wachtwoord van \(name) gewijzigd; \(ended) sessies beëindigd\n")
            if revokeTokens {
                let revoked = try await service.revokeAllTokens(of: name)
                Terminal.write("\(revoked) API-sleutels ingetrokken\n")
            } else {
                let valid = try await installation.stores.accounts.tokens(of: name).filter { !$0.isRevoked }.count
                if valid > 0 {
                    Terminal.write(
                        "\(valid) API-sleutels blijven geldig; trek ze in met --sleutels-intrekken als het oude "
                            + "wachtwoord kan zijn uitgelekt\n")
                }
            }
        }
    }
}

/// `vliegwiel gebruiker tweestapsverificatie NAAM`: a new TOTP secret, set at once and shown
/// once, for an operator who sets up an account (or a script's account) from the server.
struct AccountSecondFactorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tweestapsverificatie",
        abstract: "Geeft een gebruiker een nieuwe TOTP-sleutel en toont die één keer (vervangt de oude).",
        discussion: """
            Voor wie de server beheert: de sleutel gaat meteen in, zonder bevestiging met een code. Op de website \
            stelt een gebruiker het zelf in op /account. Alle sessies van de gebruiker worden beëindigd.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let secret = try await installation.accountService.setSecondFactor(of: name)
            try await installation.accountService.endSessions(of: name)
            Terminal.write(
                "tweestapsverificatie van \(name) ingesteld. Zet deze sleutel nu in de app; hij wordt niet meer "
                    + "getoond:\n\(AccountSecrets.totpDisplaySecret(secret: secret))\n"
                    + "\(AccountSecrets.totpURI(secret: secret, accountName: name))\n")
        }
    }
}

/// `vliegwiel gebruiker sessies-beeindigen NAAM`
struct EndAccountSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessies-beeindigen", abstract: "Beëindigt alle sessies van een gebruiker op de server.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("De gebruikersnaam.", valueName: "NAAM")) var name: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let count = try await installation.accountService.endSessions(of: name)
            Terminal.write("\(count) \(count == 1 ? "sessie" : "sessies") van \(name) beëindigd\n")
        }
    }
}

/// `vliegwiel token`: personal API tokens (`Authorization: Bearer …`).
struct AccountTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Maakt, toont en trekt persoonlijke API-sleutels in (Authorization: Bearer …).",
        subcommands: [CreateAccountTokenCommand.self, ListAccountTokensCommand.self, RevokeAccountTokenCommand.self])
}

/// `vliegwiel token maak --gebruiker NAAM OMSCHRIJVING`
struct CreateAccountTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maak",
        abstract: "Maakt een API-sleutel; de sleutel wordt één keer getoond en daarna nooit meer.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("gebruiker"), help: ArgumentHelp("Van wie de sleutel is.", valueName: "NAAM"))
    var account: String
    @Argument(help: ArgumentHelp("Waarvoor de sleutel is (een naam).", valueName: "OMSCHRIJVING")) var name: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            let (token, secret) = try await installation.accountService.createToken(named: name, for: account)
            Terminal.write(
                "API-sleutel \(token.id) (\(token.name)) van \(account) gemaakt. Bewaar hem nu; hij wordt niet meer "
                    + "getoond:\n\(secret)\n")
        }
    }
}

/// `vliegwiel token lijst --gebruiker NAAM`
struct ListAccountTokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lijst", abstract: "Toont de API-sleutels van een gebruiker (zonder de sleutels zelf).")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("gebruiker"), help: ArgumentHelp("Van wie.", valueName: "NAAM")) var account: String

    func run() async throws {
        try await reportingFailures {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            guard try await installation.stores.accounts.account(named: account) != nil else {
                throw CommandFailure(field: "--gebruiker", "onbekende gebruiker '\(account)'")
            }
            let tokens = try await installation.stores.accounts.tokens(of: account)
            for token in tokens {
                let used =
                    token.lastUsedAt.map { "laatst gebruikt \(AuditTimestamp($0).dutchText)" } ?? "nooit gebruikt"
                let state = token.revokedAt.map { "ingetrokken \(AuditTimestamp($0).dutchText)" } ?? "geldig"
                Terminal.write(
                    "\(token.id)  \(token.name)  gemaakt \(AuditTimestamp(token.createdAt).dutchText)  \(used)  \(state)\n"
                )
            }
            Terminal.write("\(tokens.count) \(tokens.count == 1 ? "sleutel" : "sleutels")\n")
        }
    }
}

/// `vliegwiel token intrekken --gebruiker NAAM ID`
struct RevokeAccountTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intrekken", abstract: "Trekt een API-sleutel in; daarna weigert de API hem.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("gebruiker"), help: ArgumentHelp("Van wie.", valueName: "NAAM")) var account: String
    @Argument(help: ArgumentHelp("Het nummer van de sleutel (uit 'token lijst').", valueName: "ID")) var id: String
    @OptionGroup var actor: AccountActorOptions

    func run() async throws {
        try await reportingFailures(actor: actor.actor) {
            let installation = try await Installation.open(database, shippedData: .onFirstOpening)
            guard try await installation.accountService.revokeToken(id: id, of: account) else {
                throw CommandFailure(field: "id", "\(account) heeft geen geldige API-sleutel '\(id)'")
            }
            Terminal.write("API-sleutel \(id) van \(account) ingetrokken\n")
        }
    }
}
