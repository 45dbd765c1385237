import Foundation

/// The zip container of an `.xlsx` workbook, opened with bounds: what is not an `.xlsx` is named
/// and refused before anything is unpacked, and no part is unpacked past a size limit, whatever
/// its header claims (a zip bomb stops at the limit, not when memory runs out).
struct WorkbookPackage {
    /// A mapping workbook is a few kilobytes; a file above this is refused unread.
    static let maxFileBytes = 32 << 20
    /// Unpacked bytes allowed for one part, and for all parts read together.
    static let maxPartBytes = 16 << 20
    static let maxTotalBytes = 48 << 20
    /// Zip entries allowed (a workbook has about a dozen).
    static let maxEntries = 10_000

    private let zip: ZipReader
    private var unpacked = 0

    /// Opens `data` as a workbook's container, or throws the one sentence that says what the file is instead.
    init(_ data: Data) throws(MappingError.Problem) {
        guard data.count <= Self.maxFileBytes else {
            throw .init(nil, "the file is \(data.count >> 20) MiB; a mapping workbook is far smaller, so it is not read")
        }
        try Self.refuseOtherFormats(data)
        do {
            zip = try ZipReader(data, maxEntries: Self.maxEntries)
        } catch {
            throw Self.problem(error)
        }
        if let mimetype = zip.entries["mimetype"],
            let kind = try? zip.contents(of: mimetype, limit: 200), String(decoding: kind, as: UTF8.self).contains("opendocument")
        {
            throw .init(nil, "the file is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: save it as .xlsx")
        }
        guard zip.entries["[Content_Types].xml"] != nil else {
            throw .init(nil, "the file is a zip archive but not an .xlsx workbook (no [Content_Types].xml): save it as .xlsx")
        }
    }

    /// The unpacked bytes of the part at `path` (no leading slash), or nil when the package has none.
    mutating func part(_ path: String) throws(MappingError.Problem) -> Data? {
        guard let entry = zip.entries[path] else { return nil }
        guard unpacked < Self.maxTotalBytes else {
            throw .init(nil, "the workbook's parts unpack to more than \(Self.maxTotalBytes >> 20) MiB together: not a mapping workbook")
        }
        do {
            let data = try zip.contents(of: entry, limit: min(Self.maxPartBytes, Self.maxTotalBytes - unpacked))
            unpacked += data.count
            return data
        } catch {
            throw Self.problem(error)
        }
    }

    /// The sentence for a zip that cannot be read.
    private static func problem(_ damage: ZipReader.Damage) -> MappingError.Problem {
        switch damage {
        case .noDirectory:
            .init(nil, "the file begins as an .xlsx workbook but its zip directory is missing or damaged "
                + "(a truncated copy?): save it as .xlsx again")
        case .malformed(let what):
            .init(nil, "the file is not a workbook a spreadsheet program wrote: \(what)")
        case .tooLarge(let path, let limit):
            .init(nil, "part \(Quoting.shown(path)) unpacks to more than \(limit >> 20) MiB (a zip bomb, or not a mapping workbook)")
        }
    }

    /// Refuses, in one sentence, the formats people save a spreadsheet in by mistake.
    private static func refuseOtherFormats(_ data: Data) throws(MappingError.Problem) {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: Excel 97–2003's .xls, or an encrypted .xlsx wrapped in one.
            let encrypted = data.range(of: Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) != nil
            throw .init(nil, encrypted
                ? "the workbook is password-protected (encrypted), so it cannot be read: remove the password and save it as .xlsx"
                : "the file is an Excel 97–2003 workbook (.xls, a binary format): save it as .xlsx")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if data.isEmpty { throw .init(nil, "the file is empty: save the workbook as .xlsx") }
        if String(data: data.prefix(4096), encoding: .utf8) != nil || String(data: data, encoding: .utf8) != nil {
            throw .init(nil, "the file is text (a CSV file named .xlsx?), not an .xlsx workbook: save it as .xlsx, or name it .csv")
        }
        throw .init(nil, "the file is not an .xlsx workbook (it is not a zip archive): save it as .xlsx")
    }
}
