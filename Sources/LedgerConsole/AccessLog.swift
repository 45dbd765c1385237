import Foundation
import Synchronization
import TicketLedger

/// Who looked at whose data: one JSON line per ticket whose personal data a response shows,
/// appended to a file outside the ledger before the response leaves; a line that cannot be
/// written withholds the response.
final class AccessLog: Sendable {
    let path: String
    private let descriptor: Mutex<Int32>

    /// Opens `path` to append (created owner-only).
    init(path: String) throws(ConsoleSetupError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .accessLogUnwritable(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// A view described by `what` (`ticket page`, `history`…) of these tickets by `viewer`.
    func record(viewer: String, what: String, tickets: [(organizer: String, ticketId: String)], at time: Timestamp) throws {
        guard !tickets.isEmpty else { return }
        let lines = tickets.map { ticket in
            JSONValue.object([
                ("time", .string(time.description)), ("viewer", .string(viewer)), ("organizer", .string(ticket.organizer)),
                ("ticket", .string(ticket.ticketId)), ("what", .string(what)),
            ]).canonicalText + "\n"
        }
        let bytes = Array(lines.joined().utf8)
        // One write of every line, so concurrent views never interleave within a line.
        let written = descriptor.withLock { fd in bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
        guard written == bytes.count else {
            throw AccessLogFailure(reason: written < 0 ? String(cString: strerror(errno)) : "a short write")
        }
    }
}

/// The access log could not record a view, so the data is not shown.
struct AccessLogFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { "the access log could not record this view (\(reason)), so the data is not shown" }
}
