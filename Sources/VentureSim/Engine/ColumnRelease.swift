import Dispatch

/// Returns a finished run's columns to the system off the caller's thread.
///
/// Freeing a million-trial run's columns hands some 190 MB back to the kernel, about 15 ms of one thread at the end
/// of the run; released in the background, that overlaps the rendering and writing of the report. Columns are never
/// held by two runs at once: allocating columns first waits for any release still under way.
enum ColumnRelease {
    private static let queue = DispatchQueue(label: "venturesim.column-release")
    private static let pending = DispatchGroup()

    /// Releases `columns` on a background queue. The caller gives up its reference (`consume`), so the release there
    /// is the last one and the columns are freed on that queue.
    static func inBackground(_ columns: consuming TrialColumns) {
        let handle = Unmanaged.passRetained(columns)
        _ = consume columns
        queue.async(group: pending) { handle.release() }
    }

    /// Returns when every release handed over so far is done.
    static func waitForPending() {
        pending.wait()
    }
}
