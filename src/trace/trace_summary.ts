/**
 * Reading JSON Lines traces back: one readable line per record, and a per-connection summary
 * (who, what, how many, how long, which statuses).
 * @module
 */
import { uidName } from "../core/uid_registry.ts";
import { statusCategory, statusName } from "../net/dimse/status.ts";
import {
  COMMAND_FIELD,
  type DimseMessageType,
  type DimseService,
  serviceOf,
} from "../net/dimse/command_field.ts";

/** One record of a trace (see `traceRecord`). */
export type TraceRecord = Record<string, unknown> & {
  v: number;
  t: number;
  conn: string;
  kind: string;
};

/**
 * Parses JSON Lines text into records; throws a SyntaxError naming the line of a bad record.
 * @example
 * ```ts
 * import { parseTrace } from "./trace_summary.ts";
 * parseTrace('{"v":1,"t":0,"conn":"tcp-1","kind":"closed","reason":"released"}\n').length; // 1
 * ```
 */
export function parseTrace(text: string): TraceRecord[] {
  const out: TraceRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new SyntaxError(`Cannot read trace line ${i + 1}: ${(error as Error).message}`);
    }
    const r = record as TraceRecord;
    if (
      typeof r !== "object" || r === null || typeof r.kind !== "string" ||
      typeof r.conn !== "string"
    ) {
      throw new SyntaxError(`Cannot read trace line ${i + 1}: not a trace record`);
    }
    out.push(r);
  });
  return out;
}

/** The DIMSE service of a message type name (statuses are named per service). */
function serviceOfType(type: unknown): DimseService | undefined {
  const name = String(type);
  return COMMAND_FIELD[name as DimseMessageType] === undefined
    ? undefined
    : serviceOf(name as DimseMessageType);
}

/** A status for one line: "Pending" and "Success" as such, others by their name in the service. */
function shortStatus(code: number, service: DimseService | undefined): string {
  const category = statusCategory(code, service);
  return category === "Pending" || category === "Success" ? category : statusName(code, service);
}

function hex4(n: unknown): string {
  return typeof n === "number" ? `0x${n.toString(16).toUpperCase().padStart(4, "0")}` : String(n);
}

/**
 * One readable line for a record (PDUs by their standard names, DIMSE messages with status).
 * @example
 * ```ts
 * import { formatTraceRecord } from "./trace_summary.ts";
 * formatTraceRecord({ v: 1, t: 1.5, conn: "tcp-1", kind: "closed", reason: "released" });
 * // "     1.500 tcp-1 == association released"
 * ```
 */
export function formatTraceRecord(r: TraceRecord): string {
  const head = `${r.t.toFixed(3).padStart(10)} ${r.conn}`;
  switch (r.kind) {
    case "pdu-sent":
    case "pdu-received": {
      const pdu = r.pdu as Record<string, unknown>;
      const arrow = r.kind === "pdu-sent" ? "->" : "<-";
      let detail = "";
      if (pdu.type === "A-ASSOCIATE-RQ" || pdu.type === "A-ASSOCIATE-AC") {
        const contexts = (pdu.presentationContexts as unknown[] | undefined)?.length ?? 0;
        detail = ` ${pdu.callingAeTitle} -> ${pdu.calledAeTitle}, ${contexts} context(s)`;
      } else if (pdu.type === "A-ASSOCIATE-RJ" || pdu.type === "A-ABORT") {
        detail = ` source ${pdu.source} reason ${pdu.reason}`;
      } else if (pdu.type === "P-DATA-TF") {
        detail = ` ${(pdu.pdvs as unknown[]).length} PDV(s)`;
      }
      const line = `${head} ${arrow} ${pdu.type}${detail}${r.length ? ` (${r.length} bytes)` : ""}`;
      if (pdu.type !== "A-ASSOCIATE-RQ" && pdu.type !== "A-ASSOCIATE-AC") return line;
      return [line, ...associationBox(pdu).map((l) => `${" ".repeat(head.length)}   | ${l}`)].join(
        "\n",
      );
    }
    case "dimse-sent":
    case "dimse-received": {
      const m = r.message as Record<string, unknown>;
      const arrow = r.kind === "dimse-sent" ? "=>" : "<=";
      const id = m.messageId ?? m.messageIdBeingRespondedTo;
      const status = typeof m.status === "number"
        ? ` status ${hex4(m.status)} ${shortStatus(m.status, serviceOfType(m.type))}`
        : "";
      const data = r.dataSetLength ? `, ${r.dataSetLength} bytes` : "";
      return `${head} ${arrow} ${m.type} #${id}${status}${data}`;
    }
    case "transition":
      return `${head}    ${r.from} --${r.event}/${r.action}--> ${r.to}`;
    case "error":
      return `${head} !! ${r.error}`;
    case "closed":
      return `${head} == association ${r.reason}${r.error ? `: ${r.error}` : ""}`;
    default:
      return `${head} ${r.kind}`;
  }
}

// PS3.8 9.3.3.2: presentation context results of the A-ASSOCIATE-AC.
const CONTEXT_RESULTS: Record<number, string> = {
  0: "accepted",
  1: "user-rejection",
  2: "no-reason (provider rejection)",
  3: "abstract syntax not supported",
  4: "transfer syntaxes not supported",
};

// PS3.7 D.3.3.7.1: user identity types.
const IDENTITY_TYPES: Record<number, string> = {
  1: "username",
  2: "username and passcode",
  3: "Kerberos service ticket",
  4: "SAML assertion",
  5: "JSON Web Token",
};

/** The lines of an association request/accept box: contexts, roles, user information. */
function associationBox(pdu: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const info = (pdu.userInformation ?? {}) as Record<string, unknown>;
  const parts = [];
  if (info.maximumLength !== undefined) parts.push(`max PDU ${info.maximumLength}`);
  if (info.implementationClassUid) {
    parts.push(
      `implementation ${info.implementationClassUid}${
        info.implementationVersionName ? ` ${info.implementationVersionName}` : ""
      }`,
    );
  }
  const window = info.asynchronousOperationsWindow as Record<string, number> | undefined;
  if (window) {
    parts.push(`async window ${window.maxOperationsInvoked}/${window.maxOperationsPerformed}`);
  }
  if (parts.length) lines.push(parts.join(", "));
  const rq = pdu.type === "A-ASSOCIATE-RQ";
  for (const c of (pdu.presentationContexts ?? []) as Record<string, unknown>[]) {
    if (rq) {
      const ts = ((c.transferSyntaxes ?? []) as string[]).map(uidName).join(", ");
      lines.push(`context ${c.id}: ${uidName(String(c.abstractSyntax))} [${ts}]`);
    } else {
      const result = CONTEXT_RESULTS[c.result as number] ?? `result ${c.result}`;
      lines.push(
        `context ${c.id}: ${result}${
          c.result === 0 && c.transferSyntax ? ` ${uidName(String(c.transferSyntax))}` : ""
        }`,
      );
    }
  }
  for (const r of (info.roleSelections ?? []) as Record<string, unknown>[]) {
    lines.push(`role ${uidName(String(r.sopClassUid))}: SCU ${r.scuRole} SCP ${r.scpRole}`);
  }
  const identity = info.userIdentity as Record<string, unknown> | undefined;
  if (identity) {
    const type = identity.userIdentityType as number;
    lines.push(
      `user identity: ${IDENTITY_TYPES[type] ?? `type ${type}`}${
        identity.positiveResponseRequested ? ", response requested" : ""
      }`,
    );
  }
  if (info.userIdentityResponse) lines.push("user identity: server response present");
  return lines;
}

/** What happened on one connection. */
export interface ConnectionSummary {
  conn: string;
  callingAeTitle?: string;
  calledAeTitle?: string;
  startMs: number;
  endMs: number;
  pdus: number;
  bytes: number;
  messages: Record<string, number>;
  statuses: Record<string, number>;
  end?: string;
}

/**
 * Summarises a trace per connection.
 * @example
 * ```ts
 * import { summariseTrace } from "./trace_summary.ts";
 * summariseTrace([{ v: 1, t: 0, conn: "c", kind: "closed", reason: "released" }])[0].end; // "released"
 * ```
 */
export function summariseTrace(records: readonly TraceRecord[]): ConnectionSummary[] {
  const by = new Map<string, ConnectionSummary>();
  for (const r of records) {
    let s = by.get(r.conn);
    if (!s) {
      s = { conn: r.conn, startMs: r.t, endMs: r.t, pdus: 0, bytes: 0, messages: {}, statuses: {} };
      by.set(r.conn, s);
    }
    s.endMs = Math.max(s.endMs, r.t);
    if (r.kind === "pdu-sent" || r.kind === "pdu-received") {
      s.pdus++;
      s.bytes += typeof r.length === "number" ? r.length : 0;
      const pdu = r.pdu as Record<string, unknown>;
      if (pdu.type === "A-ASSOCIATE-RQ") {
        s.callingAeTitle = String(pdu.callingAeTitle);
        s.calledAeTitle = String(pdu.calledAeTitle);
      }
    } else if (r.kind === "dimse-sent" || r.kind === "dimse-received") {
      const m = r.message as Record<string, unknown>;
      s.messages[String(m.type)] = (s.messages[String(m.type)] ?? 0) + 1;
      if (typeof m.status === "number") {
        const key = hex4(m.status);
        s.statuses[key] = (s.statuses[key] ?? 0) + 1;
      }
    } else if (r.kind === "closed") {
      s.end = String(r.reason);
    }
  }
  return [...by.values()];
}

/**
 * A short text of the summaries, one block per connection.
 * @example
 * ```ts
 * import { formatSummary } from "./trace_summary.ts";
 * formatSummary([]); // "0 connection(s)"
 * ```
 */
export function formatSummary(summaries: readonly ConnectionSummary[]): string {
  const lines = [`${summaries.length} connection(s)`];
  for (const s of summaries) {
    const who = s.callingAeTitle ? ` ${s.callingAeTitle} -> ${s.calledAeTitle}` : "";
    lines.push(
      `${s.conn}${who}: ${(s.endMs - s.startMs).toFixed(1)} ms, ${s.pdus} PDUs, ${s.bytes} bytes, ${
        s.end ?? "open"
      }`,
    );
    const messages = Object.entries(s.messages).map(([k, v]) => `${k} x${v}`).join(", ");
    if (messages) lines.push(`  ${messages}`);
    const statuses = Object.entries(s.statuses).map(([k, v]) => `${k} x${v}`).join(", ");
    if (statuses) lines.push(`  statuses: ${statuses}`);
  }
  return lines.join("\n");
}
