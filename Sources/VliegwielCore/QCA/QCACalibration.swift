import Foundation

/// Calibration of raw data into set membership.
public enum QCACalibration {
    /// Fuzzy calibration by the direct method (Ragin 2008), as in R QCA's `calibrate`.
    ///
    /// The thresholds for full exclusion, the crossover and full inclusion map to the
    /// log-odds `-L`, `0` and `+L` with `L = ln(d / (1 - d))`, `d` the degree of membership
    /// that counts as full inclusion (0.95 by default, so `L ≈ 2.944`, which Ragin rounds
    /// to 3). Values between the anchors are scaled linearly in log-odds and mapped back
    /// with the logistic function. When `exclusion > inclusion` the set is calibrated in
    /// reverse (higher raw values mean less membership).
    public static func direct(
        _ value: Double, exclusion: Double, crossover: Double, inclusion: Double,
        inclusionDegree: Double = 0.95
    ) throws(QCAError) -> Double {
        guard inclusionDegree > 0.5, inclusionDegree < 1 else {
            throw .invalidThresholds("inclusion degree \(inclusionDegree) must lie in (0.5, 1)")
        }
        let increasing = exclusion < crossover && crossover < inclusion
        let decreasing = exclusion > crossover && crossover > inclusion
        guard increasing || decreasing else {
            throw .invalidThresholds("crossover \(crossover) must lie strictly between \(exclusion) and \(inclusion)")
        }
        guard value.isFinite else { throw .invalidThresholds("value \(value) is not finite") }
        let limit = log(inclusionDegree / (1 - inclusionDegree))
        let distance = value - crossover
        let span = (distance >= 0) == increasing ? inclusion - crossover : crossover - exclusion
        let logOdds = limit * distance / span
        return 1 / (1 + exp(-logOdds))
    }

    /// Calibrates a whole column by the direct method.
    public static func direct(
        _ values: [Double], exclusion: Double, crossover: Double, inclusion: Double,
        inclusionDegree: Double = 0.95
    ) throws(QCAError) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(values.count)
        for value in values {
            result.append(
                try direct(
                    value, exclusion: exclusion, crossover: crossover, inclusion: inclusion,
                    inclusionDegree: inclusionDegree))
        }
        return result
    }

    /// Crisp (or multi-value) calibration: the number of thresholds the value reaches.
    /// One threshold gives a crisp set (0/1), two give three levels (0/1/2), and so on.
    public static func crisp(_ value: Double, thresholds: [Double]) throws(QCAError) -> Double {
        guard !thresholds.isEmpty, zip(thresholds, thresholds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidThresholds("thresholds \(thresholds) must be non-empty and strictly increasing")
        }
        return Double(thresholds.filter { value >= $0 }.count)
    }

    /// Crisp calibration of a whole column.
    public static func crisp(_ values: [Double], thresholds: [Double]) throws(QCAError) -> [Double] {
        var result: [Double] = []
        for value in values { result.append(try crisp(value, thresholds: thresholds)) }
        return result
    }
}
