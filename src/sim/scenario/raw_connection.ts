/**
 * A raw connection for scenarios: any PDU (well-formed, malformed or unknown) or plain bytes
 * sent to the target in any split, and what comes back read PDU by PDU, with no state machine
 * on our side. For conformance checks of the peer's upper layer (PS3.8 9): illegal PDUs in the
 * current state, unknown PDU types, wrong lengths, resets and half-closes mid-PDU. Waits run on
 * the virtual clock in memory mode.
 * @module
 */
import type { Clock, VirtualClock } from "../../core/clock.ts";
import { runUntil } from "./virtual_wait.ts";
import {
  type AssociateRequestOptions,
  buildAssociateRequest,
} from "../../net/acse/association_request.ts";
import type { AssociationEvent } from "../../net/association/association.ts";
import { commandHasDataSet, decodeCommand, encodeCommand } from "../../net/dimse/command_set.ts";
import { type DimseMessage, fromCommandSet, toCommandSet } from "../../net/dimse/messages.ts";
import { pduName } from "../../net/pdu/names.ts";
import { pDataTf, pdv } from "../../net/pdu/pdu_builders.ts";
import { PduFramer } from "../../net/pdu/pdu_framer.ts";
import type { AbortPdu, AssociateRqPdu, PDataTfPdu, Pdu } from "../../net/pdu/pdu_types.ts";
import { decodePdu } from "../../net/pdu/read_pdu.ts";
import { writePdu } from "../../net/pdu/write_pdu.ts";
import type { Transport } from "../../net/transport/transport.ts";
import { ExpectationError } from "./expectation_error.ts";

/** The `type` of a {@link Pdu}: `"A-ASSOCIATE-RQ"`, ..., `"UNKNOWN"`. */
export type PduTypeName = Pdu["type"];

/** The PDU of that type. */
export type PduOf<T extends PduTypeName> = Extract<Pdu, { type: T }>;

/** What a raw connection received, in order. */
export type RawEvent =
  | { readonly kind: "pdu"; readonly pdu: Pdu; readonly bytes: Uint8Array }
  | {
    /** A PDU that could not be decoded (or framed); its bytes when framed. */
    readonly kind: "undecodable";
    readonly error: Error;
    readonly bytes?: Uint8Array;
  }
  | {
    /** The connection closed: gracefully, or by a reset from the peer. */
    readonly kind: "closed";
    readonly reset: boolean;
    readonly error?: Error;
  };

/** How long to wait for something from the peer. */
export interface RawWaitOptions {
  /** Milliseconds (virtual time in memory mode). Default 5000. */
  readonly withinMs?: number;
}

/** Options of {@link RawConnection}. */
export interface RawConnectionOptions {
  /** The clock that `at` times come from. Default: `performance.now()`. */
  readonly clock?: Clock;
  /** In memory mode: the virtual clock, advanced while waiting (as `ScenarioContext.wait`). */
  readonly virtualClock?: VirtualClock;
  /** Told of every PDU sent and received and of the close (the scenario's trace). */
  readonly onEvent?: (event: AssociationEvent) => void;
  /** The default Called AE Title of {@link RawConnection.associateRq}. Default `"ANY-SCP"`. */
  readonly calledAeTitle?: string;
  /** Largest PDU accepted from the peer, in bytes after the header; 0 = none. Default 16 MiB. */
  readonly maxPduLength?: number;
}

/** Options of {@link RawConnection.associateRq}: those of an A-ASSOCIATE-RQ, AE title optional. */
export type RawAssociateOptions = Omit<AssociateRequestOptions, "calledAeTitle"> & {
  /** Called AE Title. Default: the target's. */
  readonly calledAeTitle?: string;
};

/** A DIMSE message read off a raw connection. */
export interface RawDimse {
  /** The decoded command. */
  readonly message: DimseMessage;
  /** The presentation context ID of its command PDVs. */
  readonly presentationContextId: number;
  /** Its data set bytes, when it had one. */
  readonly dataSet?: Uint8Array;
}

const DEFAULT_WAIT_MS = 5000;

/** One line describing an event, for expectation messages. */
function describe(event: RawEvent | undefined): string {
  if (event === undefined) return "nothing";
  if (event.kind === "closed") return event.reset ? "connection reset" : "connection closed";
  if (event.kind === "undecodable") return `an undecodable PDU: ${event.error.message}`;
  const pdu = event.pdu;
  switch (pdu.type) {
    case "A-ASSOCIATE-RJ":
      return `A-ASSOCIATE-RJ (result ${pdu.result}, source ${pdu.source}, reason ${pdu.reason})`;
    case "A-ABORT":
      return `A-ABORT (source ${pdu.source}, reason ${pdu.reason})`;
    case "UNKNOWN":
      return `${pduName(pdu)} (${pdu.body.length} bytes)`;
    default:
      return pdu.type;
  }
}

/**
 * A single-PDU P-DATA-TF carrying a DIMSE command (no data set) on a presentation context: e.g.
 * a C-ECHO-RQ on a context the peer rejected.
 * @example
 * ```ts
 * import { commandPdu } from "./raw_connection.ts";
 * const pdu = commandPdu({
 *   type: "C-ECHO-RQ",
 *   messageId: 1,
 *   affectedSopClassUid: "1.2.840.10008.1.1",
 *   hasDataSet: false,
 * }, 3);
 * pdu.pdvs[0].presentationContextId; // 3
 * ```
 */
export function commandPdu(message: DimseMessage, presentationContextId: number): PDataTfPdu {
  const command = encodeCommand(toCommandSet(message));
  return pDataTf([pdv(presentationContextId, command, { isCommand: true, isLast: true })]);
}

/**
 * A raw connection to a peer over any transport. Everything received is framed into PDUs and
 * queued; `expect*` methods take from the queue in order.
 * @example
 * ```ts
 * import { createMemoryPair } from "../../net/transport/memory.ts";
 * import { RawConnection } from "./raw_connection.ts";
 * const [ours, theirs] = createMemoryPair();
 * theirs.onData(() => theirs.write(Uint8Array.of(7, 0, 0, 0, 0, 4, 0, 0, 2, 1)));
 * const raw = new RawConnection(ours);
 * await raw.send({ type: "A-RELEASE-RQ" });
 * (await raw.expectPdu("A-ABORT")).reason; // 1
 * raw.close();
 * ```
 */
export class RawConnection {
  readonly #transport: Transport;
  readonly #clock: Clock | undefined;
  readonly #virtual: VirtualClock | undefined;
  readonly #onEvent: ((event: AssociationEvent) => void) | undefined;
  readonly #calledAeTitle: string;
  readonly #framer: PduFramer;
  readonly #events: RawEvent[] = [];
  #next = 0;
  #wake: (() => void) | undefined;
  #closed = false;

  /** Wraps a connected transport (takes its data listener). */
  constructor(transport: Transport, options: RawConnectionOptions = {}) {
    this.#transport = transport;
    this.#clock = options.clock ?? options.virtualClock;
    this.#virtual = options.virtualClock;
    this.#onEvent = options.onEvent;
    this.#calledAeTitle = options.calledAeTitle ?? "ANY-SCP";
    this.#framer = new PduFramer({ maxPduLength: options.maxPduLength ?? 16 * 1024 * 1024 });
    transport.onData((chunk) => this.#onData(chunk));
    transport.onClose((info) => {
      this.#closed = true;
      this.#push({ kind: "closed", reset: info.reset === true, error: info.error });
      this.#onEvent?.({
        type: "closed",
        end: { reason: info.reset ? "aborted" : "closed", error: info.error },
        at: this.#now(),
      });
    });
  }

  /** The transport's connection id. */
  get id(): string {
    return this.#transport.id;
  }

  /** Whether the connection has closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Everything received so far, in order (also what `expect*` already took). */
  get events(): readonly RawEvent[] {
    return this.#events;
  }

  #now(): number {
    return this.#clock?.now() ?? performance.now();
  }

  #push(event: RawEvent): void {
    this.#events.push(event);
    this.#wake?.();
  }

  #onData(chunk: Uint8Array): void {
    try {
      for (const frame of this.#framer.push(chunk)) {
        let pdu: Pdu;
        try {
          pdu = decodePdu(frame);
        } catch (error) {
          this.#push({ kind: "undecodable", error: error as Error, bytes: frame });
          continue;
        }
        this.#onEvent?.({
          type: "pdu-received",
          pdu,
          length: frame.length,
          at: this.#now(),
          bytes: frame,
        });
        this.#push({ kind: "pdu", pdu, bytes: frame });
      }
    } catch (error) {
      // The framer gave up (a PDU longer than the limit): nothing more can be read.
      this.#push({ kind: "undecodable", error: error as Error });
      this.#transport.destroy();
    }
  }

  #recordSent(bytes: Uint8Array, pdu?: Pdu): void {
    if (this.#onEvent === undefined) return;
    let decoded = pdu;
    if (decoded === undefined) {
      try {
        decoded = decodePdu(bytes);
      } catch {
        // Not one whole PDU (a fragment, or malformed on purpose): record it as raw bytes.
        decoded = { type: "UNKNOWN", pduType: bytes[0] ?? 0, body: bytes.subarray(6) };
      }
    }
    this.#onEvent({ type: "pdu-sent", pdu: decoded, length: bytes.length, at: this.#now(), bytes });
  }

  /**
   * Sends a PDU (written as given, `lengthOverride` and all) or raw bytes in one write.
   * @example
   * ```ts ignore
   * await raw.send({ type: "UNKNOWN", pduType: 0x09, body: new Uint8Array(4) });
   * ```
   */
  async send(data: Pdu | Uint8Array): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : writePdu(data);
    this.#recordSent(bytes, data instanceof Uint8Array ? undefined : data);
    await this.#transport.write(bytes);
  }

  /**
   * Sends a PDU or bytes split into separate writes: `chunks` bytes each (1 = byte at a time),
   * or the given sizes in order and the rest in one last write. `gapMs` waits between writes
   * (virtual time in memory mode; over TCP it keeps the writes in separate segments).
   * @example
   * ```ts ignore
   * await raw.sendSplit(raw.associateRq({ callingAeTitle: "SCU", contexts }), 1, { gapMs: 1 });
   * await raw.sendSplit(pdu, [3, 7]); // bytes 0-2, 3-9, then the rest
   * ```
   */
  async sendSplit(
    data: Pdu | Uint8Array,
    chunks: number | readonly number[],
    options: { readonly gapMs?: number } = {},
  ): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : writePdu(data);
    const sizes: number[] = [];
    if (typeof chunks === "number") {
      if (!(chunks >= 1) || !Number.isInteger(chunks)) {
        throw new RangeError(`Cannot split a PDU: chunk size ${chunks} is not a positive integer`);
      }
      for (let at = 0; at < bytes.length; at += chunks) sizes.push(chunks);
    } else {
      let total = 0;
      for (const size of chunks) {
        if (!(size >= 1) || !Number.isInteger(size)) {
          throw new RangeError(`Cannot split a PDU: chunk size ${size} is not a positive integer`);
        }
        sizes.push(size);
        total += size;
      }
      if (total < bytes.length) sizes.push(bytes.length - total);
    }
    this.#recordSent(bytes, data instanceof Uint8Array ? undefined : data);
    let at = 0;
    for (const size of sizes) {
      if (at >= bytes.length) break;
      if (at > 0 && (options.gapMs ?? 0) > 0) await this.#sleep(options.gapMs!);
      await this.#transport.write(bytes.subarray(at, Math.min(bytes.length, at + size)));
      at += size;
    }
  }

  /**
   * Sends only the first `length` bytes of a PDU (then e.g. {@link RawConnection.reset} or
   * {@link RawConnection.end} mid-PDU).
   * @example
   * ```ts ignore
   * await raw.sendPrefix(rq, 30);
   * raw.reset();
   * ```
   */
  async sendPrefix(data: Pdu | Uint8Array, length: number): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : writePdu(data);
    const part = bytes.subarray(0, Math.max(0, Math.min(length, bytes.length)));
    this.#recordSent(part);
    await this.#transport.write(part);
  }

  /**
   * Sends a DIMSE command (no data set) in one P-DATA-TF on any presentation context ID, also
   * one the peer did not accept (see {@link commandPdu}); `split` and `gapMs` as in
   * {@link RawConnection.sendSplit}.
   * @example
   * ```ts ignore
   * await raw.sendCommand({
   *   type: "C-ECHO-RQ", messageId: 1, affectedSopClassUid: "1.2.840.10008.1.1", hasDataSet: false,
   * }, 1);
   * ```
   */
  async sendCommand(
    message: DimseMessage,
    presentationContextId: number,
    options: { readonly split?: number | readonly number[]; readonly gapMs?: number } = {},
  ): Promise<void> {
    const pdu = commandPdu(message, presentationContextId);
    if (options.split === undefined) await this.send(pdu);
    else await this.sendSplit(pdu, options.split, options);
  }

  /**
   * An A-ASSOCIATE-RQ as the association layer would send it (contexts get IDs 1, 3, 5, ...),
   * to send as is or changed, e.g. `{ ...rq, protocolVersion: 2 }`.
   * @example
   * ```ts ignore
   * const rq = raw.associateRq({ callingAeTitle: "SCU", contexts: [{ abstractSyntax: uid }] });
   * await raw.send(rq);
   * ```
   */
  associateRq(options: RawAssociateOptions): AssociateRqPdu {
    return buildAssociateRequest({
      ...options,
      calledAeTitle: options.calledAeTitle ?? this.#calledAeTitle,
    });
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#virtual !== undefined) {
      // In-memory delivery runs on microtasks: no need to give up the event loop turn.
      this.#virtual.advance(ms);
      for (let i = 0; i < 4; i++) await Promise.resolve();
    } else {
      await new Promise<void>((resolve) => setTimeout(resolve, ms));
    }
  }

  /** Waits until `check` gives a value or `ms` pass (virtual time in memory mode). */
  async #waitFor<T>(check: () => T | undefined, ms: number): Promise<T | undefined> {
    const now = check();
    if (now !== undefined) return now;
    const clock = this.#virtual;
    if (clock !== undefined) {
      let value: T | undefined;
      await runUntil(clock, () => (value = check()) !== undefined, ms);
      return value;
    }
    return await new Promise<T | undefined>((resolve) => {
      const finish = (value: T | undefined) => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(value);
      };
      const timer = setTimeout(() => finish(check()), ms);
      this.#wake = () => {
        const value = check();
        if (value !== undefined) finish(value);
      };
    });
  }

  /**
   * The next thing received (a PDU, an undecodable PDU, or the close), taken off the queue;
   * undefined when nothing came within the time.
   * @example
   * ```ts ignore
   * const event = await raw.next({ withinMs: 1000 });
   * ```
   */
  async next(options: RawWaitOptions = {}): Promise<RawEvent | undefined> {
    const event = await this.#waitFor(
      () => this.#events[this.#next],
      options.withinMs ?? DEFAULT_WAIT_MS,
    );
    if (event !== undefined) this.#next++;
    return event;
  }

  /**
   * Expects the next thing received to be a PDU of this type (or one of these types) and
   * resolves with it; an ExpectationError says what came instead.
   * @example
   * ```ts ignore
   * const rj = await raw.expectPdu("A-ASSOCIATE-RJ", { withinMs: 5000 });
   * ```
   */
  async expectPdu<T extends PduTypeName>(
    type: T | readonly T[],
    options: RawWaitOptions = {},
  ): Promise<PduOf<T>> {
    const types: readonly PduTypeName[] = typeof type === "string" ? [type] : type;
    const ms = options.withinMs ?? DEFAULT_WAIT_MS;
    const event = await this.next({ withinMs: ms });
    if (event?.kind !== "pdu" || !types.includes(event.pdu.type)) {
      throw new ExpectationError(
        "Raw connection",
        `${types.join(" or ")} within ${ms} ms`,
        describe(event),
      );
    }
    return event.pdu as PduOf<T>;
  }

  /**
   * Expects the connection to close within the time, after at most PDUs of the types in `skip`
   * (e.g. `["A-ABORT"]` when the peer may abort before closing); resolves with the PDUs skipped
   * and whether the peer reset the connection.
   * @example
   * ```ts ignore
   * const { pdus } = await raw.expectClosed({ withinMs: 5000, skip: ["A-ABORT"] });
   * ```
   */
  async expectClosed(
    options: RawWaitOptions & { readonly skip?: readonly PduTypeName[] } = {},
  ): Promise<{ readonly reset: boolean; readonly pdus: readonly Pdu[] }> {
    const ms = options.withinMs ?? DEFAULT_WAIT_MS;
    const pdus: Pdu[] = [];
    const start = this.#now();
    for (;;) {
      const left = Math.max(0, ms - (this.#now() - start));
      const event = await this.next({ withinMs: left });
      if (event?.kind === "closed") return { reset: event.reset, pdus };
      if (event?.kind === "pdu" && options.skip?.includes(event.pdu.type)) {
        pdus.push(event.pdu);
        continue;
      }
      const skipped = options.skip?.length ? ` (after any ${options.skip.join(", ")})` : "";
      throw new ExpectationError(
        "Raw connection",
        `closed within ${ms} ms${skipped}`,
        describe(event),
      );
    }
  }

  /**
   * Expects the peer to end the association by force: the next thing received is an A-ABORT
   * (resolves with it) or the connection closing without one (resolves with undefined).
   * @example
   * ```ts ignore
   * const abort = await raw.expectAbortOrClose();
   * abort?.source; // 2
   * ```
   */
  async expectAbortOrClose(options: RawWaitOptions = {}): Promise<AbortPdu | undefined> {
    const ms = options.withinMs ?? DEFAULT_WAIT_MS;
    const event = await this.next({ withinMs: ms });
    if (event?.kind === "closed") return undefined;
    if (event?.kind === "pdu" && event.pdu.type === "A-ABORT") return event.pdu;
    throw new ExpectationError(
      "Raw connection",
      `A-ABORT or closed within ${ms} ms`,
      describe(event),
    );
  }

  /**
   * Expects a DIMSE message: the next P-DATA-TF PDUs must carry its command (and data set, when
   * the command says it has one).
   * @example
   * ```ts ignore
   * const { message } = await raw.expectDimse({ withinMs: 5000 });
   * message.type; // "C-ECHO-RSP"
   * ```
   */
  async expectDimse(options: RawWaitOptions = {}): Promise<RawDimse> {
    const command: Uint8Array[] = [];
    const data: Uint8Array[] = [];
    let contextId: number | undefined;
    let commandDone = false;
    let wantsData: boolean | undefined;
    const join = (parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    for (;;) {
      const pdu = await this.expectPdu("P-DATA-TF", options);
      for (const v of pdu.pdvs) {
        contextId ??= v.presentationContextId;
        if (v.isCommand) {
          command.push(v.data);
          if (v.isLast) {
            commandDone = true;
            wantsData = commandHasDataSet(join(command)) ?? false;
          }
        } else {
          data.push(v.data);
          if (v.isLast && commandDone) wantsData = false;
        }
      }
      if (commandDone && wantsData === false) break;
    }
    return {
      message: fromCommandSet(decodeCommand(join(command))),
      presentationContextId: contextId!,
      ...(data.length > 0 ? { dataSet: join(data) } : {}),
    };
  }

  /**
   * Resets the connection (TCP RST over the node engine; a reset on the in-memory transport).
   * @example
   * ```ts ignore
   * await raw.sendSplit(pdu, [10]); // half a PDU...
   * raw.reset(); // ...then RST
   * ```
   */
  reset(): void {
    this.#transport.destroy();
  }

  /**
   * Closes our side gracefully (FIN after what was sent), e.g. mid-PDU; the peer closes in turn
   * (watch it with {@link RawConnection.expectClosed}).
   * @example
   * ```ts ignore
   * raw.end();
   * await raw.expectClosed();
   * ```
   */
  end(): void {
    this.#transport.end().catch(() => {});
  }

  /**
   * Closes the connection if still open: gracefully (FIN) and, when the peer has not closed its
   * side within `graceMs` real milliseconds, by a reset. Used at the end of a scenario.
   * @example
   * ```ts ignore
   * await raw.close();
   * ```
   */
  async close(graceMs = 500): Promise<void> {
    if (this.#closed) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.#transport.end().catch(() => {}),
      new Promise<void>((resolve) => timer = setTimeout(resolve, graceMs)),
    ]);
    clearTimeout(timer);
    if (!this.#closed) this.#transport.destroy();
  }
}
