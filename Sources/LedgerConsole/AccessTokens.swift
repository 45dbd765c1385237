import Crypto
import Foundation

/// The tokens a console accepts, read from a token file: one `name:token` a line (blank lines
/// and `#` comments allowed). A token is compared in constant time, through its SHA-256, so
/// neither its bytes nor its length leak through how long a refusal takes; the name is what
/// the access log records.
public struct AccessTokens: Sendable {
    /// The shortest token accepted: 16 characters of a random alphabet are past guessing.
    static let minimumLength = 16

    private let tokens: [(name: String, digest: SHA256.Digest)]

    /// Reads `path`; refuses a file that group or others may read, a malformed line (naming it,
    /// never echoing a token), a repeated name or token, and a file with no token.
    public init(contentsOf path: String) throws(ConsoleSetupError) {
        let text: String
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw ConsoleSetupError.tokenFileExposed(path: path, mode: String(mode, radix: 8))
            }
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let error as ConsoleSetupError {
            throw error
        } catch {
            throw .tokenFileUnreadable(path: path, reason: (error as NSError).localizedFailureReason ?? "not a readable UTF-8 file")
        }
        var tokens: [(name: String, digest: SHA256.Digest)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            func refuse(_ reason: String) -> ConsoleSetupError { .tokenFileLine(path: path, line: index + 1, reason: reason) }
            guard let colon = line.firstIndex(of: ":") else { throw refuse("no colon between a name and a token") }
            let name = String(line[..<colon])
            let token = String(line[line.index(after: colon)...])
            guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy(Self.nameCharacters.contains) else {
                throw refuse("a name is 1 to 64 letters, digits, dots, dashes or underscores")
            }
            guard token.count >= Self.minimumLength, !token.contains(where: \.isWhitespace) else {
                throw refuse("the token of \(name) is shorter than \(Self.minimumLength) characters or holds a space")
            }
            let digest = SHA256.hash(data: Data(token.utf8))
            if tokens.contains(where: { $0.name == name }) { throw refuse("the name \(name) is given twice") }
            if tokens.contains(where: { $0.digest == digest }) { throw refuse("the token of \(name) is another name's token too") }
            tokens.append((name, digest))
        }
        guard !tokens.isEmpty else { throw .tokenFileEmpty(path: path) }
        self.tokens = tokens
    }

    private static let nameCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))

    /// The name of the token an `Authorization` header carries (`Bearer TOKEN`, or `Basic` with
    /// the name as user and the token as password); nil when it carries none of these tokens.
    func name(authorizing header: String?) -> String? {
        guard let header, let space = header.firstIndex(of: " ") else { return nil }
        let scheme = header[..<space].lowercased()
        let credentials = header[header.index(after: space)...].trimmingCharacters(in: .whitespaces)
        switch scheme {
        case "bearer":
            return holder(of: credentials)
        case "basic":
            guard let decoded = Data(base64Encoded: credentials).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let name = holder(of: String(decoded[decoded.index(after: colon)...]))
            return name == String(decoded[..<colon]) ? name : nil
        default:
            return nil
        }
    }

    /// Every token is compared, whichever matches, so the time taken says nothing of which did.
    private func holder(of token: String) -> String? {
        let presented = SHA256.hash(data: Data(token.utf8))
        var found: String?
        for entry in tokens where Self.equal(presented, entry.digest) { found = entry.name }
        return found
    }

    private static func equal(_ a: SHA256.Digest, _ b: SHA256.Digest) -> Bool {
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
