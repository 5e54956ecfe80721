/**
 * An association: the PS3.8 state machine driven over a transport, with DIMSE messages on top.
 * Requestors get one from `requestAssociation`, acceptors from `acceptAssociation` or a server.
 * @module
 */
import type { Clock, TimerHandle } from "../../core/clock.ts";
import { REAL_CLOCK } from "../../core/clock.ts";
import type { AcceptedContext, NegotiatedAssociation } from "../acse/negotiated_association.ts";
import { maxOutstandingInvoked } from "../acse/negotiated_association.ts";
import { decodeCommand, encodeCommand } from "../dimse/command_set.ts";
import { isResponseType } from "../dimse/command_field.ts";
import { fragmentMessage } from "../dimse/fragment.ts";
import { type DataSetSink, MessageAssembler } from "../dimse/message_assembler.ts";
import { MessageIdAllocator } from "../dimse/message_id.ts";
import { type DimseMessage, fromCommandSet, toCommandSet } from "../dimse/messages.ts";
import { statusCategory } from "../dimse/status.ts";
import { DulMachine, type DulTransition } from "../dul/dul_machine.ts";
import type { DulEffect } from "../dul/effects.ts";
import { DulProtocolError } from "../dul/errors.ts";
import type { DulEvent } from "../dul/events.ts";
import { eventFromDecodeError, eventFromPdu } from "../dul/received_event.ts";
import { pDataTf } from "../pdu/pdu_builders.ts";
import { PduReader } from "../pdu/pdu_reader.ts";
import type {
  AbortPdu,
  AssociateAcPdu,
  AssociateRjPdu,
  AssociateRqPdu,
  Pdu,
} from "../pdu/pdu_types.ts";
import { pDataTfHeader, writePdu } from "../pdu/write_pdu.ts";
import type { Transport } from "../transport/transport.ts";
import {
  AssociationAbortedError,
  AssociationClosedError,
  AssociationRejectedError,
  DicomTimeoutError,
} from "./errors.ts";
import { isBounded, resolveTimeouts, type Timeouts } from "./timeouts.ts";

/** A DIMSE message as received, with its data set bytes (unless streamed to a sink). */
export interface ReceivedMessage {
  /** The decoded command. */
  message: DimseMessage;
  /** The presentation context it came on. */
  presentationContextId: number;
  /** That context, as negotiated (undefined if the peer used an unknown ID). */
  context: AcceptedContext | undefined;
  /** The data set bytes in the context's transfer syntax; undefined when none or streamed. */
  dataSet?: Uint8Array;
  /** True when the data set went to a sink from `dataSetSink` instead of `dataSet`. */
  dataSetStreamed: boolean;
  /** Aborted when the peer sends C-CANCEL-RQ for this request (incoming requests only). */
  signal: AbortSignal;
}

/** What happened, for traces, logs and coverage: every subscriber gets every event. */
export type AssociationEvent =
  | { type: "pdu-sent"; pdu: Pdu; length: number; at: number; bytes?: Uint8Array }
  | { type: "pdu-received"; pdu: Pdu; length: number; at: number; bytes?: Uint8Array }
  | { type: "transition"; transition: DulTransition; at: number }
  | {
    type: "dimse-sent" | "dimse-received";
    message: DimseMessage;
    presentationContextId: number;
    dataSetLength: number;
    at: number;
  }
  | { type: "error"; error: Error; at: number }
  | { type: "closed"; end: AssociationEnd; at: number };

/** How an association ended. */
export interface AssociationEnd {
  /** released (A-RELEASE), aborted (either side or provider), rejected, or closed (transport). */
  reason: "released" | "aborted" | "rejected" | "closed";
  /** The error an operation in progress was failed with, if any. */
  error?: Error;
}

/** Handles an incoming DIMSE request (C-STORE on a C-GET, anything on an acceptor). */
export type RequestHandler = (
  request: ReceivedMessage,
  association: Association,
) => void | Promise<void>;

/** Options shared by requestors and acceptors. */
export interface AssociationOptions {
  /** The clock for timeouts. Default: the real clock. */
  clock?: Clock;
  /** Timeouts. Default: `DEFAULT_TIMEOUTS`. */
  timeouts?: Timeouts;
  /** Answers incoming requests. Default: none (requests get no answer and are reported). */
  onRequest?: RequestHandler;
  /**
   * Chooses where a received data set goes: return a sink to stream it (e.g. to disk) instead of
   * collecting it in memory. Told which association (e.g. to find the context's transfer
   * syntax). Default: collect.
   */
  dataSetSink?: (
    message: DimseMessage,
    presentationContextId: number,
    association: Association,
  ) => DataSetSink | undefined;
  /** Subscribers to every event (more can be added with `on`); told which association. */
  onEvent?: (event: AssociationEvent, association: Association) => void;
  /** Largest P-DATA-TF we accept before negotiation settles it (bytes). Default 1 MiB. */
  maxReceivePduLength?: number;
}

/** PDV data from this size on is written without copying it into a PDU buffer (bytes). */
const ZERO_COPY_MIN_BYTES = 32 * 1024;

interface PendingRequest {
  messageId: number;
  queue: ReceivedMessage[];
  wake: (() => void) | undefined;
  error: Error | undefined;
}

/**
 * One association. Use `request` (SCU) and `send` (responses, SCP), then `release` or `abort`.
 * @example
 * ```ts
 * import { requestAssociation } from "./request_association.ts";
 * const assoc = await requestAssociation({
 *   host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP", callingAeTitle: "DICOMSIM",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * await assoc.echo();
 * await assoc.release();
 * ```
 */
export class Association {
  /** The transport underneath. */
  readonly transport: Transport;
  /** Which side we are. */
  readonly side: "requestor" | "acceptor";
  #clock: Clock;
  #timeouts: Required<Timeouts>;
  #dul: DulMachine;
  #reader: PduReader;
  #assembler: MessageAssembler;
  #listeners: ((event: AssociationEvent, association: Association) => void)[] = [];
  #negotiated: NegotiatedAssociation | undefined;
  #onRequest: RequestHandler | undefined;
  #writeChain: Promise<void> = Promise.resolve();
  #pending = new Map<number, PendingRequest>();
  #incoming = new Map<number, AbortController>();
  /** Incoming requests not answered yet (no final response sent, handler not finished). */
  #unanswered = new Map<number, { done: Promise<void>; answered: () => void }>();
  #ids: MessageIdAllocator;
  #slotsInUse = 0;
  #slotWaiters: (() => void)[] = [];
  #end: AssociationEnd | undefined;
  #closed: Promise<AssociationEnd>;
  #resolveClosed!: (end: AssociationEnd) => void;
  #indications: ((effect: Extract<DulEffect, { type: "indicate" }> | Error) => void)[] = [];
  #idleTimer: TimerHandle | undefined;
  #closeGuard: TimerHandle | undefined;
  #transportClosed = false;

  /** Internal: use `requestAssociation`, `acceptAssociation` or `listenAssociations`. */
  constructor(
    transport: Transport,
    side: "requestor" | "acceptor",
    options: AssociationOptions = {},
  ) {
    this.transport = transport;
    this.side = side;
    this.#clock = options.clock ?? REAL_CLOCK;
    this.#timeouts = resolveTimeouts(options.timeouts);
    this.#onRequest = options.onRequest;
    if (options.onEvent) this.#listeners.push(options.onEvent);
    this.#closed = new Promise((resolve) => this.#resolveClosed = resolve);
    this.#ids = new MessageIdAllocator({ isInUse: (id) => this.#pending.has(id) });
    this.#dul = new DulMachine(this.#clock, {
      role: side,
      artimTimeoutMs: this.#timeouts.artimMs,
      onArtimExpired: () => {
        // PS3.8 9.1.5: ARTIM expired (Sta2: no A-ASSOCIATE-RQ; Sta13: the peer did not close).
        this.#end ??= {
          reason: "closed",
          error: new DicomTimeoutError("artim", this.#timeouts.artimMs),
        };
        this.#handle({ type: "Evt18" });
      },
      onListenerError: (error) =>
        this.#emit({ type: "error", error: error as Error, at: this.#now() }),
    });
    this.#dul.onTransition((_from, _event, _action, _to, transition) =>
      this.#emit({ type: "transition", transition, at: this.#now() })
    );
    const initialMax = options.maxReceivePduLength ?? 1024 * 1024;
    this.#reader = new PduReader({ maxPduLength: initialMax, maxOtherPduLength: initialMax });
    const sink = options.dataSetSink;
    this.#assembler = new MessageAssembler({
      streamDataSet: sink
        ? (command, pcId) => {
          try {
            return sink(fromCommandSet(decodeCommand(command)), pcId, this);
          } catch {
            return undefined;
          }
        }
        : undefined,
    });
    transport.onData((chunk) => this.#onData(chunk));
    transport.onClose((info) => this.#onTransportClose(info.error));
    this.#armIdle();
  }

  /** The negotiated association (after acceptance). */
  get negotiated(): NegotiatedAssociation {
    if (!this.#negotiated) throw new AssociationClosedError("The association is not established");
    return this.#negotiated;
  }

  /** True while the association is established (PS3.8 Sta6). */
  get isEstablished(): boolean {
    return this.#dul.state === "Sta6";
  }

  /** The state machine's current state (Sta1-Sta13). */
  get state(): string {
    return this.#dul.state;
  }

  /** Resolves when the association and its transport are closed. */
  get closed(): Promise<AssociationEnd> {
    return this.#closed;
  }

  /** Subscribes to every event; returns a function that unsubscribes. */
  on(listener: (event: AssociationEvent, association: Association) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Sets the handler of incoming requests. */
  setRequestHandler(handler: RequestHandler | undefined): void {
    this.#onRequest = handler;
  }

  #now(): number {
    return this.#clock.now();
  }

  #emit(event: AssociationEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event, this);
      } catch {
        // A subscriber's failure never disturbs the association.
      }
    }
  }

  // ---- the state machine and its effects ----

  /** Feeds an event to the state machine and carries out its effects. */
  #handle(event: DulEvent): DulTransition | undefined {
    let transition: DulTransition;
    try {
      transition = this.#dul.handle(event);
    } catch (error) {
      // No cell for this event in this state (e.g. a transport close after we closed it).
      if (this.#dul.state !== "Sta1") {
        this.#emit({ type: "error", error: error as Error, at: this.#now() });
      }
      return undefined;
    }
    for (const effect of transition.effects) this.#perform(effect);
    return transition;
  }

  /**
   * Handles what the peer sent (a PDU's event, or Evt19 for bytes the reader refused). When the
   * state table answers with an A-ABORT (AA-1, AA-7, AA-8: malformed, unknown or out-of-state
   * PDUs, PS3.8 Table 9-10) the violation is reported as an 'error' event and ends the association.
   */
  #received(event: DulEvent, decodeError?: Error): void {
    const from = this.#dul.state;
    const transition = this.#handle(event);
    const sent = transition?.effects.find((e) =>
      e.type === "send-pdu" && (e.pdu as Pdu).type === "A-ABORT"
    );
    if (decodeError) this.#emit({ type: "error", error: decodeError, at: this.#now() });
    const rj = transition?.effects.find((e) =>
      e.type === "send-pdu" && (e.pdu as Pdu).type === "A-ASSOCIATE-RJ"
    );
    if (rj) {
      // PS3.8 AE-6: the provider itself refused the A-ASSOCIATE-RQ (e.g. protocol version).
      const pdu = (rj as { pdu: AssociateRjPdu }).pdu;
      const error = new AssociationRejectedError(pdu.result, pdu.source, pdu.reason);
      this.#end ??= { reason: "rejected", error };
      for (const waiter of [...this.#indications]) waiter(error);
    }
    if (!transition || !sent) return;
    const abort = (sent as { pdu: AbortPdu }).pdu;
    const pduType = (event as { pdu?: { type?: string } }).pdu?.type;
    const detail = decodeError?.message ??
      `Unexpected ${pduType ?? event.type} in ${from}: A-ABORT sent (${transition.action})`;
    if (!decodeError) {
      this.#emit({
        type: "error",
        error: new DulProtocolError(detail, from, event.type),
        at: this.#now(),
      });
    }
    const error = new AssociationAbortedError(-1, abort.reason, detail);
    this.#end ??= { reason: "aborted", error };
    this.#failAll(error);
    // Whoever waits for the association to be set up (or released) need not wait for the close.
    for (const waiter of [...this.#indications]) waiter(this.#end.error ?? error);
  }

  #perform(effect: DulEffect): void {
    switch (effect.type) {
      case "send-pdu":
        this.#write(effect.pdu as Pdu);
        break;
      case "open-transport":
        // Our transports are connected before the association starts: confirm at once (Evt2).
        queueMicrotask(() => this.#handle({ type: "Evt2" }));
        break;
      case "close-transport":
        this.#closeTransport();
        break;
      case "start-artim":
      case "stop-artim":
        break; // the machine runs ARTIM itself
      case "indicate":
        this.#indicate(effect);
        break;
    }
  }

  #write(pdu: Pdu): void {
    // A P-DATA-TF with one large PDV goes out as its 12-byte header and a view of the data:
    // allocating and filling a fresh buffer for each big PDU costs more than sending it.
    // Small PDUs are copied into one buffer (one write beats two). `send` resolves only after
    // the transport took the bytes.
    const single = pdu.type === "P-DATA-TF" && pdu.pdvs.length === 1 &&
        pdu.pdvs[0].data.length >= ZERO_COPY_MIN_BYTES
      ? pdu.pdvs[0]
      : undefined;
    const parts = single
      ? [pDataTfHeader(single, single.data.length), single.data]
      : [writePdu(pdu)];
    const length = single ? 12 + single.data.length : parts[0].length;
    this.#emit({
      type: "pdu-sent",
      pdu,
      length,
      at: this.#now(),
      bytes: single ? undefined : parts[0],
    });
    for (const bytes of parts) {
      this.#writeChain = this.#writeChain.then(() => this.transport.write(bytes)).catch((error) => {
        this.#emit({ type: "error", error: error as Error, at: this.#now() });
      });
    }
  }

  #closeTransport(): void {
    if (this.#transportClosed) return;
    this.#transportClosed = true;
    // A peer that never closes its side would keep end() pending: cut it off after ARTIM.
    const ms = this.#timeouts.artimMs;
    if (isBounded(ms)) this.#closeGuard = this.#clock.setTimer(ms, () => this.transport.destroy());
    // Let queued PDUs (an A-ABORT, an A-RELEASE-RP) go out first.
    this.#writeChain.finally(() => this.transport.end().catch(() => this.transport.destroy()));
  }

  #onData(chunk: Uint8Array): void {
    this.#armIdle();
    try {
      this.#reader.push(chunk);
      for (;;) {
        let pdu: Pdu | undefined;
        try {
          pdu = this.#reader.read();
        } catch (error) {
          this.#received(eventFromDecodeError(error), error as Error);
          if (this.#dul.state === "Sta1" || this.#dul.state === "Sta13") return;
          continue;
        }
        if (pdu === undefined) return;
        this.#emit({ type: "pdu-received", pdu, length: 0, at: this.#now() });
        this.#received(eventFromPdu(pdu));
      }
    } catch (error) {
      this.#emit({ type: "error", error: error as Error, at: this.#now() });
      this.abort();
    }
  }

  #onTransportClose(error?: Error): void {
    this.#transportClosed = true;
    this.#idleTimer?.cancel();
    this.#closeGuard?.cancel();
    if (this.#reader.bufferedLength > 0) {
      this.#emit({
        type: "error",
        error: new AssociationClosedError(
          `Connection closed in the middle of a PDU: ${this.#reader.bufferedLength} bytes unread`,
        ),
        at: this.#now(),
      });
    }
    if (this.#dul.state !== "Sta1") this.#handle({ type: "Evt17" });
    this.#finish(this.#end?.reason ?? "closed", error);
  }

  #armIdle(): void {
    this.#idleTimer?.cancel();
    const ms = this.#timeouts.idleMs;
    if (!isBounded(ms)) return;
    this.#idleTimer = this.#clock.setTimer(
      ms,
      () => this.#abortWith(new DicomTimeoutError("idle", ms)),
    );
  }

  #indicate(effect: Extract<DulEffect, { type: "indicate" }>): void {
    for (const waiter of [...this.#indications]) waiter(effect);
    switch (effect.primitive) {
      case "P-DATA indication":
        this.#onPData(effect.pdu as Pdu);
        break;
      case "A-RELEASE indication":
      case "A-RELEASE indication (release collision)":
        // We always agree to release (PS3.8 7.2): answer with A-RELEASE-RP.
        this.#failAll(new AssociationClosedError("The peer released the association"));
        // In a release collision (PS3.8 7.2.2) the requestor answers first (Sta9 → AR-9); the
        // acceptor answers after the requestor's A-RELEASE-RP (Sta12, below).
        if (effect.primitive === "A-RELEASE indication" || this.side === "requestor") {
          this.#handle({ type: "Evt14" });
        }
        this.#end ??= { reason: "released" };
        break;
      case "A-RELEASE confirmation":
        this.#end ??= { reason: "released" };
        if (this.#dul.state === "Sta12") this.#handle({ type: "Evt14" }); // collision, acceptor
        break;
      case "A-ABORT indication":
      case "A-P-ABORT indication": {
        const pdu = effect.pdu as AbortPdu | undefined;
        const error = new AssociationAbortedError(
          pdu?.source ?? 2,
          pdu?.reason ?? effect.providerReason ?? 0,
        );
        this.#end ??= { reason: "aborted", error };
        this.#failAll(error);
        break;
      }
      case "A-ASSOCIATE confirmation (reject)":
        this.#end ??= { reason: "rejected" };
        break;
      default:
        break;
    }
  }

  /** Waits for the first indication accepted by `match`, or a timeout/close. */
  waitForIndication(
    match: (effect: Extract<DulEffect, { type: "indicate" }>) => boolean,
    timeout: { kind: "acse" | "artim"; ms: number },
  ): Promise<Extract<DulEffect, { type: "indicate" }>> {
    return new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined;
      const done = () => {
        timer?.cancel();
        this.#indications = this.#indications.filter((w) => w !== waiter);
      };
      const waiter = (effect: Extract<DulEffect, { type: "indicate" }> | Error) => {
        if (effect instanceof Error) {
          done();
          reject(effect);
          return;
        }
        if (!match(effect)) return;
        done();
        resolve(effect);
      };
      this.#indications.push(waiter);
      if (isBounded(timeout.ms)) {
        timer = this.#clock.setTimer(timeout.ms, () => {
          done();
          reject(new DicomTimeoutError(timeout.kind, timeout.ms));
        });
      }
      this.#closed.then((end) => {
        done();
        reject(end.error ?? new AssociationClosedError(`The association ended (${end.reason})`));
      });
    });
  }

  // ---- association establishment (used by request/accept helpers) ----

  /** Requestor: sends the A-ASSOCIATE-RQ (Evt1); resolves with the AC or throws on RJ/abort/timeout. */
  async startRequest(rq: AssociateRqPdu): Promise<AssociateAcPdu> {
    const answer = this.waitForIndication(
      (e) =>
        e.primitive === "A-ASSOCIATE confirmation (accept)" ||
        e.primitive === "A-ASSOCIATE confirmation (reject)" ||
        e.primitive === "A-ABORT indication" || e.primitive === "A-P-ABORT indication",
      { kind: "acse", ms: this.#timeouts.acseMs },
    );
    this.#handle({ type: "Evt1", pdu: rq });
    let effect;
    try {
      effect = await answer;
    } catch (error) {
      if (error instanceof DicomTimeoutError) this.#abortWith(error);
      throw error;
    }
    if (effect.primitive === "A-ASSOCIATE confirmation (reject)") {
      const rj = effect.pdu as AssociateRjPdu;
      throw new AssociationRejectedError(rj.result, rj.source, rj.reason);
    }
    if (effect.primitive !== "A-ASSOCIATE confirmation (accept)") {
      const pdu = effect.pdu as AbortPdu | undefined;
      throw new AssociationAbortedError(
        pdu?.source ?? 2,
        pdu?.reason ?? effect.providerReason ?? 0,
      );
    }
    return effect.pdu as AssociateAcPdu;
  }

  /** Acceptor: starts the machine (Evt5) and resolves with the A-ASSOCIATE-RQ received. */
  async startAccept(): Promise<AssociateRqPdu> {
    const indication = this.waitForIndication((e) => e.primitive === "A-ASSOCIATE indication", {
      kind: "acse",
      ms: this.#timeouts.acseMs,
    });
    this.#handle({ type: "Evt5" });
    try {
      return (await indication).pdu as AssociateRqPdu;
    } catch (error) {
      if (error instanceof DicomTimeoutError) this.#abortWith(error);
      throw error;
    }
  }

  /** Acceptor: sends the A-ASSOCIATE-AC (Evt7). */
  acceptWith(ac: AssociateAcPdu, negotiated: NegotiatedAssociation): void {
    this.established(negotiated);
    this.#handle({ type: "Evt7", pdu: ac });
  }

  /** Acceptor: sends the A-ASSOCIATE-RJ (Evt8); the transport closes after it (ARTIM). */
  rejectWith(rj: AssociateRjPdu): void {
    this.#end ??= { reason: "rejected" };
    this.#handle({ type: "Evt8", pdu: rj });
  }

  /** Records the negotiation result and sets the receive limit we announced. */
  established(negotiated: NegotiatedAssociation): void {
    this.#negotiated = negotiated;
    const max = negotiated.maxReceivePduLength;
    this.#reader.maxPduLength = max === 0 ? 0 : max;
  }

  // ---- DIMSE ----

  #onPData(pdu: Pdu): void {
    if (pdu.type !== "P-DATA-TF") return;
    const contexts = this.#negotiated?.contexts ?? [];
    const stray = pdu.pdvs.find((v) => !contexts.some((c) => c.id === v.presentationContextId));
    if (stray) {
      // PS3.8 9.3.5.1: each PDV names an accepted presentation context; anything else is an
      // invalid PDU parameter (A-ABORT, provider source, reason 6).
      const state = this.#dul.state;
      const error = new DulProtocolError(
        `P-DATA-TF on presentation context ${stray.presentationContextId}, which was not accepted`,
        state,
        "Evt10",
      );
      this.#received({ type: "Evt19", reason: 6, pdu }, error);
      return;
    }
    let assembled;
    try {
      assembled = this.#assembler.pushAll(pdu.pdvs);
    } catch (error) {
      this.#emit({ type: "error", error: error as Error, at: this.#now() });
      this.abort(2, 0);
      return;
    }
    for (const m of assembled) {
      let message: DimseMessage;
      try {
        message = fromCommandSet(decodeCommand(m.command));
      } catch (error) {
        this.#emit({ type: "error", error: error as Error, at: this.#now() });
        this.abort(2, 0);
        return;
      }
      const context = this.#negotiated?.contexts.find((c) => c.id === m.presentationContextId);
      this.#emit({
        type: "dimse-received",
        message,
        presentationContextId: m.presentationContextId,
        dataSetLength: m.dataSet?.length ?? 0,
        at: this.#now(),
      });
      this.#dispatch({
        message,
        presentationContextId: m.presentationContextId,
        context,
        dataSet: m.dataSet,
        dataSetStreamed: m.dataSetStreamed,
        signal: new AbortController().signal,
      });
    }
  }

  #dispatch(received: ReceivedMessage): void {
    const message = received.message;
    if (isResponseType(message.type)) {
      const id = (message as { messageIdBeingRespondedTo: number }).messageIdBeingRespondedTo;
      const pending = this.#pending.get(id);
      if (!pending) {
        this.#emit({
          type: "error",
          error: new Error(`Unexpected ${message.type} for message ID ${id}`),
          at: this.#now(),
        });
        return;
      }
      pending.queue.push(received);
      pending.wake?.();
      return;
    }
    if (message.type === "C-CANCEL-RQ") {
      this.#incoming.get(message.messageIdBeingRespondedTo)?.abort();
      return;
    }
    const controller = new AbortController();
    const id = (message as { messageId: number }).messageId;
    this.#incoming.set(id, controller);
    const handler = this.#onRequest;
    if (!handler) {
      this.#emit({
        type: "error",
        error: new Error(`No handler for ${message.type}`),
        at: this.#now(),
      });
      return;
    }
    let answered!: () => void;
    const done = new Promise<void>((resolve) => answered = resolve);
    this.#unanswered.set(id, { done, answered });
    Promise.resolve()
      .then(() => handler({ ...received, signal: controller.signal }, this))
      .catch((error) => this.#emit({ type: "error", error: error as Error, at: this.#now() }))
      .finally(() => {
        this.#incoming.delete(id);
        this.#markAnswered(id);
      });
  }

  #markAnswered(id: number): void {
    this.#unanswered.get(id)?.answered();
    this.#unanswered.delete(id);
  }

  /**
   * Sends one DIMSE message (with its data set bytes, already in the context's transfer syntax);
   * resolves when its PDUs are handed to the transport.
   */
  async send(
    message: DimseMessage,
    options: { presentationContextId: number; dataSet?: Uint8Array },
  ): Promise<void> {
    if (!this.isEstablished) {
      throw this.#end?.error ??
        new AssociationClosedError(
          `Cannot send ${message.type}: the association is not established`,
        );
    }
    const command = encodeCommand(toCommandSet(message));
    if (isResponseType(message.type)) {
      const rsp = message as { messageIdBeingRespondedTo: number; status: number };
      if (statusCategory(rsp.status) !== "Pending") {
        this.#markAnswered(rsp.messageIdBeingRespondedTo);
      }
    }
    const groups = fragmentMessage(
      { presentationContextId: options.presentationContextId, command, dataSet: options.dataSet },
      this.#negotiated?.maxSendPduLength ?? 16384,
    );
    for (const pdvs of groups) this.#handle({ type: "Evt9", pdu: pDataTf(pdvs) });
    // Told after its PDUs are queued, so that whatever a subscriber sends (a C-CANCEL-RQ) follows.
    this.#emit({
      type: "dimse-sent",
      message,
      presentationContextId: options.presentationContextId,
      dataSetLength: options.dataSet?.length ?? 0,
      at: this.#now(),
    });
    await this.#writeChain;
  }

  /** A fresh message ID (1-65535, skipping IDs of requests still waiting). */
  nextMessageId(): number {
    return this.#ids.next();
  }

  async #acquireSlot(): Promise<void> {
    const limit = this.#negotiated ? maxOutstandingInvoked(this.#negotiated) : 1;
    while (limit > 0 && this.#slotsInUse >= limit) {
      await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
    }
    this.#slotsInUse++;
  }

  #releaseSlot(): void {
    this.#slotsInUse--;
    this.#slotWaiters.shift()?.();
  }

  /**
   * Sends a request and yields its responses until the final one (any status but Pending).
   * The message ID is assigned here when the message has none (0). Requests run concurrently up
   * to the negotiated asynchronous operations window (PS3.7 D.3.3.3). `signal` sends C-CANCEL-RQ.
   * No response within the DIMSE timeout rejects with a `DicomTimeoutError` of kind "dimse" and
   * aborts the association.
   */
  async *request(
    message: DimseMessage,
    options: { presentationContextId: number; dataSet?: Uint8Array; signal?: AbortSignal },
  ): AsyncGenerator<ReceivedMessage> {
    await this.#acquireSlot();
    const withId = message as DimseMessage & { messageId: number };
    const messageId = withId.messageId || this.nextMessageId();
    const pending: PendingRequest = { messageId, queue: [], wake: undefined, error: undefined };
    this.#pending.set(messageId, pending);
    const onCancel = () => {
      this.send({ type: "C-CANCEL-RQ", messageIdBeingRespondedTo: messageId, hasDataSet: false }, {
        presentationContextId: options.presentationContextId,
      }).catch(() => {});
    };
    try {
      await this.send({ ...withId, messageId } as DimseMessage, options);
      // A signal aborted before or while the request went out cancels it now.
      if (options.signal?.aborted) onCancel();
      else options.signal?.addEventListener("abort", onCancel, { once: true });
      for (;;) {
        const next = await this.#nextResponse(pending);
        yield next;
        const status = (next.message as { status?: number }).status ?? 0;
        if (statusCategory(status) !== "Pending") return;
      }
    } finally {
      options.signal?.removeEventListener("abort", onCancel);
      this.#pending.delete(messageId);
      this.#releaseSlot();
    }
  }

  /** Sends a request and resolves with its final response (pending ones are dropped). */
  async requestFinal(
    message: DimseMessage,
    options: { presentationContextId: number; dataSet?: Uint8Array; signal?: AbortSignal },
  ): Promise<ReceivedMessage> {
    let last: ReceivedMessage | undefined;
    for await (const response of this.request(message, options)) last = response;
    return last!;
  }

  #nextResponse(pending: PendingRequest): Promise<ReceivedMessage> {
    return new Promise((resolve, reject) => {
      const ms = this.#timeouts.dimseMs;
      let timer: TimerHandle | undefined;
      const check = () => {
        if (pending.queue.length > 0) {
          timer?.cancel();
          pending.wake = undefined;
          resolve(pending.queue.shift()!);
        } else if (pending.error) {
          timer?.cancel();
          pending.wake = undefined;
          reject(pending.error);
        }
      };
      pending.wake = check;
      if (isBounded(ms)) {
        timer = this.#clock.setTimer(ms, () => {
          pending.wake = undefined;
          const error = new DicomTimeoutError("dimse", ms, `message ID ${pending.messageId}`);
          reject(error);
          // A late response could not be told from a wrong one: end the association, as DCMTK
          // and pynetdicom do.
          this.#abortWith(error);
        });
      }
      check();
    });
  }

  #failAll(error: Error): void {
    for (const p of this.#pending.values()) {
      p.error ??= error;
      p.wake?.();
    }
  }

  /** Sends a C-ECHO-RQ on the Verification context and resolves with the response status. */
  async echo(): Promise<number> {
    const context = this.negotiated.contexts.find((c) => c.abstractSyntax === "1.2.840.10008.1.1");
    if (!context) throw new AssociationClosedError("No accepted Verification presentation context");
    const response = await this.requestFinal({
      type: "C-ECHO-RQ",
      messageId: 0,
      affectedSopClassUid: "1.2.840.10008.1.1",
      hasDataSet: false,
    } as DimseMessage, { presentationContextId: context.id });
    return (response.message as { status: number }).status;
  }

  // ---- ending ----

  /**
   * Releases the association (A-RELEASE, PS3.8 7.2) and waits until the transport is closed.
   * Incoming requests still being handled are answered first (so do not await `release()` in a
   * request handler before it has sent its response).
   * Without an A-RELEASE-RP within the ARTIM timeout it aborts, then rejects with a
   * `DicomTimeoutError` of kind "artim".
   */
  async release(): Promise<void> {
    if (this.#dul.state !== "Sta6") {
      await this.#closed;
      return;
    }
    // Requests we are answering get their responses out first: after A-RELEASE-RQ we may not
    // send P-DATA any more (PS3.8 Table 9-10: no Evt9 in Sta7). A handler that never answers
    // holds the release up for the DIMSE timeout at most.
    if (this.#unanswered.size > 0) {
      let expired = false;
      let wake!: () => void;
      const timeout = new Promise<void>((resolve) => wake = resolve);
      const ms = this.#timeouts.dimseMs;
      const timer = isBounded(ms)
        ? this.#clock.setTimer(ms, () => {
          expired = true;
          wake();
        })
        : undefined;
      while (this.#unanswered.size > 0 && this.#dul.state === "Sta6" && !expired) {
        await Promise.race([timeout, ...[...this.#unanswered.values()].map((u) => u.done)]);
      }
      timer?.cancel();
    }
    if (this.#dul.state !== "Sta6") {
      await this.#closed;
      return;
    }
    this.#handle({ type: "Evt11" });
    let timeout: DicomTimeoutError | undefined;
    await this.waitForIndication((e) => e.primitive === "A-RELEASE confirmation", {
      kind: "artim",
      ms: this.#timeouts.artimMs,
    }).catch((error) => {
      if (error instanceof DicomTimeoutError) {
        timeout = error;
        this.#abortWith(error);
      }
    });
    await this.#closed;
    if (timeout) throw timeout;
  }

  /** Aborts the association (A-ABORT with source service-user unless given). */
  abort(source: 0 | 2 = 0, reason = 0): void {
    if (this.#dul.state === "Sta13") return; // already aborting: waiting for the close
    if (!this.#dul.canHandle("Evt15")) {
      // Sta1, or Sta2 (no A-ASSOCIATE-RQ yet, PS3.8 has no abort there): just drop the connection.
      if (!this.#transportClosed) this.transport.destroy();
      return;
    }
    this.#end ??= { reason: "aborted", error: new AssociationAbortedError(-1, 0) };
    this.#failAll(this.#end.error!);
    this.#handle({ type: "Evt15", pdu: { type: "A-ABORT", source, reason } });
  }

  /** Aborts because of `error`, which becomes the association's end error. */
  #abortWith(error: Error): void {
    this.#end ??= { reason: "aborted", error };
    this.#failAll(error);
    this.abort();
  }

  #finish(reason: AssociationEnd["reason"], error?: Error): void {
    if (this.#end === undefined) this.#end = { reason, error };
    const end = this.#end;
    this.#failAll(
      end.error ??
        new AssociationClosedError(`The association ended (${end.reason})`, { cause: error }),
    );
    this.#idleTimer?.cancel();
    this.#dul.dispose();
    this.#emit({ type: "closed", end, at: this.#now() });
    this.#resolveClosed(end);
  }
}
