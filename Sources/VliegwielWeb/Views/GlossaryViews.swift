extension GlossaryPage: PageView {
    func main(_ session: SignedIn?) -> HTML {
        #"""
        <h1>Begrippenlijst</h1>
        <p class="lead">Wat de woorden in Vliegwiel betekenen, in gewone taal. Bij een woord uit het essay <cite>Waarderen van variatie</cite> staat eerst onze uitleg en daarna wat het essay er zelf over zegt, met de paragraaf.</p>
        <nav aria-label="Groepen van begrippen" class="toc">
          <ul>\#(groups.map { g -> HTML in ##"<li><a href="#\##(g.anchor)">\##(g.title)</a></li>"## })</ul>
        </nav>
        \#(HTML(lines: groups.map(Self.group)))
        """#
    }

    private static func group(_ group: Group) -> HTML {
        #"""
        <section aria-labelledby="\#(group.anchor)">
          <h2 id="\#(group.anchor)">\#(group.title)</h2>
          <p>\#(group.intro)</p>
          <dl class="glossary">
        \#(HTML(lines: group.entries.map(Self.entry)))
          </dl>
        </section>
        """#
    }

    private static func entry(_ entry: Entry) -> HTML {
        guard let quote = entry.quote, let section = entry.section else {
            return #"""
                    <dt id="\#(entry.anchor)">\#(entry.word)</dt>
                    <dd><p>\#(entry.meaning)</p></dd>
                """#
        }
        return #"""
                <dt id="\#(entry.anchor)">\#(entry.word)</dt>
                <dd><p><span class="explanation-label">Uitleg van Vliegwiel:</span> \#(entry.meaning)</p><blockquote><p>“\#(quote)”</p><footer class="citation">Essay, \#(section)</footer></blockquote></dd>
            """#
    }
}

/// A link to a term of the glossary, around the words of the page (issue 16 item 7).
enum GlossaryLink {
    static func html(_ term: GlossaryTerm, _ words: String) -> HTML {
        #"<a class="term" href="\#(SiteURL.glossary(term).href())">\#(words)</a>"#
    }

    /// The small "wat is dit?" link after a heading or a label.
    static func explain(_ term: GlossaryTerm, _ label: String = "wat is dit?") -> HTML {
        #"<a class="term-help" href="\#(SiteURL.glossary(term).href())">\#(label)<span class="visually-hidden"> (\#(Glossary.entry(term).word), in de begrippenlijst)</span></a>"#
    }
}
