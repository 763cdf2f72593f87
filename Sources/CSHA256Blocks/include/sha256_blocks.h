#ifndef PLANSCOPE_SHA256_BLOCKS_H
#define PLANSCOPE_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when the CPU has the x86 SHA extensions (with SSSE3 and SSE4.1), which
/// planscope_sha256_blocks needs; 0 elsewhere (the caller hashes in Swift then).
int planscope_sha256_accelerated(void);

/// The SHA-256 compression function (FIPS 180-4) over `blocks` 64-byte blocks at `data`,
/// updating `state` (H0…H7). `constants` are the 64 round constants K. Call only when
/// planscope_sha256_accelerated() returned 1.
void planscope_sha256_blocks(
    uint32_t state[8], const uint8_t *data, size_t blocks, const uint32_t constants[64]);

#endif
