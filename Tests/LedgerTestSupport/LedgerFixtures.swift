import Foundation

/// Where shared fixtures live relative to this package.
public enum LedgerFixtures {
    /// The package's root folder.
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `../shared/samples` beside the package (CI and developers have it).
    public static let sharedSamples = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
        .appendingPathComponent("shared/samples").path

    /// A built executable of this package (tests run after `swift build` has built every product).
    public static func executable(_ name: String) -> String {
        "\(packageRoot)/.build/debug/\(name)"
    }
}
