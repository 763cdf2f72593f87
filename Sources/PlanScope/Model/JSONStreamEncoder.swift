import Foundation

/// The `Encoder` behind `CanonicalJSONEncoder`: writes a value's compact JSON into `bytes`
/// while its `encode(to:)` runs, with no tree of boxed values in between.
///
/// Each value encoded through its `encode(to:)` gets a frame on a stack; the container it
/// asks for writes its opening bracket there, and the frame closes (closing bracket) when
/// `encode(to:)` returns. An object's members are written as they come and moved into key
/// order (the UTF-8 order of the snake_case names, as `JSONEncoder` sorts them) only if they
/// did not come in that order. A container from `nestedContainer` or `superEncoder` stays
/// open until its parent writes again; using it after that is an error, as is writing to a
/// container of a value whose child is still being encoded.
///
/// Strings, numbers, booleans, their optionals and `[String]` are written without a frame:
/// they are told apart by comparing metatypes, which costs nothing next to a dynamic cast.
///
/// The encoder's state sits behind a pointer: as stored properties of a class, every append
/// went through Swift's run-time exclusivity checks, two fifths of the encoding time.
final class JSONStreamEncoder: Encoder {
  /// Not tracked (errors name the value instead).
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  private struct State {
    var bytes = JSONBytes(capacity: 16_384)
    var frames: [Frame] = []
    var members: [Member] = []
    var scratch: [UInt8] = []
    var serials = 0
    var failure: EncodingError?
    var convertedNames: [String: [UInt8]] = [:]
  }

  private let state: UnsafeMutablePointer<State>

  /// The compact JSON of the last value encoded.
  private(set) var bytes: JSONBytes {
    _read { yield state.pointee.bytes }
    _modify { yield &state.pointee.bytes }
  }
  private var frames: [Frame] {
    _read { yield state.pointee.frames }
    _modify { yield &state.pointee.frames }
  }
  /// The members of the open objects, innermost last.
  private var members: [Member] {
    _read { yield state.pointee.members }
    _modify { yield &state.pointee.members }
  }
  /// Reordering copies an object's members here first.
  private var scratch: [UInt8] {
    _read { yield state.pointee.scratch }
    _modify { yield &state.pointee.scratch }
  }
  private var serials: Int {
    _read { yield state.pointee.serials }
    _modify { yield &state.pointee.serials }
  }
  private var failure: EncodingError? {
    _read { yield state.pointee.failure }
    _modify { yield &state.pointee.failure }
  }
  /// Names that are not plain lowerCamelCase, converted and quoted once.
  private var convertedNames: [String: [UInt8]] {
    _read { yield state.pointee.convertedNames }
    _modify { yield &state.pointee.convertedNames }
  }

  init() {
    state = .allocate(capacity: 1)
    state.initialize(to: State())
  }

  deinit {
    state.pointee.bytes.deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Replaces `bytes` with the compact JSON of `value`.
  /// - Throws: `EncodingError` for non-finite numbers, unsupported values, containers used
  ///   out of turn and a top-level value that encodes nothing.
  func encode<T: Encodable>(_ value: T) throws {
    bytes.removeAll()
    frames.removeAll(keepingCapacity: true)
    members.removeAll(keepingCapacity: true)
    failure = nil
    try write(value)
    if let failure { throw failure }
  }

  // MARK: - Values

  /// Writes `value`: scalars directly, anything else through its `encode(to:)` in a frame.
  func write<T: Encodable>(_ value: T) throws {
    // Each `unsafeBitCast` converts a value to the type its metatype was just found to be.
    if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
    if T.self == String?.self {
      guard let text = unsafeBitCast(value, to: String?.self) else { return writeNull() }
      return writeString(text)
    }
    if T.self == Int.self { return writeInteger(unsafeBitCast(value, to: Int.self)) }
    if T.self == Int?.self {
      guard let number = unsafeBitCast(value, to: Int?.self) else { return writeNull() }
      return writeInteger(number)
    }
    if T.self == Double.self { return try writeDouble(unsafeBitCast(value, to: Double.self)) }
    if T.self == Double?.self {
      guard let number = unsafeBitCast(value, to: Double?.self) else { return writeNull() }
      return try writeDouble(number)
    }
    if T.self == Bool.self { return writeBool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == [String].self { return writeStrings(unsafeBitCast(value, to: [String].self)) }
    if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "\(T.self) is not part of the dataset model"))
    }
    let depth = frames.count
    _ = open(nested: false)
    try value.encode(to: self)
    close(downTo: depth)
  }

  func writeNull() { append("null") }

  func writeBool(_ flag: Bool) { append(flag ? "true" : "false") }

  func writeInteger(_ number: Int) { bytes.append(contentsOf: String(number).utf8) }

  func writeInteger(_ number: some BinaryInteger) { bytes.append(contentsOf: String(number).utf8) }

  /// A double as `JSONEncoder` writes it: its shortest round-trip digits, integral values
  /// without `.0`.
  func writeDouble(_ number: Double) throws {
    guard number.isFinite else { throw Self.nonFinite(number) }
    writeDecimalText(number.description)
  }

  /// A float the same way.
  func writeFloat(_ number: Float) throws {
    guard number.isFinite else { throw Self.nonFinite(number) }
    writeDecimalText(number.description)
  }

  private func writeDecimalText(_ text: String) {
    let start = bytes.count
    bytes.append(contentsOf: text.utf8)
    if bytes.count - start >= 2, bytes[bytes.count - 2] == UInt8(ascii: "."),
      bytes[bytes.count - 1] == UInt8(ascii: "0")
    {
      bytes.removeLast(2)
    }
  }

  private static func nonFinite(_ number: Any) -> EncodingError {
    .invalidValue(number, .init(codingPath: [], debugDescription: "non-finite number"))
  }

  func writeStrings(_ texts: [String]) {
    bytes.append(UInt8(ascii: "["))
    for (index, text) in texts.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      writeString(text)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// `text` quoted and escaped.
  func writeString(_ text: String) { Self.appendString(text, to: &bytes) }

  /// Appends `text` quoted and escaped as `JSONEncoder` writes it (slashes unescaped): runs
  /// without anything to escape are copied whole.
  private static func appendString(_ text: String, to bytes: inout JSONBytes) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte, to: &bytes)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  private static func escape(_ byte: UInt8, to bytes: inout JSONBytes) {
    switch byte {
    case UInt8(ascii: "\""): append("\\\"", to: &bytes)
    case UInt8(ascii: "\\"): append("\\\\", to: &bytes)
    case 0x0A: append("\\n", to: &bytes)
    case 0x0D: append("\\r", to: &bytes)
    case 0x09: append("\\t", to: &bytes)
    case 0x08: append("\\b", to: &bytes)
    case 0x0C: append("\\f", to: &bytes)
    default:
      append("\\u00", to: &bytes)
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0xF)])
    }
  }

  private func append(_ text: StaticString) { Self.append(text, to: &bytes) }

  private static func append(_ text: StaticString, to bytes: inout JSONBytes) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  // MARK: - Members

  /// Writes `value`'s members as the object of the value being encoded (its `encode(to:)`
  /// was called with this encoder).
  func writeMembers<Value: JSONMembers>(of value: Value) throws {
    let serial = currentValue
    begin(.object, in: serial)
    var writer = StreamMemberWriter<Value.MemberKey>(encoder: self, serial: serial)
    try value.writeMembers(to: &writer)
  }

  /// Writes `value` as an object in a frame of its own, without going through `encode(to:)`.
  func writeObject<Value: JSONMembers>(_ value: Value) throws {
    let depth = frames.count
    let serial = open(nested: false)
    begin(.object, in: serial)
    var writer = StreamMemberWriter<Value.MemberKey>(encoder: self, serial: serial)
    try value.writeMembers(to: &writer)
    close(downTo: depth)
  }

  /// Writes `values` as an array of objects.
  func writeObjects<Value: JSONMembers>(_ values: [Value]) throws {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      try writeObject(value)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  // MARK: - Encoder

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    keyedContainer(in: currentValue)
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer { unkeyedContainer(in: currentValue) }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    singleValueContainer(in: currentValue)
  }

  func keyedContainer<Key: CodingKey>(in serial: Int) -> KeyedEncodingContainer<Key> {
    begin(.object, in: serial)
    return KeyedEncodingContainer(JSONObjectContainer<Key>(encoder: self, serial: serial))
  }

  func unkeyedContainer(in serial: Int) -> any UnkeyedEncodingContainer {
    begin(.array, in: serial)
    return JSONArrayContainer(encoder: self, serial: serial)
  }

  func singleValueContainer(in serial: Int) -> any SingleValueEncodingContainer {
    begin(.single, in: serial)
    return JSONSingleContainer(encoder: self, serial: serial)
  }

  /// A container opened inside a member or item: a frame of its own that stays open until its
  /// parent writes again.
  func openNested() -> Int { open(nested: true) }

  // MARK: - Frames

  /// The frame of the value whose `encode(to:)` is running (the innermost that is not a
  /// nested container).
  private var currentValue: Int {
    frames.last(where: { !$0.isNested })?.serial ?? 0
  }

  private func open(nested: Bool) -> Int {
    serials += 1
    frames.append(Frame(serial: serials, isNested: nested, memberBase: members.count))
    return serials
  }

  /// Makes the frame `serial` the innermost by closing the nested containers above it; nil
  /// (and a failure) when it is closed or a value inside it is still being encoded.
  private func prepare(_ serial: Int) -> Int? {
    var index = frames.count - 1
    while index >= 0, frames[index].serial != serial {
      guard frames[index].isNested else { break }
      index -= 1
    }
    guard index >= 0, frames[index].serial == serial else {
      fail("a container was used after its value was written, or while a value inside it was")
      return nil
    }
    close(downTo: index + 1)
    return index
  }

  /// Starts the frame's container: its opening bracket, unless the value already asked for
  /// one of the same kind.
  private func begin(_ kind: Frame.Kind, in serial: Int) {
    guard let index = prepare(serial) else { return }
    let current = frames[index].kind
    if current == kind { return }
    guard current == .unused else {
      return fail("a value asked for two containers")
    }
    frames[index].kind = kind
    switch kind {
    case .object: bytes.append(UInt8(ascii: "{"))
    case .array: bytes.append(UInt8(ascii: "["))
    case .unused, .single: break
    }
  }

  /// Before a member's value: the comma and the converted, quoted name with its colon.
  func beginMember(_ name: String, in serial: Int) {
    guard let index = prepare(serial) else { return }
    let count = frames[index].count
    if count > 0 { bytes.append(UInt8(ascii: ",")) }
    let member = Member(start: bytes.count, nameEnd: writeName(name))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    if count > 0, frames[index].ordered,
      !bytes.withUnsafeBufferPointer({ members[members.count - 1].precedes(member, in: $0) })
    {
      frames[index].ordered = false
    }
    members.append(member)
    frames[index].count = count + 1
  }

  /// Before an item: the comma.
  func beginItem(in serial: Int) {
    guard let index = prepare(serial) else { return }
    if frames[index].count > 0 { bytes.append(UInt8(ascii: ",")) }
    frames[index].count += 1
  }

  /// Before a single value.
  func beginSingle(in serial: Int) {
    guard let index = prepare(serial) else { return }
    guard frames[index].count == 0 else { return fail("a single value was encoded twice") }
    frames[index].count = 1
  }

  /// The number of items in the array of frame `serial`.
  func itemCount(in serial: Int) -> Int {
    frames.last(where: { $0.serial == serial })?.count ?? 0
  }

  private func close(downTo depth: Int) {
    while frames.count > depth {
      let frame = frames.removeLast()
      switch frame.kind {
      case .object:
        if !frame.ordered { reorderMembers(from: frame.memberBase) }
        members.removeLast(members.count - frame.memberBase)
        bytes.append(UInt8(ascii: "}"))
      case .array:
        bytes.append(UInt8(ascii: "]"))
      case .single:
        if frame.count == 0 { fail("a single value container was left empty") }
      case .unused:
        // `JSONEncoder` writes a nested value that encodes nothing as an empty object and
        // refuses such a value at the top.
        if frames.isEmpty { fail("the value encoded nothing") }
        append("{}")
      }
    }
  }

  /// Rewrites the members of the innermost object (`members[base...]`) in key order; of
  /// members with the same name only the last is kept, as in `JSONEncoder`.
  private func reorderMembers(from base: Int) {
    let bodyStart = members[base].start
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: bytes[bodyStart...])
    // Member i spans from its name to the comma before member i + 1 (the last to the end).
    var spans = (base..<members.count).map { index in
      Member(
        start: members[index].start - bodyStart, nameEnd: members[index].nameEnd - bodyStart,
        end: index + 1 < members.count ? members[index + 1].start - 1 - bodyStart : scratch.count)
    }
    scratch.withUnsafeBufferPointer { buffer in
      // Insertion sort: stable, and objects are small.
      for index in spans.indices.dropFirst() {
        let member = spans[index]
        var slot = index
        while slot > 0, member.precedes(spans[slot - 1], in: buffer) {
          spans[slot] = spans[slot - 1]
          slot -= 1
        }
        spans[slot] = member
      }
      bytes.removeSubrange(bodyStart...)
      var written = 0
      for (index, member) in spans.enumerated() {
        if index + 1 < spans.count, !member.precedes(spans[index + 1], in: buffer) { continue }
        if written > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[member.start..<member.end]))
        written += 1
      }
    }
  }

  private func fail(_ reason: String) {
    if failure == nil {
      failure = .invalidValue(reason, .init(codingPath: [], debugDescription: reason))
    }
  }

  // MARK: - Names

  /// Writes `"` and the snake_case form of `name`; returns where the name ends. Plain
  /// lowerCamelCase ASCII (`docNumber`, `sha256`, `valueMax`) is converted as it is copied;
  /// anything else (acronyms, a capital first, non-ASCII, characters to escape) once per
  /// encoder, the way `JSONEncoder` converts it.
  private func writeName(_ name: String) -> Int {
    bytes.append(UInt8(ascii: "\""))
    let start = bytes.count
    var name = name
    let plain = name.withUTF8 { utf8 in
      var afterCapital = false
      for byte in utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
          bytes.append(byte)
          afterCapital = false
        case UInt8(ascii: "A")...UInt8(ascii: "Z") where bytes.count > start && !afterCapital:
          bytes.append(UInt8(ascii: "_"))
          bytes.append(byte + 32)
          afterCapital = true
        case UInt8(ascii: "0")...UInt8(ascii: "9") where !afterCapital,
          UInt8(ascii: "_") where !afterCapital:
          bytes.append(byte)
        default:
          return false
        }
      }
      return true
    }
    if !plain {
      bytes.removeSubrange(start...)
      bytes.append(contentsOf: convertedName(name))
    }
    return bytes.count
  }

  private func convertedName(_ name: String) -> [UInt8] {
    if let known = convertedNames[name] { return known }
    var quoted = JSONBytes(capacity: name.utf8.count * 2 + 8)
    defer { quoted.deallocate() }
    Self.appendString(DatasetCoding.snakeCase(name), to: &quoted)
    let converted = quoted.withUnsafeBufferPointer { Array($0.dropFirst().dropLast()) }
    convertedNames[name] = converted
    return converted
  }
}
