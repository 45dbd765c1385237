import Foundation
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN` (what `psql \copy` sends):
/// one line a row, columns separated by tabs, `\N` for NULL, backslash escapes in text, and
/// `bytea` as `\\x` and hex.
struct CopyText {
    private(set) var buffer: ByteBuffer
    private var first = true

    init(capacity: Int = 1 << 20) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    mutating func add(_ value: Int64?) {
        separate()
        guard let value else { return null() }
        buffer.writeString(String(value))
    }

    mutating func add(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "t" : "f")
    }

    mutating func add(_ value: String?) {
        separate()
        guard var value else { return null() }
        value.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: UInt8? = switch byte {
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): UInt8(ascii: "t")
                case UInt8(ascii: "\n"): UInt8(ascii: "n")
                case UInt8(ascii: "\r"): UInt8(ascii: "r")
                default: nil
                }
                guard let escape else { continue }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escape)
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
    }

    mutating func add(_ value: Data?) {
        separate()
        guard let value else { return null() }
        buffer.writeStaticString("\\\\x")
        value.withUnsafeBytes { source in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: source.count * 2) { target in
                for (index, byte) in source.enumerated() {
                    target[2 * index] = Self.hexDigit(byte >> 4)
                    target[2 * index + 1] = Self.hexDigit(byte & 0x0F)
                }
                return source.count * 2
            }
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        first = true
    }

    private mutating func separate() {
        if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
        first = false
    }

    private mutating func null() { buffer.writeStaticString("\\N") }

    /// Bytes of COPY text per chunk sent.
    static let chunkBytes = 1 << 20

    /// `rows` as COPY text, each row written by `write`, in chunks of about ``chunkBytes``.
    static func chunks<Row>(_ rows: [Row], write: (inout CopyText, Row) -> Void) -> [ByteBuffer] {
        var chunks: [ByteBuffer] = []
        var text = CopyText(capacity: chunkBytes + chunkBytes / 4)
        for row in rows {
            write(&text, row)
            text.endRow()
            if text.buffer.readableBytes >= chunkBytes {
                chunks.append(text.buffer)
                text = CopyText(capacity: chunkBytes + chunkBytes / 4)
            }
        }
        if text.buffer.readableBytes > 0 { chunks.append(text.buffer) }
        return chunks
    }
}
