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

        /// Issue 16 item 9: a file without a column of names, its first column a 0/1 condition,
        /// is not read as names silently; said to be names or data, it is read that way.
        @Test func aFirstColumnThatLooksLikeAConditionMustBeNamed() throws {
            let text = "A,B,Y\n1,0,1\n0,1,0\n1,1,1\n"
            #expect {
                _ = try QCACSVImport.dataSet(fromCSV: text, outcome: "Y")
            } throws: { error in
                guard let error = error as? QCAImportError else { return false }
                return error.problems.map(\.kind) == [.ambiguousFirstColumn]
                    && error.problems[0].field == "eersteKolom" && error.problems[0].column == "A"
            }
            let data = try QCACSVImport.dataSet(fromCSV: text, outcome: "Y", firstColumn: .data)
            #expect(data.variableNames == ["A", "B", "Y"])
            #expect(data.caseIdentifiers == ["1", "2", "3"])
            let named = try QCACSVImport.dataSet(fromCSV: text, outcome: "Y", firstColumn: .caseNames)
            #expect(named.variableNames == ["B", "Y"])
            #expect(named.caseIdentifiers == ["1", "0", "1"])
            // Names, R's empty header, or a column with other values are read as names, as before.
            #expect(
                try QCACSVImport.dataSet(fromCSV: "\"\",B,Y\n1,0,1\n0,1,0\n", outcome: "Y").caseIdentifiers == [
                    "1", "0",
                ])
            #expect(
                try QCACSVImport.dataSet(fromCSV: "deal,B,Y\nTwente,0,1\nZeeland,1,0\n").caseIdentifiers == [
                    "Twente", "Zeeland",
                ])
            #expect(!QCACSVImport.looksLikeCondition(header: "nr", values: ["1", "2", "3"]))
            #expect(QCACSVImport.looksLikeCondition(header: "REGIO_2", values: ["0", "0.5", "1"]))
            #expect(!QCACSVImport.looksLikeCondition(header: "regio deal", values: ["0", "1"]))
            #expect(QCACSVImport.header(ofCSV: "\u{FEFF}naam , A\nx,1\n") == ["naam", "A"])
        }
    }
#endif
