/**
 * Errors of the data set model.
 * @module
 */

/**
 * A value does not fit its VR or the model (wrong type, invalid keyword, unknown tag).
 * @example
 * ```ts
 * import { DicomValueError } from "./errors.ts";
 * const error = new DicomValueError("Cannot set PatientName: expected a string", "(0010,0010)");
 * error.tagPath; // "(0010,0010)"
 * ```
 */
export class DicomValueError extends TypeError {
  /** Where in the data set, e.g. `(0040,0275)[0].(0008,0100)`. */
  readonly tagPath: string;
  /** Creates it from its parts. */
  constructor(message: string, tagPath = "") {
    super(message);
    this.name = "DicomValueError";
    this.tagPath = tagPath;
  }
}
