/// The coding account of the reference catalogue (issue 12): every coded value with its status
/// — letterlijk, interpretatie or algemene uitspraak — its passage and the reasoning, and every
/// dimension the essay leaves unstated with the reason. Generated into
/// docs/codeerverantwoording.md by `vliegwiel codeerverantwoording`; a test keeps the two in step.
public enum CodingAccount {
    /// The problems that keep a reference arrangement's coding from being accounted for: a value
    /// without a status, an interpretation or general statement without the note that explains it.
    public static func problems(in arrangement: Arrangement) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for dimension in ProfileDimension.all {
            for (index, entry) in dimension.reading(of: arrangement.profile).entries.enumerated() {
                let field = "\(arrangement.id).\(dimension.id)[\(index)]"
                switch entry.status {
                case nil:
                    issues.append(
                        ValidationIssue(
                            field: field, message: "status ontbreekt; toegestaan: \(CodingStatus.allowedCodes)"))
                case .interpretation:
                    if !(entry.note ?? "").localizedCaseInsensitiveContains("interpretatie") {
                        issues.append(
                            ValidationIssue(
                                field: field, message: "een interpretatie heeft een toelichting met de redenering"))
                    }
                case .generalStatement:
                    if !(entry.note ?? "").localizedCaseInsensitiveContains("algemene uitspraak over") {
                        issues.append(
                            ValidationIssue(
                                field: field,
                                message: "een algemene uitspraak heeft een toelichting die zegt over welke familie"))
                    }
                case .literal:
                    break
                }
            }
        }
        return issues
    }

    /// The account as Markdown, variant by variant in catalogue order.
    public static func markdown(_ arrangements: [Arrangement]) -> String {
        var text = """
            # Codeerverantwoording van de referentiecatalogus

            Gegenereerd uit `Sources/VliegwielInterchange/Resources/catalogus.yaml` met
            `vliegwiel codeerverantwoording > docs/codeerverantwoording.md`; een test houdt dit bestand
            gelijk aan de catalogus. Elke gecodeerde waarde heeft een status:

            - **letterlijk** — het citaat zegt deze waarde voor deze variant;
            - **interpretatie** — de waarde volgt pas met een redenering uit het citaat; de redenering staat erbij;
            - **algemene uitspraak** — het citaat gaat over de familie (alle deals, alle Nationale Programma's,
              structurele samenwerkingen), gebruikt omdat de tekst over de variant zelf zwijgt (de voorrangsregel in
              [catalogusformaat.md](catalogusformaat.md)).

            Een dimensie waarover het essay niets zegt, staat als *niet vermeld* met de reden: een ontwerpkeuze die
            nog expliciet te maken is (§5.3). Slordigheden in het essay die de catalogus bewust niet overneemt:
            [errata-essay.md](errata-essay.md).

            ## Overzicht

            | variant | letterlijk | interpretatie | algemene uitspraak | niet vermeld |
            |---|---:|---:|---:|---:|

            """
        var totals = [0, 0, 0, 0]
        for arrangement in arrangements {
            let counts = self.counts(arrangement.profile)
            for index in totals.indices { totals[index] += counts[index] }
            text +=
                "| [\(arrangement.name)](#\(arrangement.id)) | \(counts.map(String.init).joined(separator: " | ")) |\n"
        }
        text += "| **totaal** | \(totals.map { "**\($0)**" }.joined(separator: " | ")) |\n"
        for arrangement in arrangements {
            text += "\n<a id=\"\(arrangement.id)\"></a>\n\n## \(arrangement.name)\n\n"
            text += "| dimensie | waarde | status | bron | citaat | redenering |\n|---|---|---|---|---|---|\n"
            for dimension in ProfileDimension.all {
                let reading = dimension.reading(of: arrangement.profile)
                if let reason = reading.notStatedReason {
                    text += "| \(dimension.id) | *niet vermeld* | — | — | — | \(cell(reason)) |\n"
                    continue
                }
                for entry in reading.entries {
                    text +=
                        "| \(dimension.id) | \(entry.code) | \(entry.status?.label ?? "niet beoordeeld") | \(cell(entry.citation)) | “\(cell(entry.quote))” | \(cell(entry.note ?? "")) |\n"
                }
            }
        }
        return text
    }

    /// Literal, interpretation, general statement, not stated.
    static func counts(_ profile: Profile) -> [Int] {
        var counts = [0, 0, 0, 0]
        for dimension in ProfileDimension.all {
            let reading = dimension.reading(of: profile)
            guard reading.isStated else {
                counts[3] += 1
                continue
            }
            for entry in reading.entries {
                switch entry.status {
                case .literal?: counts[0] += 1
                case .interpretation?: counts[1] += 1
                case .generalStatement?: counts[2] += 1
                case nil: break
                }
            }
        }
        return counts
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
