import PostgresNIO

/// What stops a publish or a check of the copy, as one sentence: never a password, a key or a row's data.
public enum PublishError: Error, CustomStringConvertible, Equatable {
    /// The URL given is not one this can connect with.
    case badAddress(String)
    /// PostgreSQL could not be reached or refused us.
    case unreachable(String)
    /// PostgreSQL refused a statement.
    case refused(String)
    /// The copy holds something this build did not write (a newer schema, a ledger row edited).
    case inconsistent(String)

    public var description: String {
        switch self {
        case .badAddress(let sentence), .unreachable(let sentence), .refused(let sentence), .inconsistent(let sentence): sentence
        }
    }

    /// A PostgresNIO error as a sentence: the server's message and SQLSTATE (its DETAIL, which
    /// may quote row values, is left out), or what kept the connection from working.
    init(_ error: any Error, at address: PostgresAddress) {
        if let publish = error as? PublishError {
            self = publish
        } else if let psql = error as? PSQLError, let server = psql.serverInfo {
            let message = server[.message] ?? "an error"
            let state = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            self = psql.code == .server && (server[.sqlState]?.hasPrefix("28") == true || server[.sqlState]?.hasPrefix("3D") == true)
                ? .unreachable("PostgreSQL at \(address) refused the connection: \(message)\(state)")
                : .refused("PostgreSQL at \(address) refused a statement: \(message)\(state)")
        } else if let psql = error as? PSQLError {
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            self = .unreachable("cannot work with PostgreSQL at \(address) (\(psql.code)\(cause))")
        } else if let transaction = error as? PostgresTransactionError {
            self = PublishError(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error, at: address)
        } else {
            self = .unreachable("cannot work with PostgreSQL at \(address): \(error)")
        }
    }
}
