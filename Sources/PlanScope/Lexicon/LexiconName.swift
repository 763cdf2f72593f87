/// Every lexicon planscope ships, named `<what>_<granularity>.tsv` in `Resources/Lexicons`.
public enum LexiconName: String, CaseIterable, Sendable {
  /// OpenCC TSPhrases: Traditional phrase → Simplified phrase (same length).
  case t2sPhrases = "t2s_phrases"
  /// OpenCC TSCharacters: Traditional character → Simplified character.
  case t2sCharacters = "t2s_characters"
  /// OpenCC STCharacters: Simplified character → Traditional alternatives (script detection).
  case s2tCharacters = "s2t_characters"

  /// Plan-type words a title ends with (方案, 措施, 规划).
  case planTypes = "plan_types"
  /// Province- and prefecture-level places: name, official name, level.
  case placesChina = "places_china"
  /// Metadata cue words and their kind: headline verbs, media words, draft markers (`送审稿	draft`).
  case metadataCues = "metadata_cues"
  /// Labels of a portal's page header and the field each gives (`发文字号	doc_number`).
  case portalFields = "portal_fields"
  /// Document-number prefixes and the jurisdiction they name (`渝	重庆市`).
  case placeAbbreviations = "place_abbreviations"
  /// Suffixes of department names: body (局, 厅) or generic (部门, 单位).
  case departmentSuffixes = "department_suffixes"
  /// Department abbreviations and their full forms (发展改革委 → 发展和改革委员会).
  case departmentAbbreviations = "department_abbreviations"
  /// Department name stems and the function they serve (发展改革 → development_reform).
  case departmentFunctions = "department_functions"
  /// Words that decide how a department name is read in a list: independent and generic
  /// openings, zone and branch suffixes (`各	generic_start`, `分局	branch_suffix`).
  case departmentNameWords = "department_name_words"
  /// Phrases marking a department's role (牵头 → lead, 配合 → support).
  case roleWords = "role_words"
  /// Units after a number, with their dimension: `万吨	mass`, `%	ratio`, `个	count`.
  case unitsQuantity = "units_quantity"

  /// Words around a target's number: change verbs, stripped verbs and subjects, past cues.
  case targetCues = "target_cues"

  /// Indicators and the family they are compared in (废旧农膜回收率 → 农膜回收率).
  case indicatorFamilies = "indicator_families"
  /// Chinese labels of department function slugs (development_reform → 发展改革).
  case functionLabels = "function_labels"

  /// The file name.
  public var fileName: String { rawValue + ".tsv" }
}
