/// The named rules that make a target (`rule` in the dataset), one per way the indicator is
/// found. `planscope extract --explain` lists them with the facts they produced.
public enum TargetRule: String, Sendable, CaseIterable {
  /// A row of an indicator table (`森林覆盖率（%）<TAB>36.5`): the row names the indicator.
  case indicatorTable = "target.indicator_table"
  /// A verb governs the number (`森林覆盖率达到36.5%`, `地区生产总值增长6%`).
  case governingVerb = "target.governing_verb"
  /// The counted thing follows the number (`新建30家社区食堂`, `引进3600名高层次人才`).
  case countedNoun = "target.counted_noun"
  /// Several numbers for listed items (`A、B分别下降5%、6%`): one target per item.
  case listed = "target.listed"
  /// One target per place (`甲、乙市各完成1个`).
  case perPlace = "target.per_place"
  /// A clause that names only its scope or nothing (`城市…95%、县城达到90%`): the indicator of
  /// the target before it.
  case elided = "target.elided"
  /// The words before the number with no verb read as the indicator (`粮食产量260亿斤`).
  case clause = "target.clause"
}
