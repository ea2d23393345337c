import Foundation

/// An analysis as the CLI's JSON, the API and the web page present it: the truth table,
/// every model with its terms and measures (rounded to 3 decimals), necessity, and where
/// the data came from. Keys are Dutch; terms are in the notation of R QCA.
public struct QCAReport: Encodable, Sendable {
    public let uitkomst: String
    public let voorwaarden: [String]
    public let oplossing: String
    public let inclDrempel: Double
    public let minGevallen: Int
    public let aantalGevallen: Int
    public let waarheidstabel: TruthTable
    public let modellen: [Model]
    public let eenvoudigeContrafeitelijken: [Int]?
    public let noodzakelijkheid: [Necessity]
    public let volledig: Bool
    public let budgetBereikt: [String]
    public let gegevens: ProductData?

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func outcomeCode(_ outcome: QCARowOutcome) -> String {
        switch outcome {
        case .positive: "1"
        case .negative: "0"
        case .contradiction: "C"
        case .remainder: "?"
        }
    }

    /// Where the data came from, when it came from the database.
    public struct ProductData: Encodable, Sendable {
        public let bron: String
        public let definities: [Definition]
        public let gevallen: [ProductCase]
        public let weggelaten: [Exclusion]
    }

    public struct Definition: Encodable, Sendable {
        public let naam: String
        public let dimensie: String
        public let codes: [String]
        public let notatie: String
    }

    public struct ProductCase: Encodable, Sendable {
        public let arrangement: String
        public let naam: String
        public let uitkomst: Double
        public let uitkomstBron: String
        public let voorwaarden: [ProductCondition]
    }

    public struct ProductCondition: Encodable, Sendable {
        public let naam: String
        public let waarde: Double
        public let codes: [String]
        public let bronnen: [String]
    }

    public struct Exclusion: Encodable, Sendable {
        public let arrangement: String
        public let naam: String
        public let redenen: [String]
    }

    static func productData(_ product: QCAProductDataSet) -> ProductData {
        ProductData(
            bron: "database",
            definities: product.definitions.map {
                Definition(naam: $0.name, dimensie: $0.dimensionID, codes: $0.codes, notatie: $0.notation)
            },
            gevallen: product.cases.map { item in
                ProductCase(
                    arrangement: item.arrangementID, naam: item.arrangementName, uitkomst: item.outcome.value,
                    uitkomstBron: item.outcome.source,
                    voorwaarden: item.conditions.map { condition in
                        ProductCondition(
                            naam: condition.name, waarde: condition.value, codes: condition.evidence.map(\.code),
                            bronnen: condition.evidence.map(\.citation))
                    })
            },
            weggelaten: product.excluded.map {
                Exclusion(arrangement: $0.arrangementID, naam: $0.arrangementName, redenen: $0.reasons)
            })
    }

    public struct TruthTable: Encodable, Sendable {
        public let aantalRijen: Int
        public let rijen: [Row]
    }

    public struct Row: Encodable, Sendable {
        public let rij: Int
        public let configuratie: String
        public let uitkomst: String
        public let aantalGevallen: Int
        public let gevallen: [String]
        public let inclusie: Double
        public let pri: Double
        public let tegenstrijdig: Bool
    }

    public struct Model: Encodable, Sendable {
        public let naam: String
        public let formule: String
        public let inclusie: Double
        public let pri: Double
        public let dekking: Double
        public let termen: [Term]
        public let vereenvoudigendeAannames: [Int]
    }

    public struct Necessity: Encodable, Sendable {
        public let voorwaarde: String
        public let inclusie: Double
        public let relevantie: Double
        public let dekking: Double
    }

    public struct Term: Encodable, Sendable {
        public let term: String
        public let inclusie: Double
        public let pri: Double
        public let dekking: Double
        public let uniekeDekking: Double
        public let gevallen: [String]
    }
}

extension QCAReport {
    /// The report of `solution` on `table`; `product` when the data came from the database.
    public init(
        table: QCATruthTable, solution: QCASolution, solutionName: String, product: QCAProductDataSet? = nil
    ) {
        let notation = table.notation
        func caseNames(_ indices: [Int]) -> [String] { indices.map { table.caseIdentifiers[$0] } }
        self.init(
            uitkomst: table.outcome.description, voorwaarden: table.conditionNames, oplossing: solutionName,
            inclDrempel: table.options.inclusionCutoff, minGevallen: table.options.minimumCases,
            aantalGevallen: table.caseIdentifiers.count,
            waarheidstabel: TruthTable(
                aantalRijen: table.rowCount,
                rijen: table.rows.map { row in
                    Row(
                        rij: row.number, configuratie: notation.configurationString(row.configuration),
                        uitkomst: Self.outcomeCode(row.outcome), aantalGevallen: row.caseCount,
                        gevallen: caseNames(row.caseIndices), inclusie: Self.rounded(row.inclusion),
                        pri: Self.rounded(row.pri), tegenstrijdig: row.isContradictory)
                }),
            modellen: solution.models.enumerated().map { index, model in
                Model(
                    naam: "M\(index + 1)", formule: model.expression,
                    inclusie: Self.rounded(model.sufficiency.inclusion),
                    pri: Self.rounded(model.sufficiency.pri), dekking: Self.rounded(model.sufficiency.coverage),
                    termen: model.terms.map { term in
                        Term(
                            term: term.expression, inclusie: Self.rounded(term.sufficiency.inclusion),
                            pri: Self.rounded(term.sufficiency.pri), dekking: Self.rounded(term.sufficiency.coverage),
                            uniekeDekking: Self.rounded(term.uniqueCoverage), gevallen: caseNames(term.caseIndices))
                    },
                    vereenvoudigendeAannames: model.simplifyingAssumptions)
            },
            eenvoudigeContrafeitelijken: solution.solutionType == .intermediate ? solution.easyCounterfactuals : nil,
            noodzakelijkheid: table.necessityOfConditions().map { entry in
                Necessity(
                    voorwaarde: notation.string(for: QCATerm(literals: [entry.literal])),
                    inclusie: Self.rounded(entry.measures.inclusion),
                    relevantie: Self.rounded(entry.measures.relevance),
                    dekking: Self.rounded(entry.measures.coverage))
            },
            volledig: solution.isExhaustive, budgetBereikt: solution.budgetLimitsReached.map(\.dutchName),
            gegevens: product.map(Self.productData))
    }
}

extension QCABudgetLimit {
    /// The limit's Dutch name.
    public var dutchName: String {
        switch self {
        case .primeImplicants: "priemimplicanten"
        case .models: "modellen"
        case .listedRows: "opgesomde rijen"
        case .time: "tijd"
        case .cancelled: "afgebroken"
        }
    }
}
