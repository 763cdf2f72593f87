import Foundation

/// How numbers and targets read in reports: `≥85%`, `5–10个`, `−14.5%（较2020年）`, `0.04万吨`.
enum TargetFormatting {
  /// A number without trailing zeros: 85, 14.5, 0.04.
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// A target's value as a reader expects it.
  static func value(_ target: Target) -> String {
    let sign: String
    switch target.change {
    case .decrease: sign = "−"
    case .increase: sign = "+"
    case .maintain: sign = "稳定"
    case .level: sign = ""
    }
    var amount: String
    switch target.comparator {
    case .range:
      amount = number(target.value) + "–" + (target.valueMax.map(number) ?? "") + target.unit
    case .atLeast: amount = "≥" + sign + number(target.value) + target.unit
    case .greaterThan: amount = ">" + sign + number(target.value) + target.unit
    case .atMost: amount = "≤" + sign + number(target.value) + target.unit
    case .lessThan: amount = "<" + sign + number(target.value) + target.unit
    case .approximately: amount = "约" + sign + number(target.value) + target.unit
    case .equal: amount = sign + number(target.value) + target.unit
    }
    if target.comparator == .range, !sign.isEmpty { amount = sign + amount }
    if let baseline = target.baselineYear { amount += "（较\(baseline)年）" }
    return amount
  }
}
