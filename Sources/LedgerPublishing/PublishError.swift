import PostgresNIO

/// What stops a publish or a check of the copy, as one sentence: never a password, a key or a row's data.
public enum PublishError: Error, CustomStringConvertible {
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

    /// What `error` says as a ``PublishError`` when it came from PostgreSQL (its message and
    /// SQLSTATE: its DETAIL, which may quote row values, is left out) or from reaching it;
    /// any other error (the ledger's own) as it is.
    static func wrapping(_ error: any Error, at address: PostgresAddress) -> any Error {
        if let transaction = error as? PostgresTransactionError {
            return wrapping(transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error, at: address)
        }
        guard let psql = error as? PSQLError else { return error }
        guard let server = psql.serverInfo else {
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            return PublishError.unreachable("cannot work with PostgreSQL at \(address) (\(psql.code)\(cause))")
        }
        let state: String = server[.sqlState] ?? ""
        var said: String = server[.message] ?? "an error"
        if !state.isEmpty { said += " (SQLSTATE \(state))" }
        // Class 28: authorization; 3D: no such database.
        if state.hasPrefix("28") || state.hasPrefix("3D") {
            return PublishError.unreachable("PostgreSQL at \(address) refused the connection: \(said)")
        }
        return PublishError.refused("PostgreSQL at \(address) refused a statement: \(said)")
    }
}
