import CSHA256Blocks

/// SHA-256 (FIPS 180-4) of a byte buffer, for `source.sha256` and document ids.
///
/// A small self-contained implementation keeps the package free of a crypto dependency;
/// it is checked against the NIST vectors and `sha256sum` in the tests. On x86 CPUs with
/// the SHA extensions the blocks are compressed by `CSHA256Blocks` (on 1,000 plans the hash
/// went from 6 % of the worker's samples to 0.3 %), elsewhere here.
public enum SHA256 {
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The lowercase hex digest of `bytes`.
  public static func hexDigest(_ bytes: [UInt8]) -> String {
    let hexDigits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest(bytes) {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether this CPU compresses blocks with the SHA extensions.
  static let accelerated = planscope_sha256_accelerated() != 0

  /// The 32-byte digest of `bytes`; `accelerated` false forces the Swift compression
  /// (the tests run both).
  public static func digest(_ bytes: [UInt8]) -> [UInt8] { digest(bytes, accelerated: accelerated) }

  static func digest(_ bytes: [UInt8], accelerated: Bool) -> [UInt8] {
    var state: [UInt32] = [
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
      0x5be0_cd19,
    ]
    // Whole blocks are read in place; only the last partial block is copied for the padding
    // (copying a whole plan to append the padding cost as much as hashing it).
    let wholeBlocks = bytes.count / 64
    var tail = Array(bytes[(wholeBlocks * 64)...])
    let bitLength = UInt64(bytes.count) &* 8
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
      roundConstants.withUnsafeBufferPointer { constants in
        state.withUnsafeMutableBufferPointer { state in
          for message in [bytes[..<(wholeBlocks * 64)], tail[...]] {
            message.withUnsafeBufferPointer { buffer in
              if accelerated, let base = buffer.baseAddress, let words = state.baseAddress,
                let constants = constants.baseAddress
              {
                planscope_sha256_blocks(words, base, buffer.count / 64, constants)
                return
              }
              var blockStart = 0
              while blockStart < buffer.count {
                compress(
                  buffer, at: blockStart, schedule: schedule, constants: constants, state: state)
                blockStart += 64
              }
            }
          }
        }
      }
    }
    var result: [UInt8] = []
    result.reserveCapacity(32)
    for word in state {
      result.append(UInt8(truncatingIfNeeded: word >> 24))
      result.append(UInt8(truncatingIfNeeded: word >> 16))
      result.append(UInt8(truncatingIfNeeded: word >> 8))
      result.append(UInt8(truncatingIfNeeded: word))
    }
    return result
  }

  private static func compress(
    _ buffer: UnsafeBufferPointer<UInt8>, at offset: Int,
    schedule w: UnsafeMutableBufferPointer<UInt32>, constants: UnsafeBufferPointer<UInt32>,
    state: UnsafeMutableBufferPointer<UInt32>
  ) {
    for t in 0..<16 {
      let base = offset + t * 4
      w[t] =
        UInt32(buffer[base]) << 24 | UInt32(buffer[base + 1]) << 16 | UInt32(buffer[base + 2]) << 8
        | UInt32(buffer[base + 3])
    }
    for t in 16..<64 {
      let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
      let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
      w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
    }
    var a = state[0]
    var b = state[1]
    var c = state[2]
    var d = state[3]
    var e = state[4]
    var f = state[5]
    var g = state[6]
    var h = state[7]
    for t in 0..<64 {
      let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      let choice = (e & f) ^ (~e & g)
      let temp1 = h &+ s1 &+ choice &+ constants[t] &+ w[t]
      let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let temp2 = s0 &+ majority
      h = g
      g = f
      f = e
      e = d &+ temp1
      d = c
      c = b
      b = a
      a = temp1 &+ temp2
    }
    state[0] &+= a
    state[1] &+= b
    state[2] &+= c
    state[3] &+= d
    state[4] &+= e
    state[5] &+= f
    state[6] &+= g
    state[7] &+= h
  }

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }
}
