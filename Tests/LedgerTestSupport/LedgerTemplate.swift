import Foundation
import GRDB

/// A ledger built once per test process and copied for each test that starts from it: a
/// suite whose every test needs the same ledger pays for building it once, and each test
/// still has a file of its own to change.
public final class LedgerTemplate: Sendable {
    private let name: String
    private let built: Task<String, any Error>

    /// `build` makes the ledger at the path it is given (in a directory of its own).
    public init(_ name: String, build: @escaping @Sendable (_ path: String, _ directory: TemporaryDirectory) async throws -> Void) {
        self.name = name
        built = Task {
            let directory = try TemporaryDirectory()
            let path = directory.path(name)
            try await build(path, directory)
            // The WAL folded into the file, so that copying the file copies the ledger.
            try await DatabaseQueue(path: path).writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            return path
        }
    }

    /// A copy of the ledger and of its key file (`<ledger>.key`) in `directory`; the ledger's path.
    public func copy(into directory: TemporaryDirectory) async throws -> String {
        let path = directory.path(name)
        let template = try await built.value
        try FileManager.default.copyItem(atPath: template, toPath: path)
        try FileManager.default.copyItem(atPath: template + ".key", toPath: path + ".key")
        return path
    }
}

/// A step of building a template that did not do what it should.
public struct TemplateStepFailed: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
