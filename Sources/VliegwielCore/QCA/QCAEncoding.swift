/// Packs a configuration (one level per condition) into a 64-bit word: condition `j`
/// occupies `widths[j]` bits from `offsets[j]`. Crisp problems use one bit per condition,
/// so that the difference between two rows is a single XOR.
struct QCAEncoding: Sendable, Hashable {
    let levelCounts: [Int]
    let offsets: [Int]
    let widths: [Int]
    /// The bits of each condition's field.
    let fieldMasks: [UInt64]
    /// True when every condition has two levels: field masks then equal condition masks.
    let isBinary: Bool

    init(levelCounts: [Int]) throws(QCAError) {
        var offsets: [Int] = []
        var widths: [Int] = []
        var masks: [UInt64] = []
        var next = 0
        for levels in levelCounts {
            var width = 1
            while (1 << width) < levels { width += 1 }
            offsets.append(next)
            widths.append(width)
            next += width
            guard next <= 62 else { throw .tooManyConditions(count: levelCounts.count) }
            masks.append(((UInt64(1) << UInt64(width)) - 1) << UInt64(next - width))
        }
        self.levelCounts = levelCounts
        self.offsets = offsets
        self.widths = widths
        self.fieldMasks = masks
        self.isBinary = widths.allSatisfy { $0 == 1 }
    }

    var conditionCount: Int { levelCounts.count }
    var allConditions: UInt64 { conditionCount == 64 ? ~0 : (UInt64(1) << UInt64(conditionCount)) - 1 }

    func pack(_ values: [Int]) -> UInt64 {
        var word: UInt64 = 0
        for (index, value) in values.enumerated() { word |= UInt64(value) << UInt64(offsets[index]) }
        return word
    }

    func value(in word: UInt64, condition: Int) -> Int {
        Int((word & fieldMasks[condition]) >> UInt64(offsets[condition]))
    }

    func unpack(_ word: UInt64) -> [Int] {
        (0..<conditionCount).map { value(in: word, condition: $0) }
    }

    /// The field bits of a set of conditions.
    func fields(of conditions: UInt64) -> UInt64 {
        if isBinary { return conditions }
        var result: UInt64 = 0
        var rest = conditions
        while rest != 0 {
            let condition = rest.trailingZeroBitCount
            rest &= rest - 1
            result |= fieldMasks[condition]
        }
        return result
    }

    /// The set of conditions on which two packed configurations differ.
    func differences(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let bits = left ^ right
        if isBinary { return bits }
        var result: UInt64 = 0
        for condition in 0..<conditionCount where bits & fieldMasks[condition] != 0 {
            result |= UInt64(1) << UInt64(condition)
        }
        return result
    }

    /// The row number (from 0, first condition most significant, mixed radix).
    func rowIndex(of values: [Int]) -> Int {
        var index = 0
        for (condition, value) in values.enumerated() { index = index * levelCounts[condition] + value }
        return index
    }

    func values(ofRowIndex index: Int) -> [Int] {
        var rest = index
        var values = [Int](repeating: 0, count: conditionCount)
        for condition in stride(from: conditionCount - 1, through: 0, by: -1) {
            values[condition] = rest % levelCounts[condition]
            rest /= levelCounts[condition]
        }
        return values
    }
}

/// An implicant in packed form: the conditions it fixes, their field bits, and the fixed
/// values (zero outside the fields).
struct QCACube: Sendable, Hashable {
    let conditions: UInt64
    let fields: UInt64
    let values: UInt64

    init(conditions: UInt64, fields: UInt64, values: UInt64) {
        self.conditions = conditions
        self.fields = fields
        self.values = values & fields
    }

    init(row: UInt64, conditions: UInt64, encoding: QCAEncoding) {
        let fields = encoding.fields(of: conditions)
        self.init(conditions: conditions, fields: fields, values: row)
    }

    func contains(_ row: UInt64) -> Bool { row & fields == values }

    /// The cube of configurations in both, or nil when they are disjoint.
    func intersection(_ other: QCACube) -> QCACube? {
        let common = fields & other.fields
        guard values & common == other.values & common else { return nil }
        return QCACube(
            conditions: conditions | other.conditions, fields: fields | other.fields, values: values | other.values)
    }

    func term(encoding: QCAEncoding) -> QCATerm {
        var literals: [QCALiteral] = []
        var rest = conditions
        while rest != 0 {
            let condition = rest.trailingZeroBitCount
            rest &= rest - 1
            literals.append(QCALiteral(condition: condition, value: encoding.value(in: values, condition: condition)))
        }
        return QCATerm(literals: literals)
    }

    init(term: QCATerm, encoding: QCAEncoding) {
        var conditions: UInt64 = 0
        var values: UInt64 = 0
        for literal in term.literals {
            conditions |= UInt64(1) << UInt64(literal.condition)
            values |= UInt64(literal.value) << UInt64(encoding.offsets[literal.condition])
        }
        self.init(conditions: conditions, fields: encoding.fields(of: conditions), values: values)
    }

    /// Calls `body` with every configuration of the cube (packed), stopping when it returns false.
    /// Returns false when stopped.
    @discardableResult
    func forEachConfiguration(encoding: QCAEncoding, _ body: (UInt64) -> Bool) -> Bool {
        let free = (0..<encoding.conditionCount).filter { conditions & (UInt64(1) << UInt64($0)) == 0 }
        var levels = [Int](repeating: 0, count: free.count)
        while true {
            var word = values
            for (position, condition) in free.enumerated() {
                word |= UInt64(levels[position]) << UInt64(encoding.offsets[condition])
            }
            if !body(word) { return false }
            var position = free.count - 1
            while position >= 0 {
                levels[position] += 1
                if levels[position] < encoding.levelCounts[free[position]] { break }
                levels[position] = 0
                position -= 1
            }
            if position < 0 { return true }
        }
    }
}
