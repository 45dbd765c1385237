import Foundation

/// Where shared fixtures live relative to this package.
public enum LedgerFixtures {
    /// The package's root folder.
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The sample TIXnGO pages in `Examples/`, which the README's worked example ingests too.
    public static let examples = URL(fileURLWithPath: packageRoot).appendingPathComponent("Examples").path

    /// A built executable of this package (tests run after `swift build` has built every product).
    public static func executable(_ name: String) -> String {
        "\(packageRoot)/.build/debug/\(name)"
    }
}
