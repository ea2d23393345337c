import Foundation
import VliegwielCore
import VliegwielInterchange
import VliegwielStorage

extension Installation {
    var portfolio: any PortfolioStore { stores.portfolio }

    /// The portfolio record of deal `id`, or a failure that says why there is none.
    func dealRecord(_ id: String) async throws -> DealRecord {
        if let record = try await portfolio.record(id: id) { return record }
        _ = try await arrangement(id)
        throw CommandFailure(
            field: "id", "'\(id)' is geen deal van de portefeuille; 'vliegwiel portefeuille' toont de ids van de deals")
    }
}

/// Parses a `JJJJ-MM-DD` option.
func parseDate(_ text: String, option: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else {
        throw CommandFailure(field: option, "'\(text)' is geen datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2024-02-09")
    }
    return date
}

/// Today in UTC, as a calendar day.
func today() -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}

/// Lines padded into columns, the last column unpadded.
func columns(_ rows: [[String]]) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
}
