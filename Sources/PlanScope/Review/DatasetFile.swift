import Foundation

/// Reads a `dataset.json` written by planscope (a file, or an output folder holding one).
public enum DatasetFile {
  /// Why a dataset could not be read.
  public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Missing or unreadable.
    case unreadable(path: String)
    /// Not a `policy-dataset/1` JSON document.
    case malformed(path: String, reason: String)

    /// A one-line reason.
    public var description: String {
      switch self {
      case .unreadable(let path): "\(path): cannot read dataset"
      case .malformed(let path, let reason): "\(path): not a planscope dataset: \(reason)"
      }
    }
  }

  /// Loads a dataset from `path` (a `dataset.json` or a folder containing one).
  /// - Throws: `ReadError`.
  public static func load(_ path: String) throws -> Dataset {
    var url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      url = url.appendingPathComponent("dataset.json")
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ReadError.unreadable(path: url.path)
    }
    do {
      let dataset = try DatasetCoding.decoder().decode(Dataset.self, from: data)
      guard dataset.schema == Dataset.schemaID else {
        throw ReadError.malformed(path: url.path, reason: "schema \(dataset.schema)")
      }
      return dataset
    } catch let error as ReadError {
      throw error
    } catch {
      throw ReadError.malformed(path: url.path, reason: String(describing: error))
    }
  }
}
