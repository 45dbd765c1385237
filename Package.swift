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
    ],
    targets: [
        .target(
            name: "TicketLedger",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "TIXnGOClient",
            ],
            resources: [.process("Resources/Migrations"), .copy("Resources/Mappings")],
            swiftSettings: strict
        ),
        .target(
            name: "TIXnGOClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TIXnGOSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ticket-ledger",
            dependencies: [
                "TicketLedger", "TIXnGOSimulator", "TIXnGOClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: executable,
            plugins: ["BuildStamp"]
        ),
        .executableTarget(
            name: "tixngo-simulator",
            dependencies: [
                "TIXnGOSimulator",
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
                "TicketLedger", "TIXnGOSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: executable
        ),
        .target(
            name: "LedgerTestSupport",
            dependencies: [
                "TicketLedger", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/LedgerTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "TicketLedgerTests",
            dependencies: ["TicketLedger", "LedgerTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FeedbackRunTests",
            dependencies: ["TicketLedger", "TIXnGOSimulator", "TIXnGOClient", "LedgerTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TIXnGOSimulatorTests",
            dependencies: ["TIXnGOSimulator", "LedgerTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TIXnGOClientTests",
            dependencies: [
                "TIXnGOClient", "LedgerTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
