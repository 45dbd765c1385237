import Foundation

/// Where shared fixtures live relative to this package.
public enum LedgerFixtures {
    /// The package's root folder.
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The sample TIXnGO pages in `Examples/`, which the README's worked example ingests too.
    public static let examples = URL(fileURLWithPath: packageRoot).appendingPathComponent("Examples").path

    /// A built executable of this package, from the build the running tests come from (the
    /// test command builds every product with the tests).
    public static func executable(_ name: String) -> String {
        binDirectory + "/" + name
    }

    /// The folder of the build the running tests come from (debug, or the test command's own);
    /// where the test process is not a file of that folder (a toolchain's runner), the debug build.
    public static let binDirectory: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: beside + "/ticket-ledger") ? beside : packageRoot + "/.build/debug"
    }()
}
