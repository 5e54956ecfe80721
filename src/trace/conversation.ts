/**
 * A trace read back as conversations: per connection, the association request and answer, every
 * PDU in order with its bytes, and the DIMSE messages the P-DATA-TF PDUs carried (command and
 * data set, with the presentation context's abstract and transfer syntax). The ground that
 * `trace extract`, `trace diff`, `trace replay` and `trace serve` stand on.
 * @module
 */
import { decodeBase64 } from "../codec/base64.ts";
import { decodeCommand } from "../net/dimse/command_set.ts";
import { MessageAssembler } from "../net/dimse/message_assembler.ts";
import { type DimseMessage, fromCommandSet } from "../net/dimse/messages.ts";
import type { AssociateAcPdu, AssociateRjPdu, AssociateRqPdu, Pdu } from "../net/pdu/pdu_types.ts";
import { decodePdu } from "../net/pdu/read_pdu.ts";
import { toJsonSafe } from "./jsonl_trace.ts";
import type { TraceRecord } from "./trace_summary.ts";

const DISCARD_SINK = { write: () => {} };

/** Which side of the association sent something. */
export type ConversationSide = "requestor" | "acceptor";

/** One PDU of a recorded connection. */
export interface ConversationPdu {
  /** Who sent it. */
  readonly from: ConversationSide;
  /** Time of the record, ms. */
  readonly t: number;
  /** The decoded PDU. */
  readonly pdu: Pdu;
  /** Its bytes as they went over the wire. */
  readonly raw: Uint8Array;
}

/** One DIMSE message of a recorded connection. */
export interface ConversationMessage {
  /** Who sent it. */
  readonly from: ConversationSide;
  /** Time of its last PDU, ms. */
  readonly t: number;
  /** Index, in `pdus`, of the PDU that completed it. */
  readonly pduIndex: number;
  /** The presentation context it came on. */
  readonly presentationContextId: number;
  /** The context's abstract syntax, when the association request named it. */
  readonly abstractSyntax?: string;
  /** The context's accepted transfer syntax (the data set's encoding), when known. */
  readonly transferSyntax?: string;
  /** The command set bytes (implicit VR little endian). */
  readonly command: Uint8Array;
  /** The decoded command. */
  readonly message: DimseMessage;
  /** The data set bytes, when one followed. */
  readonly dataSet?: Uint8Array;
}

/** One recorded connection: an association attempt from the first PDU to the close. */
export interface RecordedConnection {
  /** The trace's connection id. */
  readonly id: string;
  /** The requestor's address (`host:port`), when the trace has it. */
  readonly requestorAddress?: string;
  /** The acceptor's address, when the trace has it. */
  readonly acceptorAddress?: string;
  /** The A-ASSOCIATE-RQ. */
  readonly request?: AssociateRqPdu;
  /** The A-ASSOCIATE-AC or -RJ. */
  readonly response?: AssociateAcPdu | AssociateRjPdu;
  /** Every PDU, in order. */
  readonly pdus: ConversationPdu[];
  /** Every DIMSE message, in order. */
  readonly messages: ConversationMessage[];
  /** How it ended: "released" (A-RELEASE-RQ/RP), "aborted" (A-ABORT), "rejected", or
   * "closed" (the connection closed without either). */
  readonly end: "released" | "aborted" | "rejected" | "closed";
  /** What could not be read (PDUs without bytes, undecodable PDUs or commands). */
  readonly problems: string[];
}

/**
 * Whether the side that wrote a connection's records (`dir: "out"`) is the requestor, from its
 * first PDU: the requestor sends the A-ASSOCIATE-RQ and receives the AC or RJ (PS3.8 7.1.1);
 * without either, the writer is taken to be the requestor.
 * @example
 * ```ts
 * import { tracerIsRequestor } from "./conversation.ts";
 * tracerIsRequestor("A-ASSOCIATE-RQ", "in"); // false
 * ```
 */
export function tracerIsRequestor(firstPduType: unknown, firstDir: unknown): boolean {
  if (firstPduType === "A-ASSOCIATE-RQ") return firstDir === "out";
  if (firstPduType === "A-ASSOCIATE-AC" || firstPduType === "A-ASSOCIATE-RJ") {
    return firstDir === "in";
  }
  return true;
}

/** Options of `readConversations`. */
export interface ReadConversationsOptions {
  /** Keep connections that carried no PDU (e.g. refused TCP connections). Default false. */
  keepEmpty?: boolean;
}

/**
 * Reads a trace's PDU records (those with `raw` bytes) into one `RecordedConnection` per
 * connection, in the order the connections first appear. The requestor is the side that sent
 * the A-ASSOCIATE-RQ (PS3.8 7.1.1); without one, the side that traced it (`dir: "out"`).
 * @example
 * ```ts
 * import { readConversations } from "./conversation.ts";
 * readConversations([]).length; // 0
 * ```
 */
export function readConversations(
  records: readonly TraceRecord[],
  options: ReadConversationsOptions = {},
): RecordedConnection[] {
  const byConn = new Map<string, TraceRecord[]>();
  for (const r of records) {
    if (!byConn.has(r.conn)) byConn.set(r.conn, []);
    byConn.get(r.conn)!.push(r);
  }
  const out: RecordedConnection[] = [];
  for (const [id, list] of byConn) {
    const connection = readConnection(id, list);
    if (connection.pdus.length > 0 || options.keepEmpty) out.push(connection);
  }
  return out;
}

function readConnection(id: string, list: readonly TraceRecord[]): RecordedConnection {
  const problems: string[] = [];
  const decoded: { r: TraceRecord; pdu: Pdu; raw: Uint8Array }[] = [];
  for (const r of list) {
    if (r.kind !== "pdu-sent" && r.kind !== "pdu-received") continue;
    if (typeof r.raw !== "string") {
      problems.push(`${r.kind} at ${r.t} ms has no raw bytes (trace written without raw)`);
      continue;
    }
    const raw = decodeBase64(r.raw);
    try {
      decoded.push({ r, pdu: decodePdu(raw), raw });
    } catch (error) {
      problems.push(`${r.kind} at ${r.t} ms: ${(error as Error).message}`);
    }
  }
  const outIsRequestor = tracerIsRequestor(decoded[0]?.pdu.type, decoded[0]?.r.dir);
  const local = list.find((r) => typeof r.local === "string")?.local as string | undefined;
  const remote = list.find((r) => typeof r.remote === "string")?.remote as string | undefined;
  const builder = new ConversationBuilder();
  for (const { r, pdu, raw } of decoded) {
    const from: ConversationSide = (r.dir === "out") === outIsRequestor ? "requestor" : "acceptor";
    builder.add({ from, t: r.t, pdu, raw });
  }
  return {
    id,
    requestorAddress: outIsRequestor ? local : remote,
    acceptorAddress: outIsRequestor ? remote : local,
    ...builder.result(),
    problems: [...problems, ...builder.problems],
  };
}

/**
 * Builds a connection's conversation PDU by PDU (used for recordings and for live replays).
 * @example
 * ```ts
 * import { ConversationBuilder } from "./conversation.ts";
 * import { writePdu } from "../net/pdu/write_pdu.ts";
 * const b = new ConversationBuilder();
 * const pdu = { type: "A-RELEASE-RQ" } as const;
 * b.add({ from: "requestor", t: 0, pdu, raw: writePdu(pdu) });
 * b.result().end; // "closed"
 * ```
 */
export class ConversationBuilder {
  #retain: boolean;
  #keepDataSets: boolean;
  /**
   * `retain: false` keeps no PDUs and messages (only returns each message as it completes: for
   * long-running recorders); `dataSets: false` drops data set bytes as they arrive. Both
   * default to true.
   */
  constructor(options: { retain?: boolean; dataSets?: boolean } = {}) {
    this.#retain = options.retain ?? true;
    this.#keepDataSets = options.dataSets ?? true;
    const assemblerOptions = this.#keepDataSets ? {} : { streamDataSet: () => DISCARD_SINK };
    this.#assemblers = {
      requestor: new MessageAssembler(assemblerOptions),
      acceptor: new MessageAssembler(assemblerOptions),
    };
  }
  /** What could not be read so far. */
  readonly problems: string[] = [];
  #pdus: ConversationPdu[] = [];
  #messages: ConversationMessage[] = [];
  #request: AssociateRqPdu | undefined;
  #response: AssociateAcPdu | AssociateRjPdu | undefined;
  #assemblers: Record<ConversationSide, MessageAssembler>;
  #pduCount = 0;
  #released = { rq: false, rp: false };
  #aborted = false;

  /** Adds the next PDU; returns the DIMSE messages it completed. */
  add(entry: ConversationPdu): ConversationMessage[] {
    if (this.#retain) this.#pdus.push(entry);
    this.#pduCount++;
    const pdu = entry.pdu;
    const done: ConversationMessage[] = [];
    switch (pdu.type) {
      case "A-ASSOCIATE-RQ":
        this.#request ??= pdu;
        break;
      case "A-ASSOCIATE-AC":
      case "A-ASSOCIATE-RJ":
        this.#response ??= pdu;
        break;
      case "A-RELEASE-RQ":
        this.#released.rq = true;
        break;
      case "A-RELEASE-RP":
        this.#released.rp = true;
        break;
      case "A-ABORT":
        this.#aborted = true;
        break;
      case "P-DATA-TF":
        for (const pdv of pdu.pdvs) {
          let assembled;
          try {
            assembled = this.#assemblers[entry.from].push(pdv);
          } catch (error) {
            this.problems.push(
              `PDU ${this.#pduCount} from the ${entry.from}: ${(error as Error).message}`,
            );
            continue;
          }
          if (!assembled) continue;
          let message: DimseMessage;
          try {
            message = fromCommandSet(decodeCommand(assembled.command));
          } catch (error) {
            this.problems.push(
              `PDU ${this.#pduCount} from the ${entry.from}: ${(error as Error).message}`,
            );
            continue;
          }
          const id = assembled.presentationContextId;
          const m: ConversationMessage = {
            from: entry.from,
            t: entry.t,
            pduIndex: this.#pduCount - 1,
            presentationContextId: id,
            abstractSyntax: this.#request?.presentationContexts.find((c) => c.id === id)
              ?.abstractSyntax,
            transferSyntax: this.#response?.type === "A-ASSOCIATE-AC"
              ? this.#response.presentationContexts.find((c) => c.id === id)?.transferSyntax
              : undefined,
            command: assembled.command,
            message,
            dataSet: assembled.dataSet,
          };
          if (this.#retain) this.#messages.push(m);
          done.push(m);
        }
        break;
    }
    return done;
  }

  /** The conversation so far. */
  result(): Omit<RecordedConnection, "id" | "problems"> {
    const end = this.#aborted
      ? "aborted"
      : this.#response?.type === "A-ASSOCIATE-RJ"
      ? "rejected"
      : this.#released.rq && this.#released.rp
      ? "released"
      : "closed";
    return {
      request: this.#request,
      response: this.#response,
      pdus: this.#pdus,
      messages: this.#messages,
      end,
    };
  }
}

/**
 * True for a DIMSE response that ends its request: any response whose status is not Pending
 * (0xFF00, 0xFF01), PS3.7 9.1.
 * @example
 * ```ts
 * import { isFinalResponse } from "./conversation.ts";
 * isFinalResponse({ type: "C-ECHO-RSP", messageIdBeingRespondedTo: 1, status: 0 }); // true
 * ```
 */
export function isFinalResponse(message: DimseMessage): boolean {
  if (!("status" in message)) return false;
  return message.status !== 0xff00 && message.status !== 0xff01;
}

/**
 * The records with a `dimse-sent`/`dimse-received` record added after each PDU record that
 * completes a DIMSE message (for traces that have PDUs only, e.g. imported captures). Records
 * that already have DIMSE records are returned as they are.
 * @example
 * ```ts
 * import { withDimseRecords } from "./conversation.ts";
 * withDimseRecords([]).length; // 0
 * ```
 */
export function withDimseRecords(records: readonly TraceRecord[]): TraceRecord[] {
  if (records.some((r) => r.kind === "dimse-sent" || r.kind === "dimse-received")) {
    return [...records];
  }
  const builders = new Map<string, { builder: ConversationBuilder; outIsRequestor: boolean }>();
  const out: TraceRecord[] = [];
  for (const r of records) {
    out.push(r);
    if ((r.kind !== "pdu-sent" && r.kind !== "pdu-received") || typeof r.raw !== "string") continue;
    let pdu: Pdu;
    const raw = decodeBase64(r.raw);
    try {
      pdu = decodePdu(raw);
    } catch {
      continue;
    }
    let state = builders.get(r.conn);
    if (!state) {
      const outIsRequestor = tracerIsRequestor(pdu.type, r.dir);
      state = { builder: new ConversationBuilder({ retain: false }), outIsRequestor };
      builders.set(r.conn, state);
    }
    const from: ConversationSide = (r.dir === "out") === state.outIsRequestor
      ? "requestor"
      : "acceptor";
    for (const m of state.builder.add({ from, t: r.t, pdu, raw })) {
      out.push({
        v: r.v,
        t: r.t,
        conn: r.conn,
        kind: r.dir === "out" ? "dimse-sent" : "dimse-received",
        dir: r.dir,
        context: m.presentationContextId,
        dataSetLength: m.dataSet?.length ?? 0,
        message: toJsonSafe(m.message),
      });
    }
  }
  return out;
}

/** A request of the requestor and what the acceptor sent for it. */
export interface ConversationExchange {
  /** The request. */
  readonly request: ConversationMessage;
  /** The acceptor's messages for it, in order: its responses (pending ones, then the final
   * one) and its own requests in between (C-GET's C-STORE sub-operations). */
  readonly answers: ConversationMessage[];
  /** The final (non-pending) response, when one came. */
  readonly final?: ConversationMessage;
}

/**
 * The requestor's requests of a connection, each with the acceptor's answers (responses paired
 * by Message ID Being Responded To, PS3.7 9.1; acceptor requests go with the request open when
 * they came).
 * @example
 * ```ts
 * import { exchangesOf } from "./conversation.ts";
 * exchangesOf({ id: "c", pdus: [], messages: [], end: "closed", problems: [] }).length; // 0
 * ```
 */
export function exchangesOf(connection: RecordedConnection): ConversationExchange[] {
  const exchanges: {
    request: ConversationMessage;
    answers: ConversationMessage[];
    final?: ConversationMessage;
  }[] = [];
  const open = new Map<number, (typeof exchanges)[number]>();
  for (const m of connection.messages) {
    const message = m.message;
    if (m.from === "requestor" && "messageId" in message && !("status" in message)) {
      const exchange = { request: m, answers: [] };
      exchanges.push(exchange);
      open.set(message.messageId, exchange);
      continue;
    }
    if (m.from !== "acceptor") continue;
    if ("messageIdBeingRespondedTo" in message) {
      const exchange = open.get(message.messageIdBeingRespondedTo);
      if (!exchange) continue;
      exchange.answers.push(m);
      if (isFinalResponse(message)) {
        exchange.final = m;
        open.delete(message.messageIdBeingRespondedTo);
      }
    } else {
      [...open.values()].at(-1)?.answers.push(m);
    }
  }
  return exchanges;
}
