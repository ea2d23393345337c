#if canImport(VliegwielInterchange)
    import Foundation
    import Testing
    import VliegwielCore
    import VliegwielInterchange

    @Suite("QCA CSV import")
    struct QCACSVImportTests {
        @Test func readsTheReferenceFilesAsRWritesThem() throws {
            for name in ["LC", "LM", "LF", "CVF"] {
                let url = try #require(Bundle.module.url(forResource: "Fixtures/QCA/\(name)", withExtension: "csv"))
                let imported = try QCACSVImport.dataSet(contentsOf: url)
                #expect(imported == (try QCAFixtures.dataSet(name)), "\(name)")
            }
        }

        @Test func selectsColumnsAndAcceptsByteOrderMark() throws {
            let data = try QCACSVImport.dataSet(
                fromCSV: "\u{FEFF}\"\",\"A\",\"B\",\"Y\"\n\"x\",1,0,1\n\"y\",0,2,0\n", outcome: "Y", conditions: ["B"])
            #expect(data.variableNames == ["B", "Y"])
            #expect(data.caseIdentifiers == ["x", "y"])
            #expect(data.variables[0].kind == .multiValue)
        }

        @Test func reportsEveryProblem() {
            let text = """
                "","A","A","Y"
                "x",NA,0,1
                "y",0,1
                """
            #expect {
                _ = try QCACSVImport.dataSet(fromCSV: text)
            } throws: { error in
                guard let error = error as? QCAImportError else { return false }
                let kinds = Set(error.problems.map(\.kind))
                return kinds == [.duplicateColumn, .wrongFieldCount]
            }
            #expect {
                _ = try QCACSVImport.dataSet(fromCSV: "\"\",\"A\",\"Y\"\n\"x\",NA,1.5\n\"y\",1,0\n", outcome: "Y")
            } throws: { error in
                guard let error = error as? QCAImportError else { return false }
                return error.problems.map(\.description) == [
                    "data: rij 2 (geval \"x\"), kolom \"A\": ontbrekende waarde",
                    "uitkomst: rij 2 (geval \"x\"), kolom \"Y\": waarde 1.5 valt buiten het bereik (een uitkomst moet tussen 0 en 1 liggen)",
                ]
            }
        }
    }
#endif
