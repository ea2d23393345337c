import Foundation
import VliegwielCore

/// The fields of the three learning-log forms and how their values become an entry.
enum LearningLogFormSpec {
    /// `date`: an `<input type="date">`, which the browser sends as YYYY-MM-DD.
    enum Kind { case text, date, textarea, select, checkboxes }

    struct Field {
        var key: String
        var label: String
        var hint: String?
        var kind: Kind
        var options: [(code: String, label: String)] = []
    }

    static func firstKey(_ kind: LearningEntryKind) -> String { "datum" }

    static func fields(_ kind: LearningEntryKind, log: LearningLog, context: LearningLogContext) -> [Field] {
        let date = Field(
            key: "datum", label: "Datum", hint: DateHint.text, kind: .date)
        switch kind {
        case .lessons:
            return [
                date,
                Field(key: "les", label: "Wat is er geleerd?", hint: nil, kind: .textarea),
                Field(key: "door", label: "Door wie", hint: "Een persoon, een evaluator, een overleg.", kind: .text),
                Field(
                    key: "bron", label: "Bron", hint: "Waar de les staat: een evaluatie, een verslag, een gesprek.",
                    kind: .text),
            ]
        case .decisions:
            return [
                date,
                Field(key: "besluit", label: "Wat is er besloten?", hint: nil, kind: .textarea),
                Field(key: "door", label: "Door wie of welk orgaan", hint: "Bijvoorbeeld de stuurgroep.", kind: .text),
                Field(
                    key: "lessen", label: "Volgt uit de lessen", hint: "Kies ten minste één les.", kind: .checkboxes,
                    options: log.lessons.map { ($0.id, "\($0.date.dutchText) — \(short($0.text))") }),
            ]
        case .changes:
            var targets: [(code: String, label: String)] = [("", "Kies wat er veranderde")]
            for version in context.profileVersions ?? [] {
                targets.append(
                    ("profielversie:\(version.number)", "Profielversie \(version.number) (\(version.date.dutchText))"))
            }
            for version in context.graphVersions ?? [] {
                targets.append(
                    (
                        "bijdragegraafversie:\(version.number)",
                        "Bijdragegraafversie \(version.number) (\(version.date.dutchText))"
                    ))
            }
            targets.append(("indicator", "Een indicator (noem de id hieronder)"))
            targets.append(("anders", "Iets anders (beschrijf het hieronder)"))
            return [
                date,
                Field(key: "wijziging", label: "Wat veranderde er?", hint: nil, kind: .textarea),
                Field(
                    key: "besluiten", label: "Voert de besluiten uit", hint: "Kies ten minste één besluit.",
                    kind: .checkboxes,
                    options: log.decisions.map { ($0.id, "\($0.date.dutchText) — \(short($0.text))") }),
                Field(key: "betreft", label: "Wat is er veranderd", hint: nil, kind: .select, options: targets),
                Field(
                    key: "betreftTekst", label: "Indicator of omschrijving",
                    hint: "Bij een indicator de id van de indicator; bij iets anders in woorden wat er veranderde.",
                    kind: .text),
            ]
        }
    }

    /// The first words of a long text, for a checkbox label.
    static func short(_ text: String) -> String {
        text.count <= 90 ? text : String(text.prefix(87)) + "…"
    }

    static func form(
        _ kind: LearningEntryKind, log: LearningLog, context: LearningLogContext, arrangementID id: String,
        values: [String: [String]], problems: [ItemProblem]
    ) -> LearningLogForm {
        let fields = fields(kind, log: log, context: context).map { spec -> LearningFormField in
            let fieldID = "\(kind.singular)-\(spec.key)"
            let error = problems.filter { $0.key == spec.key }.map(\.message).joined(separator: "; ")
            let chosen = values[spec.key] ?? []
            let hintID = spec.hint == nil ? nil : "\(fieldID)-hint"
            let errorID = error.isEmpty ? nil : "\(fieldID)-fout"
            return LearningFormField(
                name: spec.key, fieldID: fieldID, label: spec.label, hint: spec.hint,
                value: chosen.joined(separator: "; "), error: error.isEmpty ? nil : error,
                isText: spec.kind == .text || spec.kind == .date, isDate: spec.kind == .date,
                isTextarea: spec.kind == .textarea, isSelect: spec.kind == .select,
                isCheckboxes: spec.kind == .checkboxes,
                options: spec.options.map { option in
                    FormOption(
                        code: option.code, label: option.label,
                        isChecked: chosen.contains(option.code)
                            || (chosen.isEmpty && option.code.isEmpty && spec.kind == .select),
                        fieldID:
                            "\(fieldID)-\(option.code.isEmpty ? "leeg" : option.code.replacingOccurrences(of: ":", with: "-"))"
                    )
                },
                describedBy: hintID == nil && errorID == nil
                    ? nil : [hintID, errorID].compactMap { $0 }.joined(separator: " "))
        }
        let unavailable: String? =
            switch kind {
            case .lessons: nil
            case .decisions: log.lessons.isEmpty ? "Een besluit volgt uit lessen; voeg eerst een les toe." : nil
            case .changes:
                log.decisions.isEmpty ? "Een wijziging voert een besluit uit; voeg eerst een besluit toe." : nil
            }
        let (title, intro) =
            switch kind {
            case .lessons: ("Les toevoegen", "Wat is er geleerd, wanneer, door wie en waar staat het?")
            case .decisions: ("Besluit toevoegen", "Wat is er besloten, door wie, en uit welke lessen volgt het?")
            case .changes:
                (
                    "Wijziging toevoegen",
                    "Wat veranderde er, welke besluiten voert het uit, en wat is er veranderd: een profielversie, een versie van de bijdragegraaf, een indicator of iets anders?"
                )
            }
        return LearningLogForm(
            headingID: "nieuw-\(kind.singular)", title: title, intro: intro,
            action: SiteURL.addLearningEntry(id, kind).href(), fields: fields, submitLabel: title,
            unavailable: unavailable)
    }

    /// The entry the submitted `values` describe, as entries to add, with every problem: those
    /// of the fields themselves, then those the core finds in adding it to `log` (one per field).
    static func entries(
        _ kind: LearningEntryKind, values: [String: [String]], log: LearningLog, context: LearningLogContext
    ) -> (entries: LearningLogEntries, problems: [ItemProblem]) {
        func text(_ key: String) -> String {
            (values[key] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                .joined(separator: " ")
        }
        func list(_ key: String) -> [String] {
            (values[key] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var problems: [ItemProblem] = []
        let earliest = CalendarDate(year: 1900, month: 1, day: 1)!
        var date = earliest
        let dateText = text("datum")
        if dateText.isEmpty {
            problems.append(
                ItemProblem(key: "datum", message: "ontbreekt; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-30"))
        } else if let parsed = CalendarDate(iso: dateText) {
            date = parsed
        } else {
            problems.append(
                ItemProblem(
                    key: "datum", message: "'\(dateText)' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-30"))
        }
        var entries = LearningLogEntries()
        switch kind {
        case .lessons:
            entries.lessons = [
                LearningLesson(id: "", date: date, text: text("les"), learnedBy: text("door"), source: text("bron"))
            ]
        case .decisions:
            entries.decisions = [
                LearningDecision(
                    id: "", date: date, text: text("besluit"), decidedBy: text("door"), lessonIDs: list("lessen"))
            ]
        case .changes:
            let chosen = text("betreft")
            let detail = text("betreftTekst")
            let parts = chosen.split(separator: ":", maxSplits: 1).map(String.init)
            var target = LearningChangeTarget.other(detail)
            switch parts.first {
            case "profielversie" where parts.count == 2 && Int(parts[1]) != nil:
                target = .profileVersion(Int(parts[1])!)
            case "bijdragegraafversie" where parts.count == 2 && Int(parts[1]) != nil:
                target = .graphVersion(Int(parts[1])!)
            case "indicator": target = .indicator(detail)
            case "anders": target = .other(detail)
            case nil:
                target = .other("(niet gekozen)")
                problems.append(
                    ItemProblem(
                        key: "betreft",
                        message:
                            "kies wat er veranderde: een profielversie, een bijdragegraafversie, een indicator of iets anders"
                    ))
            default:
                target = .other("(niet gekozen)")
                problems.append(ItemProblem(key: "betreft", message: "onbekende keuze '\(chosen)'"))
            }
            entries.changes = [
                LearningChange(
                    id: "", date: date, text: text("wijziging"), decisionIDs: list("besluiten"), target: target)
            ]
        }
        let named = log.withIDs(entries)
        let reported = Set(problems.map(\.key))
        for issue in log.issues(adding: named, context: context) {
            let key = formKey(issue.field)
            guard !reported.contains(key), !problems.contains(where: { $0.key == key && $0.message == issue.message })
            else { continue }
            problems.append(ItemProblem(key: key, message: issue.message))
        }
        return (named, problems)
    }

    /// `besluiten[0].lessen[1]` → `lessen`; `wijzigingen[0].betreft.omschrijving` → `betreftTekst`.
    static func formKey(_ field: String) -> String {
        var key = field
        for kind in LearningEntryKind.allCases where key.hasPrefix("\(kind.rawValue)[0].") {
            key = String(key.dropFirst("\(kind.rawValue)[0].".count))
            break
        }
        if let bracket = key.firstIndex(of: "[") { key = String(key[..<bracket]) }
        switch key {
        case "betreft.versie": return "betreft"
        case "betreft.indicator", "betreft.omschrijving": return "betreftTekst"
        case "id": return "datum"
        default: return key
        }
    }
}
