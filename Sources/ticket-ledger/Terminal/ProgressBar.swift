import Foundation
import Synchronization

/// A progress bar with rate and ETA on standard error, drawn only when it is a terminal.
final class ProgressBar: Sendable {
    private let label: String
    private let unit: String
    private let start = Date()
    private let lastDraw = Mutex<Date>(.distantPast)
    private let enabled: Bool

    /// A bar for `label`, counting `unit`s; silent unless stderr is a terminal and `enabled`.
    init(_ label: String, unit: String, enabled: Bool = true) {
        self.label = label
        self.unit = unit
        self.enabled = enabled && StandardError.isTerminal
    }

    /// Redraws the bar (at most ten times a second).
    func update(_ done: Int, _ total: Int?) {
        guard enabled else { return }
        let now = Date()
        let due = lastDraw.withLock { last in
            guard now.timeIntervalSince(last) >= 0.1 || done == total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        var line = "\(label) \(done)"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 30)
            let eta = rate > 0 ? Double(total - done) / rate : 0
            line = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(done)/\(total)"
                + String(format: " %.0f %@/s ETA %.0fs", rate, unit, eta)
        } else {
            line += String(format: " %@ %.0f/s", unit, rate)
        }
        StandardError.drawProgress(line)
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        StandardError.endProgress()
    }
}
