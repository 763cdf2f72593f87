/// The syntax tree of a `ScalarPattern`.
indirect enum PatternNode: Sendable {
  case empty
  case scalar(UInt32)
  case set(ScalarSet)
  case sequence([PatternNode])
  case alternation([PatternNode])
  /// A group; `capture` is its capture number (nil for `(?:…)`).
  case group(PatternNode, capture: Int?)
  case repetition(PatternNode, min: Int, max: Int?, greedy: Bool)
  case startAnchor
  case endAnchor
  case lookahead(PatternNode, negated: Bool)

  /// Whether the node can match without consuming a scalar (unbounded repetitions of such a
  /// node would loop forever, so the parser refuses them).
  var canBeEmpty: Bool {
    switch self {
    case .empty, .startAnchor, .endAnchor, .lookahead: true
    case .scalar, .set: false
    case .sequence(let nodes): nodes.allSatisfy(\.canBeEmpty)
    case .alternation(let nodes): nodes.contains(where: \.canBeEmpty)
    case .group(let node, _): node.canBeEmpty
    case .repetition(let node, let min, _, _): min == 0 || node.canBeEmpty
    }
  }
}

/// A mistake in a pattern's source (a programmer error: patterns are constants).
struct PatternSyntaxError: Error, CustomStringConvertible {
  /// The pattern.
  var source: String
  /// What is wrong, and where.
  var reason: String
  var description: String { "invalid pattern \(source): \(reason)" }
}

/// Parses the regular-expression subset planscope's patterns use: literals, `.`, `^`, `$`,
/// classes (`[…]`, `[^…]`, ranges, `\d`, `\s`, `\p{Han}`), groups (`(…)`, `(?:…)`,
/// `(?<name>…)`), lookaheads (`(?=…)`, `(?!…)`), alternation and greedy or lazy quantifiers
/// (`? * + {m} {m,} {m,n}`, each optionally followed by `?`).
struct ScalarPatternParser {
  private let source: [Unicode.Scalar]
  private let text: String
  private var index = 0
  /// Capture numbers by group name.
  private(set) var names: [String: Int] = [:]
  /// Number of captures, the whole match (0) included.
  private(set) var captureCount = 1

  /// Prepares to parse `source`.
  init(_ source: String) {
    self.text = source
    self.source = Array(source.unicodeScalars)
  }

  /// The pattern's syntax tree.
  /// - Throws: `PatternSyntaxError`.
  mutating func parse() throws -> PatternNode {
    let node = try alternation()
    guard index == source.count else { throw error("unexpected “\(source[index])”") }
    return node
  }

  private func error(_ reason: String) -> PatternSyntaxError {
    PatternSyntaxError(source: text, reason: "\(reason) at \(index)")
  }

  private var next: Unicode.Scalar? { index < source.count ? source[index] : nil }

  private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
    guard next == scalar else { return false }
    index += 1
    return true
  }

  private mutating func alternation() throws -> PatternNode {
    var branches = [try sequence()]
    while take("|") { branches.append(try sequence()) }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func sequence() throws -> PatternNode {
    var nodes: [PatternNode] = []
    while let scalar = next, scalar != "|", scalar != ")" {
      nodes.append(try quantified())
    }
    return nodes.count == 1 ? nodes[0] : nodes.isEmpty ? .empty : .sequence(nodes)
  }

  private mutating func quantified() throws -> PatternNode {
    let node = try atom()
    let bounds: (min: Int, max: Int?)
    switch next {
    case "?", "*", "+":
      bounds = next == "?" ? (0, 1) : next == "*" ? (0, nil) : (1, nil)
      index += 1
    case "{": bounds = try counted()
    default: return node
    }
    let greedy = !take("?")
    if bounds.max == nil, node.canBeEmpty { throw error("unbounded repetition of an empty match") }
    if let max = bounds.max, max < bounds.min { throw error("{m,n} with n < m") }
    return .repetition(node, min: bounds.min, max: bounds.max, greedy: greedy)
  }

  /// `{m}`, `{m,}` or `{m,n}`, consumed.
  private mutating func counted() throws -> (min: Int, max: Int?) {
    index += 1
    let min = try number()
    var max: Int? = min
    if take(",") { max = next == "}" ? nil : try number() }
    guard take("}") else { throw error("unclosed {") }
    return (min, max)
  }

  private mutating func number() throws -> Int {
    var value = 0
    var digits = 0
    while let scalar = next, scalar.value >= 0x30, scalar.value <= 0x39, digits < 4 {
      value = value * 10 + Int(scalar.value - 0x30)
      digits += 1
      index += 1
    }
    guard digits > 0 else { throw error("number expected") }
    return value
  }

  private mutating func atom() throws -> PatternNode {
    guard let scalar = next else { throw error("pattern ends early") }
    index += 1
    switch scalar {
    case "(": return try group()
    case "[": return .set(try bracket())
    case ".": return .set(.notNewline)
    case "^": return .startAnchor
    case "$": return .endAnchor
    case "\\": return try escape(inClass: false)
    case "*", "+", "?", "{", ")": throw error("nothing to repeat or unbalanced “\(scalar)”")
    default: return .scalar(scalar.value)
    }
  }

  private mutating func group() throws -> PatternNode {
    var capture: Int?
    var lookahead: Bool?
    if take("?") {
      if take(":") {
      } else if take("=") {
        lookahead = false
      } else if take("!") {
        lookahead = true
      } else if take("<") {
        var name = ""
        while let scalar = next, scalar != ">" {
          name.unicodeScalars.append(scalar)
          index += 1
        }
        guard take(">"), !name.isEmpty, names[name] == nil else { throw error("bad group name") }
        capture = captureCount
        names[name] = captureCount
        captureCount += 1
      } else {
        throw error("unsupported group")
      }
    } else {
      capture = captureCount
      captureCount += 1
    }
    let body = try alternation()
    guard take(")") else { throw error("unclosed (") }
    if let negated = lookahead { return .lookahead(body, negated: negated) }
    return .group(body, capture: capture)
  }

  private mutating func bracket() throws -> ScalarSet {
    var set = ScalarSet()
    set.negated = take("^")
    var first = true
    while let scalar = next, scalar != "]" || first {
      first = false
      index += 1
      var lower: UInt32
      if scalar == "\\" {
        switch try escape(inClass: true) {
        case .scalar(let value): lower = value
        case .set(let escaped):
          set.formUnion(escaped)
          continue
        default: throw error("bad escape in class")
        }
      } else {
        lower = scalar.value
      }
      if next == "-", index + 1 < source.count, source[index + 1] != "]" {
        index += 1
        guard let upperScalar = next else { throw error("unclosed [") }
        index += 1
        var upper = upperScalar.value
        if upperScalar == "\\", case .scalar(let value) = try escape(inClass: true) {
          upper = value
        }
        guard lower <= upper else { throw error("reversed range") }
        set.insert(lower...upper)
      } else {
        set.insert(lower...lower)
      }
    }
    guard take("]") else { throw error("unclosed [") }
    return set
  }

  /// After a backslash: `\d`, `\s`, `\p{Han}`, `\n`, `\t`, or an escaped punctuation mark.
  private mutating func escape(inClass: Bool) throws -> PatternNode {
    guard let scalar = next else { throw error("pattern ends after \\") }
    index += 1
    switch scalar {
    case "d":
      var set = ScalarSet()
      set.digits = true
      return .set(set)
    case "s":
      var set = ScalarSet()
      set.spaces = true
      return .set(set)
    case "p":
      var name = ""
      guard take("{") else { throw error("\\p needs {…}") }
      while let part = next, part != "}" {
        name.unicodeScalars.append(part)
        index += 1
      }
      guard take("}"), name == "Han" else { throw error("only \\p{Han} is supported") }
      return .set(.han)
    case "n": return .scalar(0x0A)
    case "t": return .scalar(0x09)
    default:
      guard !scalar.properties.isAlphabetic, !(scalar.value >= 0x30 && scalar.value <= 0x39)
      else { throw error("unsupported escape \\\(scalar)") }
      return .scalar(scalar.value)
    }
  }
}
