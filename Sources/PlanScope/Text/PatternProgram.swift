/// One instruction of a compiled `ScalarPattern`.
enum PatternOp: Sendable {
  /// Consume this scalar value.
  case scalar(UInt32)
  /// Consume a scalar of `sets[i]`.
  case set(Int)
  /// Try the first address; on failure, the second.
  case split(Int, Int)
  case jump(Int)
  /// Record the position in capture slot `i`.
  case save(Int)
  /// Succeed only at the start / end of the searched range.
  case start
  case end
  /// Run lookahead program `i` here without consuming; `negated` inverts it.
  case look(Int, negated: Bool)
  case match
}

/// A pattern compiled to instructions for a backtracking matcher over scalar buffers.
///
/// Backtracking in priority order (alternatives left to right, greedy quantifiers longest
/// first, lazy ones shortest first) gives the same leftmost-first matches as Swift `Regex`.
struct PatternProgram: Sendable {
  /// Program 0 is the pattern; the others are its lookaheads.
  private(set) var programs: [[PatternOp]] = []
  /// The classes the `set` instructions refer to.
  private(set) var sets: [ScalarSet] = []
  /// Capture slots: two per group, the whole match first.
  let slotCount: Int

  /// Compiles a syntax tree with `captureCount` groups (the whole match included).
  init(_ node: PatternNode, captureCount: Int) {
    slotCount = captureCount * 2
    programs.append([])
    var main: [PatternOp] = [.save(0)]
    emit(node, into: &main)
    main += [.save(1), .match]
    programs[0] = main
  }

  private mutating func emit(_ node: PatternNode, into ops: inout [PatternOp]) {
    switch node {
    case .empty: break
    case .scalar(let value): ops.append(.scalar(value))
    case .set(let set):
      if let index = sets.firstIndex(of: set) {
        ops.append(.set(index))
      } else {
        ops.append(.set(sets.count))
        sets.append(set)
      }
    case .sequence(let nodes):
      for child in nodes { emit(child, into: &ops) }
    case .alternation(let branches):
      var exits: [Int] = []
      for branch in branches.dropLast() {
        let split = ops.count
        ops.append(.match)  // patched below
        emit(branch, into: &ops)
        exits.append(ops.count)
        ops.append(.match)  // patched below
        ops[split] = .split(split + 1, ops.count)
      }
      if let last = branches.last { emit(last, into: &ops) }
      for exit in exits { ops[exit] = .jump(ops.count) }
    case .group(let child, let capture):
      if let capture { ops.append(.save(2 * capture)) }
      emit(child, into: &ops)
      if let capture { ops.append(.save(2 * capture + 1)) }
    case .repetition(let child, let min, let max, let greedy):
      for _ in 0..<min { emit(child, into: &ops) }
      if let max {
        // Nested optionals: once one copy is skipped, the rest are too.
        var splits: [Int] = []
        for _ in min..<max {
          splits.append(ops.count)
          ops.append(.match)  // patched below
          emit(child, into: &ops)
        }
        for split in splits {
          ops[split] = greedy ? .split(split + 1, ops.count) : .split(ops.count, split + 1)
        }
      } else {
        let loop = ops.count
        ops.append(.match)  // patched below
        emit(child, into: &ops)
        ops.append(.jump(loop))
        ops[loop] = greedy ? .split(loop + 1, ops.count) : .split(ops.count, loop + 1)
      }
    case .startAnchor: ops.append(.start)
    case .endAnchor: ops.append(.end)
    case .lookahead(let child, let negated):
      var sub: [PatternOp] = []
      emit(child, into: &sub)
      sub.append(.match)
      ops.append(.look(programs.count, negated: negated))
      programs.append(sub)
    }
  }

  /// The scalars a match can start with, or nil when it may start with anything (or be empty).
  func firstScalars() -> ScalarSet? {
    var union = ScalarSet()
    var seen = Set<Int>()
    var pending = [0]
    let ops = programs[0]
    while let pc = pending.popLast() {
      guard seen.insert(pc).inserted else { continue }
      switch ops[pc] {
      case .scalar(let value): union.insert(value...value)
      case .set(let index):
        if sets[index].negated { return nil }
        union.formUnion(sets[index])
      case .split(let first, let second): pending += [first, second]
      case .jump(let target): pending.append(target)
      case .save, .look: pending.append(pc + 1)
      case .start, .end, .match: return nil
      }
    }
    return union
  }

  /// Whether every match must start at the start of the searched range (`^…`).
  var isAnchoredAtStart: Bool {
    for op in programs[0] {
      switch op {
      case .save: continue
      case .start: return true
      default: return false
      }
    }
    return false
  }
}
