import Crypto
import Foundation

/// The key file: the key-encryption key under which a ledger stores its secret and every
/// person key, kept apart from the ledger so that a copy of the ledger alone opens no
/// personal data (docs/design.md, "Keys outside the ledger").
///
/// A small text file, readable by its owner only:
///
/// ```
/// # TicketLedger key file …
/// ticket-ledger-key-file: 1
/// key-encryption-key: <32 bytes, base64>
/// signing-key: <an Ed25519 private key, 32 bytes, base64>
/// ```
///
/// The signing key signs the ledger's tree heads (docs/proofs.md); a rotation keeps it, so
/// the heads signed before it still verify with the same public key.
struct KeyFile: Sendable {
    /// Where the file is.
    let path: String
    /// The key-encryption key.
    let key: SymmetricKey
    /// The key that signs tree heads.
    let signingKey: Curve25519.Signing.PrivateKey
    /// Names the key without revealing it: the ledger stores it to tell the right key file from another.
    var keyID: String { KeyWrapper.keyID(of: key) }

    /// The default key file of a ledger: `<ledger>.key` beside it.
    static func defaultPath(forLedgerAt ledgerPath: String) -> String { ledgerPath + ".key" }

    private static let formatLine = "ticket-ledger-key-file: 1"
    private static let keyName = "key-encryption-key"
    private static let signingKeyName = "signing-key"

    /// Permission bits a key file must not have: any access by group or others (as ssh asks of a private key).
    private static let exposingBits: mode_t = 0o077

    init(path: String, key: SymmetricKey, signingKey: Curve25519.Signing.PrivateKey) {
        self.path = path
        self.key = key
        self.signingKey = signingKey
    }

    /// Reads the key file at `path`, or nil when there is none (or, when `deniedMeansNone`, when
    /// this user may not read it: another user's key file). Refuses a file that group or others
    /// can access (``LedgerError/keyFileExposed(path:mode:)``) or that is not a key file.
    static func read(at path: String, deniedMeansNone: Bool = false) throws -> KeyFile? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw LedgerError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw LedgerError.keyFileUnreadable(path: path, reason: "not a regular file") }
        let permissions = status.st_mode & 0o777
        guard permissions & exposingBits == 0 else { throw LedgerError.keyFileExposed(path: path, mode: String(permissions, radix: 8)) }
        if deniedMeansNone, access(path, R_OK) != 0, errno == EACCES { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LedgerError.keyFileUnreadable(path: path, reason: "cannot read it")
        }
        return try KeyFile(path: path, parsing: text)
    }

    private init(path: String, parsing text: String) throws {
        var fields: [String: String] = [:]
        var sawFormat = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            if line == Self.formatLine {
                sawFormat = true
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            // The value is key material: never repeat it in an error.
            guard parts.count == 2, [Self.keyName, Self.signingKeyName].contains(parts[0]), fields[parts[0]] == nil else {
                throw LedgerError.keyFileUnreadable(path: path, reason: "line \(number + 1) is not one a key file has")
            }
            fields[parts[0]] = parts[1]
        }
        guard sawFormat else { throw LedgerError.keyFileUnreadable(path: path, reason: "no '\(Self.formatLine)' line: not a ticket-ledger key file") }
        guard let encoded = fields[Self.keyName], let bytes = Data(base64Encoded: encoded), bytes.count == 32 else {
            throw LedgerError.keyFileUnreadable(path: path, reason: "no 256-bit \(Self.keyName)")
        }
        guard let encodedSigning = fields[Self.signingKeyName], let signingBytes = Data(base64Encoded: encodedSigning),
            let signingKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: signingBytes)
        else {
            throw LedgerError.keyFileUnreadable(path: path, reason: "no Ed25519 \(Self.signingKeyName)")
        }
        self.init(path: path, key: SymmetricKey(data: bytes), signingKey: signingKey)
    }

    /// A new key file, not yet written anywhere: a new key-encryption key, and `signingKey` or a new one.
    static func generated(path: String, signingKey: Curve25519.Signing.PrivateKey? = nil) -> KeyFile {
        KeyFile(path: path, key: SymmetricKey(size: .bits256), signingKey: signingKey ?? Curve25519.Signing.PrivateKey())
    }

    /// The file's text.
    private var contents: String {
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        let signing = signingKey.rawRepresentation.base64EncodedString()
        return """
            # TicketLedger key file: the key-encryption key of a ledger's personal-data keys.
            # Keep it readable by its owner only, and back it up apart from the ledger
            # (docs/operations.md, "The key file"): without it, personal data cannot be read.
            \(Self.formatLine)
            \(Self.keyName): \(encoded)
            \(Self.signingKeyName): \(signing)

            """
    }

    /// Creates the key file at `path` with a new key, or reads the one another process created
    /// first: it is written whole to a temporary file (0600, synced) and linked into place, so
    /// no reader ever sees half a key file and an existing one is never replaced.
    static func create(at path: String) throws -> KeyFile {
        let new = generated(path: path)
        let temporary = try new.writeTemporary()
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            guard errno == EEXIST, let existing = try read(at: path) else {
                throw LedgerError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            return existing
        }
        try syncDirectory(of: path)
        return new
    }

    /// Writes this key file's contents to `path` as a new file (0600, synced), replacing a
    /// leftover one: the next key of a rotation, before the ledger is rewrapped under it.
    func writeNew() throws {
        let temporary = try writeTemporary()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LedgerError.keyFileUnreadable(path: path, reason: reason)
        }
        try Self.syncDirectory(of: path)
    }

    /// Writes the contents to a new temporary file beside `path` and returns its path.
    private func writeTemporary() throws -> String {
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LedgerError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LedgerError.keyFileUnreadable(path: path, reason: reason)
        }
        return temporary
    }

    /// Makes a rename or link in the file's directory durable.
    static func syncDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }
}
