/**
 * Errors of the file codec.
 * @module
 */

/** Where a parse error happened. */
export interface ParseErrorLocation {
  /** Byte offset in the input (in the inflated stream for deflated data sets). */
  offset: number;
  /** Tag path such as `(0040,0275)[0].(0008,0100)`; empty before the first element. */
  tagPath?: string;
  /** The file being read, when known. */
  fileName?: string;
}

/**
 * The bytes are not a valid DICOM data set (or Part 10 file): truncated, a wrong length, a bad VR,
 * a malformed sequence. Carries the byte offset and the tag path.
 * @example
 * ```ts
 * import { DicomParseError } from "./errors.ts";
 * const e = new DicomParseError("Value length 100 exceeds remaining 20 bytes", { offset: 132 });
 * e.message; // "Value length 100 exceeds remaining 20 bytes at offset 132"
 * ```
 */
export class DicomParseError extends SyntaxError {
  /** Byte offset of the problem. */
  readonly offset: number;
  /** Tag path of the element being read. */
  readonly tagPath: string;
  /** The file, when known. */
  readonly fileName: string | undefined;
  /** The message without location. */
  readonly detail: string;
  /** Creates it from its parts. */
  constructor(detail: string, location: ParseErrorLocation) {
    const where = [
      location.fileName ? `in ${location.fileName}` : "",
      location.tagPath ? `at ${location.tagPath}` : "",
      `at offset ${location.offset}`,
    ].filter((s) => s).join(" ");
    super(`${detail} ${where}`);
    this.name = "DicomParseError";
    this.detail = detail;
    this.offset = location.offset;
    this.tagPath = location.tagPath ?? "";
    this.fileName = location.fileName;
  }
}

/**
 * A configured limit was exceeded (nesting depth, inflated size).
 * @example
 * ```ts
 * import { DicomLimitError } from "./errors.ts";
 * new DicomLimitError("Sequence nesting exceeds 64 levels", "maxDepth", 64).limit; // 64
 * ```
 */
export class DicomLimitError extends RangeError {
  /** The option that sets the limit. */
  readonly option: string;
  /** The limit. */
  readonly limit: number;
  /** Byte offset where it was hit, when known. */
  offset: number | undefined;
  /** Tag path where it was hit, when known. */
  tagPath: string | undefined;
  /** Creates it from its parts. */
  constructor(message: string, option: string, limit: number) {
    super(message);
    this.name = "DicomLimitError";
    this.option = option;
    this.limit = limit;
  }
}

/**
 * A data set cannot be written as asked (strict mode refuses what the standard forbids).
 * @example
 * ```ts
 * import { DicomWriteError } from "./errors.ts";
 * new DicomWriteError("Odd value length 3", "(0010,0010)").tagPath; // "(0010,0010)"
 * ```
 */
export class DicomWriteError extends TypeError {
  /** Tag path of the element. */
  readonly tagPath: string;
  /** Creates it from its parts. */
  constructor(detail: string, tagPath = "") {
    super(tagPath ? `${detail} at ${tagPath}` : detail);
    this.name = "DicomWriteError";
    this.tagPath = tagPath;
  }
}
