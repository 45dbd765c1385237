import Hummingbird
import TicketLedger

/// Why a request gets no page: each case one sentence, with the HTTP status it answers with.
enum ConsoleError: Error {
    /// A query parameter the console cannot read (400).
    case badQuery(String)
    /// No token, or one the token file does not hold (401).
    case unauthorized
    /// A console without tokens asked for by a name that is not this machine's (403).
    case foreignHost
    /// A verification is running already (503).
    case verifying

    var status: HTTPResponse.Status {
        switch self {
        case .badQuery: .badRequest
        case .unauthorized: .unauthorized
        case .foreignHost: .forbidden
        case .verifying: .serviceUnavailable
        }
    }

    var sentence: String {
        switch self {
        case .badQuery(let reason): reason
        case .unauthorized: "this console needs a token: send it as a Bearer token, or as the password of HTTP Basic with its name as the user"
        case .foreignHost: "this console answers only to 127.0.0.1, [::1] or localhost: it has no tokens to tell who else may look"
        case .verifying: "a verification is running: try again when it has finished"
        }
    }

    /// The status and sentence of any error a handler throws; a ledger's own errors keep their sentences.
    static func answer(to error: any Error) -> (status: HTTPResponse.Status, sentence: String) {
        switch error {
        case let error as ConsoleError: (error.status, error.sentence)
        case let error as HTTPError where error.status == .notFound: (.notFound, "there is no page at this address")
        case let error as HTTPError: (error.status, error.body ?? error.status.reasonPhrase)
        case LedgerError.ticketNotFound: (.notFound, "\(error)")
        case LedgerError.ambiguousTicket: (.conflict, "\(error)")
        case LedgerError.busy: (.serviceUnavailable, "\(error)")
        default: (.internalServerError, "\(error)")
        }
    }
}

/// Why `serve` cannot start, in one sentence naming the file or option to fix.
public enum ConsoleSetupError: Error, CustomStringConvertible, Equatable {
    case tokenFileUnreadable(path: String, reason: String)
    case tokenFileLine(path: String, line: Int, reason: String)
    case tokenFileEmpty(path: String)
    case tokenFileExposed(path: String, mode: String)
    case needsTokenFile(host: String)
    case accessLogNeeded
    case personalDataOpened
    case accessLogUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .tokenFileUnreadable(path, reason): "cannot read the token file \(path): \(reason)"
        case let .tokenFileLine(path, line, reason): "\(path) line \(line): \(reason) (each line is name:token)"
        case let .tokenFileEmpty(path): "the token file \(path) holds no token: write one name:token a line"
        case let .tokenFileExposed(path, mode): "the token file \(path) is readable by group or others (mode \(mode)): run `chmod 600 \(path)`"
        case let .needsTokenFile(host): "\(host) is not a loopback address: give --token-file, so that only holders of a token see the ledger"
        case .accessLogNeeded: "--show-personal-data needs --access-log FILE, where each view of a person's data is recorded"
        case .personalDataOpened: "a console that hides personal data reads the ledger sealed: open it with LedgerDatabase(readingAt:sealed: true)"
        case let .accessLogUnwritable(path, reason): "cannot append to the access log \(path): \(reason)"
        }
    }
}
