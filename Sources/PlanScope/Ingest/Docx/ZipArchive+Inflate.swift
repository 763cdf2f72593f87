import CZlib

extension ZipArchive {
  /// Returns the uncompressed bytes of `entry`, checked against its CRC-32 and declared size.
  ///
  /// Inflation writes into a buffer that grows on demand and stops as soon as the output passes
  /// `IngestLimits.maxEntryBytes` or the entry's declared size, whichever is hit first, so a
  /// zip bomb costs at most the limit in memory, whatever its headers claim.
  /// - Throws: `DocxError.symlinkEntry`, `.unsupportedEntry`, `.entryTooLarge`, `.corruptEntry`,
  ///   `.truncated`.
  func extract(_ entry: Entry) throws(DocxError) -> [UInt8] {
    if entry.isSymbolicLink { throw .symlinkEntry(entry: entry.name) }
    if entry.flags & 0x1 != 0 {
      throw .unsupportedEntry(entry: entry.name, reason: "encrypted entry")
    }
    let range = try dataRange(of: entry)
    let data: [UInt8]
    switch entry.method {
    case 0:
      guard range.count <= limits.maxEntryBytes else {
        throw .entryTooLarge(entry: entry.name, limit: limits.maxEntryBytes)
      }
      data = Array(bytes[range])
    case 8:
      data = try inflate(range, of: entry)
    default:
      throw .unsupportedEntry(entry: entry.name, reason: "compression method \(entry.method)")
    }
    guard data.count == entry.uncompressedSize else {
      throw .corruptEntry(
        entry: entry.name,
        reason: "size mismatch: header says \(entry.uncompressedSize) bytes, data has \(data.count)"
      )
    }
    let checksum = data.withUnsafeBufferPointer { buffer in
      UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
    }
    guard checksum == entry.crc32 else {
      throw .corruptEntry(entry: entry.name, reason: "CRC-32 mismatch")
    }
    return data
  }

  /// The byte range of the entry's (compressed) data, after its local header.
  private func dataRange(of entry: Entry) throws(DocxError) -> Range<Int> {
    let header = entry.localHeaderOffset
    // A ZIP64 offset is clamped to Int.max, not checked: compare without adding to it.
    guard header >= 0, header <= bytes.count - 30,
      bytes.readUInt32(at: header) == Self.localSignature
    else { throw .truncated("local header of \(entry.name) missing") }
    let nameLength = Int(bytes.readUInt16(at: header + 26))
    let extraLength = Int(bytes.readUInt16(at: header + 28))
    let start = header + 30 + nameLength + extraLength
    let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
    guard !overflow, entry.compressedSize >= 0, end <= bytes.count else {
      throw .truncated("data of \(entry.name) runs past the end of the archive")
    }
    return start..<end
  }

  /// Raw-inflates (no zlib header, window bits -15) the bytes in `range`.
  private func inflate(_ range: Range<Int>, of entry: Entry) throws(DocxError) -> [UInt8] {
    let limit = limits.maxEntryBytes
    // Deflate cannot expand beyond ~1032:1, so the declared size only sizes the first buffer.
    let plausible = range.count.multipliedReportingOverflow(by: 1032)
    let firstGuess = min(
      entry.uncompressedSize, limit, plausible.overflow ? limit : plausible.partialValue)
    var output = [UInt8](repeating: 0, count: max(firstGuess, 0) + 1)
    var produced = 0

    var stream = z_stream()
    guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else {
      throw .corruptEntry(entry: entry.name, reason: "zlib initialisation failed")
    }
    defer { inflateEnd(&stream) }

    try bytes.withUnsafeBufferPointer { (input) throws(DocxError) -> Void in
      guard let inputBase = input.baseAddress else { throw .truncated("empty archive") }
      var consumed = range.lowerBound
      while true {
        if stream.avail_in == 0 && consumed < range.upperBound {
          let chunk = min(range.upperBound - consumed, 1 << 30)
          stream.next_in = UnsafeMutablePointer(mutating: inputBase + consumed)
          stream.avail_in = UInt32(chunk)
          consumed += chunk
        }
        if produced == output.count {
          let grown = min(output.count * 2, limit + 1)
          output.append(contentsOf: repeatElement(0, count: max(grown - output.count, 1)))
        }
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
          guard let outBase = out.baseAddress else { return Z_MEM_ERROR }
          let room = min(out.count - produced, 1 << 30)
          stream.next_out = outBase + produced
          stream.avail_out = UInt32(room)
          let result = CZlib.inflate(&stream, Z_NO_FLUSH)
          produced += room - Int(stream.avail_out)
          return result
        }
        if produced > limit { throw .entryTooLarge(entry: entry.name, limit: limit) }
        if produced > entry.uncompressedSize {
          throw .corruptEntry(
            entry: entry.name,
            reason: "inflates past its declared size of \(entry.uncompressedSize) bytes")
        }
        switch status {
        case Z_STREAM_END:
          return
        case Z_OK:
          continue
        case Z_BUF_ERROR where stream.avail_in == 0 && consumed == range.upperBound:
          throw .corruptEntry(entry: entry.name, reason: "deflate data ends early")
        case Z_BUF_ERROR:
          continue
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
          throw .corruptEntry(entry: entry.name, reason: message)
        }
      }
    }
    output.removeLast(output.count - produced)
    return output
  }
}
