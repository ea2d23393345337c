/// Sufficiency measures of a set X for the outcome Y (R QCA's inclS, PRI, covS).
public struct QCASufficiency: Sendable, Hashable, Codable {
    /// Σmin(X,Y) / ΣX.
    public let inclusion: Double
    /// (Σmin(X,Y) − Σmin(X,Y,1−Y)) / (ΣX − Σmin(X,Y,1−Y)).
    public let pri: Double
    /// Σmin(X,Y) / ΣY.
    public let coverage: Double
}

/// Necessity measures of a set X for the outcome Y (R QCA's inclN, RoN, covN).
public struct QCANecessity: Sendable, Hashable, Codable {
    /// Σmin(X,Y) / ΣY.
    public let inclusion: Double
    /// Relevance of necessity: Σ(1−X) / Σ(1−min(X,Y)).
    public let relevance: Double
    /// Σmin(X,Y) / ΣX.
    public let coverage: Double
}

/// The formulas, on membership vectors (one value per case). A ratio with a zero
/// denominator is reported as 0.
public enum QCAMeasures {
    public static func sufficiency(of x: [Double], in y: [Double]) -> QCASufficiency {
        var sumX = 0.0
        var sumY = 0.0
        var sumXY = 0.0
        var sumXYNotY = 0.0
        for (xi, yi) in zip(x, y) {
            let both = min(xi, yi)
            sumX += xi
            sumY += yi
            sumXY += both
            sumXYNotY += min(both, 1 - yi)
        }
        return QCASufficiency(
            inclusion: ratio(sumXY, sumX),
            pri: ratio(sumXY - sumXYNotY, sumX - sumXYNotY),
            coverage: ratio(sumXY, sumY))
    }

    public static func necessity(of x: [Double], in y: [Double]) -> QCANecessity {
        var sumX = 0.0
        var sumY = 0.0
        var sumXY = 0.0
        var sumNotX = 0.0
        var sumNotXY = 0.0
        for (xi, yi) in zip(x, y) {
            let both = min(xi, yi)
            sumX += xi
            sumY += yi
            sumXY += both
            sumNotX += 1 - xi
            sumNotXY += 1 - both
        }
        return QCANecessity(
            inclusion: ratio(sumXY, sumY), relevance: ratio(sumNotX, sumNotXY), coverage: ratio(sumXY, sumX))
    }

    /// The coverage a term adds to the rest of its model: covS(model) − covS(model without the term).
    static func uniqueCoverage(term: [Double], others: [[Double]], outcome y: [Double]) -> Double {
        var sumY = 0.0
        var withTerm = 0.0
        var without = 0.0
        for index in y.indices {
            let rest = others.reduce(0.0) { max($0, $1[index]) }
            sumY += y[index]
            withTerm += min(max(rest, term[index]), y[index])
            without += min(rest, y[index])
        }
        return ratio(withTerm - without, sumY)
    }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? 0 : numerator / denominator
    }
}
