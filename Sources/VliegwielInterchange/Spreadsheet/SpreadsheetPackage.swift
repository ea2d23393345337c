import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What ODS and XLSX have in common: XML parts built as trees with Foundation's `XMLDocument`
/// (libxml2 underneath, which escapes `<`, `&` and quotes; no XML is written as text here), put
/// into a ZIP file by ZIPFoundation.
enum SpreadsheetPackage {
    /// One file in the package.
    struct Part {
        var path: String
        var data: Data
        /// Stored as it is rather than deflated; ODF asks this of its `mimetype`.
        var stored = false
    }

    /// The ZIP file holding `parts` in their order, each dated `date` so that the same workbook
    /// gives the same bytes.
    static func zip(_ parts: [Part], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(part.data.count), modificationDate: date,
                compressionMethod: part.stored ? .none : .deflate,
                provider: { position, size in
                    part.data.subdata(in: Int(position)..<Int(position) + size)
                })
        }
        guard let data = archive.data else { throw SpreadsheetError.zip }
        return data
    }

    /// The UTF-8 bytes of a document with `root`, with its XML declaration.
    static func xml(_ root: XMLElement) -> Data {
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        document.isStandalone = true
        return Data(document.xmlString.utf8)
    }

    /// An element with attributes (in the order given) and children.
    static func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [XMLNode] = []
    ) -> XMLElement {
        let element = XMLElement(name: name)
        for (key, value) in attributes {
            element.addAttribute(XMLNode.attribute(withName: key, stringValue: value) as! XMLNode)
        }
        for child in children { element.addChild(child) }
        return element
    }

    /// A text node; characters XML cannot hold are left out.
    static func text(_ value: String) -> XMLNode {
        XMLNode.text(withStringValue: SpreadsheetValue.xmlSafe(value)) as! XMLNode
    }

    /// The root element with its namespace declarations.
    static func root(
        _ name: String, namespaces: KeyValuePairs<String, String>, _ attributes: KeyValuePairs<String, String> = [:]
    )
        -> XMLElement
    {
        let root = element(name, attributes)
        for (prefix, uri) in namespaces {
            root.addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
        }
        return root
    }
}

/// A workbook that could not be written.
public enum SpreadsheetError: Error, Sendable {
    case zip
}
