import Foundation
import VliegwielCore

/// The text forms of the analysis, for the terminal. Dutch, plain, no colour.
enum AnalysisText {
    static func points(_ count: Int) -> String { count == 1 ? "1 punt" : "\(count) punten" }

    static func dominant(_ mix: PerspectiveMix) -> String {
        mix.dominant.isEmpty
            ? "geen (nog niets gecodeerd dat naar een perspectief wijst)"
            : mix.dominant.map { $0.label.lowercased() }.joined(separator: " en ")
    }

    static func number(_ value: Double) -> String {
        String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
    }

    static func comparison(_ report: ComparisonReport) -> String {
        let comparison = report.comparison
        var text = "Vergelijking: " + comparison.columns.map { "\($0.name) (\($0.id))" }.joined(separator: " · ") + "\n"
        text += "Legenda: = gelijk, ≠ verschillend, ? onbekend (niet door allen vermeld)\n"
        for element in ProfileElement.allCases {
            text += "\n\(element.label.uppercased()) — \(element.question) (\(element.chapter))\n"
            for row in comparison.rows where row.element == element {
                let mark =
                    switch row.status {
                    case .equal: "="
                    case .different: "≠"
                    case .unknown: "?"
                    }
                let cells = row.cells.map {
                    $0.notStatedReason == nil ? $0.labels.joined(separator: " + ") : "niet vermeld"
                }
                text += "  \(mark) \(row.label): \(cells.joined(separator: " | "))\n"
            }
        }
        text +=
            "\nVARIATIE PER ELEMENT (som van de verschillen per dimensie, 0–1 per dimensie; §1.4, §2.4, §3.4, §4.4)\n"
        for variation in comparison.elements {
            text +=
                "  \(variation.element.label): \(number(variation.variation)) (\(variation.differingCount) van \(variation.comparableCount) vergelijkbare dimensies verschillen) · cumulatief \(number(variation.cumulativeVariation))\n"
        }
        text += "\nDICHTSTBIJZIJNDE REFERENTIEVARIANTEN\n"
        for nearest in report.nearest {
            let list = nearest.references.map {
                "\($0.name) (afstand \(number($0.distance)), \($0.differences.count) verschillen)"
            }
            text += "  \(nearest.arrangementID): \(list.joined(separator: "; "))\n"
        }
        return text
    }

    static func advice(_ report: AdviceReport) -> String {
        let advice = report.advice
        var text = "Advies voor \(report.arrangement.name) (\(report.arrangement.id))\n"
        text += "\nVOORSPELBARE GEVOLGEN (\(advice.consequences.count))\n"
        for consequence in advice.consequences {
            text += "- \(consequence.title) [\(consequence.id)]\n"
            text += "  Aanleiding: \(consequence.triggers.map(\.description).joined(separator: "; "))\n"
            text += "  Gevolg: \(consequence.consequence)\n"
            text += "  Advies: \(consequence.advice)\n"
            text += "  Bron: \(consequence.citation)\n"
        }
        text += "\nSTURINGSPERSPECTIEF (§5.1; banden, geen meting: docs/analyse.md)\n"
        for weight in advice.perspectives.weights {
            text +=
                "  \(weight.perspective.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(weight.band.label.padding(toLength: 13, withPad: " ", startingAt: 0)) \(points(weight.points))\n"
            for contribution in weight.contributions {
                text += "      +\(contribution.points) \(contribution.reason) (\(contribution.citation))\n"
            }
        }
        text += "  Dominant: \(dominant(advice.perspectives))\n"
        text += "  Spanningen die het ontwerp moet beantwoorden (§5.3):\n"
        for tension in advice.perspectives.tensions {
            text +=
                "  - \(tension.from.label.lowercased()) tegenover \(tension.with.label.lowercased()) (\(tension.values.joined(separator: ", ")))\(tension.basis == .byDefinition ? ", per definitie" : ""): \(tension.question) (\(tension.citation))\n"
        }
        text += "\nTEMPOREEL (§5.3)\n"
        if let cell = advice.temporal.cell {
            text += "  Instrument: \(cell.instrument.code) · Beoogd effect: \(cell.effect.code)\n"
            text += "  Kans: “\(cell.opportunity)”\n  Risico: “\(cell.risk)”\n"
        } else {
            text += "  \(advice.temporal.openQuestion ?? "")\n"
            for cell in advice.temporal.cells {
                text +=
                    "  - instrument \(cell.instrument.code), effect \(cell.effect.code): kans “\(cell.opportunity)” risico “\(cell.risk)”\n"
            }
        }
        text +=
            "  Conclusie van het essay bij dit schema: “\(TemporalPosition.conclusion)” (\(TemporalPosition.conclusionCitation))\n"
        text += "\nEVALUATIE (§5.1–5.2: evaluatiesystematiek volgt sturingssystematiek)\n  Past:\n"
        for fit in advice.evaluation.assessments where fit.fits {
            text += "  - \(fit.approach.name): \(fit.reasons.joined(separator: "; "))\n"
        }
        text += "  Past niet:\n"
        for fit in advice.evaluation.notFitting {
            text += "  - \(fit.approach.name): \(fit.reasons.joined(separator: "; "))\n"
        }
        text += "  Evaluatievragen:\n" + advice.evaluation.questions.map { "  - \($0)\n" }.joined()
        text +=
            "  Indicatoren:\n" + advice.evaluation.indicatorKinds.map { "  - \($0.kind): \($0.description)\n" }.joined()
        text += "  Bewijs: \(advice.evaluation.evidence.joined(separator: "; "))\n"
        text += "  Ex ante:\n" + advice.evaluation.exAnte.map { "  - \($0)\n" }.joined()
        text += "  Ex durante:\n" + advice.evaluation.exDurante.map { "  - \($0)\n" }.joined()
        text += "  Ex post:\n" + advice.evaluation.exPost.map { "  - \($0)\n" }.joined()
        text += "  Aandachtspunten:\n"
        for consideration in advice.evaluation.considerations {
            text += "  - \(consideration.title): \(consideration.text) (\(consideration.citation))\n"
        }
        return text
    }

    static func whatIf(_ whatIf: WhatIf, name: String) -> String {
        var text = "Wat als — \(name) (\(whatIf.arrangementID))\n\nWIJZIGINGEN\n"
        for row in whatIf.changes {
            let before =
                row.cells[0].notStatedReason == nil ? row.cells[0].labels.joined(separator: " + ") : "niet vermeld"
            text += "  \(row.label): \(before) → \(row.cells[1].labels.joined(separator: " + "))\n"
        }
        text += "\nSTURINGSPERSPECTIEF (voor → na)\n"
        for shift in whatIf.weightShifts {
            text +=
                "  \(shift.perspective.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(shift.bandBefore.label) → \(shift.bandAfter.label) (\(points(shift.pointsBefore)) → \(points(shift.pointsAfter)))\n"
        }
        text += "  Dominant: \(dominant(whatIf.before.perspectives)) → \(dominant(whatIf.after.perspectives))\n"
        text += "\nGEVOLGEN\n"
        text += whatIf.consequencesAdded.map {
            "  + \($0.title) (\($0.triggers.map(\.description).joined(separator: "; ")))\n"
        }.joined()
        text += whatIf.consequencesRemoved.map { "  − \($0.title)\n" }.joined()
        if whatIf.consequencesAdded.isEmpty && whatIf.consequencesRemoved.isEmpty { text += "  geen verandering\n" }
        text += "\nEVALUATIE\n"
        text += whatIf.approachesAdded.map { "  + \($0.name)\n" }.joined()
        text += whatIf.approachesRemoved.map { "  − \($0.name)\n" }.joined()
        if whatIf.approachesAdded.isEmpty && whatIf.approachesRemoved.isEmpty { text += "  geen verandering\n" }
        text += "\nTEMPOREEL\n  \(whatIf.temporalChanged ? "de temporele cel verandert" : "geen verandering")\n"
        return text
    }
}
