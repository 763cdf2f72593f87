import CPoppler

/// One character of a PDF page with its box, in points from the page's top-left corner.
struct PdfGlyph: Sendable, Hashable {
  var scalar: Unicode.Scalar
  var x0: Double
  var y0: Double
  var x1: Double
  var y1: Double
}

/// A page's size and characters.
struct PdfPage: Sendable {
  var width: Double
  var height: Double
  var glyphs: [PdfGlyph]
}

/// Reads the characters of every page of a PDF through poppler's GLib binding.
///
/// The only file that imports `CPoppler`; no poppler or GLib pointer leaves it. poppler reads
/// the bytes in memory and runs nothing (no JavaScript, no network).
enum PdfPages {
  /// Why a PDF could not be opened.
  enum Failure: Error, Sendable, Hashable {
    /// poppler could not open it (damaged, not a PDF, or needs a password), with its message.
    case unreadable(String)
  }

  /// The pages of the PDF in `bytes`.
  static func read(_ bytes: [UInt8]) throws(Failure) -> [PdfPage] {
    var error: UnsafeMutablePointer<GError>?
    let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
    defer { g_bytes_unref(data) }
    guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
      let message = error.map { String(cString: $0.pointee.message) } ?? "not a PDF"
      if let error { g_error_free(error) }
      throw .unreadable(message)
    }
    defer { g_object_unref(UnsafeMutableRawPointer(document)) }
    var pages: [PdfPage] = []
    for index in 0..<poppler_document_get_n_pages(document) {
      guard let page = poppler_document_get_page(document, index) else { continue }
      defer { g_object_unref(UnsafeMutableRawPointer(page)) }
      var width = 0.0
      var height = 0.0
      poppler_page_get_size(page, &width, &height)
      pages.append(PdfPage(width: width, height: height, glyphs: glyphs(of: page)))
    }
    return pages
  }

  /// The characters of `page` with their boxes: the text's n-th character has the n-th box.
  private static func glyphs(of page: OpaquePointer) -> [PdfGlyph] {
    guard let text = poppler_page_get_text(page) else { return [] }
    defer { g_free(text) }
    var boxes: UnsafeMutablePointer<PopplerRectangle>?
    var count: guint = 0
    guard poppler_page_get_text_layout(page, &boxes, &count) != 0, let boxes else { return [] }
    defer { g_free(boxes) }
    var glyphs: [PdfGlyph] = []
    for (offset, scalar) in String(cString: text).unicodeScalars.enumerated()
    where offset < Int(count) {
      let box = boxes[offset]
      glyphs.append(PdfGlyph(scalar: scalar, x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2))
    }
    return glyphs
  }
}
