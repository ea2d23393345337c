/// What the arrangement page shows of its analysis — "In het kort", the profile by element, the
/// advice and the nearest variants — follows from the profile alone, so it is rendered once
/// with the analysis and kept with it (``ProfileAnalysisMemo``, per stored profile): a
/// changed profile is another analysis, rendered afresh. Rendering these sections was about
/// half of the page's time on the miss path (issue 14).
struct AnalysisHTML: Sendable {
    var inShort: HTML
    var sections: HTML

    init(elements: [ElementView], advice: AdviceView, nearest: [NearestView], t: UIText) {
        inShort = ProfileSections.inShort(advice, t)
        sections = HTML(lines: [
            ProfileSections.profile(elements, t),
            ProfileSections.advice(advice, t),
            #"""
            <section aria-labelledby="dichtstbij">
              <h2 id="dichtstbij">\#(t.nearest)</h2>
              <p>De \#(GlossaryLink.html(.afstand, "afstand")) is het gemiddelde verschil over de ontwerpkeuzes die bij allebei zijn vastgelegd: 0 is gelijk, 1 is op elke keuze zo verschillend als kan. Een afstand van 0,2 is dus ongeveer een vijfde van die keuzes helemaal anders, of meer keuzes een beetje anders. Een keuze die bij een van beide niet vermeld is, telt niet mee.</p>
              <ul>\#(nearest.map { ProfileSections.nearest($0, t) })</ul>
            </section>
            """#,
        ])
    }
}

extension ArrangementPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        let t = layout.t
        let variant: HTML? = variantName.map { #" · variant <a href="\#(variantHref ?? "")">\#($0)</a>"# }
        let sourceItems = sources.map { source -> HTML in
            let text: HTML = source.href.map { #"<a href="\#($0)">\#(source.text)</a>"# } ?? "\(source.text)"
            return "<li>\(t.source): \(text)</li>"
        }
        let more: HTML? = moreSources.map {
            ##"<li>en \##($0) andere bronnen: zie <a href="#bronnen">Uit de openbare bronnen</a></li>"##
        }
        return HTML(lines: [
            isSaved
                ? #"<div class="notice success" role="status"><p>Het arrangement is opgeslagen. Hieronder staat het advies bij het ontwerp.</p></div>"#
                : .empty,
            "<h1>\(name)</h1>",
            preview.map(Self.preview)
                ?? #"<p class="meta">\#(family) · \#(kind)\#(variant)</p>"#,
            summary.map { #"<p class="lead">\#($0)</p>"# } ?? .empty,
            preview != nil ? .empty : "<ul class=\"sources\">\(sourceItems)\(more)</ul>",
            preview != nil
                ? .empty
                : #"<p class="actions"><a href="\#(whatIfHref)">\#(t.navWhatIf): verander een ontwerpkeuze</a> · <a href="\#(compareHref)">\#(t.navCompare)</a>\#(link(learningLogHref, "Leerlog: les → besluit → wijziging"))\#(link(indicatorsHref, "Indicatoren: programma en context"))\#(link(contributionHref, "Bijdragegraaf en bijdrageverhalen"))\#(link(dossierHref, "Evaluatiedossier (afdrukbaar)"))\#(link(qcaOutcomesHref, "Uitkomsten voor QCA"))</p>"#,
            hasProfile ? analysis.inShort : .empty,
            #"""
            <nav aria-label="Op deze pagina" class="toc">
              <ul>
                \#(if: deal != nil, ##"<li><a href="#portefeuille">Portefeuille</a></li>"##)\#(if: curated != nil, ##"<li><a href="#bronnen">Uit de openbare bronnen</a></li>"##)<li><a href="#profiel">\#(t.elements)</a></li>
            \#(if: hasProfile, ##"""
                <li><a href="#gevolgen">\##(t.consequences)</a></li>
                <li><a href="#perspectief-kop">\##(t.perspective)</a></li>
                <li><a href="#temporeel">\##(t.temporal)</a></li>
                <li><a href="#evaluatie">\##(t.evaluation)</a></li>
                <li><a href="#dichtstbij">\##(t.nearest)</a></li>
            """##)\#(if: history != nil, ##"<li><a href="#geschiedenis">Profielgeschiedenis</a></li>"##)
              </ul>
            </nav>
            """#,
            deal.map { deal -> HTML in DealSections.deal(deal, t, isDossier: false, session: session) } ?? .empty,
            curated.map { curated -> HTML in
                #"""
                <section aria-labelledby="echte-deal" class="deal">
                <h2 id="echte-deal">Een echte deal</h2>
                \#(DealSections.curated(curated))
                </section>
                """#
            } ?? .empty,
            hasProfile
                ? analysis.sections
                : #"""
                <section aria-labelledby="profiel">
                  <h2 id="profiel">\#(t.elements)</h2>
                  <div class="notice" role="note">
                    <p><strong>Nog geen profiel.</strong> Van \#(name) is nog geen enkele ontwerpkeuze vastgelegd. Daarom berekent Vliegwiel hier geen gevolgen, geen sturingsperspectief, geen tijdshorizon, geen evaluatieontwerp en geen dichtstbijzijnde varianten: die zouden uit niets iets afleiden. Een vorm die niet expliciet gekozen is, is een ontwerpkeuze om nog te maken (essay §5.3).</p>
                    <p>Leg de keuzes vast via <a href="\#(SiteURL.design.path)">Ontwerpen</a>, of bekijk \#(variantName.map { v -> HTML in #"de referentievariant <a href="\#(variantHref ?? "")">\#(v)</a>"# } ?? "de referentievarianten in de <a href=\"\(SiteURL.catalogue().path)\">catalogus</a>").</p>
                  </div>
                </section>
                """#,
            history.map(Self.history) ?? .empty,
        ])
    }

    /// What an unsaved design's advice says first: nothing is stored, the way back to the
    /// form, and who may save.
    private static func preview(_ preview: DesignPreview) -> HTML {
        let saving: HTML =
            switch preview.saving {
            case .allowed: " Opslaan doet u op het formulier."
            case .needsLogin(let loginHref):
                #" Opslaan kan alleen met een account dat nieuwe arrangementen mag maken (een beheerder): <a href="\#(loginHref)">log in</a> en ga dan terug naar het formulier."#
            case .needsSecondFactor(let accountHref):
                #" Opslaan kan pas als uw account tweestapsverificatie gebruikt: <a href="\#(accountHref)">stel het in op uw accountpagina</a>."#
            case .refused(let reason): " Opslaan kunt u niet: \(reason)."
            }
        return #"""
            <div class="notice" role="status">
              <p><strong>Niet opgeslagen.</strong> Dit is het advies bij het ontwerp zoals u het invulde; Vliegwiel heeft niets bewaard.\#(saving)</p>
              <p><a href="\#(preview.formHref)">Terug naar het formulier</a>: alles wat u invulde, staat er nog in.</p>
            </div>
            """#
    }

    private func link(_ href: String?, _ label: String) -> HTML {
        guard let href else { return .empty }
        return #" · <a href="\#(href)">\#(label)</a>"#
    }

    private static func history(_ history: HistorySection) -> HTML {
        HTML(lines: [
            #"""
            <section aria-labelledby="geschiedenis">
              <h2 id="geschiedenis">Profielgeschiedenis</h2>
              <p>Wat veranderde van \#(history.fromTo):</p>
            """#,
            !history.drift.isEmpty
                ? "  <ul>\(history.drift.map { "<li>\($0)</li>" as HTML })</ul>"
                : "  <p>Alleen citaten, bronnen of toelichtingen veranderden; de ontwerpkeuzes bleven gelijk.</p>",
            #"""
              <h3>Versies, nieuwste eerst</h3>
              <ul>\#(history.versions.map { v -> HTML in #"<li id="\#(v.anchor)">\#(v.text)\#(v.reason.map { r -> HTML in #" — <a href="\#(r.href)">\#(r.label)</a>"# })</li>"# })</ul>
            </section>
            """#,
        ])
    }
}

extension ProfileSections {
    /// A nearest reference variant, with how far it is and where it differs.
    static func nearest(_ n: NearestView, _ t: UIText) -> HTML {
        #"<li><a href="\#(n.href)">\#(n.name)</a> — \#(t.distance) \#(n.distance)\#(n.differences.isEmpty ? "" : "; verschilt in \(n.differences)")</li>"#
    }
}
