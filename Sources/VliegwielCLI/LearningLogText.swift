import VliegwielCore

/// The learning log as Dutch text for the terminal.
enum LearningLogText {
    static func counts(lessons: Int, decisions: Int, changes: Int) -> String {
        [
            "\(lessons) \(lessons == 1 ? "les" : "lessen")", "\(decisions) \(decisions == 1 ? "besluit" : "besluiten")",
            "\(changes) \(changes == 1 ? "wijziging" : "wijzigingen")",
        ].joined(separator: ", ")
    }

    static func lesson(_ lesson: LearningLesson, indent: String) -> String {
        "\(indent)les \(lesson.id) (\(lesson.date.dutchText), \(lesson.learnedBy); bron: \(lesson.source))\n"
            + "\(indent)  \(lesson.text)\n"
    }

    static func decision(_ decision: LearningDecision, indent: String) -> String {
        "\(indent)besluit \(decision.id) (\(decision.date.dutchText), \(decision.decidedBy))\n\(indent)  \(decision.text)\n"
    }

    static func change(_ change: LearningChange, indent: String) -> String {
        "\(indent)wijziging \(change.id) (\(change.date.dutchText); \(change.target.summary))\n\(indent)  \(change.text)\n"
    }

    /// Every chain, then the lessons without a decision.
    static func log(_ log: LearningLog, name: String) -> String {
        var text = "Leerlog van \(name) (\(log.arrangementID))\n"
        if log.isFictional {
            text += "FICTIEF VOORBEELD: alle lessen, besluiten, wijzigingen, bronnen en data zijn verzonnen.\n"
        }
        guard !log.isEmpty else {
            return text
                + "Het leerlog is nog leeg; voeg regels toe met 'vliegwiel leerlog importeer \(log.arrangementID) BESTAND'.\n"
        }
        text +=
            counts(lessons: log.lessons.count, decisions: log.decisions.count, changes: log.changes.count) + "\n"
        for (index, chain) in log.chains.enumerated() {
            text += "\nKeten \(index + 1): les → besluit → wijziging\n"
            for lesson in chain.lessons { text += Self.lesson(lesson, indent: "  ") }
            text += "  → " + Self.decision(chain.decision, indent: "").replacingOccurrences(of: "\n  ", with: "\n    ")
            if chain.changes.isEmpty {
                text += "  → nog niet uitgevoerd\n"
            }
            for change in chain.changes {
                text += "  → " + Self.change(change, indent: "").replacingOccurrences(of: "\n  ", with: "\n    ")
            }
        }
        let open = log.openLessons
        if !open.isEmpty {
            text += "\nLessen zonder besluit (\(open.count))\n"
            for lesson in open { text += Self.lesson(lesson, indent: "  ") }
        }
        return text
    }

    /// Why `target` changed, back from the change to its decisions and lessons.
    static func why(_ target: LearningChangeTarget, traces: [LearningChangeTrace], name: String) -> String {
        guard !traces.isEmpty else {
            return
                "Het leerlog van \(name) zegt niet waarom \(target.summary) er kwam: geen wijziging verwijst ernaar.\n"
        }
        var text = "Waarom \(target.summary) van \(name)\n"
        for trace in traces {
            text += Self.change(trace.change, indent: "")
            for decision in trace.decisions { text += "← " + Self.decision(decision, indent: "") }
            for lesson in trace.lessons { text += "← " + Self.lesson(lesson, indent: "") }
        }
        return text
    }

    /// What an import added, with the ids (also those made from the texts).
    static func added(_ entries: LearningLogEntries, name: String, id: String) -> String {
        "\(entries.count) \(entries.count == 1 ? "regel" : "regels") toegevoegd aan het leerlog van \(name) (\(id)): "
            + counts(lessons: entries.lessons.count, decisions: entries.decisions.count, changes: entries.changes.count)
            + "\n"
            + (entries.lessons.map { "  les \($0.id)\n" } + entries.decisions.map { "  besluit \($0.id)\n" }
            + entries.changes.map { "  wijziging \($0.id)\n" }).joined()
    }
}
