import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a streamed XML part is read into: one call per element start and end, and the text between.
protocol XMLPartHandler: AnyObject {
    /// An element opens; `name` is its local name (any namespace prefix dropped).
    func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem)
    func end(_ name: String) throws(MappingError.Problem)
    func text(_ text: String)
}

/// Streams one XML part of a workbook through a handler (a SAX parse: no tree of the part is built).
///
/// Nothing a DTD can do is ever let in: a part that declares a DOCTYPE or an ENTITY is refused
/// before the parser sees it, so no entity is expanded and no external file or URL is read; and
/// elements nested deeper than any workbook nests them stop the parse.
enum XMLPart {
    /// SpreadsheetML nests about six deep; this is far past any workbook and far short of a stack's end.
    static let maxDepth = 48

    static func parse(_ data: Data, name: String, into handler: some XMLPartHandler) throws(MappingError.Problem) {
        try refuseDeclarations(data, name: name)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler)
        parser.delegate = delegate
        let finished = parser.parse()
        if let problem = delegate.problem { throw problem }
        guard finished else {
            throw .init(nil, "part \(Quoting.shown(name)) is not well-formed XML (line \(parser.lineNumber)): save the workbook as .xlsx again")
        }
    }

    /// Refuses a DTD or entity declaration, and any encoding but UTF-8 (where such a declaration could
    /// hide from a search of the bytes): the part must start with `<` (after a UTF-8 byte-order mark),
    /// hold no NUL, and declare no other encoding.
    private static func refuseDeclarations(_ data: Data, name: String) throws(MappingError.Problem) {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        let declaration = String(decoding: body.prefix(200), as: UTF8.self)
        let encoding = declaration.hasPrefix("<?xml")
            ? declaration.prefix { $0 != ">" }.lowercased().range(of: #"encoding\s*=\s*["']([^"']*)"#, options: .regularExpression)
                .map { String(declaration.lowercased()[$0]) } : nil
        if body.first != UInt8(ascii: "<") || data.contains(0)
            || (encoding.map { !$0.hasSuffix("\"utf-8") && !$0.hasSuffix("'utf-8") && !$0.hasSuffix("\"utf8") && !$0.hasSuffix("'utf8") } ?? false)
        {
            throw .init(nil, "part \(Quoting.shown(name)) is not UTF-8 XML, as every spreadsheet program writes it")
        }
        for declaration in ["<!DOCTYPE", "<!ENTITY"] where data.range(of: Data(declaration.utf8)) != nil {
            throw .init(nil, "part \(Quoting.shown(name)) declares a DTD or an entity (\(declaration)), which no workbook needs: refused unread")
        }
    }

    private final class Delegate<Handler: XMLPartHandler>: NSObject, XMLParserDelegate {
        let handler: Handler
        var depth = 0
        var problem: MappingError.Problem?

        init(_ handler: Handler) { self.handler = handler }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            depth += 1
            guard depth <= XMLPart.maxDepth else {
                return stop(parser, .init(nil, "a part nests elements more than \(XMLPart.maxDepth) deep: not a workbook a spreadsheet program wrote"))
            }
            do { try handler.start(Self.localName(elementName), attributes) } catch { stop(parser, error) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            do { try handler.end(Self.localName(elementName)) } catch { stop(parser, error) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { handler.text(string) }

        func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) { handler.text(whitespaceString) }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { handler.text(String(decoding: CDATABlock, as: UTF8.self)) }

        private func stop(_ parser: XMLParser, _ problem: MappingError.Problem) {
            if self.problem == nil { self.problem = problem }
            parser.abortParsing()
        }

        private static func localName(_ name: String) -> String {
            name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
        }
    }
}
