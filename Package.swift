// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Vliegwiel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vliegwiel", targets: ["vliegwiel"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The framework of the essay: profiles, catalogue validation, analysis. No I/O.
        .target(name: "VliegwielCore", swiftSettings: strict),
        // File formats (JSON, YAML) and the bundled reference data.
        .target(
            name: "VliegwielInterchange",
            dependencies: [
                "VliegwielCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [
                .copy("Resources/catalogus.yaml"), .copy("Resources/regio-deals.csv"),
                .copy("Resources/regio-deal-regels.yaml"), .copy("Resources/fictieve-regio-deal.yaml"),
                .copy("Resources/fictieve-indicatoren.yaml"),
                .copy("Resources/leerlog-fictief-regio-deal-voorbeeld.yaml"),
                .copy("Resources/accounts-veelgebruikte-wachtwoorden.txt"),
                .copy("Resources/portefeuille"), .copy("Resources/cbs-gebieden-2025.csv"),
                // CBS/PDOK gebiedsindelingen 2025 (CC BY 4.0), unmodified, with their README.
                .copy("Resources/geo"),
            ],
            swiftSettings: strict
        ),
        // The store contract and its SQLite and PostgreSQL implementations.
        .target(
            name: "VliegwielStorage",
            dependencies: [
                "VliegwielCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // What every installation is built from: the shipped data, loaded the same way by the
        // CLI, the server and the tests.
        .target(
            name: "VliegwielApplication",
            dependencies: [
                "VliegwielCore", "VliegwielInterchange", "VliegwielStorage",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The web application: site, API, accounts.
        .target(
            name: "VliegwielWeb",
            dependencies: [
                "VliegwielCore", "VliegwielStorage", "VliegwielInterchange",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        // The command-line verbs, as a library so that tests can drive them.
        .target(
            name: "VliegwielCLI",
            dependencies: [
                "VliegwielCore", "VliegwielInterchange", "VliegwielStorage", "VliegwielApplication", "VliegwielWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "vliegwiel", dependencies: ["VliegwielCLI"], swiftSettings: strict),

        // Benchmarks are programs, not tests: see BENCHMARKS.md.
        .executableTarget(
            name: "QCABenchmark", dependencies: ["VliegwielCore"], path: "Benchmarks/QCABenchmark",
            swiftSettings: strict),
        .executableTarget(
            name: "WebFloor",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")], path: "Benchmarks/WebFloor",
            swiftSettings: strict),

        // Builders shared by the test targets.
        .target(name: "VliegwielTestSupport", dependencies: ["VliegwielCore"], path: "Tests/Support"),
        .testTarget(
            name: "VliegwielCoreTests",
            dependencies: ["VliegwielCore", "VliegwielInterchange", "VliegwielTestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "VliegwielInterchangeTests",
            dependencies: [
                "VliegwielInterchange", "VliegwielTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "VliegwielStorageTests",
            dependencies: ["VliegwielStorage", "VliegwielInterchange", "VliegwielTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "VliegwielWebTests",
            dependencies: [
                "VliegwielWeb", "VliegwielApplication", "VliegwielInterchange", "VliegwielTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            exclude: ["__Snapshots__"], swiftSettings: strict),
        .testTarget(name: "VliegwielCLITests", dependencies: ["VliegwielCLI", "vliegwiel"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
