import VliegwielCore

/// The text forms of the portfolio verbs.
enum PortfolioText {
    static func render(_ summary: PortfolioSummary, demo: PortfolioDeal?) -> String {
        var text = ""
        if summary.deals.isEmpty {
            text += "Geen deals gevonden.\n"
        } else {
            text += columns(
                [["tranche", "naam", "rijksbijdrage", "id"]]
                    + summary.deals.map { [String($0.tranche), $0.naam, $0.rijkbijdrage, $0.id] })
        }
        text += "\nRijksbijdrage per tranche (som van de bekende bedragen):\n"
        text += columns(
            summary.tranches.map { tranche in
                [
                    "tranche \(tranche.tranche)", tranche.totaalRijk,
                    "\(tranche.aantalDeals) deals, \(tranche.aantalBekend) bekend, \(tranche.aantalOnbekend) onbekend",
                ]
            } + [
                [
                    "totaal", summary.totaalRijk,
                    "\(summary.aantalDeals) deals, \(summary.aantalBekend) bekend, \(summary.aantalOnbekend) onbekend",
                ]
            ])
        if let demo {
            text += "\nNiet in de totalen: \(demo.name), id \(demo.id) (toon het met --met-voorbeeld).\n"
        }
        return text
    }

    static func render(_ report: RuleCheckReport, name: String) -> String {
        var text =
            "Toetsing van Regio Deal \(name) (tranche \(report.tranche)) aan de regels voor \(report.regelset), versie \(report.regelsetVersie)\n"
        text += "\nBevindingen (\(report.bevindingen.count)):\n"
        if report.bevindingen.isEmpty { text += "  geen\n" }
        for finding in report.bevindingen {
            text += "  [\(finding.ernst)] \(finding.regel): \(finding.titel)\n"
            text += "    \(finding.bericht)\n"
            for figure in finding.cijfers { text += "    - \(figure.omschrijving): \(figure.waarde)\n" }
            text += "    Bron: \(finding.bron)\n"
        }
        for (heading, outcomes) in [
            ("Voldaan", report.voldaan), ("Niet getoetst, gegevens ontbreken", report.nietGetoetst),
            ("Niet van toepassing", report.nietVanToepassing),
        ] {
            text += "\n\(heading) (\(outcomes.count)):\n"
            if outcomes.isEmpty { text += "  geen\n" }
            for outcome in outcomes { text += "  \(outcome.regel): \(outcome.reden)\n" }
        }
        return text
    }

    static func render(_ view: PartnerView, name: String) -> String {
        let composition = view.samenstelling
        var text = "Partners van \(name) op \(composition.datum): \(composition.aantal)\n"
        for partner in composition.partners {
            var line = "  \(partner.organisatie) (\(partner.type)): \(partner.rollen.joined(separator: ", "))"
            if let joined = partner.toegetreden { line += "; toegetreden \(joined)" }
            text += line + "\n"
        }
        if !composition.perType.isEmpty {
            text += "Per type: " + composition.perType.map { "\($0.type) \($0.aantal)" }.joined(separator: ", ") + "\n"
        }
        if let changes = view.wijzigingen {
            text += "\nWijzigingen na \(changes.van) tot en met \(changes.tot):\n"
            let lines =
                changes.toegetreden.map { ($0.toegetreden!, "+ \($0.toegetreden!) toegetreden: \($0.organisatie)") }
                + changes.uitgetreden.map { ($0.uitgetreden!, "- \($0.uitgetreden!) uitgetreden: \($0.organisatie)") }
            if lines.isEmpty { text += "  geen\n" }
            for (_, line) in lines.sorted(by: { $0.0 < $1.0 }) { text += "  \(line)\n" }
        }
        if let suggestion = view.voorstel {
            text += "\nVoorstel voor samenwerkend.samenstelling: \(suggestion.waarde)\n"
            text += "  \(suggestion.reden)\n"
            text += "  Overnemen in het profiel: vliegwiel partners \(view.arrangement) --op \(composition.datum)"
            text += view.wijzigingen.map { " --sinds \($0.van)" } ?? ""
            text += " --accepteer-samenstelling\n"
        }
        return text
    }

    static func render(_ summary: FinanceSummary, name: String) -> String {
        var text = "Financiering van \(name)\n"
        for (heading, totals) in [("Toezeggingen", summary.toezeggingen), ("Realisaties", summary.realisaties)] {
            text += "\n\(heading):\n"
            text += columns([
                ["  totaal", totals.total.formatted],
                ["  Rijk", totals.rijk.formatted, totals.rijkShare.percentText],
                ["  regio", totals.regional.formatted, totals.regionalShare.percentText],
                ["    publiek", EuroCents(cents: totals.regioPubliekCent).formatted],
                ["    privaat", EuroCents(cents: totals.regioPrivaatCent).formatted],
                ["  in geld", EuroCents(cents: totals.geldCent).formatted],
                ["  in natura", EuroCents(cents: totals.naturaCent).formatted],
            ])
        }
        for (heading, groups) in [
            ("Per partner", summary.perPartner), ("Per programmalijn", summary.perProgrammalijn),
            ("Per jaar", summary.perJaar),
        ] where !groups.isEmpty {
            text += "\n\(heading) (toezegging, realisatie):\n"
            text += columns(
                groups.map {
                    [
                        "  \($0.naam)", EuroCents(cents: $0.toezeggingCent).formatted,
                        EuroCents(cents: $0.realisatieCent).formatted,
                    ]
                })
        }
        return text
    }
}
