/// Closed tables of the characters that write numbers: Arabic and full-width digits,
/// Chinese digits (小写 and 大写), small units (十百千) and large units (万亿兆).
///
/// These are grammar, not vocabulary: nobody adds a digit, so they are an enum, not a lexicon.
enum NumeralTable {
  /// `0`…`9` and full-width `０`…`９`.
  static func arabicDigit(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar.value {
    case 0x30...0x39: Int(scalar.value - 0x30)
    case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
    default: nil
    }
  }

  /// Chinese digits: 〇○零一二两三…九, 大写 壹贰叁…玖, and their Traditional forms.
  static func chineseDigit(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar {
    case "零", "〇", "○": 0
    case "一", "壹", "幺": 1
    case "二", "两", "兩", "倆", "贰", "貳", "弍": 2
    case "三", "叁", "參", "弎": 3
    case "四", "肆": 4
    case "五", "伍": 5
    case "六", "陆", "陸": 6
    case "七", "柒": 7
    case "八", "捌": 8
    case "九", "玖": 9
    default: nil
    }
  }

  /// 大写 (financial) numerals: 壹贰叁肆伍陆柒捌玖拾佰仟, which also write words (登陆, 收拾).
  static func isFinancialForm(_ scalar: Unicode.Scalar) -> Bool {
    financialForms.contains(scalar)
  }

  private static let financialForms = ScalarBitmap("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟".unicodeScalars)

  /// 两/兩/倆 count things (两百, 两千) but never stand in a digit-by-digit string (二〇二五).
  static func isCountingTwo(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "两" || scalar == "兩" || scalar == "倆"
  }

  /// 十/拾 (10), 百/佰 (100), 千/仟 (1000).
  static func smallUnit(_ scalar: Unicode.Scalar) -> Double? {
    switch scalar {
    case "十", "拾": 10
    case "百", "佰": 100
    case "千", "仟": 1000
    default: nil
    }
  }

  /// 廿 (20) and 卅 (30): a digit and 十 in one character.
  static func tens(_ scalar: Unicode.Scalar) -> Double? {
    switch scalar {
    case "廿": 20
    case "卅": 30
    default: nil
    }
  }

  /// 万/萬 (10⁴), 亿/億 (10⁸), 兆 (10¹²).
  static func largeUnit(_ scalar: Unicode.Scalar) -> Double? {
    switch scalar {
    case "万", "萬": 1e4
    case "亿", "億": 1e8
    case "兆": 1e12
    default: nil
    }
  }

  /// 点/點: the Chinese decimal point (十四点五).
  static func isChineseDecimalPoint(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "点" || scalar == "點"
  }

  /// `.` and full-width `．` between Arabic digits.
  static func isArabicDecimalPoint(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "." || scalar == "．"
  }

  /// `,` and full-width `，` between groups of three Arabic digits (1,200.5), and the space of
  /// Hong Kong copies (77 100, 20 000).
  static func isThousandsSeparator(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "," || scalar == "，" || scalar == " " || scalar == "\u{00A0}" || scalar == "\u{2009}"
  }

  /// 多/余/餘/几/幾 after a number: “more than” (500多家, 十余万).
  static func isMoreMarker(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "多" || scalar == "余" || scalar == "餘" || scalar == "几" || scalar == "幾"
  }

  /// Whether a Chinese number can start at this scalar (a digit, 十, 廿, 卅).
  static func startsChineseNumber(_ scalar: Unicode.Scalar) -> Bool {
    chineseDigit(scalar) != nil || tens(scalar) != nil || scalar == "十" || scalar == "拾"
  }
}
