import VliegwielCore

/// Whether this visitor may change what a page shows, and if not, why and what to do
/// (issue 16 item 2; usability review: forms that fail with 401 only after they are filled in,
/// and controls shown to people who may not use them). A page shows its forms and edit links
/// only when changing is allowed, and otherwise one notice in their place.
enum EditAccess: Sendable, Equatable {
    case allowed
    /// Without an account: log in first, at `loginHref`, and come back.
    case needsLogin(loginHref: String)
    /// The account may change this once it has set up its second factor, at `accountHref`.
    case needsSecondFactor(accountHref: String)
    /// The account may not change this; `reason` says why, as a sentence.
    case refused(reason: String)

    var isAllowed: Bool { self == .allowed }

    /// The access for `decision`; logging in leads back to `returnTo`.
    init(_ decision: AuthorizationDecision, returnTo: String) {
        switch decision.outcome {
        case .allowed: self = .allowed
        case .needsAccount: self = .needsLogin(loginHref: AccountURL.login(returnTo: returnTo).href)
        case .needsSecondFactorSetup: self = .needsSecondFactor(accountHref: AccountURL.account.href)
        case .forbidden:
            self = .refused(reason: decision.reason.prefix(1).uppercased() + decision.reason.dropFirst())
        }
    }

    /// Whether the visitor of `context` may change the arrangement of the route, as its route
    /// group decided (``AppRequestContext/changing``); allowed where no group decided (a page
    /// built outside an arrangement's group changes nothing of one).
    init(_ context: AppRequestContext, returnTo: String) {
        guard let decision = context.changing else {
            self = .allowed
            return
        }
        self.init(decision, returnTo: returnTo)
    }
}

extension EditAccess {
    /// One notice in place of the forms and links a visitor may not use; nothing when allowed.
    /// `what` names what would be changed: "de gegevens van deze deal".
    func notice(_ what: String) -> HTML {
        switch self {
        case .allowed: .empty
        case .needsLogin(let loginHref):
            #"""
            <div class="notice" role="note">
              <p><strong>Wijzigen vraagt een account.</strong> U bent niet ingelogd: u kunt alles lezen, maar \#(what) wijzigen kan alleen met een account dat dit arrangement mag wijzigen (een redacteur van het arrangement of een beheerder). <a href="\#(loginHref)">Log in</a>; daarna komt u hier terug.</p>
            </div>
            """#
        case .needsSecondFactor(let accountHref):
            #"""
            <div class="notice" role="note">
              <p><strong>Eerst tweestapsverificatie instellen.</strong> Uw account moet tweestapsverificatie (TOTP) gebruiken voordat u \#(what) kunt wijzigen. <a href="\#(accountHref)">Stel het in op uw accountpagina</a>; daarna kunt u hier verder.</p>
            </div>
            """#
        case .refused(let reason):
            #"""
            <div class="notice" role="note">
              <p><strong>U kunt \#(what) niet wijzigen.</strong> \#(reason). Een beheerder van deze installatie kan u redacteur van dit arrangement maken.</p>
            </div>
            """#
        }
    }
}
