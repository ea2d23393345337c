// The floor of the web benchmark (BENCHMARKS.md, "Web"): Hummingbird with no middleware and no
// work, answering every GET with bytes held in memory, read once at start from a folder (the
// same files nginx serves in the same run). What Vliegwiel's kept answers cost above this is
// ours; what this costs above nginx is the HTTP server's. Not a test; not part of the product.
//
//   WebFloor FOLDER PORT
import Foundation
import Hummingbird

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("gebruik: WebFloor MAP POORT\n".utf8))
    exit(64)
}
let folder = URL(fileURLWithPath: arguments[1])
var files: [String: (type: String, bytes: ByteBuffer)] = [:]
for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    let type = name.hasSuffix(".json") ? "application/json" : "text/html; charset=utf-8"
    files["/" + name] = (type, ByteBuffer(bytes: data))
}
let kept = files

let router = Router()
router.get("{name}") { request, _ -> Response in
    guard let file = kept[request.uri.path] else { return Response(status: .notFound) }
    return Response(status: .ok, headers: [.contentType: file.type], body: .init(byteBuffer: file.bytes))
}
let application = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "WebFloor"))
try await application.runService()
