/// `metadata.yml` beside `dataset.sqlite`, for `datasette dataset.sqlite -m metadata.yml`:
/// table labels and descriptions, the facets a researcher filters by, the full-text index of
/// `document_texts`, and the shipped search query with its snippet (`searchQuery`, which also
/// finds words under three characters).
///
/// It describes the layout, not the data, so it is the same for every run; a test checks that
/// it names every table and view of the database.
public enum DatasetteMetadata {
  /// The file's text.
  public static let text: String = {
    var lines = [
      "# Written by planscope for Datasette (datasette dataset.sqlite -m metadata.yml).",
      "# Restart Datasette after a run: it keeps the previous generation's file open.",
      "title: \(quoted("planscope policy plans"))",
      "description: \(quoted(description))",
      "databases:",
      "  dataset:",
      "    tables:",
    ]
    for table in tables {
      lines.append("      \(table.name):")
      lines.append("        description: \(quoted(table.description))")
      if let label = table.label { lines.append("        label_column: \(label)") }
      if !table.facets.isEmpty {
        lines.append("        facets:")
        lines += table.facets.map { "        - \($0)" }
      }
      if table.name == "document_texts" {
        lines.append("        fts_table: document_texts_fts")
        lines.append("        fts_pk: rowid")
      }
    }
    lines += [
      "    queries:",
      "      search:",
      "        title: \(quoted("Search the plans (either script, any length)"))",
      "        description: \(quoted(searchDescription))",
      "        sql: |-",
    ]
    lines += DatasetSQLiteWriter.searchQuery.split(separator: "\n").map { "          " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }()

  private static let description =
    "Targets, responsibilities and deadlines extracted from policy plans. Facts link to their "
    + "plan through document_key; quotes and spans point into document_texts."

  private static let searchDescription =
    "Finds a word in the plans' Simplified text and in their original script. The table "
    + "search box uses the trigram index, which needs three characters or more; this query "
    + "falls back to instr() for one or two (农膜, 秸秆)."

  /// What metadata.yml says about each table: description, label column, facets.
  private static let tables:
    [(name: String, description: String, label: String?, facets: [String])] = [
      ("documents", "One row per plan: metadata and fact counts.", "title",
       ["jurisdiction", "format", "script", "period_end"]),
      ("issuers", "Issuing bodies of each plan, in order.", nil, ["name"]),
      ("tasks", "Numbered headings and items of each plan.", "title", []),
      ("responsibilities", "Departments named for a task, with their role and function.",
       "department", ["function", "role", "jurisdiction"]),
      ("targets",
       "Quantified targets. signed_value is negative for a decrease; normalized_value is "
         + "signed_value in normalized_unit (万吨 as 吨, 亿元 as 元).",
       "indicator", ["indicator_family", "jurisdiction", "normalized_unit", "change"]),
      ("deadlines", "Time limits and frames of each task.", "text", ["kind", "jurisdiction"]),
      ("warnings", "What planscope could not read cleanly.", nil, ["code"]),
      ("document_texts",
       "Each plan's normalized text, and its original script when that differs "
         + "(search needs three characters or more: see the search query).", nil, []),
      ("targets_by_family", "Targets per indicator family and jurisdiction (copies excluded).",
       nil, ["indicator_family", "jurisdiction"]),
      ("who_leads_what", "Lead departments per function across plans (copies excluded).", nil,
       ["function"]),
    ]

  /// A YAML double-quoted scalar (JSON string syntax, which YAML reads the same way).
  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
