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

#if canImport(Glibc)
    import Glibc
#endif

extension ColumnRelease {
    /// Hands the whole pages of `column` back to the system while the run goes on: a column whose summary is done
    /// (the summary reorders a stored column last of all its readers, `Summarizer.Task.reorders`) is never read
    /// again, and its room is what the summary's later scratch columns take instead of raising the run's peak.
    /// The pages read as zeros afterwards; the block they belong to is freed with the columns as before.
    static func pages<T>(of column: UnsafeMutableBufferPointer<T>) {
        guard let base = column.baseAddress else { return }
        pages(UnsafeMutableRawPointer(base), bytes: column.count * MemoryLayout<T>.stride)
    }

    /// The whole pages of the `bytes` bytes from `base`.
    static func pages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + bytes) / page * page
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_DONTNEED)
    }
}
