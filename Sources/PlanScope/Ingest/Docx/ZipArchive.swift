/// A read-only view of a zip archive held in memory.
///
/// Reads the central directory once; entries are inflated on demand by `extract(_:)`
/// (see `ZipArchive+Inflate.swift`). Nothing is ever written to disk: entry names such as
/// `../../x` are only keys of a dictionary, never paths.
///
/// Declared sizes are not trusted: inflation counts the bytes it produces and stops at
/// `IngestLimits.maxEntryBytes`, and the CRC-32 and final size are checked afterwards.
struct ZipArchive {
  /// One central-directory record.
  struct Entry: Sendable, Hashable {
    /// The entry name as stored (UTF-8, `/` separators).
    var name: String
    /// 0 = stored, 8 = deflate; anything else is refused on extraction.
    var method: UInt16
    /// General-purpose bit flags (bit 0: encrypted).
    var flags: UInt16
    /// The host system that wrote the entry (high byte of "version made by"; 3 = Unix).
    var hostSystem: UInt8
    /// External file attributes (Unix mode in the high 16 bits when `hostSystem == 3`).
    var externalAttributes: UInt32
    /// CRC-32 of the uncompressed data, as declared.
    var crc32: UInt32
    /// Compressed size, as declared.
    var compressedSize: Int
    /// Uncompressed size, as declared (checked, never trusted).
    var uncompressedSize: Int
    /// Offset of the local file header.
    var localHeaderOffset: Int

    /// Whether the entry is a Unix symbolic link (`S_IFLNK`).
    var isSymbolicLink: Bool {
      hostSystem == 3 && (externalAttributes >> 16) & 0o170000 == 0o120000
    }
  }

  /// The archive bytes.
  let bytes: [UInt8]
  /// Limits applied while reading and inflating.
  let limits: IngestLimits
  /// Entries in directory order.
  private(set) var entries: [Entry] = []
  private var indexByName: [String: Int] = [:]
  private var indexByFoldedName: [String: Int] = [:]

  /// Reads the end-of-central-directory record and the central directory.
  /// - Throws: `DocxError.notZip`, `.truncated`, `.tooManyEntries`.
  init(bytes: [UInt8], limits: IngestLimits) throws(DocxError) {
    self.bytes = bytes
    self.limits = limits
    let directory = try Self.locateDirectory(in: bytes)
    guard directory.count <= limits.maxZipEntries else {
      throw .tooManyEntries(count: directory.count, limit: limits.maxZipEntries)
    }
    var offset = directory.offset
    let end = directory.offset + directory.size
    guard directory.offset >= 0, end <= bytes.count, directory.offset <= end else {
      throw .truncated("central directory lies outside the file")
    }
    entries.reserveCapacity(directory.count)
    for _ in 0..<directory.count {
      let entry = try readCentralRecord(at: &offset, end: end)
      entries.append(entry)
    }
    for (index, entry) in entries.enumerated() {
      // Keep the first of duplicate names; a later duplicate cannot shadow a part.
      if indexByName[entry.name] == nil { indexByName[entry.name] = index }
      let folded = entry.name.lowercased()
      if indexByFoldedName[folded] == nil { indexByFoldedName[folded] = index }
    }
  }

  /// The entry with this name; OPC part names are case-insensitive, so an exact match wins
  /// and a case-folded match is the fallback.
  func entry(named name: String) -> Entry? {
    if let index = indexByName[name] ?? indexByFoldedName[name.lowercased()] {
      return entries[index]
    }
    return nil
  }

  // MARK: - End of central directory

  private struct Directory {
    var count: Int
    var size: Int
    var offset: Int
  }

  private static let eocdSignature: UInt32 = 0x0605_4b50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
  private static let zip64EOCDSignature: UInt32 = 0x0606_4b50
  private static let centralSignature: UInt32 = 0x0201_4b50
  static let localSignature: UInt32 = 0x0403_4b50

  /// Finds the EOCD record (the last one within the 64 KiB comment window) and, if its fields
  /// overflow, the ZIP64 EOCD record it points to.
  private static func locateDirectory(in bytes: [UInt8]) throws(DocxError) -> Directory {
    let minimumEOCD = 22
    guard bytes.count >= minimumEOCD else { throw .truncated("no end-of-central-directory record") }
    let lowest = max(0, bytes.count - minimumEOCD - 0xFFFF)
    var position = bytes.count - minimumEOCD
    var found: Int?
    while position >= lowest {
      if bytes.readUInt32(at: position) == eocdSignature {
        found = position
        break
      }
      position -= 1
    }
    guard let eocd = found else { throw .truncated("no end-of-central-directory record") }
    let disk = Int(bytes.readUInt16(at: eocd + 4))
    let count = Int(bytes.readUInt16(at: eocd + 10))
    let size = Int(bytes.readUInt32(at: eocd + 12))
    let offset = Int(bytes.readUInt32(at: eocd + 16))
    guard disk == 0 || disk == 0xFFFF else {
      throw .truncated("multi-disk archives are not supported")
    }
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      return try locateZip64Directory(in: bytes, eocd: eocd)
    }
    return Directory(count: count, size: size, offset: offset)
  }

  private static func locateZip64Directory(in bytes: [UInt8], eocd: Int) throws(DocxError)
    -> Directory
  {
    let locator = eocd - 20
    guard locator >= 0, bytes.readUInt32(at: locator) == zip64LocatorSignature else {
      throw .truncated("ZIP64 fields without a ZIP64 locator")
    }
    let record64 = bytes.readUInt64(at: locator + 8)
    guard bytes.count >= 56, record64 <= UInt64(bytes.count - 56),
      bytes.readUInt32(at: Int(record64)) == zip64EOCDSignature
    else { throw .truncated("ZIP64 end-of-central-directory record missing") }
    let base = Int(record64)
    let count = bytes.readUInt64(at: base + 32)
    let size = bytes.readUInt64(at: base + 40)
    let offset = bytes.readUInt64(at: base + 48)
    let limit = UInt64(bytes.count)
    guard count <= limit, size <= limit, offset <= limit else {
      throw .truncated("ZIP64 directory lies outside the file")
    }
    return Directory(count: Int(count), size: Int(size), offset: Int(offset))
  }

  // MARK: - Central directory records

  private func readCentralRecord(at offset: inout Int, end: Int) throws(DocxError) -> Entry {
    guard offset + 46 <= end, bytes.readUInt32(at: offset) == Self.centralSignature else {
      throw .truncated("bad central directory record at offset \(offset)")
    }
    let nameLength = Int(bytes.readUInt16(at: offset + 28))
    let extraLength = Int(bytes.readUInt16(at: offset + 30))
    let commentLength = Int(bytes.readUInt16(at: offset + 32))
    let nameStart = offset + 46
    let next = nameStart + nameLength + extraLength + commentLength
    guard next <= end else { throw .truncated("central directory record overruns the directory") }
    var entry = Entry(
      name: String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self),
      method: bytes.readUInt16(at: offset + 10),
      flags: bytes.readUInt16(at: offset + 8),
      hostSystem: UInt8(bytes.readUInt16(at: offset + 4) >> 8),
      externalAttributes: bytes.readUInt32(at: offset + 38),
      crc32: bytes.readUInt32(at: offset + 16),
      compressedSize: Int(bytes.readUInt32(at: offset + 20)),
      uncompressedSize: Int(bytes.readUInt32(at: offset + 24)),
      localHeaderOffset: Int(bytes.readUInt32(at: offset + 42)))
    applyZip64Extra(to: &entry, extra: nameStart + nameLength, length: extraLength)
    offset = next
    return entry
  }

  /// Replaces 0xFFFFFFFF sizes/offsets by the values of the ZIP64 extra field (id 0x0001),
  /// which lists only the overflowing fields, in this order.
  private func applyZip64Extra(to entry: inout Entry, extra start: Int, length: Int) {
    let saturated = 0xFFFF_FFFF
    guard
      entry.uncompressedSize == saturated || entry.compressedSize == saturated
        || entry.localHeaderOffset == saturated
    else { return }
    var position = start
    let end = start + length
    while position + 4 <= end {
      let id = bytes.readUInt16(at: position)
      let size = Int(bytes.readUInt16(at: position + 2))
      var field = position + 4
      let fieldEnd = min(field + size, end)
      if id == 0x0001 {
        func take() -> Int? {
          guard field + 8 <= fieldEnd else { return nil }
          defer { field += 8 }
          return Int(clamping: bytes.readUInt64(at: field))
        }
        if entry.uncompressedSize == saturated, let value = take() {
          entry.uncompressedSize = value
        }
        if entry.compressedSize == saturated, let value = take() { entry.compressedSize = value }
        if entry.localHeaderOffset == saturated, let value = take() {
          entry.localHeaderOffset = value
        }
        return
      }
      position = field + size
    }
  }
}

// MARK: - Little-endian reads

extension [UInt8] {
  /// The little-endian `UInt16` at `offset`, or 0 past the end.
  func readUInt16(at offset: Int) -> UInt16 {
    guard offset >= 0, offset + 2 <= count else { return 0 }
    return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
  }

  /// The little-endian `UInt32` at `offset`, or 0 past the end.
  func readUInt32(at offset: Int) -> UInt32 {
    guard offset >= 0, offset + 4 <= count else { return 0 }
    return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
      | UInt32(self[offset + 3]) << 24
  }

  /// The little-endian `UInt64` at `offset`, or 0 past the end.
  func readUInt64(at offset: Int) -> UInt64 {
    UInt64(readUInt32(at: offset)) | UInt64(readUInt32(at: offset + 4)) << 32
  }
}
