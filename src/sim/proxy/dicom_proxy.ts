/**
 * A transparent DICOM proxy: listens for associations, connects each to the real SCP, passes
 * every PDU on byte for byte in both directions, and records the conversation (PDUs with their
 * bytes, the DIMSE messages they carry, both endpoints' real addresses) as a JSON Lines trace.
 * Faults from the mock PACS's configuration (`PacsFault`) can be injected in the path: reject,
 * accept-delay, delay, no-response, status (the final response's Status rewritten in place),
 * find-limit, abort and close.
 * @module
 */
import { type Clock, REAL_CLOCK } from "../../core/clock.ts";
import { commandValue, peekCommandUint16 } from "../../net/dimse/command_set.ts";
import { decodePdu } from "../../net/pdu/read_pdu.ts";
import { PduFramer } from "../../net/pdu/pdu_framer.ts";
import type { Pdu } from "../../net/pdu/pdu_types.ts";
import { writePdu } from "../../net/pdu/write_pdu.ts";
import { connectTcp, listenTcp, type TcpEngine } from "../../net/transport/tcp.ts";
import type { Transport } from "../../net/transport/transport.ts";
import {
  ConversationBuilder,
  type ConversationMessage,
  type ConversationSide,
} from "../../trace/conversation.ts";
import type { JsonlTrace } from "../../trace/jsonl_trace.ts";
import { type FaultDecision, FaultPlan, type PacsFault } from "../pacs/pacs_faults.ts";

/** Options of `startProxy`. */
export interface DicomProxyOptions {
  /** Where to listen. Default 127.0.0.1, an ephemeral port. */
  listen?: { host?: string; port?: number };
  /** The SCP every connection is passed on to. */
  target: { host: string; port: number };
  /** Faults to inject (the mock PACS's fault options). Default none. */
  faults?: readonly PacsFault[];
  /** Where to record the conversations. Default: not recorded. */
  trace?: JsonlTrace;
  /** Clock for delays and record times. Default the real clock. */
  clock?: Clock;
  /** Bound on connecting to the target, ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Called when a proxied connection has ended, with what went through it. */
  onConnectionEnd?: (summary: ProxyConnectionSummary) => void;
  /** Socket implementation (see `connectTcp`). */
  engine?: TcpEngine;
}

/** What went through one proxied connection. */
export interface ProxyConnectionSummary {
  /** The client-side connection id (the trace's `conn`). */
  readonly id: string;
  /** The requestor's address. */
  readonly client: string;
  /** PDUs passed on (both directions). */
  readonly pdus: number;
  /** Bytes passed on (both directions). */
  readonly bytes: number;
  /** DIMSE messages seen (both directions). */
  readonly messages: number;
  /** How the association ended. */
  readonly end: "released" | "aborted" | "rejected" | "closed";
  /** What went wrong (target unreachable, unframeable stream), if anything. */
  readonly error?: string;
  /** Faults applied, in words. */
  readonly faults: readonly string[];
}

/** A running proxy. */
export interface DicomProxy {
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and closes every proxied connection. */
  close(): Promise<void>;
}

/**
 * Starts a proxy in front of `options.target`.
 * @example
 * ```ts
 * import { startProxy } from "./dicom_proxy.ts";
 * const proxy = await startProxy({ target: { host: "127.0.0.1", port: 11112 } });
 * console.log("point the SCU at port", proxy.port);
 * await proxy.close();
 * ```
 */
export async function startProxy(options: DicomProxyOptions): Promise<DicomProxy> {
  const plan = new FaultPlan(options.faults ?? []);
  const open = new Set<ProxyConnection>();
  const server = await listenTcp(
    {
      host: options.listen?.host ?? "127.0.0.1",
      port: options.listen?.port ?? 0,
      engine: options.engine,
    },
    (client) => {
      const connection = new ProxyConnection(client, options, plan);
      open.add(connection);
      connection.done.then((summary) => {
        open.delete(connection);
        options.onConnectionEnd?.(summary);
      });
    },
  );
  return {
    port: server.port,
    async close() {
      for (const c of open) c.destroy();
      await server.close();
      await Promise.all([...open].map((c) => c.done));
    },
  };
}

const P_DATA_TF = 0x04;
const STATUS_TAG = 0x00000900;
const MESSAGE_ID_RESPONDED_TO_TAG = 0x00000120;
const COMMAND_DATA_SET_TYPE_TAG = 0x00000800;
const NO_DATA_SET = 0x0101;

/** The fields of a request that faults match on. */
interface RequestFields {
  messageId: number;
  affectedSopClassUid?: string;
  requestedSopClassUid?: string;
  affectedSopInstanceUid?: string;
  requestedSopInstanceUid?: string;
}

/** One client connection and its connection to the target. */
class ProxyConnection {
  readonly done: Promise<ProxyConnectionSummary>;
  #client: Transport;
  #server: Transport | undefined;
  #options: DicomProxyOptions;
  #plan: FaultPlan;
  #clock: Clock;
  #builder = new ConversationBuilder({ retain: false, dataSets: false });
  #chains: Record<ConversationSide, Promise<void>> = {
    requestor: Promise.resolve(),
    acceptor: Promise.resolve(),
  };
  #callingAeTitle = "";
  #decisions = new Map<number, FaultDecision & { matches: number }>();
  #dropping = new Set<number>(); // presentation contexts whose data set is being swallowed
  #pdus = 0;
  #bytes = 0;
  #clientBytes = 0;
  #requests = 0;
  #messages = 0;
  #endAfter: ReturnType<FaultPlan["endAfter"]>;
  #faults: string[] = [];
  #error: string | undefined;
  #finished = false;
  #finishedReported = false;
  #closedSides = 0;
  #inFlight = new Set<Promise<void>>();
  #pipe: boolean;
  #resolve!: (s: ProxyConnectionSummary) => void;

  constructor(client: Transport, options: DicomProxyOptions, plan: FaultPlan) {
    this.#client = client;
    this.#options = options;
    this.#plan = plan;
    this.#clock = options.clock ?? REAL_CLOCK;
    this.done = new Promise((resolve) => this.#resolve = resolve);
    // Nothing to record and no faults: a plain byte pipe.
    this.#pipe = !options.trace && (options.faults ?? []).length === 0;
    const framer = new PduFramer({ maxPduLength: 0 });
    client.onData((chunk) =>
      this.#pipe ? this.#pipeChunk(chunk, "requestor") : this.#frame(framer, chunk, "requestor")
    );
    client.onClose(() => this.#closeSide("requestor"));
  }

  destroy(): void {
    this.#client.destroy();
    this.#server?.destroy();
  }

  #pipeChunk(chunk: Uint8Array, from: ConversationSide): void {
    this.#bytes += chunk.length;
    this.#chains[from] = this.#chains[from].then(async () => {
      if (from === "requestor" && !this.#server) await this.#connect();
      await this.#send(from === "requestor" ? this.#server! : this.#client, chunk);
    }).catch((error) => this.#fail((error as Error).message));
  }

  #frame(framer: PduFramer, chunk: Uint8Array, from: ConversationSide): void {
    let pdus: Uint8Array[];
    try {
      pdus = [...framer.push(chunk)];
    } catch (error) {
      this.#fail(`Cannot frame the ${from}'s stream: ${(error as Error).message}`);
      return;
    }
    for (const raw of pdus) {
      // Keep order across the awaits of delays and connects.
      this.#chains[from] = this.#chains[from].then(() =>
        from === "requestor" ? this.#fromClient(raw) : this.#fromServer(raw)
      ).catch((error) => this.#fail((error as Error).message));
    }
  }

  async #fromClient(raw: Uint8Array): Promise<void> {
    if (this.#finished) return;
    const pdu = decodeOrUndefined(raw);
    if (pdu?.type === "A-ASSOCIATE-RQ" && !this.#server) {
      this.#callingAeTitle = pdu.callingAeTitle.trim();
      this.#endAfter = this.#plan.endAfter(this.#callingAeTitle);
      const rejection = this.#plan.admit(this.#callingAeTitle);
      this.#record("requestor", raw, pdu);
      if (rejection) {
        this.#faults.push(`rejected ${rejection.result}/${rejection.source}/${rejection.reason}`);
        const rj: Pdu = { type: "A-ASSOCIATE-RJ", ...rejection };
        const bytes = writePdu(rj);
        this.#record("acceptor", bytes, rj);
        await this.#client.write(bytes);
        await this.#client.end();
        return;
      }
      const delay = this.#plan.acceptDelayMs();
      if (delay > 0) {
        this.#faults.push(`association request held ${delay} ms`);
        await sleep(this.#clock, delay);
      }
      await this.#connect();
      await this.#send(this.#server!, raw);
      return;
    }
    if (!this.#server) await this.#connect();
    this.#record("requestor", raw, pdu);
    this.#clientBytes += raw.length;
    await this.#send(this.#server!, raw);
    const end = this.#endAfter;
    if (
      end && (
        (end.afterMessages !== undefined && this.#requests >= end.afterMessages) ||
        (end.afterBytes !== undefined && this.#clientBytes >= end.afterBytes)
      )
    ) {
      await this.#endWithFault(end.kind);
    }
  }

  async #fromServer(raw: Uint8Array): Promise<void> {
    if (this.#finished) return;
    const pdu = decodeOrUndefined(raw);
    let out = raw;
    if (raw[0] === P_DATA_TF && pdu?.type === "P-DATA-TF") {
      let drop = false;
      let delayMs = 0;
      for (const pdv of pdu.pdvs) {
        const id = pdv.presentationContextId;
        if (!pdv.isCommand) {
          if (this.#dropping.has(id)) {
            drop = true;
            if (pdv.isLast) this.#dropping.delete(id);
          }
          continue;
        }
        if (!pdv.isLast) continue; // a command split over PDVs passes as it is
        const respondedTo = peekCommandUint16(pdv.data, MESSAGE_ID_RESPONDED_TO_TAG);
        const decision = respondedTo === undefined ? undefined : this.#decisions.get(respondedTo);
        if (!decision) continue;
        const status = peekCommandUint16(pdv.data, STATUS_TAG);
        const final = status !== 0xff00 && status !== 0xff01;
        const hasData = peekCommandUint16(pdv.data, COMMAND_DATA_SET_TYPE_TAG) !== NO_DATA_SET;
        if (decision.noResponse) {
          drop = true;
          if (hasData) this.#dropping.add(id);
          this.#note("a response swallowed (no-response)");
          continue;
        }
        if (!final && decision.maxMatches !== undefined) {
          decision.matches++;
          if (decision.matches > decision.maxMatches) {
            drop = true;
            if (hasData) this.#dropping.add(id);
            continue;
          }
        }
        delayMs += decision.delayMs;
        const rewrite = final
          ? decision.status ??
            (decision.maxMatches !== undefined && decision.matches > decision.maxMatches
              ? decision.limitStatus
              : undefined)
          : undefined;
        if (rewrite !== undefined && status !== undefined) {
          if (out === raw) out = raw.slice();
          const at = statusOffset(pdv.data, raw);
          if (at !== undefined) {
            out[at] = rewrite & 0xff;
            out[at + 1] = rewrite >> 8;
            this.#note(
              `Status of the response to message ${respondedTo} rewritten to 0x${
                rewrite.toString(16).padStart(4, "0")
              }`,
            );
          }
        }
      }
      if (drop) return;
      if (delayMs > 0) await sleep(this.#clock, delayMs);
    }
    this.#record("acceptor", out, out === raw ? pdu : decodeOrUndefined(out));
    await this.#send(this.#client, out);
  }

  async #connect(): Promise<void> {
    const { host, port } = this.#options.target;
    const server = await connectTcp({
      host,
      port,
      connectTimeoutMs: this.#options.connectTimeoutMs ?? 10_000,
      engine: this.#options.engine,
    });
    this.#server = server;
    const framer = new PduFramer({ maxPduLength: 0 });
    server.onData((chunk) =>
      this.#pipe ? this.#pipeChunk(chunk, "acceptor") : this.#frame(framer, chunk, "acceptor")
    );
    server.onClose(() => this.#closeSide("acceptor"));
  }

  /**
   * Passes bytes on without waiting for each write: up to 32 writes may be in flight per
   * connection before the pump waits (backpressure without a round of awaits per PDU).
   */
  async #send(to: Transport, bytes: Uint8Array): Promise<void> {
    const write = to.write(bytes);
    this.#inFlight.add(write);
    write.catch(() => {}).finally(() => this.#inFlight.delete(write));
    if (this.#inFlight.size > 32) await write;
  }

  #record(from: ConversationSide, raw: Uint8Array, pdu: Pdu | undefined): void {
    this.#pdus++;
    this.#bytes += raw.length;
    const at = this.#clock.now();
    const trace = this.#options.trace;
    const endpoints = {
      local: this.#client.remoteAddress,
      remote: `${this.#options.target.host}:${this.#options.target.port}`,
    };
    if (!pdu) {
      trace?.record(this.#client.id, {
        type: "error",
        error: new Error(`Undecodable PDU of type 0x${raw[0].toString(16)} from the ${from}`),
        at,
      }, endpoints);
      return;
    }
    const type = from === "requestor" ? "pdu-sent" : "pdu-received";
    trace?.record(this.#client.id, { type, pdu, length: raw.length, at, bytes: raw }, endpoints);
    for (const m of this.#builder.add({ from, t: at, pdu, raw })) this.#onMessage(m, at);
  }

  #onMessage(m: ConversationMessage, at: number): void {
    this.#messages++;
    this.#options.trace?.record(this.#client.id, {
      type: m.from === "requestor" ? "dimse-sent" : "dimse-received",
      message: m.message,
      presentationContextId: m.presentationContextId,
      dataSetLength: m.dataSet?.length ?? 0,
      at,
    });
    const message = m.message;
    if (m.from !== "requestor" || "status" in message) return;
    this.#requests++;
    const request = message as RequestFields;
    const decision = this.#plan.decide({
      callingAeTitle: this.#callingAeTitle,
      command: message.type,
      sopClassUid: request.affectedSopClassUid ?? request.requestedSopClassUid ?? "",
      sopInstanceUid: request.affectedSopInstanceUid ?? request.requestedSopInstanceUid,
    });
    const active = decision.delayMs > 0 || decision.noResponse || decision.status !== undefined ||
      decision.maxMatches !== undefined;
    if (active) this.#decisions.set(request.messageId, { ...decision, matches: 0 });
    else this.#decisions.delete(request.messageId);
  }

  async #endWithFault(kind: "abort" | "close"): Promise<void> {
    this.#note(kind === "abort" ? "association aborted (A-ABORT both ways)" : "connection dropped");
    if (kind === "abort") {
      // PS3.8 9.3.8: source 2 = service-provider initiated.
      const abort: Pdu = { type: "A-ABORT", source: 2, reason: 0 };
      const bytes = writePdu(abort);
      this.#record("acceptor", bytes, abort);
      await Promise.allSettled([this.#client.write(bytes), this.#server?.write(bytes)]);
    }
    this.#finished = true;
    this.#client.destroy();
    this.#server?.destroy();
  }

  #note(text: string): void {
    if (!this.#faults.includes(text)) this.#faults.push(text);
  }

  #fail(message: string): void {
    this.#error ??= message;
    this.#options.trace?.record(this.#client.id, {
      type: "error",
      error: new Error(message),
      at: this.#clock.now(),
    });
    this.destroy();
  }

  #closeSide(side: ConversationSide): void {
    // Let queued PDUs from that side go through first, then close the other side; the summary
    // comes once both sides have closed.
    this.#chains[side] = this.#chains[side].then(async () => {
      const other = side === "requestor" ? this.#server : this.#client;
      if (other) await Promise.race([other.end().catch(() => {}), sleep(this.#clock, 2_000)]);
      other?.destroy();
      this.#closedSides += other ? 1 : 2;
      if (this.#closedSides >= 2) this.#finish();
    });
  }

  #finish(): void {
    if (this.#finishedReported) return;
    this.#finishedReported = true;
    this.#finished = true;
    const end = this.#builder.result().end;
    this.#options.trace?.record(this.#client.id, {
      type: "closed",
      end: { reason: end, error: this.#error ? new Error(this.#error) : undefined },
      at: this.#clock.now(),
    });
    this.#resolve({
      id: this.#client.id,
      client: this.#client.remoteAddress,
      pdus: this.#pdus,
      bytes: this.#bytes,
      messages: this.#messages,
      end,
      error: this.#error,
      faults: this.#faults,
    });
  }
}

function decodeOrUndefined(raw: Uint8Array): Pdu | undefined {
  try {
    return decodePdu(raw);
  } catch {
    return undefined;
  }
}

/** The offset in `raw` of the Status value inside the command PDV `data` (a view of `raw`). */
function statusOffset(data: Uint8Array, raw: Uint8Array): number | undefined {
  if (data.buffer !== raw.buffer) return undefined;
  const value = commandValue(data, STATUS_TAG);
  return value?.length === 2 ? value.byteOffset - raw.byteOffset : undefined;
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(ms, resolve));
}
