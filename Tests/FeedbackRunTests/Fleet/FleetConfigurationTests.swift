import Foundation
import LedgerTestSupport
import Testing
import TicketLedger
import TicketLedgerService

/// A fleet file is read whole and checked before anything runs: each mistake names its line,
/// and nothing echoes an API key.
@Suite("Fleet files")
struct FleetConfigurationTests {
    static func file(_ organizers: [String], top: String = "") -> String {
        top + organizers.map { "[[organizer]]\n" + $0 + "\n" }.joined()
    }

    static let first = """
        name = "FIFA"
        url = "https://api.tixngo.io/v3/organizer"
        api_key_file = "/etc/ticket-ledger/fifa.key"
        ledger = "/var/lib/ticket-ledger/fifa.sqlite"
        """

    static let second = """
        name = "UEFA"
        url = "http://127.0.0.1:8081/v3/organizer"
        api_key_file = "/etc/ticket-ledger/uefa.key"
        ledger = "/var/lib/ticket-ledger/uefa.sqlite"
        interval = "30s"
        batch_size = 500
        skip_tickets = ["T1", "T2"]
        mode = "lifecycle"
        mapping = "2023-04-03"
        key_file = "/keys/uefa.key"
        """

    static func refusal(_ text: String) -> FleetConfigurationError? {
        do {
            _ = try FleetConfiguration(text: text, file: "fleet.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func aFileWithEveryKeyAndOneWithOnlyTheRequiredOnesAreRead() throws {
        let fleet = try FleetConfiguration(text: Self.file([Self.first, Self.second], top: "max_concurrent_runs = 2\nmetrics_listen = \"127.0.0.1:9464\"\n"), file: "fleet.toml")
        #expect(fleet.maxConcurrentRuns == 2 && fleet.metricsListen == "127.0.0.1:9464")
        try #require(fleet.organizers.count == 2)
        let (fifa, uefa) = (fleet.organizers[0], fleet.organizers[1])
        #expect(fifa.name == "FIFA" && fifa.interval.duration == .seconds(300) && fifa.batchSize == 1_000 && fifa.skipTickets.isEmpty)
        #expect(fifa.mode == .history && fifa.mapping == nil && fifa.keyFile == nil && !fifa.allowInsecureHTTP)
        #expect(fifa.line == 3, "the line of its [[organizer]] header")
        #expect(uefa.interval.duration == .seconds(30) && uefa.batchSize == 500 && uefa.skipTickets == ["T1", "T2"])
        #expect(uefa.mode == .lifecycle && uefa.mapping == "2023-04-03" && uefa.keyFile == "/keys/uefa.key" && uefa.line == 8)
        let bare = try FleetConfiguration(text: Self.file([Self.first]), file: "fleet.toml")
        #expect(bare.maxConcurrentRuns == FleetConfiguration.defaultMaxConcurrentRuns && bare.metricsListen == nil)
    }

    @Test(arguments: [
        // (text, line, what the message says)
        (file([first + "\nbatchsize = 10"]), 6, "unknown key batchsize"),
        (file([first], top: "max_concurent_runs = 3\n"), 1, "unknown key max_concurent_runs"),
        (file([first, first.replacingOccurrences(of: "fifa.sqlite", with: "other.sqlite")]), 6, "organizer FIFA is already listed at line 1"),
        (file([first, first.replacingOccurrences(of: "\"FIFA\"", with: "\"UEFA\"")]), 6, "is already the ledger of the organizer at line 1"),
        (file([first + "\ninterval = \"5 minutes\""]), 6, "interval \"5 minutes\""),
        (file([first + "\nbatch_size = 0"]), 6, "batch_size must be a whole number from 1 to 10000"),
        (file([first + "\nmode = \"live\""]), 6, "mode must be history or lifecycle"),
        (file([first.replacingOccurrences(of: "ledger = \"/var/lib/ticket-ledger/fifa.sqlite\"", with: "")]), 1, "ledger is missing"),
        (file([first.replacingOccurrences(of: "https://api.tixngo.io", with: "http://api.tixngo.io")]), 3, "unencrypted to api.tixngo.io"),
        (file([first + "\nskip_tickets = \"T1\""]), 6, "skip_tickets must be an array of strings"),
        (file([first], top: "metrics_listen = \"9464\"\n"), 1, "metrics_listen \"9464\" is not HOST:PORT"),
        (file([first + "\nname = \"again\""]), 6, "cannot redefine existing string 'name'"),
        (file([first + "\ninterval = \"99999999999999999h\""]), 6, "interval \"99999999999999999h\""),
        (file([first + "\nbatch_size = 0"]).replacingOccurrences(of: "\n", with: "\r\n"), 6, "batch_size must be"),
        (file([first + "\nmode = \"x\""]).replacingOccurrences(of: "[[organizer]]", with: "[[ organizer ]]  # FIFA"), 6, "mode must be"),
        (file([first], top: "[storage]\npath = \"/x\"\n"), 1, "unknown key storage"),
        ("max_concurrent_runs = 2\n", nil, "no [[organizer]] table"),
    ] as [(String, Int?, String)])
    func eachMistakeIsRefusedNamingItsLine(text: String, line: Int?, message: String) {
        let error = Self.refusal(text)
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "accepted") should say \(message)")
        if let line { #expect(error?.line == line, "\(error?.description ?? "accepted")") }
    }

    @Test func theFilesItNamesAreCheckedWithoutEverEchoingAKey() throws {
        let folder = TestScratch.file("fleet")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("fifa.key")
        let secret = "fleet-secret-key-91c3"
        try Data((secret + "\n").utf8).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        func fleet(key keyPath: String, ledger: String = folder.appendingPathComponent("fifa.sqlite").path, mapping: String? = nil) throws -> FleetConfiguration {
            let text = Self.file([Self.first
                .replacingOccurrences(of: "/etc/ticket-ledger/fifa.key", with: keyPath)
                .replacingOccurrences(of: "/var/lib/ticket-ledger/fifa.sqlite", with: ledger) + (mapping.map { "\nmapping = \"\($0)\"" } ?? "")])
            return try FleetConfiguration(text: text, file: "fleet.toml")
        }
        #expect(try fleet(key: key.path).checkFiles(file: "fleet.toml").isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let warnings = try fleet(key: key.path).checkFiles(file: "fleet.toml")
        #expect(warnings.count == 1 && warnings[0].contains("readable by group or others"))
        for (broken, says) in [
            (try fleet(key: folder.appendingPathComponent("absent.key").path), "absent.key"),
            (try fleet(key: key.path, ledger: "/no/such/folder/fifa.sqlite"), "no folder /no/such/folder"),
            (try fleet(key: key.path, mapping: folder.appendingPathComponent("mapping.xlsx").path), "no readable mapping file"),
        ] {
            #expect {
                _ = try broken.checkFiles(file: "fleet.toml")
            } throws: { error in
                let text = "\(error)"
                return text.contains("fleet.toml:1: organizer FIFA") && text.contains(says) && !text.contains(secret)
            }
        }
        try Data("bad key with spaces\n".utf8).write(to: key)
        #expect {
            _ = try fleet(key: key.path).checkFiles(file: "fleet.toml")
        } throws: { error in "\(error)".contains("fleet.toml:1") && !"\(error)".contains("bad key") }
    }
}
