/**
 * The error the Specific Character Set layer throws when text cannot be encoded, or (with
 * `lenient: false`) decoded, with the declared character sets.
 * @module
 */

/** What {@linkcode CharacterSetError} carries besides its message. */
export interface CharacterSetErrorDetails {
  /** The (0008,0005) value the text was decoded or encoded with, as written: `\ISO 2022 IR 87`. */
  readonly charset: string;
  /** The character that could not be encoded, when the error is about one. */
  readonly character?: string;
  /** The byte offset in the value where decoding failed, when the error is about bytes. */
  readonly offset?: number;
}

/**
 * Text that the declared Specific Character Set (0008,0005) cannot represent: a character none
 * of its character sets has (encoding), an unknown defined term, an unknown or undeclared
 * escape sequence, or bytes that are not valid in the active character set (strict decoding).
 * @example
 * ```ts
 * import { CharacterSetError } from "./character_set_error.ts";
 * const error = new CharacterSetError("Cannot encode U+00E9 'é': not in ISO_IR 6", {
 *   charset: "ISO_IR 6",
 *   character: "é",
 * });
 * error instanceof RangeError; // true
 * ```
 */
export class CharacterSetError extends RangeError {
  /** The (0008,0005) value the text was decoded or encoded with, as written. */
  readonly charset: string;
  /** The character that could not be encoded, if the error is about one. */
  readonly character: string | undefined;
  /** The byte offset where decoding failed, if the error is about bytes. */
  readonly offset: number | undefined;

  /** Makes the error from its message and the charset, character or offset it is about. */
  constructor(message: string, details: CharacterSetErrorDetails) {
    super(message);
    this.name = "CharacterSetError";
    this.charset = details.charset;
    this.character = details.character;
    this.offset = details.offset;
  }
}
