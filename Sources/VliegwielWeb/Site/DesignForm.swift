import Foundation
import VliegwielCore

/// The design form's submitted values, their validation and the arrangement they make.
struct DesignForm: Sendable {
    var values: [String: [String]]

    func first(_ name: String) -> String { values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    /// The reason a design saved on the website is stored with: its first version says it is
    /// one's own design, not an arrangement from practice.
    static let savedReason = "ontworpen op de website"

    /// What kind of arrangement a reader sees: "eigen ontwerp" for a design saved on the
    /// website (its first version says so, and it has no deal), the stored kind otherwise.
    static func kindLabel(_ arrangement: Arrangement, firstReason: String?, isDeal: Bool) -> String {
        !isDeal && arrangement.kind == .practice && firstReason == savedReason ? ownDesign : arrangement.kind.label
    }

    /// What a design choice made on the website records where a coded value has its quote:
    /// the choice itself, since no source's words lie behind it.
    static func choiceQuote(_ codes: [String]) -> String { choicePrefix + codes.joined(separator: ", ") }
    static let choicePrefix = "Ontwerpkeuze: "
    static func isChoiceQuote(_ quote: String) -> Bool { quote.hasPrefix(choicePrefix) }

    /// The name of a design saved on the website, wherever it is listed.
    static let ownDesign = "eigen ontwerp"

    /// The dimensions that take one value at most (usability review: "Rijk: afwezig + leidend"
    /// was accepted without warning). A place on a scale (the presence of a layer, how many
    /// ministries, how diverse), a yes or no, or one horizon: two values contradict each other.
    /// Neither the essay's catalogue nor a deal codes more than one value for any of these;
    /// the others (the Rijk's role, the concept of result…) may have several, as the essay says.
    static let exclusiveDimensions: Set<String> = [
        "interbestuurlijk.bestuurslagen.rijk", "interbestuurlijk.bestuurslagen.provincie",
        "interbestuurlijk.bestuurslagen.gemeente", "interbestuurlijk.bestuurslagen.waterschap",
        "interbestuurlijk.ministeries", "interbestuurlijk.maatschappelijkePartijen.diversiteit",
        "interbestuurlijk.maatschappelijkePartijen.nadruk", "interbestuurlijk.maatschappelijkePartijen.inwoners",
        "resultaatgericht.afronding", "resultaatgericht.horizonInstrument", "resultaatgericht.horizonEffect",
        "resultaatgericht.openbaarheid", "resultaatgericht.aardOpgave", "resultaatgericht.aanpak",
        "samenwerkend.initiatiefVoorstel", "samenwerkend.dealmaker", "samenwerkend.deelnameVerplicht",
    ]

    /// What a refused value of a design choice says: the field's allowed values, by their labels.
    static func refusal(_ dimension: ProfileDimension, codes: [String]) -> String {
        guard let vocabulary = dimension.vocabulary else {
            return "‘\(codes.joined(separator: ", "))’ kan hier niet; vul \(dimension.allowedCodes) in"
        }
        let unknown = codes.filter { code in !vocabulary.contains { $0.code == code } }
        return "‘\(unknown.joined(separator: ", "))’ is geen van de keuzes; kies uit: "
            + vocabulary.map(\.label).joined(separator: ", ")
    }

    static func fieldID(_ dimension: ProfileDimension) -> String {
        "veld-" + dimension.id.replacingOccurrences(of: ".", with: "-")
    }

    /// The arrangement the form describes, or every problem, each linked to its field.
    func arrangement(existingIDs: Set<String>, references: [Arrangement]) -> Result<Arrangement, DesignFormErrors> {
        var errors = DesignFormErrors()
        let name = first("naam")
        if name.isEmpty { errors.add("veld-naam", "Naam", "vul een naam in") }
        let id = first("id")
        if id.isEmpty {
            errors.add("veld-id", "Id", "vul een id in")
        } else if !ArrangementValidator.isSlug(id) {
            errors.add(
                "veld-id", "Id",
                "gebruik alleen kleine letters, cijfers en losse streepjes, zoals regio-deal-mijn-regio")
        } else if existingIDs.contains(id) {
            errors.add("veld-id", "Id", "'\(id)' bestaat al; kies een andere id")
        }
        let family = Family(code: first("familie"))
        if family == nil {
            errors.add(
                "veld-familie", "Familie", "kies een van: \(Family.allCases.map(\.label).joined(separator: ", "))")
        }
        let variant = first("variant")
        if !references.contains(where: { $0.id == variant }) {
            errors.add("veld-variant", "Referentievariant", "kies een referentievariant uit de lijst")
        }
        let source = first("bron")
        if source.isEmpty {
            errors.add("veld-bron", "Bron", "noem de bron van de ontwerpkeuzes, bijvoorbeeld een ontwerpnotitie")
        }

        var profile = Profile.unstated
        for dimension in ProfileDimension.all {
            let codes = (values[dimension.id] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard !codes.isEmpty else {
                profile = dimension.unstating(in: profile, reason: "Nog niet vastgelegd in het ontwerp.")
                continue
            }
            if Self.exclusiveDimensions.contains(dimension.id), Set(codes).count > 1 {
                let labels = codes.map { code in dimension.vocabulary?.first { $0.code == code }?.label ?? code }
                errors.add(
                    Self.fieldID(dimension), dimension.label,
                    "kies één waarde; \(labels.joined(separator: " en ")) gaan niet samen")
                continue
            }
            do {
                profile = try dimension.setting(
                    codes, in: profile, quote: Self.choiceQuote(codes),
                    citation: source.isEmpty ? "eigen ontwerp" : source)
            } catch {
                errors.add(Self.fieldID(dimension), dimension.label, Self.refusal(dimension, codes: codes))
            }
        }
        guard errors.isEmpty, let family else { return .failure(errors) }
        let summary = first("omschrijving")
        return .success(
            Arrangement(
                id: id, name: name, family: family, kind: .practice, variantID: variant,
                summary: summary.isEmpty ? nil : summary,
                sources: [SourceReference(title: source, locator: "")], profile: profile))
    }
}

extension DesignForm {
    /// The design as it stands, to show its advice without saving it (issue 16 item 2): id,
    /// name and source may be left open, and a taken id does not matter; the choices are
    /// checked as for saving.
    func preview(references: [Arrangement]) -> Result<Arrangement, DesignFormErrors> {
        var values = values
        if !ArrangementValidator.isSlug(first("id")) { values["id"] = ["ontwerp"] }
        if first("naam").isEmpty { values["naam"] = ["Uw ontwerp"] }
        if first("bron").isEmpty { values["bron"] = ["eigen ontwerp"] }
        return DesignForm(values: values).arrangement(existingIDs: [], references: references)
    }

    /// The fields as sent, for a link back to the form filled in; never the CSRF token, nor the
    /// notice that the choices were just taken from a reference variant.
    var filledIn: [URLQueryItem] {
        values.filter { ![AccountWebSettings.csrfField, "taal", Self.takenFrom, Self.take].contains($0.key) }
            .sorted { $0.key < $1.key }
            .flatMap { key, values in values.map { URLQueryItem(name: key, value: $0) } }
    }

    /// The field naming the reference variant to start from, the button that takes its choices,
    /// and the parameter that says, once, that they were taken.
    static let start = "vanaf"
    static let take = "overnemen"
    static let takenFrom = "overgenomen"

    /// The form with every design choice as reference variant `vanaf` has it in the essay, and
    /// its family and variant; name, id, source and description stay as the user typed them
    /// (usability review: offer the instrument's profile as a "start from" option).
    /// `nil` when `vanaf` names no reference variant.
    func starting(from references: [Arrangement]) -> DesignForm? {
        guard let reference = references.first(where: { $0.id == first(Self.start) && $0.kind == .reference }) else {
            return nil
        }
        var values = values.filter { key, _ in
            ProfileDimension.all.allSatisfy { $0.id != key } && ![Self.take, Self.takenFrom].contains(key)
        }
        values["familie"] = [reference.family.code]
        values["variant"] = [reference.id]
        values[Self.takenFrom] = [reference.id]
        for dimension in ProfileDimension.all {
            guard let codes = dimension.codes(in: reference.profile), !codes.isEmpty else { continue }
            values[dimension.id] = codes
        }
        return DesignForm(values: values)
    }

    /// What each choice of `dimension` means, shown by the reference variants that have it: their
    /// names and the essay's own words for one of them, a literal quote where there is one.
    static func examples(_ dimension: ProfileDimension, references: [Arrangement]) -> [DesignPage.Example] {
        let readings = references.filter { $0.kind == .reference }.map { ($0, dimension.reading(of: $0.profile)) }
        // A closed list in its own order; a free format (looptijd, percentage) by the values the
        // variants have, in the catalogue's order.
        var codes: [(code: String, label: String)] = []
        if let vocabulary = dimension.vocabulary {
            codes = vocabulary.map { (code: $0.code, label: $0.label) }
        } else {
            for (_, reading) in readings {
                for entry in reading.entries where !codes.contains(where: { $0.code == entry.code }) {
                    codes.append((code: entry.code, label: entry.label))
                }
            }
        }
        return codes.map { code, label in
            let having = readings.compactMap { arrangement, reading in
                reading.entries.first { $0.code == code }.map { (arrangement, $0) }
            }
            let shown = having.first { ($0.1.status ?? .literal) == .literal } ?? having.first
            return DesignPage.Example(
                label: label, variants: having.map(\.0.name).joined(separator: ", "),
                variantName: shown?.0.name ?? "", quote: shown?.1.quote ?? "", citation: shown?.1.citation ?? "",
                status: shown.flatMap { $0.1.status == .literal ? nil : $0.1.status?.label })
        }
    }
}

/// The problems of a submitted form, in the order of the fields.
struct DesignFormErrors: Error, Sendable {
    var items: [FieldError] = []
    var isEmpty: Bool { items.isEmpty }

    mutating func add(_ fieldID: String, _ label: String, _ message: String) {
        items.append(FieldError(fieldID: fieldID, label: label, message: message))
    }

    func message(for fieldID: String) -> String? {
        items.first { $0.fieldID == fieldID }?.message
    }
}

extension SitePages {
    func design(
        query: [String: [String]], form: DesignForm = DesignForm(values: [:]),
        errors: DesignFormErrors = DesignFormErrors()
    ) -> DesignPage {
        let t = UIText.dutch
        let start = form.first(DesignForm.start)
        let startOptions: [DesignPage.Option] =
            [.init(code: "", label: "— kies een referentievariant —", isChecked: start.isEmpty, fieldID: "")]
            + catalogue.filter { $0.kind == .reference }.map {
                .init(code: $0.id, label: $0.name, isChecked: $0.id == start, fieldID: "")
            }
        let chosenFamily = form.first("familie").isEmpty ? "deal" : form.first("familie")
        let chosenVariant = form.first("variant").isEmpty ? "regio-deal" : form.first("variant")
        return DesignPage(
            layout: Layout(title: t.navDesign, current: .design),
            errors: errors.items, hasErrors: !errors.isEmpty, action: SiteURL.design.href(),
            adviceAction: SiteURL.designAdvice.path,
            id: .init(value: form.first("id"), error: errors.message(for: "veld-id")),
            name: .init(value: form.first("naam"), error: errors.message(for: "veld-naam")),
            source: .init(value: form.first("bron"), error: errors.message(for: "veld-bron")),
            summary: .init(value: form.first("omschrijving"), error: nil),
            familyError: errors.message(for: "veld-familie"), variantError: errors.message(for: "veld-variant"),
            families: Family.allCases.map {
                .init(code: $0.code, label: $0.label, isChecked: $0.code == chosenFamily, fieldID: "familie-\($0.code)")
            },
            variants: catalogue.map {
                .init(code: $0.id, label: $0.name, isChecked: $0.id == chosenVariant, fieldID: "variant-\($0.id)")
            },
            steps: ProfileElement.allCases.enumerated().map { index, element in
                DesignPage.Step(
                    number: index + 1, label: element.label, question: element.question, chapter: element.chapter,
                    fields: ProfileDimension.of(element).map { dimension in
                        let fieldID = DesignForm.fieldID(dimension)
                        let chosen = form.values[dimension.id] ?? []
                        return DesignPage.Field(
                            name: dimension.id, fieldID: fieldID, label: dimension.label,
                            hint: dimension.vocabulary == nil
                                ? "Toegestaan: \(dimension.allowedCodes). Leeg = nog niet vastgelegd." : "",
                            options: (dimension.vocabulary ?? []).map { option in
                                .init(
                                    code: option.code, label: option.label, isChecked: chosen.contains(option.code),
                                    fieldID: "\(fieldID)-\(option.code)")
                            }, isFreeText: dimension.vocabulary == nil,
                            isExclusive: DesignForm.exclusiveDimensions.contains(dimension.id),
                            value: chosen.first ?? "",
                            error: errors.message(for: fieldID),
                            examples: DesignForm.examples(dimension, references: catalogue))
                    })
            },
            startOptions: startOptions,
            startedFrom: catalogue.first { $0.id == form.first(DesignForm.takenFrom) }?.name)
    }

    func whatIf(query: [String: [String]]) async throws -> WhatIfPage {
        let t = UIText.dutch
        let all = try await store.allArrangements()
        let selectedID = query["arrangement"]?.first ?? "regio-deal"
        let selected = all.first { $0.id == selectedID }
        var errors: [FieldError] = []
        if selected == nil {
            errors.append(
                FieldError(
                    fieldID: "veld-arrangement", label: "Arrangement", message: "onbekend arrangement '\(selectedID)'"))
        }
        var changes: [DimensionChange] = []
        for dimension in ProfileDimension.all {
            guard let value = query[dimension.id]?.first?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                continue
            }
            changes.append(DimensionChange(dimension: dimension, codes: value.split(separator: ",").map(String.init)))
        }
        var page = WhatIfPage(
            layout: Layout(
                title: t.navWhatIf, current: .whatIf(arrangementID: nil)),
            arrangements: all.map { .init(code: $0.id, label: $0.name, isSelected: $0.id == selected?.id) },
            selectedName: selected?.name,
            groups: ProfileElement.allCases.map { element in
                WhatIfPage.Group(
                    label: "\(element.label) — \(element.question)",
                    fields: ProfileDimension.of(element).map { dimension in
                        let reading = selected.map { dimension.reading(of: $0.profile) }
                        let chosen = query[dimension.id]?.first ?? ""
                        return WhatIfPage.Field(
                            name: dimension.id, fieldID: DesignForm.fieldID(dimension), label: dimension.label,
                            current: reading.map {
                                $0.isStated ? $0.entries.map(\.label).joined(separator: " én ") : t.notStated
                            }
                                ?? "",
                            options: [.init(code: "", label: t.unchanged, isSelected: chosen.isEmpty)]
                                + (dimension.vocabulary ?? []).map {
                                    .init(code: $0.code, label: $0.label, isSelected: $0.code == chosen)
                                }, isFreeText: dimension.vocabulary == nil, value: chosen)
                    })
            }, errors: [], hasErrors: false, hasResult: false, changes: [], shifts: [],
            dominantBefore: "", dominantAfter: "", consequencesAdded: [], consequencesRemoved: [], approachesAdded: [],
            approachesRemoved: [], temporalChanged: false,
            arrangementID: selected?.id ?? "")
        if let selected, !changes.isEmpty {
            do {
                let result = try WhatIf(selected, changes: changes)
                page.hasResult = true
                page.changes = result.changes.map { row in
                    .init(
                        label: row.label,
                        before: row.cells[0].notStatedReason == nil
                            ? row.cells[0].labels.joined(separator: " én ") : t.notStated,
                        after: row.cells[1].labels.joined(separator: " én "))
                }
                page.shifts = result.weightShifts.map {
                    let change = $0.pointsAfter - $0.pointsBefore
                    return .init(
                        label: $0.perspective.label, before: $0.bandBefore.label, after: $0.bandAfter.label,
                        change: change == 0
                            ? "gelijk (\($0.pointsAfter) punten)"
                            : "\($0.pointsBefore) → \($0.pointsAfter) punten")
                }
                let dominant: (PerspectiveMix) -> String = {
                    $0.dominant.isEmpty ? "geen" : $0.dominant.map(\.label).joined(separator: ", ")
                }
                page.chart = HTML(
                    generated: BeforeAfterChart.svg(
                        id: "perspectieven-voor-en-na", title: "\(t.perspective): punten voor en na de wijziging",
                        description: result.weightShifts.map {
                            "\($0.perspective.label): voor \($0.pointsBefore), na \($0.pointsAfter) punten"
                        }.joined(separator: "; "),
                        rows: result.weightShifts.map {
                            .init(
                                label: $0.perspective.label, before: Double($0.pointsBefore),
                                after: Double($0.pointsAfter))
                        }, unit: "punten", format: { String(Int($0)) }))
                page.dominantBefore = dominant(result.before.perspectives)
                page.dominantAfter = dominant(result.after.perspectives)
                page.consequencesAdded = result.consequencesAdded.map(\.title)
                page.consequencesRemoved = result.consequencesRemoved.map(\.title)
                page.approachesAdded = result.approachesAdded.map(\.name)
                page.approachesRemoved = result.approachesRemoved.map(\.name)
                page.temporalChanged = result.temporalChanged
            } catch {
                errors += error.issues.map { issue in
                    let dimension = ProfileDimension.named(issue.field)
                    return FieldError(
                        fieldID: dimension.map(DesignForm.fieldID) ?? "veld-arrangement",
                        label: dimension?.label ?? issue.field, message: issue.message)
                }
            }
        }
        page.errors = errors
        page.hasErrors = !errors.isEmpty
        return page
    }
}
