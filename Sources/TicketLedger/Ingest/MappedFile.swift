import Foundation

/// A file mapped read-only into memory, whose pages can be handed back once read: a
/// file read through twice (checked whole, then ingested) would otherwise stay resident,
/// so an ingest of a 4 GB file would show 4 GB of memory. Handed-back pages are read
/// from the file again if touched.
final class MappedFile: @unchecked Sendable {
    // Immutable after init: a private read-only mapping, unmapped on deinit.
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private let length: Int

    /// Maps the file at `path`; throws the POSIX error of the step that failed.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw POSIXError(.EISDIR) }
        length = Int(status.st_size)
        guard length > 0 else {
            mapping = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOMEM)
        }
        mapping = address
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Hands back the whole pages before byte `offset`.
    func release(upTo offset: Int) { release(0..<offset) }

    /// Hands back the whole pages inside the bytes `range` (pages it shares with bytes outside stay).
    func release(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (max(0, range.lowerBound) + page - 1) / page * page
        let end = min(range.upperBound, length) / page * page
        if end > start { madvise(mapping + start, end - start, Int32(MADV_DONTNEED)) }
    }

    deinit {
        if let mapping { munmap(mapping, length) }
    }
}
