import Foundation

/// A file's items prepared on the cores the writer leaves and handed to it in file order, a
/// slice at a time: the writer starts on the first slice, not after a whole transaction's
/// worth, and memory holds at most ``maximumSlicesAhead`` slices ahead of it.
///
/// The preparing threads are threads of their own, not tasks: they wait for the writer, and a
/// task waiting so would hold one of the few threads the writer's own task needs to resume.
final class PreparedFeed: @unchecked Sendable {
    // Everything below `condition` is read and written only while holding it.
    private let condition = NSCondition()
    private let reader: ItemFile.Reader
    private let prepare: @Sendable ([SourcedItem]) -> PreparedBatch
    private let slicesAhead: Int
    /// Slices read so far (the index of the next one), and taken by the writer.
    private var read = 0
    private var taken = 0
    /// Prepared slices not yet taken, by index.
    private var ready: [Int: (slice: ItemFile.Slice, batch: PreparedBatch)] = [:]
    /// The index of the first empty slice, once read: the end of the file.
    private var end: Int?
    private var stopped = false

    /// Every core but the writer's prepares, at least one and at most three: the writer is the
    /// ingest's ceiling (one preparing thread keeps up with it here), and a preparing thread
    /// sharing its core slowed a million items by a tenth (docs/design.md, "Ingest").
    static let preparingThreads = min(3, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    /// Slices prepared ahead of the writer, at most: 40,000 items.
    static let maximumSlicesAhead = 8

    /// Starts preparing `file` with `keys` for `organizer`; tickets on `skipList` are counted as skipped.
    convenience init(
        _ file: ItemFile, keys: LedgerKeys, organizer: String, skipping skipList: Set<String>,
        threads: Int = PreparedFeed.preparingThreads
    ) {
        self.init(file, threads: threads) { keys.prepare($0, organizer: organizer, skipping: skipList) }
    }

    /// Starts preparing `file` with `prepare` on `threads` threads, `slicesAhead` slices ahead of the writer at most.
    init(
        _ file: ItemFile, threads: Int, slicesAhead: Int? = nil, prepare: @escaping @Sendable ([SourcedItem]) -> PreparedBatch
    ) {
        reader = file.reader()
        self.prepare = prepare
        let threads = max(1, threads)
        self.slicesAhead = max(1, slicesAhead ?? min(2 * threads + 2, Self.maximumSlicesAhead))
        for index in 1...threads {
            let thread = Thread { [self] in work() }
            thread.name = "prepare-\(index)"
            thread.start()
        }
    }

    /// The next slice in file order, prepared; waits for it. Nil at the end of the file, or once ``stop()`` was called.
    func next() -> PreparedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, ready[taken] == nil, end.map({ taken < $0 }) ?? true { condition.wait() }
        guard !stopped, let next = ready.removeValue(forKey: taken) else { return nil }
        taken += 1
        reader.release(upTo: next.slice)
        condition.broadcast()
        return next.batch
    }

    /// Ends the preparing threads (they finish the slice in hand); ``next()`` returns nil from now on.
    func stop() {
        condition.lock()
        stopped = true
        ready = [:]
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while !stopped, end == nil, read >= taken + slicesAhead { condition.wait() }
            guard !stopped, end == nil else { return condition.unlock() }
            let index = read
            let slice = reader.next(PreparedBatch.itemsPerSlice)
            read += 1
            if slice.isEmpty {
                end = index
                condition.broadcast()
                return condition.unlock()
            }
            condition.unlock()
            let batch = prepare(reader.items(in: slice))
            condition.lock()
            if !stopped { ready[index] = (slice, batch) }
            condition.broadcast()
            condition.unlock()
        }
    }
}
