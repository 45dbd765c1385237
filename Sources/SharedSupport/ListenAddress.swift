/// An address a server listens on, written `HOST:PORT` (`127.0.0.1:9464`, `[::1]:8080`):
/// `serve --listen`, `--metrics-listen`, a fleet file's `metrics_listen`.
public struct ListenAddress: Sendable, Equatable {
    /// The host, without the brackets an IPv6 address is written in.
    public var host: String
    /// 0 asks the system for a free port.
    public var port: Int

    /// Nil when `text` is not `HOST:PORT` with a port from 0 to 65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), colon > text.startIndex,
            let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        self.host = String(host)
        self.port = port
    }
}
