import CZlib

/// zlib streams (RFC 1950) in memory. The state database keeps each record's JSON this way
/// (Python's `zlib.decompress` reads one back).
package enum Zlib {
  /// `text`'s UTF-8 bytes as a zlib stream at `level` (1, the fastest, shrinks a record's
  /// JSON about 5.7 times; 6, zlib's default, 6.8 times at twice the time).
  package static func compress(_ text: String, level: Int32 = 1) -> [UInt8] {
    var text = text
    return text.withUTF8 { input in
      var size = compressBound(uLong(input.count))
      var output = [UInt8](repeating: 0, count: Int(size))
      let status = output.withUnsafeMutableBufferPointer { out in
        // An empty input may have no address; zlib reads no byte of it then.
        compress2(out.baseAddress, &size, input.baseAddress, uLong(input.count), level)
      }
      // compressBound leaves room for any input, so only running out of memory can fail.
      precondition(status == Z_OK, "zlib compress2 failed: \(status)")
      output.removeSubrange(Int(size)...)
      return output
    }
  }

  /// The text a zlib stream holds; nil when `bytes` are not one, end early, are followed by
  /// more bytes, inflate past `limit` bytes or are not UTF-8.
  package static func decompressText(_ bytes: [UInt8], limit: Int = 1 << 30) -> String? {
    var stream = z_stream()
    guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: min(max(bytes.count * 8, 256), limit + 1))
    var produced = 0
    let ended = bytes.withUnsafeBufferPointer { input -> Bool in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = UInt32(input.count)
      while true {
        if produced == output.count {
          // Room for one byte past the limit, so an overlong stream shows itself.
          guard output.count <= limit else { return false }
          output += repeatElement(0, count: min(output.count * 2, limit + 1) - output.count)
        }
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
          stream.next_out = out.baseAddress.map { $0 + produced }
          stream.avail_out = UInt32(out.count - produced)
          let result = inflate(&stream, Z_NO_FLUSH)
          produced = out.count - Int(stream.avail_out)
          return result
        }
        switch status {
        case Z_STREAM_END: return stream.avail_in == 0 && produced <= limit
        case Z_OK: continue
        case Z_BUF_ERROR where stream.avail_out == 0: continue
        default: return false
        }
      }
    }
    guard ended else { return nil }
    return String(validating: output[..<produced], as: UTF8.self)
  }
}
