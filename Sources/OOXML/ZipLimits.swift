/// Limits that keep a hostile or broken zip from exhausting memory or disk.
/// Declared sizes are checked when the archive is opened; actual bytes are checked while reading,
/// because a zip's directory can lie.
public struct ZipLimits: Sendable, Equatable {
    /// Most entries an archive may hold.
    public var maxParts: Int
    /// Most bytes one part may inflate to.
    public var maxPartSize: Int64
    /// Most bytes all parts together may declare.
    public var maxTotalSize: Int64
    /// Highest uncompressed/compressed ratio allowed for parts larger than `ratioThreshold`.
    public var maxCompressionRatio: Int64
    /// Parts at or below this uncompressed size are exempt from the ratio check
    /// (small XML legitimately compresses very well).
    public var ratioThreshold: Int64

    public init(maxParts: Int, maxPartSize: Int64, maxTotalSize: Int64,
                maxCompressionRatio: Int64, ratioThreshold: Int64) {
        self.maxParts = maxParts
        self.maxPartSize = maxPartSize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioThreshold = ratioThreshold
    }

    public static let defaultMaxParts = 10_000
    public static let defaultMaxPartSize: Int64 = 512 << 20        // 512 MiB
    public static let defaultMaxTotalSize: Int64 = 2 << 30         // 2 GiB
    public static let defaultMaxCompressionRatio: Int64 = 200
    public static let defaultRatioThreshold: Int64 = 4 << 20       // 4 MiB

    /// Generous for real workbooks and documents (tens of MB of sheet XML), tight for zip bombs.
    public static let standard = ZipLimits(
        maxParts: defaultMaxParts, maxPartSize: defaultMaxPartSize, maxTotalSize: defaultMaxTotalSize,
        maxCompressionRatio: defaultMaxCompressionRatio, ratioThreshold: defaultRatioThreshold)
}
