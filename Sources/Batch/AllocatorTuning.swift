/// How the process's allocator treats memory freed between jobs. Every export, check and batch
/// unit allocates and frees a few MiB; by default glibc gives the top of each heap back to the
/// system when it is freed (and the next job faults the pages in again), which on the benchmark
/// machine cost about a sixth of a check's time in page faults and TLB flushes. Keeping up to
/// `keep` bytes of freed memory lets the next job reuse it; the peak stays the same, because memory
/// is only kept, never added. The batch still hands memory back explicitly between its phases
/// (malloc_trim ignores this threshold).
public enum AllocatorTuning {
    /// Freed memory kept for reuse rather than given back at once.
    public static let keep = 64 << 20

    /// Call once at process start, before any thread is started.
    public static func keepFreedMemory() {
        #if os(Linux)
        _ = glibcMallopt(glibcTrimThreshold, Int32(keep))
        // Fixing the trim threshold turns off glibc's dynamic mmap threshold; blocks up to 8 MiB
        // (an inflated sheet, a sheet's events) then come from the heap and are reused too.
        _ = glibcMallopt(glibcMmapThreshold, Int32(8 << 20))
        #endif
    }
}

#if os(Linux)
// glibc's allocator controls (malloc.h), which the Glibc module does not import.

/// mallopt(3) and its parameters M_TRIM_THRESHOLD and M_MMAP_THRESHOLD.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let glibcTrimThreshold: Int32 = -1
private let glibcMmapThreshold: Int32 = -3

/// malloc_trim(3): gives freed memory back to the system now.
@_silgen_name("malloc_trim")
func glibcMallocTrim(_ pad: Int) -> Int32
#endif
