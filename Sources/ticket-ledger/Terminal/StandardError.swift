import Foundation
import Synchronization

/// Standard error, shared by the progress bar and the log handler so that a log line never
/// runs into a progress line: a line written while a bar is drawn first clears the bar, and
/// the bar's next redraw puts it back.
enum StandardError {
    /// Whether a progress line is on the terminal now (drawn, not ended by a newline).
    private static let progressShown = Mutex(false)

    /// Whether standard error is a terminal (progress bars draw only then).
    static let isTerminal = isatty(STDERR_FILENO) == 1

    /// Redraws the progress line in place.
    static func drawProgress(_ line: String) {
        progressShown.withLock { shown in
            write("\r\u{1B}[K\(line)")
            shown = true
        }
    }

    /// Ends the progress line, leaving it on the screen.
    static func endProgress() {
        progressShown.withLock { shown in
            if shown { write("\n") }
            shown = false
        }
    }

    /// Writes one whole line, clearing a progress line first.
    static func writeLine(_ line: String) {
        progressShown.withLock { shown in
            write((shown ? "\r\u{1B}[K" : "") + line + "\n")
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
