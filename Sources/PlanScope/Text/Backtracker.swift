/// Runs a `PatternProgram` at one position of a scalar buffer, backtracking through an
/// explicit stack (no recursion except for lookaheads, so long inputs cannot overflow it).
struct Backtracker {
  private let program: PatternProgram
  private let text: UnsafeBufferPointer<Unicode.Scalar>
  private let bounds: Range<Int>
  /// Capture bounds after a successful `run`: two per group, -1 when unset.
  private(set) var slots: [Int]
  private var stack: [Frame] = []

  /// A choice to come back to (`slot < 0`), or a capture value to restore.
  private struct Frame {
    var pc: Int
    var position: Int
    var slot: Int
  }

  /// Prepares to match `program` in `text[bounds]` (`^` and `$` refer to the bounds).
  init(program: PatternProgram, text: UnsafeBufferPointer<Unicode.Scalar>, bounds: Range<Int>) {
    self.program = program
    self.text = text
    self.bounds = bounds
    slots = [Int](repeating: -1, count: program.slotCount)
    stack.reserveCapacity(64)
  }

  /// Whether program `index` matches at `start` (ending at the upper bound when `toEnd`).
  mutating func run(_ index: Int, at start: Int, toEnd: Bool) -> Bool {
    for slot in slots.indices { slots[slot] = -1 }
    stack.removeAll(keepingCapacity: true)
    let upper = bounds.upperBound
    let program = program.programs[index]
    let classes = self.program.sets
    return program.withUnsafeBufferPointer { ops in
      classes.withUnsafeBufferPointer { sets in
        var pc = 0
        var position = start
        while true {
          var advanced = true
          switch ops[pc] {
          case .scalar(let value):
            if position < upper, text[position].value == value {
              position += 1
              pc += 1
            } else {
              advanced = false
            }
          case .set(let set):
            if position < upper, sets[set].contains(text[position].value) {
              position += 1
              pc += 1
            } else {
              advanced = false
            }
          case .split(let first, let second):
            stack.append(Frame(pc: second, position: position, slot: -1))
            pc = first
          case .jump(let target):
            pc = target
          case .save(let slot):
            stack.append(Frame(pc: 0, position: slots[slot], slot: slot))
            slots[slot] = position
            pc += 1
          case .start:
            if position == bounds.lowerBound { pc += 1 } else { advanced = false }
          case .end:
            if position == upper { pc += 1 } else { advanced = false }
          case .look(let sub, let negated):
            var inner = Backtracker(program: self.program, text: text, bounds: bounds)
            if inner.run(sub, at: position, toEnd: false) != negated {
              pc += 1
            } else {
              advanced = false
            }
          case .match:
            if !toEnd || position == upper { return true }
            advanced = false
          }
          if advanced { continue }
          var resumed = false
          while let frame = stack.popLast() {
            if frame.slot >= 0 {
              slots[frame.slot] = frame.position
            } else {
              pc = frame.pc
              position = frame.position
              resumed = true
              break
            }
          }
          if !resumed { return false }
        }
      }
    }
  }
}
