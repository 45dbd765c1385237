extension SimulatorServer {
    /// How the server listens and misbehaves.
    public struct Configuration: Sendable {
        /// The port on 127.0.0.1; 0 picks a free one (``SimulatorServer/start()`` returns it).
        public var port: Int
        /// The organizer admin's API key clients must send as `x-api-key`.
        public var apiKey: String
        /// Transient faults to inject.
        public var faults: FaultConfiguration
        /// The page size when a request gives no `limit`.
        public var defaultLimit: Int

        /// Creates a configuration.
        public init(port: Int = 0, apiKey: String, faults: FaultConfiguration = .none, defaultLimit: Int = 1000) {
            self.port = port
            self.apiKey = apiKey
            self.faults = faults
            self.defaultLimit = defaultLimit
        }

        /// Throws ``SimulatorError/invalidConfiguration(_:)`` naming the first bad value.
        public func validate() throws {
            guard (0...65_535).contains(port) else {
                throw SimulatorError.invalidConfiguration("port \(port): use 0 (any free port) to 65535")
            }
            guard !apiKey.isEmpty else {
                throw SimulatorError.invalidConfiguration("the API key is empty: give the key clients must send")
            }
            guard (1...10_000).contains(defaultLimit) else {
                throw SimulatorError.invalidConfiguration("default limit \(defaultLimit): use 1 to 10000")
            }
            try faults.validate()
        }
    }
}
