import GRDB
import Testing
import VliegwielStorage

/// Security review L9: a failure of the storage is told apart from a failure of the request,
/// so that the web answers 503 with Retry-After instead of a bare 500.
@Suite struct StorageFailureTests {
    @Test(
        "SQLite's disk-full, I/O, read-only and busy errors are unavailability; a constraint is not",
        arguments: [
            (ResultCode.SQLITE_FULL, true), (.SQLITE_IOERR, true), (.SQLITE_READONLY, true), (.SQLITE_BUSY, true),
            (.SQLITE_CONSTRAINT, false), (.SQLITE_ERROR, false),
        ])
    func sqliteErrorsAreClassified(code: ResultCode, unavailable: Bool) {
        #expect((StorageFailure.unavailability(DatabaseError(resultCode: code)) != nil) == unavailable)
    }

    @Test("An error that is not the storage's is not unavailability")
    func otherErrorsAreNot() {
        struct Other: Error {}
        #expect(StorageFailure.unavailability(Other()) == nil)
    }
}
