/**
 * Declarative faults of the mock PACS: what to do wrong, to whom and when. {@link parseFaults}
 * validates them from JSON; {@link FaultPlan} decides, association by association and request by
 * request, what each one does.
 * @module
 */
import type { Rejection } from "../../net/acse/rejection.ts";
import { ConfigReader, PacsConfigError } from "./pacs_config.ts";

/** Who and what a fault applies to; every field narrows it, absent fields match anything. */
export interface FaultScope {
  /** Only associations from this calling AE title. */
  readonly callingAeTitle?: string;
  /** Only requests of this type, e.g. `"C-STORE-RQ"`. */
  readonly command?: string;
  /** Only requests about this SOP class (Affected/Requested SOP Class UID). */
  readonly sopClassUid?: string;
  /** Only requests about this SOP instance (e.g. the C-STORE of one instance). */
  readonly sopInstanceUid?: string;
  /**
   * Only the Nth request (1-based) that matches the other fields, counted over the node's life.
   * Default: every one.
   */
  readonly nth?: number;
}

/**
 * One fault:
 * - `reject`: answer A-ASSOCIATE-RJ with `result`/`source`/`reason` (PS3.8 9.3.4);
 * - `abort`: after `afterMessages` requests were served on an association, A-ABORT on the next
 *   (or once more than `afterBytes` C-STORE data set bytes arrived on it); default after 0;
 * - `close`: the same, but close the TCP connection without an A-ABORT;
 * - `accept-delay`: wait `ms` before answering an A-ASSOCIATE-RQ (the calling AE title is not
 *   known yet: it applies to every association);
 * - `delay`: wait `ms` before each response (pending ones too) to matching requests;
 * - `no-response`: never answer matching requests (to test the peer's DIMSE timeout);
 * - `status`: answer matching requests with `status` (and `errorComment`) instead (a C-STORE
 *   answered with a failure, 0xA000-0xCFFF, is not stored);
 * - `find-limit`: a C-FIND with more than `maxMatches` matches answers that many, then `status`
 *   (default 0xA700 Out of Resources);
 * - `move-pending-forever`: a C-MOVE answers one Pending response, then nothing until cancelled.
 */
export type PacsFault =
  | FaultScope & { readonly type: "reject" } & Rejection
  | FaultScope & {
    readonly type: "abort" | "close";
    readonly afterMessages?: number;
    readonly afterBytes?: number;
  }
  | FaultScope & { readonly type: "delay" | "accept-delay"; readonly ms: number }
  | FaultScope & { readonly type: "no-response" }
  | FaultScope & {
    readonly type: "status";
    readonly status: number;
    readonly errorComment?: string;
  }
  | FaultScope & {
    readonly type: "find-limit";
    readonly maxMatches: number;
    readonly status: number;
  }
  | FaultScope & { readonly type: "move-pending-forever" };

const SCOPE_FIELDS = ["type", "callingAeTitle", "command", "sopClassUid", "sopInstanceUid", "nth"];

/**
 * Validates the `faults` array of a configuration.
 * @example
 * ```ts
 * import { parseFaults } from "./pacs_faults.ts";
 * parseFaults([{ type: "status", command: "C-STORE-RQ", nth: 3, status: "0xA700" }], "faults")[0].type; // "status"
 * ```
 */
export function parseFaults(json: unknown, path: string): PacsFault[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) throw new PacsConfigError(path, "expected an array of faults");
  return json.map((item, i) => parseFault(item, `${path}[${i}]`));
}

function parseFault(json: unknown, path: string): PacsFault {
  const r = new ConfigReader(json, path);
  const type = r.oneOf(
    "type",
    [
      "reject",
      "abort",
      "close",
      "delay",
      "accept-delay",
      "no-response",
      "status",
      "find-limit",
      "move-pending-forever",
    ] as const,
  );
  if (type === undefined) throw new PacsConfigError(r.path("type"), "required");
  const scope: FaultScope = {
    callingAeTitle: r.string("callingAeTitle"),
    command: r.string("command"),
    sopClassUid: r.string("sopClassUid"),
    sopInstanceUid: r.string("sopInstanceUid"),
    nth: r.integer("nth", 1, Number.MAX_SAFE_INTEGER),
  };
  const required = (value: number | undefined, key: string): number => {
    if (value === undefined) throw new PacsConfigError(r.path(key), "required");
    return value;
  };
  switch (type) {
    case "reject":
      r.only([...SCOPE_FIELDS, "result", "source", "reason"]);
      return {
        ...scope,
        type,
        result: (r.integer("result", 1, 2) ?? 1) as 1 | 2,
        source: (r.integer("source", 1, 3) ?? 1) as 1 | 2 | 3,
        reason: r.integer("reason", 0, 255) ?? 1,
      };
    case "abort":
    case "close":
      r.only([...SCOPE_FIELDS, "afterMessages", "afterBytes"]);
      {
        const afterBytes = r.integer("afterBytes", 0, Number.MAX_SAFE_INTEGER);
        const afterMessages = r.integer("afterMessages", 0, 1e9) ??
          (afterBytes === undefined ? 0 : undefined);
        return { ...scope, type, afterMessages, afterBytes };
      }
    case "delay":
    case "accept-delay":
      r.only([...SCOPE_FIELDS, "ms"]);
      return { ...scope, type, ms: required(r.integer("ms", 0, 3_600_000), "ms") };
    case "status":
      r.only([...SCOPE_FIELDS, "status", "errorComment"]);
      return {
        ...scope,
        type,
        status: required(r.integer("status", 0, 0xffff), "status"),
        errorComment: r.string("errorComment"),
      };
    case "find-limit":
      r.only([...SCOPE_FIELDS, "maxMatches", "status"]);
      return {
        ...scope,
        type,
        maxMatches: required(r.integer("maxMatches", 0, 1e9), "maxMatches"),
        status: r.integer("status", 0, 0xffff) ?? 0xa700,
      };
    default:
      r.only(SCOPE_FIELDS);
      return { ...scope, type };
  }
}

/** What a request gets, as decided by {@link FaultPlan.decide}. */
export interface FaultDecision {
  /** Delay (ms) before each response. */
  delayMs: number;
  /** Never answer. */
  noResponse: boolean;
  /** Answer with this status instead. */
  status?: number;
  /** With this error comment. */
  errorComment?: string;
  /** C-FIND: at most this many matches, then `limitStatus`. */
  maxMatches?: number;
  /** C-FIND: the status after `maxMatches`. */
  limitStatus?: number;
  /** C-MOVE: pending forever. */
  pendingForever: boolean;
}

/** What a request is, for matching faults. */
export interface FaultRequest {
  /** Calling AE title of its association. */
  readonly callingAeTitle: string;
  /** Its type, e.g. `"C-FIND-RQ"`. */
  readonly command: string;
  /** Its SOP class. */
  readonly sopClassUid: string;
  /** Its SOP instance (Affected/Requested SOP Instance UID), when it names one. */
  readonly sopInstanceUid?: string;
}

function trimAe(text: string): string {
  return text.trim();
}

/**
 * Decides what the configured faults do; keeps the per-fault counts for `nth`.
 * @example
 * ```ts
 * import { FaultPlan } from "./pacs_faults.ts";
 * const plan = new FaultPlan([{ type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 }]);
 * const rq = { callingAeTitle: "SCU", command: "C-STORE-RQ", sopClassUid: "1.2" };
 * plan.decide(rq).status; // undefined
 * plan.decide(rq).status; // 0xa700
 * ```
 */
export class FaultPlan {
  readonly #faults: readonly PacsFault[];
  readonly #counts: number[];

  /** A plan for these faults. */
  constructor(faults: readonly PacsFault[]) {
    this.#faults = faults;
    this.#counts = faults.map(() => 0);
  }

  /** The association rejection for a calling AE title, if a `reject` fault applies. */
  admit(callingAeTitle: string): Rejection | undefined {
    for (const [i, f] of this.#faults.entries()) {
      if (f.type !== "reject") continue;
      if (f.callingAeTitle !== undefined && trimAe(f.callingAeTitle) !== trimAe(callingAeTitle)) {
        continue;
      }
      this.#counts[i]++;
      if (f.nth !== undefined && this.#counts[i] !== f.nth) continue;
      return { result: f.result, source: f.source, reason: f.reason };
    }
    return undefined;
  }

  /**
   * After how many requests an association from this AE title ends, and how (`abort`: A-ABORT,
   * `close`: TCP close without A-ABORT); undefined when never.
   */
  endAfter(
    callingAeTitle: string,
  ): { kind: "abort" | "close"; afterMessages?: number; afterBytes?: number } | undefined {
    for (const f of this.#faults) {
      if (f.type !== "abort" && f.type !== "close") continue;
      if (f.callingAeTitle !== undefined && trimAe(f.callingAeTitle) !== trimAe(callingAeTitle)) {
        continue;
      }
      return { kind: f.type, afterMessages: f.afterMessages, afterBytes: f.afterBytes };
    }
    return undefined;
  }

  /** How long to wait before answering an A-ASSOCIATE-RQ (the sum of `accept-delay` faults). */
  acceptDelayMs(): number {
    let ms = 0;
    for (const f of this.#faults) if (f.type === "accept-delay") ms += f.ms;
    return ms;
  }

  /** What happens to one request (call once per request: it counts for `nth`). */
  decide(request: FaultRequest): FaultDecision {
    const out: FaultDecision = { delayMs: 0, noResponse: false, pendingForever: false };
    for (const [i, f] of this.#faults.entries()) {
      if (
        f.type === "reject" || f.type === "abort" || f.type === "close" || f.type === "accept-delay"
      ) continue;
      if (
        f.callingAeTitle !== undefined &&
        trimAe(f.callingAeTitle) !== trimAe(request.callingAeTitle)
      ) {
        continue;
      }
      if (f.command !== undefined && f.command !== request.command) continue;
      if (f.sopClassUid !== undefined && f.sopClassUid !== request.sopClassUid) continue;
      if (f.sopInstanceUid !== undefined && f.sopInstanceUid !== request.sopInstanceUid) continue;
      this.#counts[i]++;
      if (f.nth !== undefined && this.#counts[i] !== f.nth) continue;
      switch (f.type) {
        case "delay":
          out.delayMs += f.ms;
          break;
        case "no-response":
          out.noResponse = true;
          break;
        case "status":
          out.status = f.status;
          out.errorComment = f.errorComment;
          break;
        case "find-limit":
          if (request.command === "C-FIND-RQ") {
            out.maxMatches = f.maxMatches;
            out.limitStatus = f.status;
          }
          break;
        case "move-pending-forever":
          if (request.command === "C-MOVE-RQ") out.pendingForever = true;
          break;
      }
    }
    return out;
  }
}
