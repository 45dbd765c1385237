// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
/// Executables export nothing, so their imports need no access levels.
let executable: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "TicketLedger",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TicketLedger", targets: ["TicketLedger"]),
        .library(name: "TicketLedgerService", targets: ["TicketLedgerService"]),
        .library(name: "LedgerConsole", targets: ["LedgerConsole"]),
        .library(name: "LedgerPublishing", targets: ["LedgerPublishing"]),
        .library(name: "TIXnGOClient", targets: ["TIXnGOClient"]),
        .library(name: "TIXnGOSimulator", targets: ["TIXnGOSimulator"]),
        .executable(name: "ticket-ledger", targets: ["ticket-ledger"]),
        .executable(name: "tixngo-simulator", targets: ["tixngo-simulator"]),
        .executable(name: "ledger-bench", targets: ["ledger-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The ledger: store, projection, queries. No HTTP, no service runtime, no terminal.
        .target(
            name: "TicketLedger",
            dependencies: [
                "SharedSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                "CLedgerZlib",
            ],
            // Migrations/postgresql is the copy's schema (LedgerPublishing), not the ledger's.
            exclude: ["Resources/Migrations/postgresql"],
            resources: [.process("Resources/Migrations"), .copy("Resources/Mappings")],
            swiftSettings: strict
        ),
        // The ledger run against TIXnGO: the client as a page source, the schedule as a service, a fleet of them.
        .target(
            name: "TicketLedgerService",
            dependencies: [
                "TicketLedger", "TIXnGOClient", "SharedSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // The read-only web console over a ledger: pages, the JSON API, access checks (`ticket-ledger serve`).
        .target(
            name: "LedgerConsole",
            dependencies: [
                "TicketLedger",
                "ServerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The ledger's copy in PostgreSQL: publish (exactly once, by cursor) and the copy's own chain check.
        .target(
            name: "LedgerPublishing",
            dependencies: [
                "TicketLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.process("Resources/postgresql")],
            swiftSettings: strict
        ),
        // One call SQLite offers only as a variadic C function: the command line's process-wide setting (docs/design.md, "Ingest").
        .target(name: "CLedgerSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Debian's zlib, which reads a mapping workbook's zip entries (docs/design.md, "Mapping workbooks").
        .systemLibrary(name: "CLedgerZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // What the ledger, the client and the simulator share: the civil calendar, seeded randomness.
        .target(name: "SharedSupport", swiftSettings: strict),
        // What the simulator and the console share: an HTTP server run in the background, stopped gracefully.
        .target(
            name: "ServerSupport",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TIXnGOClient",
            dependencies: [
                "SharedSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TIXnGOSimulator",
            dependencies: [
                "SharedSupport",
                "ServerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ticket-ledger",
            dependencies: [
                "TicketLedger", "TicketLedgerService", "LedgerConsole", "LedgerPublishing", "TIXnGOSimulator", "TIXnGOClient", "CLedgerSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: executable,
            plugins: ["BuildStamp"]
        ),
        .executableTarget(
            name: "tixngo-simulator",
            dependencies: [
                "TIXnGOSimulator", "SharedSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: executable,
            plugins: ["BuildStamp"]
        ),
        .plugin(name: "BuildStamp", capability: .buildTool(), path: "Plugins/BuildStamp"),
        .executableTarget(
            name: "ledger-bench",
            dependencies: [
                "TicketLedger", "LedgerConsole", "TIXnGOSimulator", "SharedSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: executable
        ),
        .target(
            name: "LedgerTestSupport",
            dependencies: [
                "TicketLedger", "SharedSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/LedgerTestSupport",
            swiftSettings: strict
        ),
        // An embedder's program: the library through its public API only (run by EmbeddingTests).
        .executableTarget(name: "embedded-ledger", dependencies: ["TicketLedger"], path: "Examples/EmbeddedLedger", swiftSettings: executable),
        .testTarget(
            name: "TicketLedgerTests",
            dependencies: ["TicketLedger", "LedgerTestSupport", "SharedSupport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FeedbackRunTests",
            dependencies: [
                "TicketLedger", "TicketLedgerService", "LedgerConsole", "LedgerPublishing", "TIXnGOSimulator", "TIXnGOClient", "LedgerTestSupport",
                "SharedSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The library as an embedder sees it: `import TicketLedger`, never `@testable`.
        .testTarget(
            name: "EmbeddingTests",
            dependencies: [
                "TicketLedger", "TicketLedgerService", "TIXnGOClient", "LedgerTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TIXnGOSimulatorTests",
            dependencies: ["TIXnGOSimulator", "LedgerTestSupport", "SharedSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TIXnGOClientTests",
            dependencies: [
                "TIXnGOClient", "LedgerTestSupport", "SharedSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
