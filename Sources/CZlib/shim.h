#include <zlib.h>

/// Starts a raw deflate stream (no zlib header or trailer) with the parameters libzip uses for zip
/// entries (zip_algorithm_deflate.c): window bits 15, memory level MAX_MEM_LEVEL, default strategy.
/// Same parameters and level give the same bytes libzip would write. (deflateInit2 is a macro.)
static inline int czlib_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, MAX_MEM_LEVEL, Z_DEFAULT_STRATEGY);
}
