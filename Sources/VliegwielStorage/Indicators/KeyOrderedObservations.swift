import VliegwielCore

/// Gathers the observations of an import and hands them on in key order (measure, region,
/// period, each compared by bytes as both databases compare the key), a chunk of at most
/// ``chunkSize`` at a time, with a key read twice in a chunk handed on once, with its later
/// value. A table filled in key order appends instead of inserting all over its key
/// (BENCHMARKS.md: 2.5× less work for SQLite); the chunk bounds the memory whatever the size
/// of the file. Measures, regions and periods are kept once per chunk, each observation as
/// four small numbers and its value.
struct KeyOrderedObservations {
    /// Observations per chunk: 44 bytes each while gathering and sorting, so about 23 MiB.
    static let chunkSize = 1 << 19

    /// A chunk: its rows, and in ``order`` the places of the rows to store, in key order.
    /// Each row names its measure, region and period by their place in ``measures``,
    /// ``regions`` and ``periods`` (the texts as stored).
    struct Chunk {
        var measures: [String]
        var regions: [String]
        var periods: [String]
        var rows: [Row]
        var order: [UInt32]
        /// Whether this chunk holds every observation of the import (no chunk came before,
        /// none comes after): its keys are then all different.
        var isWholeImport: Bool
    }

    struct Row {
        var measure: UInt32
        var region: UInt32
        var period: UInt32
        var hasValue: Bool
        var value: Double
    }

    /// Up to this many measures in a chunk, a measure is looked up by comparing texts.
    static let fewMeasures = 16

    private let size: Int
    private var measures: [String: UInt32] = [:]
    private var regions: [RegionCode: UInt32] = [:]
    private var periods: [IndicatorPeriod: UInt32] = [:]
    private var measureTexts: [String] = []
    private var regionTexts: [String] = []
    private var periodTexts: [String] = []
    // The parts of the observation before: a wide export gives each row's region and period
    // to every measure in turn, a long one keeps a measure for many records, so most
    // observations need no lookup at all.
    private var lastMeasure: (text: String, number: UInt32)?
    private var lastRegion: (region: RegionCode, number: UInt32)?
    private var lastPeriod: (period: IndicatorPeriod, number: UInt32)?
    private var rows: [Row] = []
    private var chunksHandedOn = 0

    init(chunkSize: Int = Self.chunkSize) {
        size = max(1, chunkSize)
    }

    /// Adds `observation`; hands a full chunk to `flush` first when there is no room.
    mutating func append(_ observation: ContextObservation, flush: (Chunk) throws -> Void) throws {
        if rows.count == size { try handOn(last: false, to: flush) }
        let measure: UInt32
        if let lastMeasure, lastMeasure.text == observation.measure {
            measure = lastMeasure.number
        } else if measureTexts.count <= Self.fewMeasures,
            let place = measureTexts.firstIndex(where: { $0 == observation.measure })
        {
            // A wide export names its few measures in turn on every row: comparing the texts
            // (the reader's own, so mostly the same storage) beats hashing one each time.
            measure = UInt32(place)
            lastMeasure = (observation.measure, measure)
        } else {
            measure = Self.number(of: observation.measure, in: &measures, &measureTexts) { $0 }
            lastMeasure = (observation.measure, measure)
        }
        let region: UInt32
        if let lastRegion, lastRegion.region == observation.region {
            region = lastRegion.number
        } else {
            region = Self.number(of: observation.region, in: &regions, &regionTexts, \.code)
            lastRegion = (observation.region, region)
        }
        let period: UInt32
        if let lastPeriod, lastPeriod.period == observation.period {
            period = lastPeriod.number
        } else {
            period = Self.number(of: observation.period, in: &periods, &periodTexts, \.code)
            lastPeriod = (observation.period, period)
        }
        rows.append(
            Row(
                measure: measure, region: region, period: period, hasValue: observation.value != nil,
                value: observation.value ?? 0))
    }

    /// Hands on what is left (also when nothing is: an import of no rows still finishes).
    mutating func finish(flush: (Chunk) throws -> Void) throws {
        if !rows.isEmpty || chunksHandedOn == 0 { try handOn(last: true, to: flush) }
    }

    private static func number<Key: Hashable>(
        of key: Key, in numbers: inout [Key: UInt32], _ texts: inout [String], _ text: (Key) -> String
    ) -> UInt32 {
        if let known = numbers[key] { return known }
        let number = UInt32(texts.count)
        numbers[key] = number
        texts.append(text(key))
        return number
    }

    private mutating func handOn(last: Bool, to flush: (Chunk) throws -> Void) throws {
        // Each part's rank in byte order, then the rows sorted by the ranks and, for the
        // same key, by the order read; of a key read twice the later row stays.
        func ranks(_ texts: [String]) -> [UInt64] {
            var rank = [UInt64](repeating: 0, count: texts.count)
            let order = texts.indices.sorted { texts[$0].utf8.lexicographicallyPrecedes(texts[$1].utf8) }
            for (place, index) in order.enumerated() { rank[index] = UInt64(place) }
            return rank
        }
        let measureRank = ranks(measureTexts)
        let regionRank = ranks(regionTexts)
        let periodRank = ranks(periodTexts)
        let regionCount = UInt64(regionTexts.count)
        let periodCount = UInt64(periodTexts.count)
        func key(_ row: Row) -> UInt64 {
            (measureRank[Int(row.measure)] * regionCount + regionRank[Int(row.region)]) * periodCount
                + periodRank[Int(row.period)]
        }
        var order: [UInt32] = []
        order.reserveCapacity(rows.count)
        // Key and place packed into one number when they fit (they do unless a chunk has very
        // many distinct parts): a plain sort of integers, without a comparison closure.
        let placeBits = UInt64.bitWidth - UInt64(max(rows.count - 1, 1)).leadingZeroBitCount
        let keyBits = UInt64.bitWidth - (UInt64(measureTexts.count) * regionCount * periodCount).leadingZeroBitCount
        if keyBits + placeBits <= UInt64.bitWidth {
            let place = (UInt64(1) << placeBits) - 1
            var packed = rows.indices.map { key(rows[$0]) << placeBits | UInt64($0) }
            packed.sort()
            for (position, entry) in packed.enumerated()
            where position == packed.count - 1 || packed[position + 1] >> placeBits != entry >> placeBits {
                order.append(UInt32(entry & place))
            }
        } else {
            var keys = rows.indices.map { (key: key(rows[$0]), index: UInt32($0)) }
            keys.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
            for (position, entry) in keys.enumerated()
            where position == keys.count - 1 || keys[position + 1].key != entry.key {
                order.append(entry.index)
            }
        }
        var taken: [Row] = []
        swap(&taken, &rows)
        try flush(
            Chunk(
                measures: measureTexts, regions: regionTexts, periods: periodTexts, rows: taken, order: order,
                isWholeImport: last && chunksHandedOn == 0))
        // The chunk is gone: its room is used again for the next.
        taken.removeAll(keepingCapacity: true)
        swap(&taken, &rows)
        measures.removeAll(keepingCapacity: true)
        regions.removeAll(keepingCapacity: true)
        periods.removeAll(keepingCapacity: true)
        measureTexts.removeAll(keepingCapacity: true)
        regionTexts.removeAll(keepingCapacity: true)
        periodTexts.removeAll(keepingCapacity: true)
        lastMeasure = nil
        lastRegion = nil
        lastPeriod = nil
        chunksHandedOn += 1
    }
}
