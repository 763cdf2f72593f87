/// A dictionary trie over Unicode scalars: which listed words start at a position of a text.
///
/// Lexicon lookups on the hot path (cue words, place names, prefixes) walk this trie over the
/// scalar buffer instead of building a `String` per candidate length and hashing it. Nodes
/// live in flat arrays; the root's children are a direct table over the Basic Multilingual
/// Plane, so the common case (no word starts here) costs one array read.
struct ScalarTrie: Sendable, Hashable {
  /// Child edges of each node, sorted by scalar: `edgeStart[n]..<edgeStart[n + 1]`.
  private var edgeStart: [Int32] = []
  private var edgeScalar: [UInt32] = []
  private var edgeTarget: [Int32] = []
  /// Indices (into the word list) of the words ending at each node, in list order.
  private var wordsAt: [[Int32]] = []
  /// The root's child for each BMP scalar (0: none; the root itself is node 0).
  private var rootChild: [Int32] = []

  /// Builds the trie of `words`; a word's value is its index in the list (duplicates keep all).
  init(_ words: [[Unicode.Scalar]]) {
    // Build with dictionaries, then lay out breadth-first in flat arrays.
    var children: [[UInt32: Int]] = [[:]]
    var ends: [[Int32]] = [[]]
    for (index, word) in words.enumerated() {
      var node = 0
      for scalar in word {
        if let next = children[node][scalar.value] {
          node = next
        } else {
          children.append([:])
          ends.append([])
          children[node][scalar.value] = children.count - 1
          node = children.count - 1
        }
      }
      ends[node].append(Int32(index))
    }
    var order = [0]
    var position = [0: 0]
    var cursor = 0
    while cursor < order.count {
      for (_, child) in children[order[cursor]].sorted(by: { $0.key < $1.key }) {
        position[child] = order.count
        order.append(child)
      }
      cursor += 1
    }
    rootChild = [Int32](repeating: 0, count: 0x10000)
    for old in order {
      edgeStart.append(Int32(edgeScalar.count))
      wordsAt.append(ends[old])
      for (scalar, child) in children[old].sorted(by: { $0.key < $1.key }) {
        let target = Int32(position[child] ?? 0)
        edgeScalar.append(scalar)
        edgeTarget.append(target)
        if old == 0, scalar < 0x10000 { rootChild[Int(scalar)] = target }
      }
    }
    edgeStart.append(Int32(edgeScalar.count))
  }

  /// Builds the trie of strings.
  init(_ words: [String]) { self.init(words.map { Array($0.unicodeScalars) }) }

  /// Calls `body(length, wordIndex)` for each word that starts at `start` of `text` and ends
  /// by `end`, shortest first; stops when `body` returns false.
  @inline(__always)
  func forEachWord<C: Collection>(
    in text: C, from start: C.Index, to end: C.Index? = nil,
    _ body: (_ length: Int, _ word: Int) -> Bool
  ) where C.Element == Unicode.Scalar {
    let limit = end ?? text.endIndex
    var node: Int32 = 0
    var index = start
    var length = 0
    while index < limit {
      node = child(of: node, text[index].value)
      if node == 0 { return }
      length += 1
      index = text.index(after: index)
      for word in wordsAt[Int(node)] where !body(length, Int(word)) { return }
    }
  }

  /// The longest word starting at `start`: its length and index.
  func longestWord<C: Collection>(in text: C, from start: C.Index, to end: C.Index? = nil)
    -> (length: Int, word: Int)? where C.Element == Unicode.Scalar
  {
    var best: (Int, Int)?
    forEachWord(in: text, from: start, to: end) { length, word in
      if best?.0 != length { best = (length, word) }
      return true
    }
    return best
  }

  @inline(__always)
  private func child(of node: Int32, _ scalar: UInt32) -> Int32 {
    if node == 0, scalar < 0x10000 { return rootChild[Int(scalar)] }
    var low = Int(edgeStart[Int(node)])
    var high = Int(edgeStart[Int(node) + 1])
    while low < high {
      let middle = (low + high) / 2
      let value = edgeScalar[middle]
      if value == scalar { return edgeTarget[middle] }
      if value < scalar { low = middle + 1 } else { high = middle }
    }
    return 0
  }

}
