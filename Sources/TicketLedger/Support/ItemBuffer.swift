/// The room reserved for one item's bytes (its canonical form, its row as hashed): enough
/// for most items, and under 1 KiB on purpose: glibc serves smaller blocks from a
/// per-thread cache, while every larger request first consolidates the freed small blocks
/// (a few percent of an ingest when each item asked for 1 KiB).
enum ItemBuffer {
    static let reservedBytes = 960
}
