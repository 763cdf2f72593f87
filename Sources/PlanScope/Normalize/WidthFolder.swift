/// Folds width and look-alike variants for matching, one scalar for one scalar.
///
/// `１２．５％` → `12.5%`, `（一）` → `(一)`, U+3000 → space, `巿` (U+5DFF) → `市`, `1﹒` → `1.`.
/// The folded text is internal: extractors match on it and quote the unfolded text at the
/// same offsets.
public struct WidthFolder: Sendable {
  /// Creates a folder.
  public init() {}

  /// Folds one scalar.
  @inline(__always)
  public func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let value = scalar.value
    if value >= 0xFF01 && value <= 0xFF5E {
      return Unicode.Scalar(value - 0xFEE0) ?? scalar
    }
    switch value {
    case 0x3000: return " "
    case 0x5DFF: return "市"
    case 0xFE6A: return "%"
    // Small form variants: `1﹒` (U+FE52) numbers an item like `1．`, `﹑` is 、, `﹐` is ,.
    case 0xFE52: return "."
    case 0xFE51: return "、"
    case 0xFE50: return ","
    default: return scalar
    }
  }

  /// Folds every scalar.
  public func fold(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    scalars.map(fold)
  }
}
