/// The one order of documents in every output: by path, comparing UTF-8 bytes.
public enum DocumentOrder {
  /// Whether path `a` sorts strictly before path `b`.
  public static func precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
