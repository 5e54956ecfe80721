/**
 * Errors of the DIMSE layer: undecodable command set bytes, command sets that are not a valid
 * DIMSE message, and PDV sequences that break the message structure of PS3.7 Annex F.
 * @module
 */
import { formatTag, type Tag } from "../../core/tag.ts";

/**
 * Command set bytes cannot be decoded as an implicit VR little endian group 0000 data set
 * (PS3.7 6.3.1). Carries the byte offset of the problem.
 * @example
 * ```ts
 * import { DimseDecodeError } from "./errors.ts";
 * const e = new DimseDecodeError("Truncated element header: 3 bytes left", 68);
 * e.message; // "Cannot decode command set: Truncated element header: 3 bytes left at offset 68"
 * ```
 */
export class DimseDecodeError extends SyntaxError {
  /** Byte offset of the problem in the command set bytes. */
  readonly offset: number;
  /** The message without the prefix and the location. */
  readonly detail: string;
  /** `detail` says what is wrong; `offset` where; `cause` the codec error, when there is one. */
  constructor(detail: string, offset: number, options?: { cause?: unknown }) {
    super(`Cannot decode command set: ${detail} at offset ${offset}`, options);
    this.name = "DimseDecodeError";
    this.detail = detail;
    this.offset = offset;
  }
}

/** What `DimseCommandError` knows about the command it refused. */
export interface DimseCommandErrorData {
  /** The Command Field (0000,0100) value, when present. */
  commandField?: number;
  /** The element at fault, when one is. */
  tag?: Tag;
  /** The Message ID (0000,0110) or Message ID Being Responded To (0000,0120), when readable. */
  messageId?: number;
}

/**
 * A command set is not a DIMSE message: no or an unknown Command Field, a mandatory element
 * missing, or an element whose value does not fit (PS3.7 9.3, 10.3, Annex E). Carries what is
 * known, so that an SCP can still answer the Message ID with a failure status.
 * @example
 * ```ts
 * import { DimseCommandError } from "./errors.ts";
 * const e = new DimseCommandError("Unknown Command Field 0x0042", { commandField: 0x42 });
 * e.commandField; // 0x42
 * ```
 */
export class DimseCommandError extends TypeError {
  /** The Command Field value, when present. */
  readonly commandField: number | undefined;
  /** The element at fault, when one is. */
  readonly tag: Tag | undefined;
  /** The Message ID (or Message ID Being Responded To), when readable. */
  readonly messageId: number | undefined;
  /** `message` says what is wrong; the tag, when given, is appended after a colon. */
  constructor(message: string, data: DimseCommandErrorData = {}) {
    super(data.tag === undefined ? message : `${message}: ${formatTag(data.tag)}`);
    this.name = "DimseCommandError";
    this.commandField = data.commandField;
    this.tag = data.tag;
    this.messageId = data.messageId;
  }
}

/**
 * What broke the message structure (PS3.7 Annex F, PS3.8 9.3.5.1):
 * - `data-before-command`: a data set fragment where a message must start with its command;
 * - `context-changed`: a fragment on another presentation context in the middle of a message;
 * - `command-after-last`: a command fragment after the command's last fragment;
 * - `unexpected-data`: a data set fragment after a command whose Command Data Set Type says none;
 * - `invalid-command`: the command has no readable Command Data Set Type (0000,0800);
 * - `limit-exceeded`: a command or buffered data set longer than the configured maximum.
 */
export type DimseProtocolErrorKind =
  | "data-before-command"
  | "context-changed"
  | "command-after-last"
  | "unexpected-data"
  | "invalid-command"
  | "limit-exceeded";

/**
 * PDVs from the peer that do not make a DIMSE message; the association should be aborted.
 * @example
 * ```ts
 * import { DimseProtocolError } from "./errors.ts";
 * const e = new DimseProtocolError("data-before-command", "Data set fragment before any command", 1);
 * e.kind; // "data-before-command"
 * ```
 */
export class DimseProtocolError extends Error {
  /** What happened. */
  readonly kind: DimseProtocolErrorKind;
  /** The presentation context of the offending PDV. */
  readonly presentationContextId: number;
  /** `kind` classifies the violation; `message` describes it. */
  constructor(kind: DimseProtocolErrorKind, message: string, presentationContextId: number) {
    super(message);
    this.name = "DimseProtocolError";
    this.kind = kind;
    this.presentationContextId = presentationContextId;
  }
}
