import Foundation
import LedgerTestSupport

/// Debian's Chromium, headless: the DOM a page renders to, and screenshots kept as test
/// artifacts in `.build/artifacts/console/` (never committed).
enum HeadlessBrowser {
    static let artifacts = LedgerFixtures.packageRoot + "/.build/artifacts/console"

    /// The serialized DOM after the page loaded (scripts, had there been any, run).
    static func dom(_ url: String) async throws -> String {
        let result = try await chromium(["--dump-dom", url])
        guard result.status == 0, result.stdout.contains("<html") else {
            throw ConsoleTestFailure("chromium --dump-dom \(url) exited \(result.status): \(result.stderr.suffix(600))")
        }
        return result.stdout
    }

    /// A screenshot of `url` at a laptop's or a phone's width, saved as `name`.png; returns its path.
    @discardableResult
    static func screenshot(_ url: String, name: String, width: Int = 1280, height: Int = 1600) async throws -> String {
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let path = "\(artifacts)/\(name).png"
        try? FileManager.default.removeItem(atPath: path)
        let result = try await chromium(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(path)", url])
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConsoleTestFailure("chromium made no screenshot of \(url): \(result.stderr.suffix(600))")
        }
        return path
    }

    /// A fresh profile per run (tests run side by side); no sandbox, since CI runs as root and
    /// the pages are the console's own on loopback.
    private static func chromium(_ arguments: [String]) async throws -> ChildProcess.Result {
        guard let program = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) else {
            throw ConsoleTestFailure("no Chromium: install Debian's chromium (Scripts/test.sh does, as root)")
        }
        let profile = try TemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile.url) }
        return try await ChildProcess.run(program: program, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.url.path)", "--virtual-time-budget=5000",
        ] + arguments)
    }
}
