/**
 * Compares recorded conversations (golden traces, replays): association requests and answers,
 * then the DIMSE messages in order, command fields and data set elements, ignoring what
 * legitimately changes from run to run. Default ignore rules: message IDs, implementation class
 * UID and version name, DA/TM/DT values, and instance UIDs (a UI value that differs where
 * neither value is a UID of the standard's registry: generated Study/Series/SOP Instance UIDs
 * differ every run, SOP class and transfer syntax UIDs do not).
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { formatTag, type Tag } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { lookupUid } from "../core/uid_registry.ts";
import { vrInfo } from "../core/vr.ts";
import type { DimseMessage } from "../net/dimse/messages.ts";
import type { UserInformation } from "../net/pdu/pdu_types.ts";
import { statusName } from "../net/dimse/status.ts";
import { serviceOf } from "../net/dimse/command_field.ts";
import { decodeDataSet } from "../services/_dataset_bytes.ts";
import type { ConversationMessage, ConversationSide, RecordedConnection } from "./conversation.ts";

/** Options of `diffConversations`. */
export interface DiffOptions {
  /** Compare only what this side sent (e.g. "acceptor" for a replay, where the requestor side
   * is ours by construction). Default: both sides. */
  side?: ConversationSide;
  /** More tags to ignore, anywhere in a data set or command. */
  ignoreTags?: readonly Tag[];
  /** Compare every UID, instance UIDs too. Default false. */
  compareInstanceUids?: boolean;
  /** Compare DA, TM and DT values. Default false. */
  compareDatesAndTimes?: boolean;
  /** Compare implementation class UID and version name. Default false. */
  compareImplementation?: boolean;
  /** Most differences reported per connection. Default 20. */
  maxPerConnection?: number;
}

/** One difference between an expected and an actual conversation. */
export interface TraceDifference {
  /** 1-based index of the connection. */
  connection: number;
  /** Where: `"A-ASSOCIATE-AC"`, `"message 3 (C-STORE-RSP)"`, `"messages"`, `"end"`. */
  where: string;
  /** What differs, e.g. `"Status: 0x0000 Success vs 0xA700 Out of resources"`. */
  detail: string;
}

/** A flattened, comparable view: key → value text. */
type Flat = Map<string, string>;

interface Rules {
  ignore: Set<number>;
  uids: boolean;
  dates: boolean;
  implementation: boolean;
}

function rulesOf(options: DiffOptions): Rules {
  return {
    ignore: new Set(options.ignoreTags ?? []),
    uids: options.compareInstanceUids ?? false,
    dates: options.compareDatesAndTimes ?? false,
    implementation: options.compareImplementation ?? false,
  };
}

/**
 * The differences between two lists of recorded connections, paired in order.
 * @example
 * ```ts
 * import { diffConversations } from "./conversation_diff.ts";
 * diffConversations([], []).length; // 0
 * ```
 */
export function diffConversations(
  expected: readonly RecordedConnection[],
  actual: readonly RecordedConnection[],
  options: DiffOptions = {},
): TraceDifference[] {
  const out: TraceDifference[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a) {
      out.push({
        connection: i + 1,
        where: "connections",
        detail: e ? "expected connection is missing" : "unexpected extra connection",
      });
      continue;
    }
    out.push(...diffConnection(i + 1, e, a, options));
  }
  return out;
}

/**
 * The differences between two recorded connections (the association, each DIMSE message, how
 * it ended).
 * @example
 * ```ts
 * import { diffConnection } from "./conversation_diff.ts";
 * const c = { id: "a", pdus: [], messages: [], end: "closed" as const, problems: [] };
 * diffConnection(1, c, { ...c, end: "aborted" }).map((d) => d.detail); // ["closed vs aborted"]
 * ```
 */
export function diffConnection(
  index: number,
  expected: RecordedConnection,
  actual: RecordedConnection,
  options: DiffOptions = {},
): TraceDifference[] {
  const rules = rulesOf(options);
  const max = options.maxPerConnection ?? 20;
  const out: TraceDifference[] = [];
  const push = (where: string, detail: string) => {
    out.push({ connection: index, where, detail });
  };
  if (options.side !== "acceptor") {
    diffFlat(flatRequest(expected, rules), flatRequest(actual, rules), "A-ASSOCIATE-RQ", push);
  }
  if (options.side !== "requestor") {
    const where = expected.response?.type ?? actual.response?.type ?? "A-ASSOCIATE response";
    diffFlat(flatResponse(expected, rules), flatResponse(actual, rules), where, push);
  }
  const pick = (c: RecordedConnection) =>
    c.messages.filter((m) => !options.side || m.from === options.side);
  const em = canonicalMessages(expected.messages, pick(expected), rules);
  const am = canonicalMessages(actual.messages, pick(actual), rules);
  diffMessageLists(em, am, push);
  if (expected.end !== actual.end) push("end", `${expected.end} vs ${actual.end}`);
  if (out.length > max) {
    const dropped = out.length - max;
    out.length = max;
    push("…", `${dropped} more difference(s)`);
  }
  return out;
}

function diffFlat(
  e: Flat,
  a: Flat,
  where: string,
  push: (where: string, detail: string) => void,
): void {
  const keys = new Set([...e.keys(), ...a.keys()]);
  for (const k of keys) {
    const ev = e.get(k);
    const av = a.get(k);
    if (ev === av) continue;
    push(where, `${k}: ${ev ?? "(absent)"} vs ${av ?? "(absent)"}`);
  }
}

function flatRequest(c: RecordedConnection, rules: Rules): Flat {
  const flat: Flat = new Map();
  const rq = c.request;
  if (!rq) return flat;
  flat.set("Called AE", rq.calledAeTitle.trim());
  flat.set("Calling AE", rq.callingAeTitle.trim());
  for (const pc of rq.presentationContexts) {
    flat.set(`Context ${pc.id}`, `${pc.abstractSyntax} [${pc.transferSyntaxes.join(", ")}]`);
  }
  flatUserInformation(rq.userInformation, rules, flat);
  return flat;
}

function flatResponse(c: RecordedConnection, rules: Rules): Flat {
  const flat: Flat = new Map();
  const r = c.response;
  if (!r) return flat;
  flat.set("PDU", r.type);
  if (r.type === "A-ASSOCIATE-RJ") {
    flat.set("Result/Source/Reason", `${r.result}/${r.source}/${r.reason}`);
    return flat;
  }
  for (const pc of r.presentationContexts) {
    flat.set(`Context ${pc.id}`, `result ${pc.result} ${pc.transferSyntax ?? ""}`.trim());
  }
  flatUserInformation(r.userInformation, rules, flat);
  return flat;
}

function flatUserInformation(
  info: UserInformation | undefined,
  rules: Rules,
  flat: Flat,
): void {
  if (!info) return;
  if (info.maximumLength !== undefined) flat.set("Maximum Length", String(info.maximumLength));
  if (rules.implementation) {
    flat.set("Implementation Class UID", info.implementationClassUid ?? "");
    flat.set("Implementation Version Name", info.implementationVersionName ?? "");
  }
  const w = info.asynchronousOperationsWindow;
  if (w) {
    flat.set(
      "Asynchronous Operations Window",
      `${w.maxOperationsInvoked}/${w.maxOperationsPerformed}`,
    );
  }
  for (const r of info.roleSelections ?? []) {
    flat.set(`Role ${r.sopClassUid}`, `SCU ${r.scuRole} SCP ${r.scpRole}`);
  }
  if (info.userIdentity) flat.set("User Identity Type", String(info.userIdentity.userIdentityType));
}

interface Canonical {
  label: string;
  /** 1-based position among all of the connection's messages. */
  index: number;
  flat: Flat;
  text: string;
}

function canonicalMessages(
  all: readonly ConversationMessage[],
  messages: readonly ConversationMessage[],
  rules: Rules,
): Canonical[] {
  const list = messages.map((m) => {
    const flat = flatMessage(m, rules);
    const text = [...flat].map(([k, v]) => `${k}=${v}`).sort().join("\n");
    return { label: m.message.type, index: all.indexOf(m) + 1, flat, text, m };
  });
  // PS3.4 C.4.1.3: the order of C-FIND matches is not defined; runs of pending responses to
  // one request compare as sets.
  const out: Canonical[] = [];
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j < list.length && isPendingTo(list[j].m.message, list[i].m.message)) j++;
    if (j - i > 1) {
      out.push(
        ...list.slice(i, j).sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0)),
      );
      i = j;
    } else {
      out.push(list[i]);
      i++;
    }
  }
  return out;
}

function isPendingTo(m: DimseMessage, first: DimseMessage): boolean {
  return "status" in m && "status" in first && m.type === first.type &&
    (m.status === 0xff00 || m.status === 0xff01) &&
    (first.status === 0xff00 || first.status === 0xff01) &&
    m.messageIdBeingRespondedTo === first.messageIdBeingRespondedTo;
}

const IGNORED_COMMAND_FIELDS = new Set([
  "messageId",
  "messageIdBeingRespondedTo",
  "hasDataSet",
  "commandDataSetType",
  "extraElements",
]);

function flatMessage(m: ConversationMessage, rules: Rules): Flat {
  const flat: Flat = new Map();
  flat.set("Message", m.message.type);
  for (const [key, value] of Object.entries(m.message)) {
    if (IGNORED_COMMAND_FIELDS.has(key) || key === "type" || value === undefined) continue;
    if (key === "status" && typeof value === "number") {
      const service = serviceOf(m.message.type);
      flat.set(
        "Status",
        `0x${value.toString(16).padStart(4, "0").toUpperCase()} ${statusName(value, service)}`,
      );
      continue;
    }
    const text = Array.isArray(value) ? value.join("\\") : String(value);
    if (!rules.uids && /Uid$/.test(key) && isInstanceUid(text)) {
      flat.set(key, "(instance UID)");
      continue;
    }
    flat.set(key, text);
  }
  flat.set("Data set", m.dataSet ? "present" : "none");
  if (m.dataSet) {
    let ds: DataSet;
    try {
      ds = decodeMessageDataSet(m);
    } catch (error) {
      flat.set("Data set", `unreadable: ${(error as Error).message}`);
      return flat;
    }
    flattenDataSet(ds, "", rules, flat);
  }
  return flat;
}

/**
 * The data set of a recorded message, decoded in its context's transfer syntax.
 * @throws {Error} no transfer syntax is known for the context, or the bytes do not parse
 * @example
 * ```ts
 * import { decodeMessageDataSet } from "./conversation_diff.ts";
 * import { DataSet } from "../core/dataset.ts";
 * const m = {
 *   from: "acceptor" as const, t: 0, pduIndex: 0, presentationContextId: 1,
 *   transferSyntax: "1.2.840.10008.1.2", command: new Uint8Array(0),
 *   message: { type: "C-ECHO-RSP" as const, messageIdBeingRespondedTo: 1, status: 0, hasDataSet: true },
 *   dataSet: new Uint8Array(0),
 * };
 * decodeMessageDataSet(m) instanceof DataSet; // true
 * ```
 */
export function decodeMessageDataSet(m: ConversationMessage): DataSet {
  if (!m.transferSyntax || !transferSyntax(m.transferSyntax)) {
    throw new Error(
      `No transfer syntax known for presentation context ${m.presentationContextId}`,
    );
  }
  return decodeDataSet(m.dataSet ?? new Uint8Array(0), m.transferSyntax);
}

function isInstanceUid(text: string): boolean {
  return text.split("\\").every((u) => u !== "" && lookupUid(u) === undefined);
}

function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function flattenDataSet(ds: DataSet, prefix: string, rules: Rules, flat: Flat): void {
  for (const el of ds) {
    if (rules.ignore.has(el.tag)) continue;
    const key = `${prefix}${formatTag(el.tag)}`;
    const kind = vrInfo(el.vr).kind;
    if (kind === "sequence") {
      const items = el.items;
      flat.set(key, `SQ ${items.length} item(s)`);
      items.forEach((item, i) => flattenDataSet(item, `${key}[${i}].`, rules, flat));
      continue;
    }
    if (el.isEncapsulated) {
      const f = el.fragments!;
      let h = "";
      for (const frag of f.fragments) h += fnv1a(frag);
      flat.set(
        key,
        `encapsulated ${f.fragments.length} fragment(s) #${fnv1a(new TextEncoder().encode(h))}`,
      );
      continue;
    }
    if (!rules.dates && (el.vr === "DA" || el.vr === "TM" || el.vr === "DT")) {
      flat.set(key, `${el.vr} (ignored)`);
      continue;
    }
    if (kind === "text") {
      const text = el.strings(ds.textDecoder()).join("\\");
      if (el.vr === "UI" && !rules.uids && text !== "" && isInstanceUid(text)) {
        flat.set(key, "UI (instance UID)");
      } else flat.set(key, `${el.vr} ${text}`);
      continue;
    }
    if (kind === "number" || kind === "tag") {
      flat.set(
        key,
        `${el.vr} ${Array.from(el.numbers() as ArrayLike<number | bigint>).join("\\")}`,
      );
      continue;
    }
    const bytes = el.bytes ?? new Uint8Array(0);
    flat.set(key, `${el.vr} ${bytes.length} bytes #${fnv1a(bytes)}`);
  }
}

/** Longest common subsequence alignment of the two lists, then field differences per gap. */
function diffMessageLists(
  e: readonly Canonical[],
  a: readonly Canonical[],
  push: (where: string, detail: string) => void,
): void {
  const n = e.length;
  const m = a.length;
  if (n !== m) push("messages", `${n} message(s) vs ${m}`);
  // Skip the common head and tail (the usual case: equal conversations) before the O(n·m) table.
  let head = 0;
  while (head < n && head < m && e[head].text === a[head].text) head++;
  let tail = 0;
  while (
    tail < n - head && tail < m - head && e[n - 1 - tail].text === a[m - 1 - tail].text
  ) tail++;
  const es = e.slice(head, n - tail);
  const as = a.slice(head, m - tail);
  if (es.length === 0 && as.length === 0) return;
  const pairs = align(es, as);
  let i = 0;
  let j = 0;
  const gap = (iEnd: number, jEnd: number) => {
    const ge = es.slice(i, iEnd);
    const ga = as.slice(j, jEnd);
    const k = Math.min(ge.length, ga.length);
    for (let x = 0; x < k; x++) {
      const where = `message ${ge[x].index} (${ge[x].label})`;
      if (ge[x].label !== ga[x].label) {
        push(where, `${ge[x].label} vs ${ga[x].label}`);
        continue;
      }
      diffFlat(ge[x].flat, ga[x].flat, where, push);
    }
    for (let x = k; x < ge.length; x++) {
      push(`message ${ge[x].index} (${ge[x].label})`, "missing");
    }
    for (let x = k; x < ga.length; x++) {
      push(`message ${ga[x].index} (${ga[x].label})`, "unexpected");
    }
  };
  for (const [pi, pj] of pairs) {
    gap(pi, pj);
    i = pi + 1;
    j = pj + 1;
  }
  gap(es.length, as.length);
}

function align(e: readonly Canonical[], a: readonly Canonical[]): [number, number][] {
  const n = e.length;
  const m = a.length;
  if (n * m > 4_000_000) return []; // too long to align: compare position by position
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = e[i].text === a[j].text
        ? table[at(i + 1, j + 1)] + 1
        : Math.max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (e[i].text === a[j].text) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[at(i + 1, j)] >= table[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}
