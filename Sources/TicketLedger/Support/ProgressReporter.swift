/// Reports progress of long work: (done, total) — total nil when unknown.
public typealias ProgressReporter = @Sendable (_ done: Int, _ total: Int?) -> Void
