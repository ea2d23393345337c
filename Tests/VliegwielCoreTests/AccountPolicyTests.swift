import Foundation
import Testing
import VliegwielCore

@Suite struct AccountPasswordPolicyTests {
    let policy = AccountPasswordPolicy(commonPasswords: ["password", "12345678", "wachtwoord1"])

    func messages(_ password: String, name: String? = nil) -> [String] {
        policy.issues(password, accountName: name).map(\.description)
    }

    @Test func eightCharactersAreEnoughAndSevenAreNot() {
        #expect(messages("kort-ja8") == [])
        #expect(
            messages("kort-7!") == [
                "wachtwoord: te kort: 7 tekens, minstens 8 (een zin van een paar woorden met spaties mag en is sterker)"
            ])
    }

    @Test func spacesAndAnyScriptAreAllowedWithoutCompositionRules() {
        #expect(messages("alleen kleine letters en spaties") == [])
        #expect(messages("ñandú über straße") == [])
        #expect(messages("🚲🚲🚲🚲🚲🚲🚲🚲") == [])
    }

    @Test func lengthCountsAfterUnicodeNormalisation() {
        // "e" + combining acute accent is one character after NFKC, as "é" is.
        let decomposed = String(repeating: "e\u{301}", count: 7)
        #expect(messages(decomposed).first?.contains("te kort: 7 tekens") == true)
        #expect(AccountPasswordPolicy.normalized("e\u{301}") == "é")
    }

    @Test func up128CharactersAreAllowedAndMoreAreNot() {
        #expect(messages(String(repeating: "ab cd ", count: 21) + "ab") == [])
        #expect(messages(String(repeating: "x", count: 129)) == ["wachtwoord: te lang: 129 tekens, hoogstens 128"])
    }

    @Test func commonPasswordsAreRefusedWhateverTheirCase() {
        #expect(
            messages("PassWord") == [
                "wachtwoord: staat in de lijst van veelgebruikte wachtwoorden en is daardoor snel te raden; kies een ander"
            ])
        #expect(messages("12345678").count == 1)
    }

    @Test func theAccountNameIsRefusedAsPassword() {
        #expect(
            messages("marieke.jansen", name: "marieke.jansen") == [
                "wachtwoord: is gelijk aan de gebruikersnaam; kies een ander"
            ])
    }

    @Test func controlCharactersAreRefused() {
        #expect(messages("tab\tin het wachtwoord").first?.contains("stuurteken") == true)
    }
}

@Suite struct AuthorizationPolicyTests {
    static let created = Date(timeIntervalSince1970: 1_700_000_000)
    let admin = Account(name: "beheer", role: .administrator, secondFactorConfigured: true, createdAt: created)
    let newAdmin = Account(name: "nieuw", role: .administrator, createdAt: created)
    let editor = Account(name: "redactie", role: .editor(arrangements: ["regio-deal-a"]), createdAt: created)
    let reader = Account(name: "lezer", role: .reader, createdAt: created)

    let open = AuthorizationPolicy(readingWithoutAccount: true)
    let closed = AuthorizationPolicy(readingWithoutAccount: false)

    @Test func visitorsReadOnlyWhenTheSettingAllowsItAndNeverChange() {
        #expect(open.decide(.visitor, .read, .catalogue).isAllowed)
        #expect(open.decide(.visitor, .read, .arrangement("x")).isAllowed)
        #expect(closed.decide(.visitor, .read, .catalogue).outcome == .needsAccount)
        #expect(
            closed.decide(.visitor, .read, .catalogue).reason
                == "log in om te lezen: deze installatie is alleen open voor wie een account heeft")
        for object in [AuthorizationObject.catalogue, .arrangement("x"), .installation, .accounts, .auditTrail] {
            #expect(open.decide(.visitor, .change, object).outcome == .needsAccount)
        }
        #expect(open.decide(.visitor, .read, .auditTrail).outcome == .needsAccount)
    }

    @Test func anEditorChangesOnlyItsOwnArrangements() {
        #expect(open.decide(.account(editor), .change, .arrangement("regio-deal-a")).isAllowed)
        let refused = open.decide(.account(editor), .change, .arrangement("regio-deal-b"))
        #expect(refused.outcome == .forbidden)
        #expect(
            refused.reason
                == "geweigerd voor redactie (redacteur): u bent redacteur van regio-deal-a, niet van 'regio-deal-b'")
        #expect(closed.decide(.account(editor), .read, .arrangement("regio-deal-b")).isAllowed)
        #expect(open.decide(.account(editor), .change, .installation).outcome == .forbidden)
        #expect(open.decide(.account(editor), .read, .auditTrail).outcome == .forbidden)
    }

    @Test func aReaderReadsAndChangesOnlyItsOwnAccount() {
        #expect(closed.decide(.account(reader), .read, .catalogue).isAllowed)
        #expect(closed.decide(.account(reader), .change, .ownAccount).isAllowed)
        #expect(
            closed.decide(.account(reader), .change, .arrangement("x")).reason
                == "geweigerd voor lezer (lezer): u mag arrangement 'x' niet wijzigen")
        #expect(
            closed.decide(.account(reader), .read, .accounts).reason
                == "geweigerd voor lezer (lezer): alleen een beheerder beheert gebruikers en rollen")
    }

    @Test func anAdministratorDoesEverythingOnceTOTPIsSetUp() {
        for object in [AuthorizationObject.catalogue, .arrangement("x"), .installation, .accounts, .auditTrail] {
            for action in AuthorizationAction.allCases {
                #expect(closed.decide(.account(admin), action, object).isAllowed)
            }
        }
    }

    @Test func anAdministratorWithoutTOTPMaySetItUpAndNothingElse() {
        #expect(newAdmin.mustSetUpSecondFactor)
        #expect(closed.decide(.account(newAdmin), .change, .ownAccount).isAllowed)
        let refused = closed.decide(.account(newAdmin), .read, .catalogue)
        #expect(refused.outcome == .needsSecondFactorSetup)
        #expect(refused.reason.contains("verplicht voor een beheerder"))
        var required = reader
        required.secondFactorRequired = true
        #expect(closed.decide(.account(required), .read, .catalogue).outcome == .needsSecondFactorSetup)
    }

    @Test func accountNamesAreLowerCaseAndShort() {
        #expect(Account.nameIssues("marieke.jansen-2").isEmpty)
        #expect(Account.nameIssues("Marieke").count == 1)
        #expect(Account.nameIssues("").count == 1)
        #expect(Account.nameIssues(String(repeating: "a", count: 65)).count == 1)
    }

    @Test func rolesHaveDutchNames() {
        #expect(AccountRole(name: "redacteur", arrangements: ["b", "a"])?.summary == "redacteur van a, b")
        #expect(AccountRole(name: "beheerder") == .administrator)
        #expect(AccountRole(name: "admin") == nil)
    }
}

@Suite struct AccountLoginThrottleTests {
    let throttle = AccountLoginThrottle()
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func failures(_ count: Int, everySeconds: TimeInterval = 1) -> [Date] {
        (0..<count).map { start.addingTimeInterval(Double($0) * everySeconds) }
    }

    @Test func aFewMistakesCostNothing() {
        #expect(throttle.retryAfter(accountFailures: failures(4), addressFailures: failures(4), now: start + 5) == nil)
    }

    @Test func theFifthFailureOfAnAccountMakesTheNextWaitAndEachFurtherOneDoublesIt() {
        let last = start + 4
        #expect(throttle.retryAfter(accountFailures: failures(5), addressFailures: [], now: last) == 30)
        #expect(throttle.retryAfter(accountFailures: failures(6), addressFailures: [], now: start + 5) == 60)
        #expect(throttle.retryAfter(accountFailures: failures(7), addressFailures: [], now: start + 6) == 120)
        #expect(throttle.retryAfter(accountFailures: failures(5), addressFailures: [], now: last + 30) == nil)
    }

    @Test func theWaitIsCappedAtFifteenMinutes() {
        #expect(throttle.retryAfter(accountFailures: failures(40), addressFailures: [], now: start + 39) == 900)
    }

    @Test func oneAddressTryingManyAccountsIsSlowedDown() {
        #expect(throttle.retryAfter(accountFailures: [], addressFailures: failures(19), now: start + 19) == nil)
        #expect(throttle.retryAfter(accountFailures: [], addressFailures: failures(20), now: start + 19) == 30)
    }

    @Test func failuresOlderThanTheWindowAreForgotten() {
        #expect(throttle.retryAfter(accountFailures: failures(10), addressFailures: [], now: start + 3601 + 9) == nil)
    }

    @Test func atMostAHundredTriesAnHourAsASVSAsks() {
        // An attacker who tries whenever allowed.
        var tries: [Date] = []
        var time = start
        while time < start + 3600 {
            if let wait = throttle.retryAfter(accountFailures: tries, addressFailures: [], now: time) {
                time += Double(wait)
            } else {
                tries.append(time)
                time += 1
            }
        }
        #expect(tries.count < 100)
    }
}
