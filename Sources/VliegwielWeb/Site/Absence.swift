/// The three words for what is not there, each with one meaning (issue 16 item 7; usability
/// review: "niet vermeld", "onbekend" and "nog niet vastgelegd" were used for the same thing).
/// The glossary explains them (`/begrippen#niet-vermeld` …).
/// - *niet vermeld*: the source was read and says nothing about it (a design choice of a profile
///   taken from the essay or a public source; the reason stands beside it);
/// - *nog niet vastgelegd*: nobody has recorded it in Vliegwiel yet (a deal's partners, dates,
///   regions, goal; a choice left open in one's own design): it may well exist;
/// - *onbekend*: an amount, date or result Vliegwiel cannot give, because no source names it and
///   nobody recorded it, or because it would follow from such a missing value (a sum with a
///   missing amount). Vliegwiel then does not compute on.
enum Absence {
    static let notStated = "niet vermeld"
    static let notRecorded = "nog niet vastgelegd"
    static let unknown = "onbekend"

    /// What a deal page says first about the three words.
    static var legend: HTML {
        "Wat de bronnen niet noemen, staat er als ‘\(GlossaryLink.html(.nietVermeld, notStated))’; wat nog niemand in Vliegwiel invoerde, als ‘\(GlossaryLink.html(.nogNietVastgelegd, notRecorded))’; een bedrag of uitkomst die daardoor niet te bepalen is, als ‘\(GlossaryLink.html(.onbekend, unknown))’."
    }

    /// Whether a dimension's reason for not being stated says that nobody recorded it (a design
    /// saved with the choice left open, a file without it) rather than that the source is silent.
    static func isNotRecorded(reason: String) -> Bool {
        reason.lowercased().hasPrefix(notRecorded)
    }

    /// A period from two dates that may not be recorded.
    static func period(_ start: String?, _ end: String?) -> String {
        switch (start, end) {
        case (nil, nil): "\(notRecorded)"
        case (let start?, nil): "vanaf \(start); einddatum \(notRecorded)"
        case (nil, let end?): "tot \(end); begindatum \(notRecorded)"
        case (let start?, let end?): "\(start) tot \(end)"
        }
    }
}

/// The hint of a date field (issue 16 item 7): the field is a date picker (`type="date"`), and
/// a browser without one shows a text field, in which the server reads YYYY-MM-DD.
enum DateHint {
    static let text =
        "Kies een datum; zonder datumkiezer schrijft u JJJJ-MM-DD, bijvoorbeeld 2024-02-09."
}
