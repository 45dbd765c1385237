import Foundation

/// The small parts of a workbook that say where its sheets are and how to read their cells.
enum WorkbookParts {
    /// `Relationship` elements of a `.rels` part: id → (type, target).
    final class Relationships: XMLPartHandler {
        private(set) var byID: [String: (type: String, target: String)] = [:]

        func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem) {
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            byID[id] = (attributes["Type"] ?? "", target)
        }

        func end(_ name: String) {}
        func text(_ text: String) {}

        /// The target of the relationship whose type ends in `/kind` (the lowest id, when several are).
        func target(ofType kind: String) -> String? {
            byID.sorted { $0.key < $1.key }.first { $0.value.type.hasSuffix("/" + kind) }?.value.target
        }
    }

    /// `xl/workbook.xml`: the sheets in tab order, and which calendar its date numbers count from.
    final class Workbook: XMLPartHandler {
        private(set) var sheets: [(name: String, relationship: String)] = []
        private(set) var dates1904 = false

        func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem) {
            switch name {
            case "sheet":
                guard let sheet = attributes["name"], let id = attributes.first(where: { $0.key.hasSuffix(":id") || $0.key == "id" })?.value else {
                    throw .init(nil, "the workbook lists a sheet without a name or relationship: save it as .xlsx again")
                }
                sheets.append((sheet, id))
            case "workbookPr":
                dates1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
            default: break
            }
        }

        func end(_ name: String) {}
        func text(_ text: String) {}
    }

    /// `xl/sharedStrings.xml`: each `si` as the text it shows (rich-text runs joined, phonetic guides left out).
    final class SharedStrings: XMLPartHandler {
        private(set) var strings: [String] = []
        private var current: String?
        private var inText = false
        private var phonetic = 0

        func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem) {
            switch name {
            case "si": current = ""
            case "rPh": phonetic += 1
            case "t": inText = phonetic == 0
            default: break
            }
        }

        func end(_ name: String) {
            switch name {
            case "si":
                strings.append(current ?? "")
                current = nil
            case "rPh": phonetic -= 1
            case "t": inText = false
            default: break
            }
        }

        func text(_ text: String) { if inText { current?.append(text) } }
    }

    /// `xl/styles.xml`: which cell styles show a number as a date.
    final class Styles: XMLPartHandler {
        private(set) var dateStyles: Set<Int> = []
        /// Styles whose format shows fixed text only, by style: the text for a positive, negative and zero value.
        private(set) var literalStyles: [Int: [String]] = [:]
        private var customFormats: [Int: String] = [:]
        private var inCellFormats = false
        private var styleIndex = 0

        func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
            case "cellXfs": inCellFormats = true
            case "xf" where inCellFormats:
                let format = attributes["numFmtId"].flatMap(Int.init) ?? 0
                if CellText.isDateFormat(id: format, code: customFormats[format]) { dateStyles.insert(styleIndex) }
                if let sections = customFormats[format].flatMap(CellText.literalSections) { literalStyles[styleIndex] = sections }
                styleIndex += 1
            default: break
            }
        }

        func end(_ name: String) { if name == "cellXfs" { inCellFormats = false } }
        func text(_ text: String) {}
    }

    /// A relationship's target as a path inside the zip: relative to `base`'s folder, or absolute from its root.
    static func resolve(_ target: String, from base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }
}
