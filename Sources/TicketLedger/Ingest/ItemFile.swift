import Foundation
import Synchronization

/// A file holding what TIXnGO returned: one FeedbackPage document, or JSON Lines
/// of TicketChange items. The whole file is checked before any of it is used, so a
/// file that is not JSON, or is cut off, appends nothing.
public struct ItemFile: Sendable {
    /// Why a file cannot be ingested, naming the file and where it broke.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        /// The file as named to ``ItemFile/init(path:)``.
        public var path: String
        /// The 1-based line at fault; nil when the fault is the whole file (unreadable, empty, not a valid FeedbackPage).
        public var line: Int?
        /// The 1-based column on that line, counted in bytes; nil when not known.
        public var column: Int?
        /// What is wrong, e.g. `not JSON: …`.
        public var reason: String

        public var description: String {
            var place = path
            if let line { place += " line \(line)" }
            if let column { place += " column \(column)" }
            return "\(place): \(reason); nothing was appended"
        }
    }

    /// The layout the file turned out to have.
    public enum Layout: Sendable, Equatable {
        /// One FeedbackPage document. Its `nextPageKey` is not stored: a file run never moves the organizer's pagination key.
        case feedbackPage(nextPageKey: String)
        /// JSON Lines: one TicketChange object per non-blank line.
        case jsonLines
    }

    /// The path the file was opened at; its items name it as their source (`source.path` in `history --json`).
    public let path: String
    /// Whether the file is one FeedbackPage document or JSON Lines.
    public let layout: Layout
    /// How many items the file holds.
    public let itemCount: Int
    private let file: MappedFile
    /// Where the content starts in the file (after a byte-order mark).
    private let start: Int
    /// The content.
    private var data: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: file.bytes[start...]) }
    /// The parsed items of a FeedbackPage document.
    private let pageItems: [JSONValue]

    /// Reads and checks the whole file.
    public init(path: String) throws(Refusal) {
        self.path = path
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw Refusal(path: path, line: nil, column: nil, reason: "cannot read the file (\(Self.describe(error)))")
        }
        self.file = file
        // A byte-order mark opening the file is not content (RFC 8259 §8.1); one anywhere else is a syntax error.
        let start = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.start = start
        // Checked whole, the file goes back to the kernel: the reader maps it in again a batch at a time.
        defer { file.release(upTo: file.bytes.count) }
        let data = UnsafeBufferPointer(rebasing: file.bytes[start...])
        guard let first = data.firstIndex(where: { !JSONParser.isWhitespace($0) }) else {
            throw Refusal(path: path, line: nil, column: nil, reason: "the file is empty")
        }
        switch Self.parseWhole(data) {
        case .success(let value):
            if case .object = value, value["tickets"] != nil || value["nextPageKey"] != nil {
                let page: FeedbackPage
                do { page = try FeedbackPage.page(from: value) } catch {
                    throw Refusal(path: path, line: nil, column: nil, reason: "not a FeedbackPage: \(error.reason)")
                }
                layout = .feedbackPage(nextPageKey: page.nextPageKey)
                pageItems = page.items
                itemCount = page.items.count
                return
            }
            // One document that is not a page is JSON Lines only on one line. A whole-file array is refused: it is
            // items exported the wrong way, and as one item it would be rejected with all of them in its body.
            let (line, column) = Self.lineAndColumn(of: first, in: data)
            let expected = "one FeedbackPage object or JSON Lines (one TicketChange object per line)"
            if case .array = value {
                throw Refusal(path: path, line: line, column: column, reason: "the file is a JSON array, not \(expected)")
            }
            if let last = data.lastIndex(where: { !JSONParser.isWhitespace($0) }), data[first...last].contains(0x0A) {
                throw Refusal(
                    path: path, line: line, column: column,
                    reason: "the file is \(value.kindName) over several lines without tickets or nextPageKey, not \(expected)")
            }
        case .failure(let error) where !error.isTrailingText:
            let (line, column) = Self.lineAndColumn(of: error.offset, in: data)
            throw Refusal(path: path, line: line, column: column, reason: "not JSON: \(error.reason)")
        case .failure:
            break
        }
        layout = .jsonLines
        pageItems = []
        itemCount = try Self.checkLines(file, from: start, path: path)
    }

    /// Items in file order, read a slice at a time and parsed apart from the reading, so
    /// slices can be parsed on several cores; memory holds the slices in hand, not the file's index.
    final class Reader: Sendable {
        private let feed: ItemFile
        /// Items read so far, and for JSON Lines the byte offset and line number reached.
        private let cursor = Mutex<(items: Int, offset: Int, line: Int)>((0, 0, 1))

        fileprivate init(feed: ItemFile) { self.feed = feed }

        /// The next items, unparsed: at most `count` of them; empty at the end.
        func next(_ count: Int) -> Slice {
            cursor.withLock { cursor in
                if case .feedbackPage = feed.layout {
                    let end = min(feed.itemCount, cursor.items + count)
                    defer { cursor.items = max(cursor.items, end) }
                    return Slice(items: .page(cursor.items..<max(cursor.items, end)), end: 0)
                }
                let bytes = feed.data
                var lines: [(content: Range<Int>, line: Int)] = []
                while lines.count < count, cursor.offset < bytes.count {
                    let (range, end) = ItemFile.line(at: cursor.offset, in: bytes)
                    if let range { lines.append((range, cursor.line)) }
                    cursor.offset = end + 1
                    cursor.line += 1
                }
                cursor.items += lines.count
                return Slice(items: .lines(lines), end: cursor.offset)
            }
        }

        /// The items of `slice` with their sources, read in place or parsed (``SourcedItem/init(line:source:)``); safe on any thread.
        func items(in slice: Slice) -> [SourcedItem] {
            switch slice.items {
            case .page(let indices):
                return indices.map {
                    SourcedItem(value: feed.pageItems[$0], source: ItemSource(kind: .file, reference: feed.path, item: Int64($0 + 1)))
                }
            case .lines(let lines):
                let bytes = feed.data
                return lines.map { line in
                    SourcedItem(
                        line: UnsafeBufferPointer(rebasing: bytes[line.content]),
                        source: ItemSource(kind: .file, reference: feed.path, item: Int64(line.line)))
                }
            }
        }

        /// Hands the file's pages up to the end of `slice` back to the kernel: call once it and every slice before it are parsed.
        func release(upTo slice: Slice) {
            if case .lines = slice.items { feed.file.release(upTo: feed.start + slice.end) }
        }
    }

    /// Items read by a ``Reader``, not yet parsed.
    struct Slice: Sendable {
        fileprivate enum Items: Sendable {
            /// Indices of a FeedbackPage's items.
            case page(Range<Int>)
            /// Non-blank lines of JSON Lines: their bytes and 1-based line numbers.
            case lines([(content: Range<Int>, line: Int)])
        }

        fileprivate let items: Items
        /// Where the slice ends in the content.
        fileprivate let end: Int

        var isEmpty: Bool {
            switch items {
            case .page(let indices): indices.isEmpty
            case .lines(let lines): lines.isEmpty
            }
        }
    }

    /// A reader from the first item.
    func reader() -> Reader { Reader(feed: self) }

    private static func parseWhole(_ data: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParser.SyntaxError> {
        do throws(JSONParser.SyntaxError) {
            return .success(try JSONParser.parse(data))
        } catch {
            return .failure(error)
        }
    }

    /// Checks every line and returns how many items there are. The file is cut at line ends
    /// into ``checkSlices`` slices checked on every core; the first failing line is reported.
    private static func checkLines(_ file: MappedFile, from start: Int, path: String) throws(Refusal) -> Int {
        let bytes = UnsafeBufferPointer(rebasing: file.bytes[start...])
        var bounds = [0]
        for slice in 1..<checkSlices {
            var cut = max(bounds[bounds.count - 1], bytes.count * slice / checkSlices)
            while cut < bytes.count, bytes[cut] != 0x0A { cut += 1 }
            bounds.append(min(bytes.count, cut + 1))
        }
        bounds.append(bytes.count)
        let results = Mutex([SliceCheck?](repeating: nil, count: checkSlices))
        DispatchQueue.concurrentPerform(iterations: checkSlices) { [bounds] slice in
            let checked = checkSlice(file, (start + bounds[slice])..<(start + bounds[slice + 1]))
            results.withLock { $0[slice] = checked }
        }
        var items = 0
        var lines = 0
        for case let checked? in results.withLock({ $0 }) {
            if let failure = checked.failure {
                throw Refusal(path: path, line: lines + failure.line, column: failure.column, reason: failure.reason)
            }
            items += checked.items
            lines += checked.lines
        }
        return items
    }

    /// Slices of a JSON Lines file checked in parallel (a few per core, so a slow slice does not hold the rest).
    private static let checkSlices = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// What checking one slice found: its items and lines, or its first bad line (numbered within the slice).
    private struct SliceCheck: Sendable {
        var items = 0
        var lines = 0
        var failure: (line: Int, column: Int?, reason: String)?
    }

    /// Bytes of a slice checked between hand-backs of its pages: a file checked whole is never all resident.
    private static let checkedBytesHeld = 4 << 20

    /// Checks the lines of `part`, a part of `file` cut at line ends.
    private static func checkSlice(_ file: MappedFile, _ part: Range<Int>) -> SliceCheck {
        let bytes = UnsafeBufferPointer(rebasing: file.bytes[part])
        var checked = SliceCheck()
        var start = 0
        var held = 0
        defer { file.release((part.lowerBound + held)..<(part.lowerBound + min(start, bytes.count))) }
        while start < bytes.count {
            if start - held >= checkedBytesHeld {
                file.release((part.lowerBound + held)..<(part.lowerBound + start))
                held = start
            }
            let (range, end) = line(at: start, in: bytes)
            checked.lines += 1
            if let range {
                let line = UnsafeBufferPointer(rebasing: bytes[range])
                // A plain object is read in place; anything else is parsed, which finds the fault and words it.
                let isPage: Bool
                if let scanned = ScannedItem(line) {
                    isPage = scanned.root["tickets"] != nil && scanned.root["nextPageKey"] != nil
                } else {
                    let value: JSONValue
                    do throws(JSONParser.SyntaxError) {
                        value = try JSONParser.parse(line)
                    } catch {
                        checked.failure = (checked.lines, error.offset + 1, "not JSON: \(error.reason)")
                        return checked
                    }
                    isPage = value.kind == .object && value["tickets"] != nil && value["nextPageKey"] != nil
                }
                // A page per line (dumped API calls) would be one rejected item holding every ticket of the page.
                if isPage {
                    checked.failure = (checked.lines, nil, "a FeedbackPage on a line of JSON Lines; "
                        + "a file holds one FeedbackPage, or one TicketChange object per line")
                    return checked
                }
                checked.items += 1
            }
            start = end + 1
        }
        return checked
    }

    /// The line starting at `start`: its range (nil when it is blank) and where it ends (its newline, or the end).
    fileprivate static func line(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (content: Range<Int>?, end: Int) {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        let range = start..<end
        return (bytes[range].contains(where: { !JSONParser.isWhitespace($0) }) ? range : nil, end)
    }

    private static func lineAndColumn(of offset: Int, in data: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for (index, byte) in data.prefix(offset).enumerated() where byte == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    private static func describe(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
