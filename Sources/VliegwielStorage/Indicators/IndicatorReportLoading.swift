import VliegwielCore

extension IndicatorStore {
    /// The indicator report of arrangement `id`: its programme indicators and, for every
    /// context table that has one of its regions, the table's observations (all regions, for
    /// the comparison).
    ///
    /// - Throws: ``ValidationFailure`` when the arrangement is unknown.
    public func report(for id: String) async throws -> IndicatorReport {
        let indicators = try await indicators(of: id)
        var tables: [(ContextTable, [ContextObservation])] = []
        if let regions = indicators?.regions, !regions.isEmpty {
            for table in try await contextTables() {
                let hits = try await observations(
                    matching: ContextFilter(tableID: table.id, regions: regions), limit: 1, offset: 0)
                guard hits.total > 0 else { continue }
                let all = try await observations(matching: ContextFilter(tableID: table.id), limit: nil, offset: 0)
                tables.append((table, all.observations))
            }
        }
        return IndicatorReport(arrangementID: id, indicators: indicators, tables: tables)
    }
}
