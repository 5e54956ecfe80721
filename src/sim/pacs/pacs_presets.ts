/**
 * Named peer quirks of the mock PACS: real-world behaviour made reproducible by name
 * (`presets` in the configuration).
 * @module
 */

/** The quirks a preset may switch on. */
export interface PacsQuirks {
  /** Match PN keys without regard to case (true) or with it (false). */
  readonly pnCaseInsensitive?: boolean;
  /** Reject an A-ASSOCIATE-RQ carrying an Asynchronous Operations Window item (PS3.7 D.3.3.3). */
  readonly rejectAsyncWindow?: boolean;
  /** Return (0008,0005) Specific Character Set in C-FIND responses only when the query has it. */
  readonly charsetOnlyWhenAsked?: boolean;
}

/**
 * The presets: name to quirks.
 * - `orthanc-pn`: PN matched case-insensitively, as Orthanc does;
 * - `strict-pn`: PN matched case-sensitively;
 * - `rejects-async-window`: rejects (permanent, service-user, no reason) any association request
 *   that proposes an asynchronous operations window, as some older archives do;
 * - `charset-on-request`: returns Specific Character Set only when the identifier asks for it.
 * @example
 * ```ts
 * import { PACS_PRESETS } from "./pacs_presets.ts";
 * PACS_PRESETS["orthanc-pn"].pnCaseInsensitive; // true
 * ```
 */
export const PACS_PRESETS: Readonly<Record<string, PacsQuirks>> = Object.freeze({
  "orthanc-pn": { pnCaseInsensitive: true },
  "strict-pn": { pnCaseInsensitive: false },
  "rejects-async-window": { rejectAsyncWindow: true },
  "charset-on-request": { charsetOnlyWhenAsked: true },
});

/**
 * The quirks of several presets together (later ones win).
 * @example
 * ```ts
 * import { quirksOf } from "./pacs_presets.ts";
 * quirksOf(["strict-pn", "rejects-async-window"]).rejectAsyncWindow; // true
 * ```
 */
export function quirksOf(presets: readonly string[]): PacsQuirks {
  let out: PacsQuirks = {};
  for (const name of presets) {
    const quirks = PACS_PRESETS[name];
    if (quirks === undefined) throw new RangeError(`Unknown PACS preset: ${name}`);
    out = { ...out, ...quirks };
  }
  return out;
}
