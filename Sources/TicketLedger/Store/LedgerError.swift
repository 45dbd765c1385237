/// What can go wrong with a ledger, each case one sentence naming the input and the fix in the
/// library's own terms (a command line adds its flags to them).
public enum LedgerError: Error, CustomStringConvertible, Equatable {
    /// The ledger file, or a lock file beside it, cannot be created, opened or read; `reason` is the system's.
    case cannotOpen(path: String, reason: String)
    /// Nothing is at the path a ledger was to be read from.
    case noLedger(path: String)
    /// The ledger was written by an older build: the `missing` migrations have not run on it.
    case schemaOutdated(path: String, missing: [String])
    /// The file is not a SQLite database, or is damaged.
    case notALedger(path: String, reason: String)
    /// SQLite cannot write the ledger (file permissions, or a read-only disk).
    case readOnly(path: String)
    /// The disk is full; the batch being written was rolled back whole.
    case diskFull(path: String)
    /// Another process kept the ledger locked beyond SQLite's busy timeout.
    case busy(path: String)
    /// The schema migrations shipped as resources cannot be found; the value says where they were looked for.
    case migrationMissing(String)
    /// The ledger is projected with the `live` mapping version (loaded from `liveSource`), not
    /// the `asked` version (loaded from `askedSource`, a bundled version or a path): changing it
    /// is a replay.
    case mappingConflict(live: String, liveSource: String, asked: String, askedSource: String)
    /// The ledger is projected in the `live` mode, not the one `asked` for: changing it is a replay.
    case modeConflict(live: ProjectionMode, asked: ProjectionMode)
    /// No event names this ticket id (under the organizer asked for, when one was).
    case ticketNotFound(String)
    /// The ticket id exists under several organizers (sorted): the caller must name one.
    case ambiguousTicket(ticketId: String, organizers: [String])
    /// The ledger lacks a row it always has (its live projection, a stored rule set); the message says which.
    case corrupt(String)
    /// The key file cannot be read, or is not a key file; `reason` never quotes key material.
    case keyFileUnreadable(path: String, reason: String)
    /// The key file can be read by group or others (its permission bits, in octal): refused, as ssh refuses such a private key.
    case keyFileExposed(path: String, mode: String)
    /// The ledger's keys are wrapped under the key `keyID`, and no key file is at `path`.
    case keyFileMissing(path: String, keyID: String)
    /// The key file at `path` holds another key than the one the ledger's keys are wrapped under.
    case keyFileMismatch(path: String, fileKeyID: String, ledgerKeyID: String)
    /// The operation reads or writes personal data, and the ledger was opened without its key file (none at `path`).
    case keyFileRequired(path: String)
    /// A `keys rotate` committed while this process had the ledger open: its next write would wrap keys under the old key.
    case keysRotated
    /// No observation names the email asked about (the address itself is not repeated: it is personal data).
    case personUnknown
    /// Every key the email named was destroyed by `forget`, at that time.
    case personErased(at: Timestamp)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open the ledger \(path): \(reason)"
        case let .noLedger(path): "no ledger at \(path)"
        case let .schemaOutdated(path, missing):
            "the ledger \(path) was written by an older version (\(missing.count) migration\(missing.count == 1 ? "" : "s") not applied): migrate it before reading"
        case let .notALedger(path, reason): "\(path) is not a usable ledger database (\(reason))"
        case let .readOnly(path): "the ledger \(path) is read-only: check the file's permissions and the disk"
        case let .diskFull(path): "the disk holding the ledger \(path) is full: nothing of this batch was written; free space and run again"
        case let .busy(path): "the ledger \(path) stayed locked by another process beyond the busy timeout; try again"
        case let .migrationMissing(name): "the migrations that ship with ticket-ledger are missing (\(name)); reinstall it with its resources folder"
        case let .mappingConflict(live, liveSource, asked, _):
            "this ledger is projected with mapping \(live) (\(liveSource)), not \(asked): replay it to change the mapping"
        case let .modeConflict(live, asked):
            "this ledger is projected in \(live.rawValue) mode, not \(asked.rawValue): replay it to change the mode"
        case let .ticketNotFound(id): "ticket \(id) not found"
        case let .ambiguousTicket(id, organizers):
            "ticket \(id) exists under several organizers (\(organizers.joined(separator: ", "))): name the organizer"
        case let .corrupt(message): message
        case let .keyFileUnreadable(path, reason): "cannot use the key file \(path): \(reason)"
        case let .keyFileExposed(path, mode):
            "the key file \(path) is accessible by group or others (mode \(mode)): make it private with `chmod 600 \(path)`"
        case let .keyFileMissing(path, keyID):
            "no key file at \(path): this ledger's keys are wrapped under key \(keyID); give the key file that holds it"
        case let .keyFileMismatch(path, fileKeyID, ledgerKeyID):
            "the key file \(path) holds key \(fileKeyID), but this ledger's keys are wrapped under key \(ledgerKeyID): give the ledger's own key file"
        case let .keyFileRequired(path):
            "this needs the ledger's key file to read or write personal data, and there is none at \(path)"
        case .keysRotated: "the ledger's keys were rotated while this process had it open: nothing of this batch was written; run again"
        case .personUnknown: "no observation in this ledger names that email address"
        case let .personErased(time):
            "that person's data was erased on \(time) (forget): the ledger no longer shows what they held"
        }
    }
}
