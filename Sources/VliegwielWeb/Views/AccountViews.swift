extension AccountLoginPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        HTML(lines: [
            "<h1>Inloggen</h1>",
            message.map { message -> HTML in
                #"""
                <div class="error-summary" role="alert" aria-labelledby="inloggen-fout-kop" tabindex="-1" id="foutoverzicht">
                  <h2 id="inloggen-fout-kop">Niet ingelogd</h2>
                  <p>\#(message)</p>
                </div>
                """#
            } ?? .empty,
            #"""
            <form method="post" action="\#(action)">
              \#(PageFrame.csrfField(session))
              <input type="hidden" name="terug" value="\#(returnTo)">
              <div class="field">
                <label for="inloggen-naam">Gebruikersnaam</label>
                <input type="text" id="inloggen-naam" name="naam" value="\#(name)" autocomplete="username" autocapitalize="none" spellcheck="false" required>
              </div>
              <div class="field">
                <label for="inloggen-wachtwoord">Wachtwoord</label>
                <p class="hint" id="inloggen-wachtwoord-hint">Plakken uit een wachtwoordbeheerder mag.</p>
                <input type="password" id="inloggen-wachtwoord" name="wachtwoord" autocomplete="current-password" aria-describedby="inloggen-wachtwoord-hint" required>
              </div>
              <div class="field">
                <label for="inloggen-code">Code uit uw authenticator-app</label>
                <p class="hint" id="inloggen-code-hint">Alleen als u tweestapsverificatie gebruikt: de zes cijfers die de app nu toont.</p>
                <input type="text" id="inloggen-code" name="code" inputmode="numeric" autocomplete="one-time-code" aria-describedby="inloggen-code-hint">
              </div>
              <button type="submit">Inloggen</button>
            </form>
            <p>Nog geen account? Een beheerder maakt het voor u aan.</p>
            """#,
        ])
    }
}

extension AccountPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let csrf = PageFrame.csrfField(session)
        return HTML(lines: [
            #"""
            <h1>Uw account</h1>
            <p class="lead">Ingelogd als <strong>\#(name)</strong> (\#(role)).</p>
            """#,
            notice.map { #"<p class="notice" role="status">\#($0)</p>"# } ?? .empty,
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            #"""
            <section aria-labelledby="totp-kop">
            <h2 id="totp-kop">Tweestapsverificatie (TOTP)</h2>
            """#,
            secondFactorConfigured
                ? "<p>Ingesteld: bij het inloggen vraagt Vliegwiel ook om een code uit uw authenticator-app.</p>"
                : secondFactorSetUp(csrf),
            "</section>",
            mustSetUpSecondFactor ? .empty : apiTokens(csrf),
            #"""
            <section aria-labelledby="sessies-kop">
            <h2 id="sessies-kop">Sessies</h2>
            <p>U bent op \#(sessionCount) plaats(en) ingelogd.</p>
            <form method="post" action="\#(endSessionsAction)">
              \#(csrf)
              <button type="submit">Overal uitloggen</button>
            </form>
            </section>
            """#,
        ])
    }

    private func secondFactorSetUp(_ csrf: HTML) -> HTML {
        let state: HTML =
            secondFactorRequired
            ? "Verplicht voor uw account, en nog niet ingesteld." : "Niet ingesteld. U kunt het zelf aanzetten."
        guard let pendingSecret else {
            return #"""
                <p>\#(state)</p>
                <form method="post" action="\#(secondFactorBeginAction)">
                  \#(csrf)
                  <button type="submit">Tweestapsverificatie instellen</button>
                </form>
                """#
        }
        return HTML(lines: [
            #"""
            <p>\#(state)</p>
            <ol>
              <li>Open een authenticator-app (zoals FreeOTP, Aegis of Google Authenticator) en kies een account toevoegen.</li>
              <li>Typ deze geheime sleutel over: <code id="totp-sleutel">\#(pendingSecret)</code> (tijdgebaseerd, 6 cijfers, 30 seconden), of open in de app dit adres: <code>\#(pendingURI ?? "")</code></li>
              <li>Typ hieronder de code die de app toont.</li>
            </ol>
            <form method="post" action="\#(secondFactorConfirmAction)">
              \#(csrf)
              <div class="field\#(if: codeError != nil, " field-error")">
                <label for="totp-code">Code uit de app</label>
            """#,
            codeError.map { #"    <p class="error-message" id="totp-code-fout">Fout: \#($0)</p>"# } ?? .empty,
            #"""
                <input type="text" id="totp-code" name="code" inputmode="numeric" autocomplete="one-time-code"\#(if: codeError != nil, #" aria-invalid="true" aria-describedby="totp-code-fout""#)>
              </div>
              <button type="submit">Bevestigen</button>
            </form>
            """#,
        ])
    }

    private func apiTokens(_ csrf: HTML) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="sleutels-kop">
            <h2 id="sleutels-kop">API-sleutels</h2>
            <p>Met een persoonlijke API-sleutel gebruikt een programma de API namens u: stuur hem mee als <code>Authorization: Bearer &lt;sleutel&gt;</code>. Vliegwiel bewaart alleen een hash; de sleutel zelf ziet u één keer.</p>
            """#,
            newTokenSecret.map {
                #"<p class="notice" role="status">Uw nieuwe sleutel. Bewaar hem nu; hij wordt niet meer getoond: <code id="nieuwe-sleutel">\#($0)</code></p>"#
            } ?? .empty,
            !tokens.isEmpty
                ? HTML(lines: [
                    #"""
                    <table>
                      <caption>Uw API-sleutels</caption>
                      <thead><tr><th scope="col">Nummer</th><th scope="col">Naam</th><th scope="col">Gemaakt (UTC)</th><th scope="col">Laatst gebruikt</th><th scope="col">Status</th><th scope="col">Actie</th></tr></thead>
                      <tbody>
                    """#,
                    HTML(
                        lines: tokens.map { token -> HTML in
                            #"""
                              <tr><td>\#(token.id)</td><td>\#(token.name)</td><td>\#(token.created)</td><td>\#(token.lastUsed)</td><td>\#(token.state)</td>
                                <td>\#(if: token.isValid, #"<form method="post" action="\#(token.revokeAction)">\#(csrf)<button type="submit">Intrekken<span class="visually-hidden"> \#(token.name)</span></button></form>"#)</td></tr>
                            """#
                        }),
                    """
                      </tbody>
                    </table>
                    """,
                ])
                : .empty,
            #"""
            <form method="post" action="\#(tokensAction)">
              \#(csrf)
              <div class="field">
                <label for="sleutel-naam">Naam van de nieuwe sleutel</label>
                <p class="hint" id="sleutel-naam-hint">Waarvoor hij is, bijvoorbeeld "rapportagescript".</p>
                <input type="text" id="sleutel-naam" name="naam" aria-describedby="sleutel-naam-hint">
              </div>
              <button type="submit">Sleutel maken</button>
            </form>
            </section>
            """#,
        ])
    }
}

extension AccountAdminPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let csrf = PageFrame.csrfField(session)
        return HTML(lines: [
            #"""
            <h1>Gebruikers</h1>
            <p class="lead">Rollen: een beheerder mag alles, een redacteur wijzigt alleen de genoemde arrangementen, een lezer leest. Een beheerder gebruikt altijd tweestapsverificatie.</p>
            """#,
            notice.map { #"<p class="notice" role="status">\#($0)</p>"# } ?? .empty,
            PageFrame.errorSummary(errors, isShown: hasErrors, layout.t),
            #"<div id="gebruikers">"#,
            rows.isEmpty
                ? "<p>Er zijn nog geen gebruikers. Maak de eerste beheerder met <code>vliegwiel gebruiker maak NAAM --beheerder</code>.</p>"
                : HTML(lines: rows.map { Self.row($0, csrf) }),
            "</div>",
        ])
    }

    private static func row(_ r: Row, _ csrf: HTML) -> HTML {
        let p = r.fieldPrefix
        let block: HTML =
            r.isBlocked
            ? #"""
            <p><strong>Geblokkeerd:</strong> \#(r.name) kan niet inloggen en heeft geen geldige API-sleutels.</p>
            <form method="post" action="\#(r.unblockAction)">
              \#(csrf)
              <button type="submit">Blokkade opheffen<span class="visually-hidden"> van \#(r.name)</span></button>
            </form>
            """#
            : #"""
            <form method="post" action="\#(r.blockAction)">
              \#(csrf)
              <button type="submit">Blokkeren<span class="visually-hidden"> \#(r.name)</span></button>
              <span class="aside">Beëindigt de sessies en trekt alle API-sleutels in; inloggen kan daarna niet meer.</span>
            </form>
            """#
        return #"""
            <section aria-labelledby="\#(p)-kop">
            <h2 id="\#(p)-kop">\#(r.name)</h2>
            <p>Rol: \#(r.role). Tweestapsverificatie: \#(r.secondFactor). Sessies: \#(r.sessions).</p>
            <form method="post" action="\#(r.roleAction)">
              \#(csrf)
              <fieldset>
                <legend>Rol van \#(r.name)</legend>
                <div class="field">
                  <label for="\#(p)-rol">Rol</label>
                  <select id="\#(p)-rol" name="rol">
                    <option value="beheerder"\#(if: r.isAdministrator, " selected")>beheerder</option>
                    <option value="redacteur"\#(if: r.isEditor, " selected")>redacteur</option>
                    <option value="lezer"\#(if: r.isReader, " selected")>lezer</option>
                  </select>
                </div>
                <div class="field">
                  <label for="\#(p)-arrangementen">Arrangementen (alleen voor een redacteur)</label>
                  <p class="hint" id="\#(p)-arrangementen-hint">De id's, gescheiden door komma's.</p>
                  <input type="text" id="\#(p)-arrangementen" name="arrangementen" value="\#(r.arrangements)" aria-describedby="\#(p)-arrangementen-hint">
                </div>
                <div class="field">
                  <input type="checkbox" id="\#(p)-totp" name="tweestapsverificatie" value="ja"\#(if: r.secondFactorRequired, " checked")>
                  <label for="\#(p)-totp">Tweestapsverificatie verplicht</label>
                </div>
                <button type="submit">Rol opslaan<span class="visually-hidden"> voor \#(r.name)</span></button>
              </fieldset>
            </form>
            <form method="post" action="\#(r.endSessionsAction)">
              \#(csrf)
              <button type="submit">Sessies beëindigen<span class="visually-hidden"> van \#(r.name)</span></button>
            </form>
            \#(block)
            </section>
            """#
    }
}
