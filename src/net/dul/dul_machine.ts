/**
 * The DICOM Upper Layer state machine (PS3.8 9.2): holds the state, runs the action Table 9-10
 * names for each event, keeps the ARTIM timer on an injected clock, and tells subscribers about
 * every transition. It does no I/O: the owner carries out the returned effects.
 * @module
 */

import type { Clock } from "../../core/clock.ts";
import { type DulActionName, runAction } from "./actions.ts";
import { ArtimTimer, DEFAULT_ARTIM_TIMEOUT_MS } from "./artim.ts";
import type { DulEffect } from "./effects.ts";
import type { DulEvent, DulEventName } from "./events.ts";
import type { DulAssociateRqPdu } from "./pdu_shapes.ts";
import { type DulCellKey, dulCellKey, hasTransition, lookupAction } from "./state_table.ts";
import type { DulRole, DulState } from "./states.ts";

/**
 * One transition the machine made.
 * @example
 * ```ts
 * import type { DulTransition } from "./dul_machine.ts";
 * const t: DulTransition = {
 *   from: "Sta1", event: { type: "Evt5" }, action: "AE-5", to: "Sta2",
 *   effects: [{ type: "start-artim" }], at: 0,
 * };
 * ```
 */
export interface DulTransition {
  /** The state before. */
  readonly from: DulState;
  /** The event handled. */
  readonly event: DulEvent;
  /** The action Table 9-10 named. */
  readonly action: DulActionName;
  /** The state after. */
  readonly to: DulState;
  /** What the owner is to do, in order (ARTIM effects are already carried out by the machine). */
  readonly effects: readonly DulEffect[];
  /** The clock's time when it happened, in milliseconds. */
  readonly at: number;
}

/**
 * Called after each transition, once the machine is in its new state.
 * @example
 * ```ts
 * import type { DulTransitionListener } from "./dul_machine.ts";
 * const log: DulTransitionListener = (from, event, action, to) =>
 *   console.log(`${from} + ${event.type} -> ${action} -> ${to}`);
 * ```
 */
export type DulTransitionListener = (
  from: DulState,
  event: DulEvent,
  action: DulActionName,
  to: DulState,
  transition: DulTransition,
) => void;

/**
 * Options of a {@link DulMachine}.
 * @example
 * ```ts
 * import type { DulMachineOptions } from "./dul_machine.ts";
 * const options: DulMachineOptions = { artimTimeoutMs: 5_000 };
 * ```
 */
export interface DulMachineOptions {
  /** The ARTIM timeout in milliseconds. Default 30 000. */
  readonly artimTimeoutMs?: number;
  /**
   * Called when the ARTIM timer runs out; the owner then calls `handle({ type: "Evt18" })`
   * (e.g. from its own event queue). Default: the machine handles Evt18 itself at once, and the
   * owner sees the resulting effects through `onTransition`.
   */
  readonly onArtimExpired?: () => void;
  /**
   * Which end of the association the machine is. Default: unknown until Evt1 (requestor) or
   * Evt5 (acceptor); each of those sets it.
   */
  readonly role?: DulRole;
  /** The state to start in, for tests and simulations. Default `"Sta1"`. */
  readonly initialState?: DulState;
  /** How many transitions `history` keeps, the latest last. Default 100. */
  readonly historyLimit?: number;
  /**
   * Called with what a transition listener threw; the machine and the other listeners carry on.
   * Default: `console.error`.
   */
  readonly onListenerError?: (error: unknown) => void;
}

/**
 * The PS3.8 Upper Layer state machine for one association.
 *
 * `handle(event)` looks the event up in Table 9-10 for the current state, runs the action,
 * moves to the next state, starts or stops the ARTIM timer as the effects say, records the
 * transition, tells the listeners, and returns the transition, whose effects the owner carries
 * out in order (send PDUs, open/close the transport, pass primitives up). An empty cell throws
 * `DulProtocolError` and leaves the machine as it was.
 * @example
 * ```ts
 * import { VirtualClock } from "../../core/clock.ts";
 * import { DulMachine } from "./dul_machine.ts";
 * const dul = new DulMachine(new VirtualClock());
 * dul.onTransition((from, event, action, to) => console.log(from, event.type, action, to));
 * dul.handle({ type: "Evt1", pdu: { type: "A-ASSOCIATE-RQ", protocolVersion: 1 } }); // open-transport
 * const { effects } = dul.handle({ type: "Evt2" }); // send the A-ASSOCIATE-RQ
 * dul.state; // "Sta5"
 * ```
 */
export class DulMachine {
  #clock: Clock;
  #state: DulState;
  #role: DulRole | undefined;
  #associateRq: DulAssociateRqPdu | undefined;
  #artim: ArtimTimer;
  #listeners: DulTransitionListener[] = [];
  #history: DulTransition[] = [];
  #historyLimit: number;
  #cellCounts = new Map<DulCellKey, number>();
  #onListenerError: (error: unknown) => void;

  /**
   * Makes a machine in Sta1 (or `options.initialState`).
   * @param clock drives the ARTIM timer
   * @param options see {@link DulMachineOptions}
   */
  constructor(clock: Clock, options: DulMachineOptions = {}) {
    this.#clock = clock;
    this.#state = options.initialState ?? "Sta1";
    this.#role = options.role;
    this.#historyLimit = Math.max(0, options.historyLimit ?? 100);
    this.#onListenerError = options.onListenerError ??
      ((error) => console.error("DUL transition listener failed:", error));
    const onArtimExpired = options.onArtimExpired;
    this.#artim = new ArtimTimer(
      clock,
      options.artimTimeoutMs ?? DEFAULT_ARTIM_TIMEOUT_MS,
      onArtimExpired ?? (() => {
        // PS3.8 Table 9-10: only Sta2 and Sta13 run ARTIM; a late expiry elsewhere is moot.
        if (hasTransition(this.#state, "Evt18")) this.handle({ type: "Evt18" });
      }),
    );
  }

  /** The current state. */
  get state(): DulState {
    return this.#state;
  }

  /** Which end of the association the machine is, once known. */
  get role(): DulRole | undefined {
    return this.#role;
  }

  /** Whether the ARTIM timer is running. */
  get artimRunning(): boolean {
    return this.#artim.running;
  }

  /** The latest transitions, oldest first (at most `historyLimit`). */
  get history(): readonly DulTransition[] {
    return this.#history;
  }

  /** How often each cell of Table 9-10 was taken, keyed `"<state>+<event>"`. */
  get cellCounts(): ReadonlyMap<DulCellKey, number> {
    return this.#cellCounts;
  }

  /** Whether the machine can take an event in its current state (the cell is not empty). */
  canHandle(event: DulEventName): boolean {
    return hasTransition(this.#state, event);
  }

  /**
   * Handles one event: runs the action, moves to the next state, carries out the ARTIM effects,
   * records the transition and tells the listeners.
   * @throws {DulProtocolError} when the cell is empty or the action lacks what it needs; the
   * machine is then unchanged.
   */
  handle(event: DulEvent): DulTransition {
    const from = this.#state;
    const action = lookupAction(from, event.type);
    const role = event.type === "Evt1"
      ? "requestor"
      : event.type === "Evt5"
      ? "acceptor"
      : this.#role;
    const associateRq = event.type === "Evt1" ? event.pdu : this.#associateRq;
    const { next, effects } = runAction(action, { state: from, event, role, associateRq });

    this.#state = next;
    this.#role = role;
    this.#associateRq = next === "Sta1" ? undefined : associateRq;
    for (const effect of effects) {
      if (effect.type === "start-artim") this.#artim.start();
      else if (effect.type === "stop-artim") this.#artim.stop();
    }

    const transition: DulTransition = {
      from,
      event,
      action,
      to: next,
      effects,
      at: this.#clock.now(),
    };
    this.#record(transition);
    for (const listener of [...this.#listeners]) {
      try {
        listener(from, event, action, next, transition);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
    return transition;
  }

  /**
   * Subscribes to transitions; returns a function that unsubscribes.
   * @example
   * ```ts
   * import { VirtualClock } from "../../core/clock.ts";
   * import { DulMachine } from "./dul_machine.ts";
   * const dul = new DulMachine(new VirtualClock());
   * const off = dul.onTransition((from, event, action, to) => {});
   * off();
   * ```
   */
  onTransition(listener: DulTransitionListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Stops the ARTIM timer and drops the listeners; for an owner giving the machine up. */
  dispose(): void {
    this.#artim.stop();
    this.#listeners = [];
  }

  #record(transition: DulTransition): void {
    const key = dulCellKey(transition.from, transition.event.type);
    this.#cellCounts.set(key, (this.#cellCounts.get(key) ?? 0) + 1);
    if (this.#historyLimit === 0) return;
    this.#history.push(transition);
    if (this.#history.length > this.#historyLimit) this.#history.shift();
  }
}
