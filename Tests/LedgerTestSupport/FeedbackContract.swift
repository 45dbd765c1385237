import Foundation

/// What `docs/feedback-api.yaml` declares of the TIXnGO endpoint, read from the file itself so
/// that the client's and the simulator's tests hold both to it: a change of the contract
/// fails them until the code follows.
public struct FeedbackContract: Sendable {
    /// The path of the `servers` URL (`/v3/organizer`): the organizer API base.
    public var serverPath: String
    /// The one operation's path (`/tickets/diff`).
    public var operationPath: String
    /// Declared parameters by where they go (`query`, `header`).
    public var parameters: [String: Set<String>]

    /// The full path a request takes.
    public var requestPath: String { serverPath + operationPath }

    public static func load() throws -> FeedbackContract {
        let path = "\(LedgerFixtures.packageRoot)/docs/feedback-api.yaml"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        func first(_ pattern: String, in lines: some Sequence<String>) throws -> String? {
            let expression = try NSRegularExpression(pattern: pattern)
            for line in lines {
                let range = NSRange(line.startIndex..., in: line)
                if let match = expression.firstMatch(in: line, range: range), let group = Range(match.range(at: 1), in: line) {
                    return String(line[group])
                }
            }
            return nil
        }
        guard let server = try first(#"^\s*- url: (\S+)$"#, in: lines), let serverPath = URLComponents(string: server)?.path,
            let pathsStart = lines.firstIndex(of: "paths:"),
            let operationPath = try first(#"^  (/\S+):$"#, in: lines[pathsStart...])
        else { throw ContractUnreadable(path: path) }
        var parameters: [String: Set<String>] = [:]
        for (index, line) in lines.enumerated() {
            guard let name = try first(#"^\s*- name: (\S+)$"#, in: [line]),
                let place = try first(#"^\s*in: (\S+)$"#, in: lines[(index + 1)...].prefix(2))
            else { continue }
            parameters[place, default: []].insert(name)
        }
        return FeedbackContract(serverPath: serverPath, operationPath: operationPath, parameters: parameters)
    }

    public struct ContractUnreadable: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) does not declare a server URL and a path as expected" }
    }
}
