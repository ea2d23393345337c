import Testing

@testable import VliegwielWeb

/// Tables scroll in a container of their own, so that a page reflows at 320 CSS px (issue 16
/// item 8); the browser test in Tests/Python/test_accessibility.py measures the pages themselves.
@Suite struct TableScrollTests {
    func wrap(_ html: HTML) -> String { TableScroll.wrap(html, fallbackLabel: "Tabel").description }

    @Test func aTableIsWrappedInAFocusableRegionNamedByItsCaption() {
        let html: HTML = """
            <h2>Partners</h2>
            <table>
              <caption class="visually-hidden">Partners op 1 januari</caption>
              <tbody><tr><td>a</td></tr></tbody>
            </table>
            <p>Daarna</p>
            """
        #expect(
            wrap(html) == """
                <h2>Partners</h2>
                <div class="table-scroll" role="region" aria-labelledby="tabelbijschrift-1" tabindex="0"><table>
                  <caption id="tabelbijschrift-1" class="visually-hidden">Partners op 1 januari</caption>
                  <tbody><tr><td>a</td></tr></tbody>
                </table></div>
                <p>Daarna</p>
                """)
    }

    @Test func eachTableGetsItsOwnIdAndACaptionKeepsItsId() {
        let html: HTML = """
            <table class="temporal"><caption>Een</caption></table>
            <table><caption id="eigen">Twee</caption></table>
            """
        #expect(
            wrap(html) == """
                <div class="table-scroll" role="region" aria-labelledby="tabelbijschrift-1" tabindex="0"><table class="temporal"><caption id="tabelbijschrift-1">Een</caption></table></div>
                <div class="table-scroll" role="region" aria-labelledby="eigen" tabindex="0"><table><caption id="eigen">Twee</caption></table></div>
                """)
    }

    @Test func aTableWithoutCaptionIsNamedByTheFallback() {
        #expect(
            wrap("<table><tr><td>a</td></tr></table>")
                == #"<div class="table-scroll" role="region" aria-label="Tabel" tabindex="0"><table><tr><td>a</td></tr></table></div>"#
        )
    }

    @Test func aTableAlreadyInAContainerOrInsideATableIsLeftAlone() {
        let html: HTML = """
            <div class="table-scroll" tabindex="0" role="region" aria-label="Regels">
            <table><caption>Regels</caption><tr><td><table><caption>Binnen</caption></table></td></tr></table>
            </div>
            """
        #expect(wrap(html) == html.description)
    }

    @Test func textThatMentionsATableIsNotATag() {
        let html: HTML = "<p>\("Zie <table> en <caption>")</p><pre>&lt;table&gt;</pre>"
        #expect(wrap(html) == html.description)
        #expect(wrap("<p>Geen tabel</p>") == "<p>Geen tabel</p>")
    }
}
