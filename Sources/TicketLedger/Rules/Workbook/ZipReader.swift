import CLedgerZlib
import Foundation

/// Reads the entries of a zip file held in memory, every offset and size checked against the bytes
/// there are: an entry's data must lie inside the file, before the central directory, and apart
/// from every other entry's; a deflated entry inflates from exactly its compressed bytes, and its
/// output stops at a limit. It reads what spreadsheet programs write (stored or deflated entries,
/// no ZIP64, no encryption) and refuses the rest.
struct ZipReader {
    /// One entry, as the central directory describes it.
    struct Entry {
        var path: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where its data starts and ends in the file.
        var data: Range<Int>
    }

    /// Why the zip cannot be read.
    enum Damage: Error {
        case noDirectory
        case malformed(String)
        case tooLarge(path: String, limit: Int)
    }

    private let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    init(_ data: Data, maxEntries: Int) throws(Damage) {
        bytes = [UInt8](data)
        let (count, directory) = try Self.endOfDirectory(bytes)
        guard count <= maxEntries else { throw .malformed("the zip holds \(count) entries, more than \(maxEntries)") }
        var offset = directory.lowerBound
        var ranges: [Range<Int>] = []
        for _ in 0..<count {
            guard offset + 46 <= directory.upperBound, read32(offset) == 0x0201_4B50 else {
                throw .malformed("its central directory is damaged")
            }
            let (flags, method) = (read16(offset + 8), read16(offset + 10))
            let (crc, compressed, uncompressed) = (read32(offset + 16), Int(read32(offset + 20)), Int(read32(offset + 24)))
            let (nameLength, extraLength, commentLength) = (Int(read16(offset + 28)), Int(read16(offset + 30)), Int(read16(offset + 32)))
            let local = Int(read32(offset + 42))
            let name = offset + 46
            guard name + nameLength + extraLength + commentLength <= directory.upperBound else {
                throw .malformed("its central directory is damaged")
            }
            let path = String(decoding: bytes[name..<name + nameLength], as: UTF8.self)
            guard flags & 1 == 0 else { throw .malformed("entry \(Quoting.shown(path)) is encrypted") }
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw .malformed("entry \(Quoting.shown(path)) is a ZIP64 entry, which no mapping workbook needs")
            }
            // The local header repeats the name and may carry its own extra field; the data follows them.
            guard local + 30 <= directory.lowerBound, read32(local) == 0x0403_4B50 else {
                throw .malformed("entry \(Quoting.shown(path)) points at no local header")
            }
            let start = local + 30 + Int(read16(local + 26)) + Int(read16(local + 28))
            guard start + compressed <= directory.lowerBound else {
                throw .malformed("entry \(Quoting.shown(path)) claims more bytes than the file holds")
            }
            ranges.append(local..<start + compressed)
            guard entries[path] == nil else { throw .malformed("two entries are named \(Quoting.shown(path))") }
            entries[path] = Entry(path: path, method: method, crc: crc, compressedSize: compressed,
                                  uncompressedSize: uncompressed, data: start..<start + compressed)
            offset = name + nameLength + extraLength + commentLength
        }
        // Entries that share bytes are the overlapping-entry zip bomb: no writer makes them.
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        if zip(sorted, sorted.dropFirst()).contains(where: { $0.upperBound > $1.lowerBound }) {
            throw .malformed("its entries overlap, which no spreadsheet program writes")
        }
    }

    /// The entry's bytes, inflated when deflated, refused past `limit` bytes or when its CRC does not match.
    func contents(of entry: Entry, limit: Int) throws(Damage) -> Data {
        let input = bytes[entry.data]
        let output: Data
        switch entry.method {
        case 0:
            guard input.count <= limit else { throw .tooLarge(path: entry.path, limit: limit) }
            output = Data(input)
        case 8: output = try Self.inflate(input, path: entry.path, limit: limit)
        default: throw .malformed("entry \(Quoting.shown(entry.path)) uses compression method \(entry.method), which no spreadsheet program writes")
        }
        let crc = output.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) }
        guard crc == entry.crc else { throw .malformed("entry \(Quoting.shown(entry.path)) fails its checksum") }
        return output
    }

    /// Raw deflate of exactly `input`: stops at its end, at the stream's end, or past `limit` output bytes.
    private static func inflate(_ input: ArraySlice<UInt8>, path: String, limit: Int) throws(Damage) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .malformed("zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = Array(input)
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return CLedgerZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else { return Self.overLimit }
                output.append(contentsOf: chunk[..<produced])
                // The end, an error, or no progress possible (the input is used up before the stream ends).
                if result != Z_OK || (stream.avail_in == 0 && produced < chunk.count) { return result }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case Self.overLimit: throw .tooLarge(path: path, limit: limit)
        default: throw .malformed("entry \(Quoting.shown(path)) is damaged (its compressed data ends early or is corrupt)")
        }
    }

    /// What the inflate loop returns when the output passes its limit (no zlib status has this value).
    private static let overLimit = Int32.min

    /// The entry count and the central directory's bytes, from the end-of-central-directory record.
    private static func endOfDirectory(_ bytes: [UInt8]) throws(Damage) -> (Int, Range<Int>) {
        // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
        let earliest = max(0, bytes.count - 22 - 65_535)
        var offset = bytes.count - 22
        while offset >= earliest {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 0x05, bytes[offset + 3] == 0x06 {
                let count = Int(UInt16(bytes[offset + 10]) | UInt16(bytes[offset + 11]) << 8)
                let size = Int(UInt32(bytes[offset + 12]) | UInt32(bytes[offset + 13]) << 8 | UInt32(bytes[offset + 14]) << 16 | UInt32(bytes[offset + 15]) << 24)
                let start = Int(UInt32(bytes[offset + 16]) | UInt32(bytes[offset + 17]) << 8 | UInt32(bytes[offset + 18]) << 16 | UInt32(bytes[offset + 19]) << 24)
                guard start + size <= offset else { throw .malformed("its end record points past itself") }
                return (count, start..<start + size)
            }
            offset -= 1
        }
        throw .noDirectory
    }

    private func read16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

    private func read32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
