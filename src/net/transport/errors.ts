/**
 * Errors of the transport layer.
 * @module
 */

/**
 * Codes a `TransportError` carries: the operating system's or runtime's code where there is one
 * (`"ECONNREFUSED"`, `"ECONNRESET"`, `"EADDRINUSE"`, TLS codes such as
 * `"UNABLE_TO_VERIFY_LEAF_SIGNATURE"`), else one of ours: `"ETIMEDOUT"` (our connect timeout),
 * `"ABORTED"` (the abort signal fired), `"CLOSED"` (write after close), `"UNKNOWN"`.
 */
export type TransportErrorCode =
  | "ECONNREFUSED"
  | "ECONNRESET"
  | "ETIMEDOUT"
  | "EPIPE"
  | "ENOTFOUND"
  | "EADDRINUSE"
  | "ABORTED"
  | "CLOSED"
  | "UNKNOWN"
  | (string & Record<never, never>);

/**
 * A connection failed, was refused, timed out, was reset, or was used after it closed.
 * @example
 * ```ts
 * import { connectTcp } from "./tcp.ts";
 * import { TransportError } from "./errors.ts";
 * try {
 *   await connectTcp({ host: "127.0.0.1", port: 1 });
 * } catch (error) {
 *   if (error instanceof TransportError) console.log(error.code, error.address); // ECONNREFUSED 127.0.0.1:1
 * }
 * ```
 */
export class TransportError extends Error {
  /** What happened; see `TransportErrorCode`. */
  readonly code: TransportErrorCode;
  /** The peer or listening address concerned, `"host:port"` or `"memory:b"`. */
  readonly address: string;
  /** Makes an error with `code` about `address`; `options.cause` keeps the runtime's error. */
  constructor(
    message: string,
    code: TransportErrorCode,
    address: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TransportError";
    this.code = code;
    this.address = address;
  }
}

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by peer",
  ETIMEDOUT: "timed out",
  EPIPE: "broken pipe",
  ENOTFOUND: "host not found",
  EADDRINUSE: "address in use",
  EADDRNOTAVAIL: "address not available",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

/**
 * Wraps a runtime error (from `node:net`/`node:tls`) as a `TransportError`, keeping its code and
 * the original as `cause`; `context` starts the message:
 * `toTransportError(e, "Cannot connect to 127.0.0.1:1", "127.0.0.1:1")` gives
 * "Cannot connect to 127.0.0.1:1: connection refused (ECONNREFUSED)".
 * @example
 * ```ts
 * import { toTransportError } from "./errors.ts";
 * const e = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
 * toTransportError(e, "Cannot connect to 127.0.0.1:1", "127.0.0.1:1").code; // "ECONNREFUSED"
 * ```
 */
export function toTransportError(
  error: unknown,
  context: string,
  address: string,
): TransportError {
  if (error instanceof TransportError) return error;
  const rawCode = (error as { code?: unknown } | null)?.code;
  const code = typeof rawCode === "string" && rawCode !== "" ? rawCode : "UNKNOWN";
  const description = DESCRIPTIONS[code];
  const rawMessage = error instanceof Error ? error.message : String(error);
  const detail = description !== undefined ? `${description} (${code})` : rawMessage;
  return new TransportError(`${context}: ${detail}`, code, address, { cause: error });
}
