import ArgumentParser
import Foundation
import SharedSupport
import TIXnGOSimulator

extension SimulatorCommand {
    /// Writes a generated feed as JSON Lines of TicketChange items.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a generated feed as JSON Lines, one compact TicketChange per line, in feed order.")

        @OptionGroup var feed: FeedOptions

        @Option(help: "How many tickets to generate (default 1000 when --items is not given).")
        var tickets: Int?

        @Option(help: "Exactly how many items to write; enough tickets are generated to reach it.")
        var items: Int?

        @Option(name: .shortAndLong, help: "File to write, or - for standard output.")
        var output = "-"

        func validate() throws {
            if tickets != nil, items != nil {
                throw ValidationError("--tickets and --items: give one of them, not both")
            }
            if let tickets, tickets < 1 {
                throw ValidationError("--tickets \(tickets): generate at least 1 ticket")
            }
            if let items, items < 1 {
                throw ValidationError("--items \(items): write at least 1 item")
            }
            _ = try feed.configuration(tickets: tickets ?? 1000)
        }

        func run() throws {
            let clock = ContinuousClock()
            let started = clock.now
            let configuration = try configuration()
            let handle: FileHandle
            if output == "-" {
                handle = .standardOutput
            } else {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw ValidationError("--output \(output): cannot create that file")
                }
                guard let file = FileHandle(forWritingAtPath: output) else {
                    throw ValidationError("--output \(output): cannot open that file for writing")
                }
                handle = file
            }
            defer { try? handle.close() }
            let written = try JSONLinesExporter.write(configuration, to: handle)
            let seconds = String(format: "%.2f s", (clock.now - started).seconds)
            let destination = output == "-" ? "standard output" : output
            FileHandle.standardError.write(
                Data("wrote \(written) items of \(configuration.tickets) tickets to \(destination) in \(seconds)\n".utf8))
        }

        private func configuration() throws -> FeedConfiguration {
            let base = try feed.configuration(tickets: tickets ?? 1000)
            guard let items else { return base }
            return try base.fitted(toItems: items)
        }
    }
}
