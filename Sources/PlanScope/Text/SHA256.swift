import CCrypto

/// SHA-256 (FIPS 180-4) of a byte buffer, for `source.sha256` and document ids, by OpenSSL's
/// libcrypto (`EVP_Digest`), which uses the CPU's SHA extensions where it has them.
///
/// Checked against the NIST vectors and `sha256sum` in the tests.
public enum SHA256 {
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

  /// The 32-byte digest of `bytes`.
  public static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let status = bytes.withUnsafeBytes { input in
      digest.withUnsafeMutableBufferPointer { output in
        // An empty buffer has no base address; libcrypto takes any pointer for 0 bytes.
        EVP_Digest(
          input.baseAddress ?? UnsafeRawPointer(output.baseAddress!), input.count,
          output.baseAddress, &length, EVP_sha256(), nil)
      }
    }
    // EVP_Digest fails only when libcrypto cannot allocate its context.
    precondition(status == 1 && length == 32, "libcrypto EVP_Digest(SHA-256) failed")
    return digest
  }
}
