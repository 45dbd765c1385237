public import Logging

extension Logger {
    /// The logger tests hand to the library: errors only, so the suite's output is its results.
    public static var test: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }
}
