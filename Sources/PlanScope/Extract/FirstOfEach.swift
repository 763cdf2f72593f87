extension Array {
  /// The elements whose key no earlier element had, in order.
  ///
  /// Keys are compared as UTF-8 bytes: hashing a `String` that is not ASCII normalizes it to
  /// NFC first, which made the `Set<String>` the extractors de-duplicated with cost more than
  /// the comparisons. Extracted text is normalized once, upstream, so equal names are equal
  /// bytes.
  func firstOfEach(key: (Element) -> String) -> [Element] {
    var seen = Set<[UInt8]>()
    return filter { seen.insert([UInt8](key($0).utf8)).inserted }
  }
}
