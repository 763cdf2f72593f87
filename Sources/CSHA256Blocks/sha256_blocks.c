// SHA-256 blocks with the x86 SHA extensions (SHA-NI): four rounds per pair of
// sha256rnds2 instructions, the message schedule by sha256msg1/sha256msg2. The state is
// kept as the instructions want it, ABEF and CDGH, and converted back at the end.
#include "sha256_blocks.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int planscope_sha256_accelerated(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  const int sha = (ebx >> 29) & 1;
  return ssse3 && sse41 && sha;
}

__attribute__((target("sha,sse4.1,ssse3"))) void planscope_sha256_blocks(
    uint32_t state[8], const uint8_t *data, size_t blocks, const uint32_t constants[64]) {
  // Byte order: message words are big-endian.
  const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
  __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; blocks > 0; blocks--, data += 64) {
    const __m128i abefBefore = abef, cdghBefore = cdgh;
    // words[i % 4] holds message words 4i…4i+3 once computed; before that, those of i - 4.
    __m128i words[4];
    for (int i = 0; i < 16; i++) {
      __m128i w;
      if (i < 4) {
        w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), swap);
      } else {
        // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time.
        w = _mm_sha256msg1_epu32(words[i & 3], words[(i + 1) & 3]);
        w = _mm_add_epi32(w, _mm_alignr_epi8(words[(i + 3) & 3], words[(i + 2) & 3], 4));
        w = _mm_sha256msg2_epu32(w, words[(i + 3) & 3]);
      }
      words[i & 3] = w;
      __m128i k = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&constants[4 * i]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(k, 0x0E));
    }
    abef = _mm_add_epi32(abef, abefBefore);
    cdgh = _mm_add_epi32(cdgh, cdghBefore);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

int planscope_sha256_accelerated(void) { return 0; }

void planscope_sha256_blocks(
    uint32_t state[8], const uint8_t *data, size_t blocks, const uint32_t constants[64]) {
  (void)state;
  (void)data;
  (void)blocks;
  (void)constants;
}

#endif
