import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator

@Suite("JSON Lines export and the simulated clock")
struct ExportAndClockTests {
    @Test func exportWritesOneCompactItemPerLineInFeedOrder() throws {
        let configuration = try FeedConfiguration(seed: 9, shape: .history, duplicateRate: 0.05).fitted(toItems: 3000)
        let url = TestScratch.file("simulator", suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        let written = try JSONLinesExporter.write(configuration, to: handle)
        try handle.close()
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(written == 3000 && lines.count == 3000)
        let expected = Array(try FeedSequence(configuration: configuration).map(\.item))
        let decoded = try lines.map { try JSONDecoder().decode(TicketChange.self, from: Data($0.utf8)) }
        #expect(decoded == expected)
        #expect(lines.allSatisfy { !$0.contains(": ") && !$0.contains("\": ") })
    }

    @Test(arguments: [1, 7, 10_000])
    func fittingToAnItemCountGivesExactlyThatMany(items: Int) throws {
        let configuration = try FeedConfiguration(seed: 4).fitted(toItems: items)
        #expect(Array(try FeedSequence(configuration: configuration)).count == items)
        #expect(configuration.tickets <= items)
    }

    @Test func aManualClockMovesOnlyWhenTold() {
        let start = FeedConfiguration.defaultStart
        let clock = SimulationClock.manual(start: start)
        #expect(clock.now == start)
        clock.advance(by: 90)
        #expect(clock.now == start.addingTimeInterval(90))
        clock.set(to: start)
        #expect(clock.now == start)
    }

    @Test func aRunningClockFollowsTheWallClockAtItsSpeed() async throws {
        let start = FeedConfiguration.defaultStart
        let began = ContinuousClock.now
        let clock = SimulationClock(start: start, speed: 1000)
        try await Task.sleep(for: .milliseconds(100))
        let elapsed = clock.now.timeIntervalSince(start)
        let real = ContinuousClock.now - began
        // A thousand simulated seconds per real one, however long the loaded machine took to wake the test.
        #expect(elapsed >= 90)
        #expect(elapsed <= Double(real.components.seconds) * 1000 + Double(real.components.attoseconds) / 1e15 + 1)
    }
}
