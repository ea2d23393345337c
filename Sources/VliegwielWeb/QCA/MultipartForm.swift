import Foundation
import Hummingbird

/// The fields of a `multipart/form-data` body (RFC 7578): what a form with a file field sends,
/// without JavaScript. Only what the QCA form needs: each part's name, its file name when it
/// is a file, and its bytes. The body is limited like every other (``maximumBodySize``).
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        /// The file's name as the browser sends it; `nil` for an ordinary field, empty when the
        /// file field was left empty.
        var fileName: String?
        var data: Data

        /// The part as UTF-8 text (a byte order mark dropped); `nil` when it is not UTF-8.
        var text: String? {
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
    }

    var parts: [Part]

    /// The text of the first ordinary field called `name`.
    func value(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }?.text
    }

    /// The texts of every ordinary field called `name`, in order (checkboxes).
    func values(_ name: String) -> [String] {
        parts.filter { $0.name == name && $0.fileName == nil }.compactMap(\.text)
    }

    /// The file sent in the field `name`, when one was chosen.
    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil && !($0.fileName!.isEmpty && $0.data.isEmpty) }
    }

    /// The ordinary fields as a query (for the page's other fields); files left out.
    var fields: [String: [String]] {
        var fields: [String: [String]] = [:]
        for part in parts where part.fileName == nil {
            fields[part.name, default: []].append(part.text ?? "")
        }
        return fields
    }

    /// The boundary of a `multipart/form-data` content type, quoted or not.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The parts of `body`; `nil` when it is not a well-formed multipart body with `boundary`.
    init?(body: Data, boundary: String) {
        let body = Data(body)
        let delimiter = Data("--\(boundary)".utf8)
        let next = Data("\r\n--\(boundary)".utf8)
        let lineEnd = Data("\r\n".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard let first = body.range(of: delimiter) else { return nil }
        var position = first.upperBound
        var parts: [Part] = []
        while true {
            // After a delimiter: `--` closes the body, a line end opens the next part.
            if body[position...].starts(with: Data("--".utf8)) { break }
            guard body[position...].starts(with: lineEnd) else { return nil }
            let headersStart = position + lineEnd.count
            guard let headersEnd = body.range(of: headerEnd, in: headersStart..<body.endIndex) else { return nil }
            let headers = String(decoding: body[headersStart..<headersEnd.lowerBound], as: UTF8.self)
            let contentStart = headersEnd.upperBound
            guard let end = body.range(of: next, in: contentStart..<body.endIndex) else { return nil }
            guard let disposition = Self.disposition(headers) else { return nil }
            parts.append(
                Part(name: disposition.name, fileName: disposition.fileName, data: body[contentStart..<end.lowerBound]))
            position = end.upperBound
            guard parts.count <= 100 else { return nil }
        }
        self.parts = parts
    }

    /// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
    private static func disposition(_ headers: String) -> (name: String, fileName: String?)? {
        for line in headers.components(separatedBy: "\r\n") {
            let header = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard header.count == 2,
                header[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            var name: String?
            var fileName: String?
            for parameter in header[1].split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard pair.count == 2 else { continue }
                var value = pair[1]
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            return name.map { ($0, fileName) }
        }
        return nil
    }
}

extension MultipartForm {
    /// The form of `request`, read up to ``maximumBodySize``; `nil` when the request is not a
    /// well-formed `multipart/form-data` request.
    static func read(_ request: Request) async throws -> MultipartForm? {
        guard let boundary = boundary(contentType: request.headers[.contentType] ?? "") else { return nil }
        let buffer = try await request.body.collect(upTo: maximumBodySize)
        return MultipartForm(body: Data(buffer.readableBytesView), boundary: boundary)
    }
}
