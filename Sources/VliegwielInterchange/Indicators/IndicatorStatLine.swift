import Foundation
import VliegwielCore

/// The export formats of CBS StatLine that Vliegwiel reads (docs/indicatoren.md).
public enum StatLineFormat: String, CaseIterable, Sendable {
    /// The CSV download: `;`-separated, fields in double quotes, a header row
    /// `ID;RegioS;Perioden;<maat>;…` (one column per measure).
    case csv
    /// The OData v3 JSON of the open data API (`…/TypedDataSet`): `{"value": [{"ID": 0,
    /// "RegioS": …, "Perioden": …, "<maat>": …}, …]}`, one member per measure. A document
    /// whose records have `Measure` and `Value` is read as ``odata4``.
    case odata
    /// The OData v4 long format (`…/Observations`): one record per observation with
    /// `Measure`, `Value`, `ValueAttribute` and one member per dimension; in one or more
    /// pages (`@odata.nextLink`).
    case odata4

    /// The format a file name suggests (`.csv`, `.json`), or `nil`.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "csv": self = .csv
        case "json": self = .odata
        default: return nil
        }
    }
}

/// How far a read has come: rows read and bytes consumed (of every page so far).
public struct StatLineProgress: Sendable, Hashable {
    public var rows: Int
    public var bytes: Int

    public init(rows: Int, bytes: Int) {
        self.rows = rows
        self.bytes = bytes
    }
}

/// One file of an export: a whole export, or one page of a paged OData download.
public struct StatLinePage {
    /// The file name, used in messages when there are several pages.
    public var name: String
    public var stream: InputStream

    public init(name: String, stream: InputStream) {
        self.name = name
        self.stream = stream
    }
}

/// What one pass over a StatLine export found.
public struct StatLineReadResult: Sendable, Hashable {
    /// The data rows (CSV lines or OData records) read.
    public var rowsRead: Int
    /// The observations passed on: one per row and measure (OData v4: one per record).
    public var observations: Int
    /// Every bad field of every row; when not empty, nothing may be stored.
    public var issues: [ContextRowIssue]
    /// The measures found, sorted by key.
    public var measures: [String]
    /// The observations passed on without a figure (stored as ontbrekend).
    public var missingValues: Int
    /// OData v4: how many observations carried each `ValueAttribute` marker other than
    /// `None` (each is stored as ontbrekend; ``StatLineValueAttribute/meaning(_:)`` says why).
    public var markers: [String: Int]
}

/// The `ValueAttribute` of an OData v4 observation: `None` for a figure; any other marker
/// means CBS publishes no figure there, and the observation is stored as ontbrekend.
public enum StatLineValueAttribute {
    public static let none = "None"

    /// What a marker means, in Dutch. Only `None` and `Impossible` were seen in public
    /// material on OData v4 (docs/indicatoren.md names the sources); the others follow
    /// CBS's explanation of symbols (`.`, `x`) and are stored as ontbrekend like any marker.
    public static func meaning(_ marker: String) -> String {
        switch marker {
        case none: "een cijfer"
        case "Impossible": "kan op logische gronden niet voorkomen"
        case "Missing": "cijfer onbekend of ontbreekt"
        case "Confidential", "Secret": "geheim"
        default: "markering van CBS zonder bij Vliegwiel bekende betekenis"
        }
    }
}

/// Reads a StatLine export in one streaming pass: the file is never held in memory, and no
/// field becomes a `String` on the way (StatLineScanning.swift). Each valid observation goes
/// to `emit` as soon as its row is read (the store inserts it inside its transaction); every
/// bad field of every row is collected, and once one is found no more observations are
/// emitted — the caller must then store nothing.
///
/// The rows: `RegioS` (or `WijkenEnBuurten`) a region code (``RegionCode``), `Perioden` a
/// period (``IndicatorPeriod``), `ID`/`Id` ignored. CSV and OData v3: every other column is
/// a measure whose value is a number with a decimal point (`12.5`, `-3`) or a decimal comma
/// (`12,5`), or empty, `.` or `null` where CBS has no figure; measures are emitted in the
/// order of their keys. OData v4: `Measure` names the measure, `Value` holds the number and
/// `ValueAttribute` a marker (`None`, or why there is no figure); another dimension must have
/// one value throughout (a download filtered on it).
public enum StatLineReader {
    public static let regionColumns = ["RegioS", "WijkenEnBuurten"]
    public static let regionColumn = "RegioS"
    public static let periodColumn = "Perioden"
    static let ignoredColumns: Set<String> = ["ID", "Id", "StringValue", ""]

    /// Reads `stream` (opened here if it is not open yet).
    ///
    /// - Parameters:
    ///   - progress: called every `progressInterval` rows and once at the end.
    /// - Throws: ``ValidationFailure`` when the file is not of the format at all (no header,
    ///   no `value` array, no region dimension); errors thrown by `emit`.
    public static func read(
        _ stream: InputStream, format: StatLineFormat, tableID: String, progressInterval: Int = 10_000,
        progress: ((StatLineProgress) -> Void)? = nil, emit: (ContextObservation) throws -> Void
    ) throws -> StatLineReadResult {
        try read(
            pages: [StatLinePage(name: "", stream: stream)], format: format, tableID: tableID,
            progressInterval: progressInterval, progress: progress, emit: emit)
    }

    /// Reads the pages of one export in order, as one: an OData download in pages (each page
    /// but the last names the next in `@odata.nextLink`), or a single file. A page that
    /// still links to a next one after the last given, or one that does not start where the
    /// previous one's link says (`$skip`), fails the whole read: nothing is half imported.
    public static func read(
        pages: [StatLinePage], format: StatLineFormat, tableID: String, progressInterval: Int = 10_000,
        progress: ((StatLineProgress) -> Void)? = nil, emit: (ContextObservation) throws -> Void
    ) throws -> StatLineReadResult {
        var checker = RowChecker(tableID: tableID, format: format)
        var rows = 0
        var bytesBefore = 0
        let interval = max(1, progressInterval)
        var expectedSkip: Int?
        for (pageNumber, page) in pages.enumerated() {
            let reader = ByteReader(page.stream)
            let named = pages.count > 1 ? "\(page.name), " : ""
            let isLast = pageNumber == pages.count - 1
            func tick() {
                rows += 1
                if let progress, rows % interval == 0 {
                    progress(StatLineProgress(rows: rows, bytes: bytesBefore + reader.bytesRead))
                }
            }
            switch format {
            case .csv:
                try readCSV(reader, into: &checker, unit: named + "regel", tick: tick, emit: emit)
            case .odata, .odata4:
                if let expectedSkip, expectedSkip != checker.recordsSeen {
                    throw pageFailure(
                        page.name,
                        "de vorige pagina verwijst naar een pagina die begint na \(expectedSkip) records, maar er zijn er \(checker.recordsSeen) gelezen; geef de pagina's compleet en op volgorde"
                    )
                }
                let link = try readOData(reader, into: &checker, unit: named + "record", tick: tick, emit: emit)
                if let link {
                    if isLast {
                        throw pageFailure(
                            page.name,
                            "deze pagina verwijst naar een volgende pagina (@odata.nextLink \(link)), maar die ontbreekt; de download is niet compleet"
                        )
                    }
                    expectedSkip = skip(in: link)
                } else if !isLast {
                    throw pageFailure(
                        page.name,
                        "deze pagina verwijst niet naar een volgende pagina, maar er volgen er nog \(pages.count - pageNumber - 1); geef alleen de pagina's van één download, op volgorde"
                    )
                } else {
                    expectedSkip = nil
                }
            }
            if reader.failed { throw pageFailure(page.name, "het bestand is niet te lezen") }
            bytesBefore += reader.bytesRead
        }
        progress?(StatLineProgress(rows: rows, bytes: bytesBefore))
        return StatLineReadResult(
            rowsRead: rows, observations: checker.emitted, issues: checker.issues, measures: checker.measureNames(),
            missingValues: checker.missing, markers: checker.markers)
    }

    /// Reads a whole text (small files, tests, the shipped demo data).
    public static func read(
        text: String, format: StatLineFormat, tableID: String, emit: (ContextObservation) throws -> Void
    ) throws -> StatLineReadResult {
        try read(InputStream(data: Data(text.utf8)), format: format, tableID: tableID, emit: emit)
    }

    /// Every observation of a small text, or a failure listing every bad row.
    public static func observations(text: String, format: StatLineFormat, tableID: String, source: String) throws
        -> [ContextObservation]
    {
        var observations: [ContextObservation] = []
        let result = try read(text: text, format: format, tableID: tableID) { observations.append($0) }
        if !result.issues.isEmpty { throw failure(result.issues, source: source) }
        return observations
    }

    /// The issues as a ``ValidationFailure`` naming the file.
    public static func failure(_ issues: [ContextRowIssue], source: String) -> ValidationFailure {
        ValidationFailure(
            issues: issues.map {
                var issue = $0.validationIssue
                issue.source = source
                return issue
            })
    }

    /// The `$skip` of a paging link (`…/Observations?$skip=10000`), when it has one.
    static func skip(in link: String) -> Int? {
        for marker in ["$skip=", "%24skip="] {
            guard let range = link.range(of: marker, options: .caseInsensitive) else { continue }
            return Int(link[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
        }
        return nil
    }

    private static func pageFailure(_ name: String, _ message: String) -> ValidationFailure {
        ValidationFailure(issues: [ValidationIssue(source: name, field: "pagina's", message: message)])
    }

    // MARK: - Formats

    private static func readCSV(
        _ reader: ByteReader, into checker: inout RowChecker, unit: String, tick: () -> Void,
        emit: (ContextObservation) throws -> Void
    ) throws {
        var scanner = CSVScanner(reader: reader)
        guard let header = scanner.header(), !header.isEmpty else {
            throw ValidationFailure(issues: [
                ValidationIssue(field: "kopregel", message: "geen CSV-kopregel gevonden; het bestand is leeg")
            ])
        }
        let layout = try checker.setLayout(names: header, csv: true)
        var row = RowFields(columns: header.count)
        while true {
            let line = scanner.line
            guard let count = scanner.nextRecord(into: &row, columns: header.count) else { break }
            if count == 1, row.withBytes(0, { FieldBytes.trimmed($0).isEmpty }) { continue }
            tick()
            try checker.check(row, layout: layout, unit: unit, number: line, emit: emit)
        }
    }

    /// Reads one OData document; returns its paging link.
    private static func readOData(
        _ reader: ByteReader, into checker: inout RowChecker, unit: String, tick: () -> Void,
        emit: (ContextObservation) throws -> Void
    ) throws -> String? {
        var scanner = JSONScanner(reader: reader)
        do {
            try scanner.enterValueArray()
            var row = RowFields(columns: checker.keys.count)
            var number = 0
            while try scanner.nextRecord(into: &row, column: { checker.column($0, position: $1) }) {
                number += 1
                checker.recordsSeen += 1
                let layout = try checker.layout ?? checker.setLayout(names: checker.keyNames, csv: false)
                tick()
                try checker.check(row, layout: layout, unit: unit, number: number, emit: emit)
            }
            try scanner.finishDocument()
        } catch let malformed as MalformedJSON {
            throw ValidationFailure(issues: [ValidationIssue(field: "value", message: malformed.message)])
        }
        return scanner.nextLink
    }
}

/// Where the parts of a row are: by column index.
enum RowLayout {
    /// CSV and OData v3: one column per measure.
    case wide(region: Int, period: Int, measures: [(column: Int, name: String)])
    /// OData v4: one observation per record.
    case long(
        region: Int, period: Int, measure: Int, value: Int, attribute: Int?, dimensions: [(column: Int, name: String)])
}

/// Checks rows and turns them into observations.
struct RowChecker {
    let tableID: String
    let format: StatLineFormat
    private(set) var layout: RowLayout?
    var issues: [ContextRowIssue] = []
    var emitted = 0
    var missing = 0
    var markers: [String: Int] = [:]
    var recordsSeen = 0
    /// OData: the member names, in the order of the first record, as bytes and as text.
    private(set) var keys: [[UInt8]] = []
    private(set) var keyNames: [String] = []
    private var wideMeasures: [String] = []
    private var regionName = StatLineReader.regionColumn
    private var regions = ByteInterner<RegionCode?>()
    private var periods = ByteInterner<IndicatorPeriod?>()
    private var measures = ByteInterner<String>(limit: 1_000_000)
    private var attributes = ByteInterner<String>()
    private var seenMeasures: Set<String> = []
    private var dimensionValues: [Int: [UInt8]] = [:]
    private var values: [Double?] = []

    init(tableID: String, format: StatLineFormat) {
        self.tableID = tableID
        self.format = format
    }

    func measureNames() -> [String] {
        switch layout {
        case .wide: wideMeasures
        case .long: seenMeasures.sorted()
        case nil: []
        }
    }

    /// The column of an OData member; before the layout is known, every new name becomes one.
    mutating func column(_ key: UnsafeBufferPointer<UInt8>, position: Int) -> Int? {
        if position < keys.count, keys[position].hasBytes(key) { return position }
        if let index = keys.firstIndex(where: { $0.hasBytes(key) }) { return index }
        guard layout == nil else { return nil }
        keys.append(Array(key))
        keyNames.append(String(decoding: key, as: UTF8.self))
        return keys.count - 1
    }

    mutating func setLayout(names: [String], csv: Bool) throws -> RowLayout {
        let shown = names.map { $0.isEmpty ? "(leeg)" : $0 }.joined(separator: csv ? ";" : ", ")
        guard let region = names.firstIndex(where: { StatLineReader.regionColumns.contains($0) }) else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: csv ? "kopregel" : StatLineReader.regionColumn,
                    message:
                        "de tabel heeft geen regiodimensie (een kolom RegioS of WijkenEnBuurten); Vliegwiel leest alleen regionale tabellen, zoals 70072NED Regionale kerncijfers Nederland. Gevonden: \(shown)"
                        + (csv && names.count == 1
                            ? " (een CSV-download van StatLine heeft puntkomma's tussen de velden)" : "")
                )
            ])
        }
        guard let period = names.firstIndex(of: StatLineReader.periodColumn) else {
            throw ValidationFailure(issues: [
                ValidationIssue(
                    field: csv ? "kopregel" : StatLineReader.periodColumn,
                    message: "de tabel heeft geen dimensie Perioden; gevonden: \(shown)")
            ])
        }
        regionName = names[region]
        let isLong =
            format == .odata4 || (format == .odata && names.contains("Measure") && names.contains("Value"))
        let layout: RowLayout
        if isLong {
            guard let measure = names.firstIndex(of: "Measure"), let value = names.firstIndex(of: "Value") else {
                throw ValidationFailure(issues: [
                    ValidationIssue(
                        field: "value",
                        message:
                            "verwacht records van Observations met Measure en Value (OData v4); gevonden: \(shown)")
                ])
            }
            let attribute = names.firstIndex(of: "ValueAttribute")
            let known: Set<Int> = [region, period, measure, value, attribute ?? -1]
            let dimensions = names.enumerated().filter {
                !known.contains($0.offset) && !StatLineReader.ignoredColumns.contains($0.element)
            }.map { (column: $0.offset, name: $0.element) }
            layout = .long(
                region: region, period: period, measure: measure, value: value, attribute: attribute,
                dimensions: dimensions)
        } else {
            let measures = names.enumerated().filter {
                $0.offset != region && $0.offset != period && !StatLineReader.ignoredColumns.contains($0.element)
            }.map { (column: $0.offset, name: $0.element) }.sorted { $0.name < $1.name }
            wideMeasures = measures.map(\.name)
            values = Array(repeating: nil, count: measures.count)
            layout = .wide(region: region, period: period, measures: measures)
        }
        self.layout = layout
        return layout
    }

    mutating func check(
        _ row: RowFields, layout: RowLayout, unit: String, number: Int, emit: (ContextObservation) throws -> Void
    ) throws {
        var rowIssues: [ContextRowIssue] = []
        func issue(_ field: String, _ value: String, _ expected: String) {
            rowIssues.append(
                ContextRowIssue(unit: unit, number: number, field: field, value: value, expected: expected))
        }
        if row.extra > 0 {
            issue("kolommen", "\(row.extra) kolom(men) te veel", "evenveel velden als de kopregel")
        }
        switch layout {
        case .wide(let regionColumn, let periodColumn, let columns):
            let region = region(row, regionColumn, issue)
            let period = period(row, periodColumn, issue)
            for (index, measure) in columns.enumerated() {
                let column = measure.column
                switch row.kinds[column] {
                case .text:
                    let value = row.withBytes(column) { bytes -> Double?? in
                        let text = FieldBytes.trimmed(bytes)
                        if text.isEmpty || (text.count == 1 && text[text.startIndex] == UInt8(ascii: ".")) {
                            return .some(nil)
                        }
                        return FieldBytes.number(text).map { .some($0) }
                    }
                    if let value {
                        values[index] = value
                    } else {
                        issue(measure.name, row.text(column), Self.expectedNumber)
                    }
                case .number:
                    if let value = row.withBytes(column, FieldBytes.number) {
                        values[index] = value
                    } else {
                        issue(measure.name, row.text(column), Self.expectedNumber)
                    }
                case .null: values[index] = nil
                case .missing, .other:
                    issue(
                        measure.name, Self.describe(row, column), "een getal, of leeg of '.' als CBS geen cijfer heeft")
                }
            }
            guard rowIssues.isEmpty, issues.isEmpty, let region, let period else {
                issues += rowIssues
                return
            }
            for (index, measure) in columns.enumerated() {
                let value = values[index]
                if value == nil { missing += 1 }
                try emit(
                    ContextObservation(
                        tableID: tableID, measure: measure.name, region: region, period: period, value: value))
                emitted += 1
            }
        case .long(
            let regionColumn, let periodColumn, let measureColumn, let valueColumn, let attribute, let dimensions):
            let region = region(row, regionColumn, issue)
            let period = period(row, periodColumn, issue)
            var measure: String?
            if row.kinds[measureColumn] == .text {
                measure = row.withBytes(measureColumn) { bytes in
                    let code = FieldBytes.trimmed(bytes)
                    return code.isEmpty ? nil : measures.value(code) { String(decoding: $0, as: UTF8.self) }
                }
            }
            if measure == nil {
                issue("Measure", Self.describe(row, measureColumn), "de code van een maat, zoals M001534")
            }
            for dimension in dimensions {
                let text = row.withBytes(dimension.column) { Array(FieldBytes.trimmed($0)) }
                if let first = dimensionValues[dimension.column] {
                    if first != text {
                        issue(
                            dimension.name, String(decoding: text, as: UTF8.self),
                            "steeds '\(String(decoding: first, as: UTF8.self))' zoals in het eerste record: Vliegwiel bewaart per maat, regio en periode één cijfer; download de tabel gefilterd op één waarde van \(dimension.name)"
                        )
                    }
                } else {
                    dimensionValues[dimension.column] = text
                }
            }
            var marker: String?
            if let attribute, row.kinds[attribute] == .text {
                let text = row.withBytes(attribute) { bytes in
                    attributes.value(FieldBytes.trimmed(bytes)) { String(decoding: $0, as: UTF8.self) }
                }
                if text != StatLineValueAttribute.none, !text.isEmpty { marker = text }
            }
            var value: Double?
            switch row.kinds[valueColumn] {
            case .number, .text:
                value = row.withBytes(valueColumn) { FieldBytes.number(FieldBytes.trimmed($0)) }
                if value == nil, marker == nil {
                    issue("Value", row.text(valueColumn), Self.expectedNumber)
                }
            case .null: value = nil
            case .missing, .other:
                if marker == nil {
                    issue("Value", Self.describe(row, valueColumn), "een getal, of null met een ValueAttribute")
                }
            }
            guard rowIssues.isEmpty, issues.isEmpty, let region, let period, let measure else {
                issues += rowIssues
                return
            }
            if let marker {
                value = nil
                markers[marker, default: 0] += 1
            }
            if value == nil { missing += 1 }
            seenMeasures.insert(measure)
            try emit(
                ContextObservation(tableID: tableID, measure: measure, region: region, period: period, value: value))
            emitted += 1
        }
    }

    static let expectedNumber = "een getal (12.5 of 12,5), of leeg of '.' als CBS geen cijfer heeft"

    private mutating func region(
        _ row: RowFields, _ column: Int, _ issue: (String, String, String) -> Void
    ) -> RegionCode? {
        let name = regionName
        guard row.kinds[column] == .text else {
            issue(name, Self.describe(row, column), RegionCode.expectedForm)
            return nil
        }
        let region = row.withBytes(column) { bytes in
            regions.value(FieldBytes.trimmed(bytes)) { RegionCode(String(decoding: $0, as: UTF8.self)) }
        }
        if region == nil { issue(name, row.text(column), RegionCode.expectedForm) }
        return region
    }

    private mutating func period(
        _ row: RowFields, _ column: Int, _ issue: (String, String, String) -> Void
    ) -> IndicatorPeriod? {
        guard row.kinds[column] == .text else {
            issue(StatLineReader.periodColumn, Self.describe(row, column), IndicatorPeriod.expectedForm)
            return nil
        }
        let period = row.withBytes(column) { bytes in
            periods.value(FieldBytes.trimmed(bytes)) { code in
                code.count == 8 ? IndicatorPeriod(code: String(decoding: code, as: UTF8.self)) : nil
            }
        }
        if period == nil { issue(StatLineReader.periodColumn, row.text(column), IndicatorPeriod.expectedForm) }
        return period
    }

    static func describe(_ row: RowFields, _ column: Int) -> String {
        switch row.kinds[column] {
        case .missing: "(ontbreekt)"
        case .null: "null"
        case .text, .number, .other: row.text(column)
        }
    }
}
