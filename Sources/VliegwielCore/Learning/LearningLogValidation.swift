import Foundation

extension LearningLog {
    /// Every problem of adding `entries` to this log, at once, each named by the entries' own
    /// paths in the Dutch keys (`besluiten[0].lessen[1]`); empty when they may be added. The
    /// rules are in docs/leerlog.md:
    ///
    /// - ids are slugs, unique in the whole log (lessons, decisions and changes together);
    /// - every text is filled in: what was learned, by whom, the source; what was decided and
    ///   by whom; what changed;
    /// - a decision follows from at least one known lesson and is not dated before any of
    ///   them; a change carries out at least one known decision and is not dated before any;
    /// - a change names what it changed: a profile version or graph version that exists
    ///   (when `context` knows them), an indicator that exists (idem), or something in words;
    /// - entries meant for another arrangement, or fictional entries for a real arrangement,
    ///   are refused.
    public func issues(adding entries: LearningLogEntries, context: LearningLogContext = LearningLogContext())
        -> [ValidationIssue]
    {
        var issues: [ValidationIssue] = []
        func add(_ field: String, _ message: String) {
            issues.append(ValidationIssue(field: field, message: message))
        }
        func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

        if let target = entries.arrangementID, target != arrangementID {
            add("arrangement", "de regels horen bij '\(target)', dit leerlog bij '\(arrangementID)'")
        }
        if entries.isFictional, !isFictional {
            add("fictief", "fictieve regels horen nooit in het leerlog van een echt arrangement")
        }

        // Ids: slugs, unique across the log and the new entries.
        var seen: [String: String] = Dictionary(
            lessons.map { ($0.id, "het leerlog") } + decisions.map { ($0.id, "het leerlog") }
                + changes.map { ($0.id, "het leerlog") }, uniquingKeysWith: { first, _ in first })
        func checkID(_ id: String, _ path: String) {
            if !ArrangementValidator.isSlug(id) {
                add("\(path).id", "'\(id)' is geen geldige id; gebruik kleine letters en cijfers met losse streepjes")
            } else if let first = seen[id] {
                add(
                    "\(path).id",
                    first == "het leerlog"
                        ? "'\(id)' bestaat al in het leerlog; kies een andere id"
                        : "'\(id)' komt meer dan eens voor; ook bij \(first)")
            } else {
                seen[id] = path
            }
        }

        let allLessons = Dictionary(
            (lessons + entries.lessons).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let allDecisions = Dictionary(
            (decisions + entries.decisions).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func known(_ ids: [String]) -> String {
            var listed: Set<String> = []
            let unique = ids.filter { !$0.isEmpty && listed.insert($0).inserted }
            return unique.isEmpty ? "(nog geen)" : unique.joined(separator: ", ")
        }
        let lessonIDs = known((lessons + entries.lessons).map(\.id))
        let decisionIDs = known((decisions + entries.decisions).map(\.id))

        for (index, lesson) in entries.lessons.enumerated() {
            let path = "lessen[\(index)]"
            checkID(lesson.id, path)
            if blank(lesson.text) { add("\(path).les", "ontbreekt; wat is er geleerd?") }
            if blank(lesson.learnedBy) { add("\(path).door", "ontbreekt; wie leerde dit?") }
            if blank(lesson.source) {
                add("\(path).bron", "ontbreekt; noem de bron (een evaluatie, een verslag, een gesprek)")
            }
        }

        for (index, decision) in entries.decisions.enumerated() {
            let path = "besluiten[\(index)]"
            checkID(decision.id, path)
            if blank(decision.text) { add("\(path).besluit", "ontbreekt; wat is er besloten?") }
            if blank(decision.decidedBy) { add("\(path).door", "ontbreekt; wie of welk orgaan besloot?") }
            if decision.lessonIDs.isEmpty {
                add("\(path).lessen", "noem ten minste één les waaruit het besluit volgt; lessen: \(lessonIDs)")
            }
            var linked: Set<String> = []
            for (linkIndex, lessonID) in decision.lessonIDs.enumerated() {
                let linkPath = "\(path).lessen[\(linkIndex)]"
                guard let lesson = allLessons[lessonID] else {
                    add(linkPath, "onbekende les '\(lessonID)'; lessen: \(lessonIDs)")
                    continue
                }
                if !linked.insert(lessonID).inserted {
                    add(linkPath, "les '\(lessonID)' staat er al")
                } else if decision.date < lesson.date {
                    add(
                        "\(path).datum",
                        "\(decision.date) ligt voor les '\(lessonID)' (\(lesson.date)); een besluit volgt op zijn lessen"
                    )
                }
            }
        }

        for (index, change) in entries.changes.enumerated() {
            let path = "wijzigingen[\(index)]"
            checkID(change.id, path)
            if blank(change.text) { add("\(path).wijziging", "ontbreekt; wat veranderde er?") }
            if change.decisionIDs.isEmpty {
                add(
                    "\(path).besluiten",
                    "noem ten minste één besluit dat de wijziging uitvoert; besluiten: \(decisionIDs)")
            }
            var linked: Set<String> = []
            for (linkIndex, decisionID) in change.decisionIDs.enumerated() {
                let linkPath = "\(path).besluiten[\(linkIndex)]"
                guard let decision = allDecisions[decisionID] else {
                    add(linkPath, "onbekend besluit '\(decisionID)'; besluiten: \(decisionIDs)")
                    continue
                }
                if !linked.insert(decisionID).inserted {
                    add(linkPath, "besluit '\(decisionID)' staat er al")
                } else if change.date < decision.date {
                    add(
                        "\(path).datum",
                        "\(change.date) ligt voor besluit '\(decisionID)' (\(decision.date)); een wijziging volgt op haar besluit"
                    )
                }
            }
            switch change.target {
            case .profileVersion(let number), .graphVersion(let number):
                let isProfile = change.target.kind == .profileVersion
                let versions = isProfile ? context.profileVersions : context.graphVersions
                let name = isProfile ? "profielversie" : "bijdragegraafversie"
                if number < 1 {
                    add("\(path).betreft.versie", "\(number) is geen versienummer; versies tellen vanaf 1")
                } else if let versions, !versions.contains(where: { $0.number == number }) {
                    let list = versions.map { String($0.number) }.joined(separator: ", ")
                    add(
                        "\(path).betreft.versie",
                        "\(name) \(number) bestaat niet; "
                            + (versions.isEmpty ? "er is nog geen versie" : "versies: \(list)"))
                }
            case .indicator(let id):
                if blank(id) {
                    add("\(path).betreft.indicator", "ontbreekt; geef de id van de indicator")
                } else if let indicators = context.indicatorIDs, !indicators.contains(id) {
                    add(
                        "\(path).betreft.indicator",
                        "onbekende indicator '\(id)'; indicatoren: \(indicators.isEmpty ? "(nog geen)" : indicators.joined(separator: ", "))"
                    )
                }
            case .other(let text):
                if blank(text) { add("\(path).betreft.omschrijving", "ontbreekt; zeg in woorden wat er veranderde") }
            }
        }
        return issues
    }

    /// Every problem in the whole log, as if all its entries were added to an empty log.
    public func issues(context: LearningLogContext = LearningLogContext()) -> [ValidationIssue] {
        LearningLog(arrangementID: arrangementID, isFictional: isFictional).issues(adding: entries, context: context)
    }

    /// `entries` as a whole log of arrangement `id`, when they have no problems.
    public static func validated(
        _ entries: LearningLogEntries, arrangementID id: String, isFictional: Bool,
        context: LearningLogContext = LearningLogContext()
    ) throws(ValidationFailure) -> LearningLog {
        try LearningLog(arrangementID: id, isFictional: isFictional).appending(entries, context: context)
    }
}
