// swift-tools-version:6.1
import PackageDescription

// The data flows one way: clap → ClapReports → ClapStore → ClapDomain → LedgerCore.
// ClapAssets only carries Schema/ and Fixtures/ as resources.
let package = Package(
    name: "clap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clap", targets: ["clap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "LedgerCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ClapDomain",
            dependencies: [
                "LedgerCore",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "ClapAssets",
            path: ".",
            exclude: ["Sources/LedgerCore", "Sources/ClapDomain", "Sources/ClapStore", "Sources/ClapReports",
                      "Sources/clap", "Tests", "docs", "scripts", "README.md", ".ci"],
            sources: ["Sources/ClapAssets"],
            resources: [.copy("Schema"), .copy("Fixtures")]
        ),
        .target(
            name: "ClapStore",
            dependencies: [
                "LedgerCore", "ClapDomain", "ClapAssets",
                .product(name: "GRDB", package: "GRDB.swift"),
                // verify's fast passes read columns through SQLite's C API and hash without making strings.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ClapReports",
            dependencies: ["LedgerCore", "ClapDomain", "ClapStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "clap",
            dependencies: [
                "LedgerCore", "ClapDomain", "ClapStore", "ClapReports", "ClapAssets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Test-only helpers (temporary folders removed at the end of the run); no product depends on it.
        .target(name: "ClapTestSupport", path: "Tests/ClapTestSupport"),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore"]),
        // CSV.swift is the oracle of `CSVRecordReader`'s tests.
        .testTarget(name: "ClapDomainTests", dependencies: ["ClapDomain", "LedgerCore", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "ClapStoreTests", dependencies: ["ClapStore", "ClapDomain", "LedgerCore", "ClapAssets",
                                                           "ClapTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ClapReportsTests", dependencies: ["ClapReports", "ClapStore", "ClapDomain", "LedgerCore",
                                                             "ClapTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ClapCLITests", dependencies: ["clap", "ClapReports", "ClapStore", "LedgerCore",
                                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                         "ClapTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
