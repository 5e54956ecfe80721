/**
 * What a scenario's steps use: the target, associations with expectations on their outcome and
 * responses, captured variables, steps reported one by one, simulated storage SCPs and waiting
 * (on the virtual clock over the in-memory transport).
 * @module
 */
import type { Clock, VirtualClock } from "../../core/clock.ts";
import type { DataSet } from "../../core/dataset.ts";
import type { RequestedContext } from "../../net/acse/association_request.ts";
import type { AsyncOperationsWindow } from "../../net/acse/limits.ts";
import type { SopClassRoles } from "../../net/acse/negotiate_contexts.ts";
import type { Timeouts } from "../../net/association/timeouts.ts";
import { listenAssociations } from "../../net/association/accept_association.ts";
import type { Association, AssociationEvent } from "../../net/association/association.ts";
import { AssociationRejectedError } from "../../net/association/errors.ts";
import { type StatusCategory, statusCategory } from "../../net/dimse/status.ts";
import type { Transport, TransportServer } from "../../net/transport/transport.ts";
import { findScu } from "../../services/find_scu.ts";
import { moveScu } from "../../services/move_scu.ts";
import { buildIdentifier } from "../../services/identifier.ts";
import type { QueryLevel } from "../../services/query_models.ts";
import { MemoryInstanceStore, storageScp } from "../../services/storage_scp.ts";
import { type InstanceResult, storeInstances } from "../../services/storage_scu.ts";
import { ExpectationError, hexStatus, ScenarioSkipped } from "./expectation_error.ts";
import type { PacsConfig } from "../pacs/pacs_config.ts";
import { type Pacs, startPacs } from "../pacs/pacs_node.ts";
import { RawConnection } from "./raw_connection.ts";
import { nextTurn, runUntil } from "./virtual_wait.ts";
import {
  getInstances,
  type GetOutcome,
  nActionStep,
  nCreateStep,
  nextEventReport,
  nGetStep,
  type NOutcome,
  nSetStep,
  type ScenarioAttributes,
  type ScenarioEventReport,
  type ScenarioGetOptions,
  type ScenarioNAction,
  type ScenarioNCreate,
  type ScenarioNGet,
  type ScenarioNSet,
} from "./scenario_steps_n.ts";

/** Where the system under test is. */
export interface ScenarioTarget {
  /** Host (`"memory"` for the in-process mock over the in-memory transport). */
  readonly host: string;
  /** TCP port (0 in memory mode). */
  readonly port: number;
  /** Its AE title: the default called AE title. */
  readonly aeTitle: string;
}

/** Options of {@link ScenarioContext.associate}. */
export interface ScenarioAssociateOptions {
  /** Our AE title. */
  readonly callingAeTitle: string;
  /** Called AE title. Default: the target's. */
  readonly calledAeTitle?: string;
  /** Exactly the presentation contexts to propose (IDs 1, 3, 5... in this order). */
  readonly contexts: readonly RequestedContext[];
  /** Our maximum PDU length. Default: the association layer's. */
  readonly maxPduLength?: number;
  /** Timeouts (e.g. `{ dimseMs: 30_000 }`; on the virtual clock in memory mode). */
  readonly timeouts?: Timeouts;
  /** The asynchronous operations window to propose (PS3.7 D.3.3.3). Default: none. */
  readonly asyncOperationsWindow?: AsyncOperationsWindow;
  /** SCP/SCU role selection items to propose (PS3.7 D.3.3.4), e.g. for C-GET. */
  readonly roleSelections?: readonly SopClassRoles[];
}

/** A status expectation: a code, or a category. */
export type ExpectedStatus = number | StatusCategory;

function statusMatches(status: number, expected: ExpectedStatus): boolean {
  return typeof expected === "number" ? status === expected : statusCategory(status) === expected;
}

function showExpected(expected: ExpectedStatus): string {
  return typeof expected === "number" ? hexStatus(expected) : expected;
}

function showStatus(status: number | undefined): string {
  return status === undefined ? "no status" : `${hexStatus(status)} (${statusCategory(status)})`;
}

/** The response to a C-ECHO. */
export class EchoOutcome {
  /** The status. */
  readonly status: number;
  /** Wraps a status. */
  constructor(status: number) {
    this.status = status;
  }
  /**
   * Throws unless the status is `expected` (a code or a category such as `"Success"`).
   * @example
   * ```ts
   * import { EchoOutcome } from "./scenario_context.ts";
   * new EchoOutcome(0).expectStatus("Success");
   * ```
   */
  expectStatus(expected: ExpectedStatus): this {
    if (!statusMatches(this.status, expected)) {
      throw new ExpectationError("C-ECHO status", showExpected(expected), showStatus(this.status));
    }
    return this;
  }
}

/** The responses to a series of C-STOREs, one result per instance in order. */
export class StoreOutcome {
  /** One result per instance. */
  readonly results: readonly InstanceResult[];
  /** Wraps results. */
  constructor(results: readonly InstanceResult[]) {
    this.results = results;
  }
  /** The statuses, in order (undefined where no response came). */
  get statuses(): (number | undefined)[] {
    return this.results.map((r) => r.status);
  }
  /**
   * Throws unless instance i's status matches `expected[i]` (or every one matches a single
   * expectation).
   * @example
   * ```ts
   * import { StoreOutcome } from "./scenario_context.ts";
   * new StoreOutcome([{ name: "a", outcome: "success", status: 0, bytes: 1 }])
   *   .expectStatuses("Success");
   * ```
   */
  expectStatuses(expected: ExpectedStatus | readonly ExpectedStatus[]): this {
    const list = Array.isArray(expected)
      ? expected as readonly ExpectedStatus[]
      : this.results.map(() => expected as ExpectedStatus);
    if (list.length !== this.results.length) {
      throw new ExpectationError(
        "C-STORE responses",
        `${list.length}`,
        `${this.results.length}`,
      );
    }
    this.results.forEach((result, i) => {
      if (result.status === undefined || !statusMatches(result.status, list[i])) {
        throw new ExpectationError(
          `C-STORE status of instance ${i + 1} (${result.name})`,
          showExpected(list[i]),
          result.status === undefined
            ? `no response: ${result.message}`
            : showStatus(result.status),
        );
      }
    });
    return this;
  }
}

/** The responses to a C-FIND. */
export class FindOutcome {
  /** The final status. */
  readonly status: number;
  /** The matches (identifiers of the pending responses). */
  readonly matches: readonly DataSet[];
  /** Wraps a result. */
  constructor(status: number, matches: readonly DataSet[]) {
    this.status = status;
    this.matches = matches;
  }
  /**
   * Throws unless the final status is `expected`.
   * @example
   * ```ts
   * import { FindOutcome } from "./scenario_context.ts";
   * new FindOutcome(0, []).expectStatus(0x0000);
   * ```
   */
  expectStatus(expected: ExpectedStatus): this {
    if (!statusMatches(this.status, expected)) {
      throw new ExpectationError(
        "C-FIND final status",
        showExpected(expected),
        showStatus(this.status),
      );
    }
    return this;
  }
  /**
   * Throws unless there were exactly `count` matches.
   * @example
   * ```ts
   * import { FindOutcome } from "./scenario_context.ts";
   * new FindOutcome(0, []).expectMatches(0);
   * ```
   */
  expectMatches(count: number): this {
    if (this.matches.length !== count) {
      throw new ExpectationError("C-FIND matches", `${count}`, `${this.matches.length}`);
    }
    return this;
  }
}

/** The responses to a C-MOVE. */
export class MoveOutcome {
  /** The final status. */
  readonly status: number;
  /** Sub-operations completed, failed and with a warning (final response). */
  readonly completed: number;
  /** Sub-operations failed. */
  readonly failed: number;
  /** Sub-operations with a warning. */
  readonly warning: number;
  /** Wraps a result. */
  constructor(status: number, completed: number, failed: number, warning: number) {
    this.status = status;
    this.completed = completed;
    this.failed = failed;
    this.warning = warning;
  }
  /**
   * Throws unless the final status is `expected`.
   * @example
   * ```ts
   * import { MoveOutcome } from "./scenario_context.ts";
   * new MoveOutcome(0, 3, 0, 0).expectStatus("Success");
   * ```
   */
  expectStatus(expected: ExpectedStatus): this {
    if (!statusMatches(this.status, expected)) {
      throw new ExpectationError(
        "C-MOVE final status",
        showExpected(expected),
        showStatus(this.status),
      );
    }
    return this;
  }
  /**
   * Throws unless exactly `count` sub-operations completed (PS3.4 C.4.2.1.6).
   * @example
   * ```ts
   * import { MoveOutcome } from "./scenario_context.ts";
   * new MoveOutcome(0, 3, 0, 0).expectCompleted(3);
   * ```
   */
  expectCompleted(count: number): this {
    if (this.completed !== count) {
      throw new ExpectationError(
        "C-MOVE completed sub-operations",
        `${count}`,
        `${this.completed} (failed ${this.failed}, warning ${this.warning})`,
      );
    }
    return this;
  }
}

/** Options of {@link ScenarioAssociation.move}. */
export interface ScenarioMoveOptions {
  /** (0000,0600) Move Destination AE title. */
  readonly destination: string;
  /** Query/Retrieve Level. Default `"STUDY"`. */
  readonly level?: QueryLevel;
  /** The C-MOVE SOP class. Default Study Root. */
  readonly sopClassUid?: string;
}

/** Options of {@link ScenarioAssociation.find}. */
export interface ScenarioFindOptions {
  /** Query/Retrieve Level. Default `"STUDY"`. */
  readonly level?: QueryLevel;
  /** The C-FIND SOP class. Default Study Root. */
  readonly sopClassUid?: string;
  /** Send a C-CANCEL-RQ (PS3.7 9.3.2.3) once this many matches have arrived. Default never. */
  readonly cancelAfter?: number;
}

/** An association attempt: accepted (with its association) or not (with the error). */
export class ScenarioAssociation {
  readonly #association: Association | undefined;
  readonly #error: unknown;

  /** Wraps the outcome of an association request. */
  constructor(association: Association | undefined, error?: unknown) {
    this.#association = association;
    this.#error = error;
  }

  /** Whether it was accepted. */
  get accepted(): boolean {
    return this.#association !== undefined;
  }

  /** The association; throws when it was not accepted. */
  get association(): Association {
    if (this.#association === undefined) {
      throw new ExpectationError("Association", "accepted", this.#describeFailure());
    }
    return this.#association;
  }

  #describeFailure(): string {
    const e = this.#error;
    if (e instanceof AssociationRejectedError) {
      return `rejected (result ${e.result}, source ${e.source}, reason ${e.reason}): ${e.message}`;
    }
    return e instanceof Error ? e.message : String(e);
  }

  /**
   * Throws unless the association was accepted.
   * @example
   * ```ts ignore
   * (await ctx.associate({ callingAeTitle: "SCU", contexts })).expectAccepted();
   * ```
   */
  expectAccepted(): this {
    void this.association;
    return this;
  }

  /**
   * Throws unless the association was rejected (A-ASSOCIATE-RJ) with these fields (PS3.8 9.3.4).
   * @example
   * ```ts ignore
   * a.expectRejected({ result: 1, source: 1, reason: 7 });
   * ```
   */
  expectRejected(expected: { result?: number; source?: number; reason?: number } = {}): this {
    const want = `rejected${expected.result === undefined ? "" : ` result ${expected.result}`}${
      expected.source === undefined ? "" : ` source ${expected.source}`
    }${expected.reason === undefined ? "" : ` reason ${expected.reason}`}`;
    if (this.#association !== undefined) {
      throw new ExpectationError("Association", want, "accepted");
    }
    const e = this.#error;
    if (!(e instanceof AssociationRejectedError)) {
      throw new ExpectationError("Association", want, this.#describeFailure());
    }
    if (
      (expected.result !== undefined && e.result !== expected.result) ||
      (expected.source !== undefined && e.source !== expected.source) ||
      (expected.reason !== undefined && e.reason !== expected.reason)
    ) {
      throw new ExpectationError("Association", want, this.#describeFailure());
    }
    return this;
  }

  /**
   * Throws unless a context for `abstractSyntax` was accepted (in `transferSyntax`, if given).
   * @example
   * ```ts ignore
   * a.expectContextAccepted("1.2.840.10008.1.1", "1.2.840.10008.1.2");
   * ```
   */
  expectContextAccepted(abstractSyntax: string, transferSyntax?: string): this {
    const contexts = this.association.negotiated.contexts.filter((c) =>
      c.abstractSyntax === abstractSyntax
    );
    const ok = contexts.some((c) =>
      transferSyntax === undefined || c.transferSyntax === transferSyntax
    );
    if (!ok) {
      throw new ExpectationError(
        `Presentation context for ${abstractSyntax}`,
        transferSyntax === undefined ? "accepted" : `accepted with ${transferSyntax}`,
        contexts.length === 0
          ? "rejected"
          : `accepted with ${contexts.map((c) => c.transferSyntax).join(", ")}`,
      );
    }
    return this;
  }

  /**
   * Throws unless no context for `abstractSyntax` was accepted.
   * @example
   * ```ts ignore
   * a.expectContextRejected("1.2.3.4");
   * ```
   */
  expectContextRejected(abstractSyntax: string): this {
    const accepted = this.association.negotiated.contexts.find((c) =>
      c.abstractSyntax === abstractSyntax
    );
    if (accepted !== undefined) {
      throw new ExpectationError(
        `Presentation context for ${abstractSyntax}`,
        "rejected",
        `accepted with ${accepted.transferSyntax}`,
      );
    }
    return this;
  }

  /**
   * Sends a C-ECHO-RQ (PS3.7 9.1.5) and resolves with the response.
   * @example
   * ```ts ignore
   * (await a.echo()).expectStatus("Success");
   * ```
   */
  async echo(): Promise<EchoOutcome> {
    return new EchoOutcome(await this.association.echo());
  }

  /**
   * Sends each Part 10 file as a C-STORE-RQ (PS3.7 9.1.1); resolves with one result each.
   * @example
   * ```ts ignore
   * (await a.store([series.file(0)])).expectStatuses("Success");
   * ```
   */
  async store(files: readonly Uint8Array[]): Promise<StoreOutcome> {
    const sources = files.map((bytes, i) => ({ name: `instance ${i + 1}`, read: () => bytes }));
    return new StoreOutcome(await storeInstances(this.association, sources, { maxInFlight: 1 }));
  }

  /**
   * Sends a C-FIND-RQ (PS3.7 9.1.2) with an identifier (a data set, or keys such as
   * `"StudyInstanceUID=1.2.3"`) and resolves with the matches and final status.
   * @example
   * ```ts ignore
   * (await a.find(["PatientID=SIM1", "StudyInstanceUID"])).expectStatus(0).expectMatches(1);
   * ```
   */
  async find(
    identifier: DataSet | readonly string[],
    options: ScenarioFindOptions = {},
  ): Promise<FindOutcome> {
    const query = Array.isArray(identifier)
      ? buildIdentifier(identifier as readonly string[], { level: options.level ?? "STUDY" })
      : identifier as DataSet;
    let seen = 0;
    const cancel = new AbortController();
    const result = await findScu(this.association, query, {
      sopClassUid: options.sopClassUid,
      signal: cancel.signal,
      onMatch: () => {
        if (options.cancelAfter !== undefined && ++seen >= options.cancelAfter) cancel.abort();
      },
    });
    return new FindOutcome(result.status, result.matches);
  }

  /**
   * Sends a C-MOVE-RQ (PS3.7 9.1.4) with an identifier (a data set, or keys) and resolves with
   * the final status and sub-operation counts.
   * @example
   * ```ts ignore
   * (await a.move([`StudyInstanceUID=${uid}`], { destination: "DEST" })).expectCompleted(3);
   * ```
   */
  async move(
    identifier: DataSet | readonly string[],
    options: ScenarioMoveOptions,
  ): Promise<MoveOutcome> {
    const query = Array.isArray(identifier)
      ? buildIdentifier(identifier as readonly string[], { level: options.level ?? "STUDY" })
      : identifier as DataSet;
    const result = await moveScu(this.association, query, {
      destination: options.destination,
      sopClassUid: options.sopClassUid,
    });
    return new MoveOutcome(result.status, result.completed, result.failed, result.warning);
  }

  /**
   * Releases the association (A-RELEASE, PS3.8 7.2).
   * @example
   * ```ts ignore
   * await a.release();
   * ```
   */
  async release(): Promise<void> {
    await this.association.release();
  }

  /**
   * Aborts the association (A-ABORT, PS3.8 7.3).
   * @example
   * ```ts ignore
   * a.abort();
   * ```
   */
  abort(): void {
    this.association.abort();
  }

  /**
   * Sends a C-GET-RQ (PS3.7 9.1.3) and keeps the instances of its C-STORE sub-operations
   * (propose their storage SOP classes with `roles: { scu: false, scp: true }`).
   * @example
   * ```ts ignore
   * (await a.get([`StudyInstanceUID=${uid}`])).expectStatus("Success").expectReceived(3);
   * ```
   */
  get(identifier: ScenarioAttributes, options: ScenarioGetOptions = {}): Promise<GetOutcome> {
    return getInstances(this.association, identifier, options);
  }

  /**
   * Sends an N-CREATE-RQ (PS3.7 10.1.5), e.g. an MPPS IN PROGRESS.
   * @example
   * ```ts ignore
   * const created = (await a.nCreate({ sopClassUid, attributes })).expectStatus("Success");
   * ```
   */
  nCreate(request: ScenarioNCreate): Promise<NOutcome> {
    return nCreateStep(this.association, request);
  }

  /**
   * Sends an N-SET-RQ (PS3.7 10.1.3).
   * @example
   * ```ts ignore
   * (await a.nSet({ sopClassUid, sopInstanceUid, modifications })).expectStatus("Success");
   * ```
   */
  nSet(request: ScenarioNSet): Promise<NOutcome> {
    return nSetStep(this.association, request);
  }

  /**
   * Sends an N-ACTION-RQ (PS3.7 10.1.4), e.g. a Storage Commitment request.
   * @example
   * ```ts ignore
   * (await a.nAction({ sopClassUid, sopInstanceUid, actionTypeId: 1 })).expectStatus(0);
   * ```
   */
  nAction(request: ScenarioNAction): Promise<NOutcome> {
    return nActionStep(this.association, request);
  }

  /**
   * Sends an N-GET-RQ (PS3.7 10.1.2) for every attribute.
   * @example
   * ```ts ignore
   * (await a.nGet({ sopClassUid, sopInstanceUid })).expectStatus("Success");
   * ```
   */
  nGet(request: ScenarioNGet): Promise<NOutcome> {
    return nGetStep(this.association, request);
  }

  /**
   * Resolves with the next N-EVENT-REPORT-RQ from the peer (answered Success); bound it with
   * `ctx.within`.
   * @example
   * ```ts ignore
   * const { report } = await ctx.within(10_000, { report: a.nextEventReport() });
   * ```
   */
  nextEventReport(): Promise<ScenarioEventReport> {
    return nextEventReport(this.association);
  }
}

/** A simulated storage SCP (e.g. a C-MOVE destination) that keeps what it receives. */
export interface ScenarioStorageScp {
  /** Its AE title. */
  readonly aeTitle: string;
  /** Where it listens. */
  readonly host: string;
  /** Its TCP port. */
  readonly port: number;
  /** Received instances: SOP Instance UID to Part 10 bytes. */
  readonly received: ReadonlyMap<string, Uint8Array>;
  /** Throws unless exactly `count` instances were received. */
  expectReceived(count: number): void;
}

/** What a scenario's `steps` get. */
export interface ScenarioContext {
  /** The system under test. */
  readonly target: ScenarioTarget;
  /** The run's mode. */
  readonly mode: "tcp" | "memory";
  /** Values captured with {@link ScenarioContext.capture}. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Requests an association; never throws for a rejection (expect on the handle). */
  associate(options: ScenarioAssociateOptions): Promise<ScenarioAssociation>;
  /** Throws an expectation error with `message` unless `condition` holds. */
  expect(condition: unknown, message: string): void;
  /** Keeps a value under a name (reported) and returns it. */
  capture<T>(name: string, value: T): T;
  /** Runs `fn` as a named, reported step; a failure stops the scenario. */
  step<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Starts a simulated storage SCP on 127.0.0.1 (closed at the end of the scenario). */
  startStorageScp(options: { aeTitle: string }): Promise<ScenarioStorageScp>;
  /**
   * Starts a simulated PACS on 127.0.0.1 that the system under test calls (the PACS behind a
   * router, a C-MOVE destination with faults): a mock PACS node with this configuration
   * (`faults`, statuses, delays...), closed at the end of the scenario. It is also a C-MOVE
   * destination of the target under its AE title.
   */
  startPacs(config: Partial<PacsConfig> & { aeTitle: string }): Promise<Pacs>;
  /**
   * Asks the run's system under test to do `action` with `peer` (e.g. `"store"` a study to a
   * simulated PACS); the scenario is skipped when the run has no system under test to trigger
   * (`dicomsim run --sut-command`, `RunScenariosOptions.sut`).
   */
  triggerSut(
    action: string,
    peer: { host: string; port: number; aeTitle: string },
  ): Promise<void>;
  /**
   * Waits (real time: it watches a system outside the in-memory world) until `condition` holds,
   * polling every 20 ms; throws an expectation error naming `what` after `withinMs`.
   */
  waitFor(
    condition: () => boolean,
    options: { withinMs: number; what: string; actual?: () => string },
  ): Promise<void>;
  /** Waits `ms`: virtual time in memory mode (timers fire at once), real time over TCP. */
  wait(ms: number): Promise<void>;
  /**
   * Expects every named task to succeed, in any order, within `ms` (virtual time in memory
   * mode); resolves with their values by name. A failure names the tasks that failed or were
   * still running, and what the others gave.
   */
  within<T extends Record<string, Promise<unknown>>>(
    ms: number,
    tasks: T,
  ): Promise<{ [K in keyof T]: Awaited<T[K]> }>;
  /**
   * Expects `task` to fail with an error of this name (e.g. `"DicomTimeoutError"`) and, when
   * given, whose message contains `messageIncludes`; resolves with the error.
   */
  expectRejects(
    task: Promise<unknown>,
    expected: { name?: string; messageIncludes?: string },
  ): Promise<Error>;
  /**
   * Opens a raw connection to the target (no state machine on our side) to send any PDU or
   * bytes and expect what comes back; closed at the end of the scenario.
   */
  raw(options?: { maxPduLength?: number }): Promise<RawConnection>;
}

/** How the runner connects and what it records; internal to the runner. */
export interface ContextHost {
  /** The system under test. */
  readonly target: ScenarioTarget;
  /** The run's mode. */
  readonly mode: "tcp" | "memory";
  /** The clock associations use. */
  readonly clock: Clock;
  /** The same clock when it is virtual (memory mode): `wait` advances it. */
  readonly virtualClock?: VirtualClock;
  /** Requests an association with the target; throws as `requestAssociation` does. */
  connect(options: ScenarioAssociateOptions): Promise<Association>;
  /** Runs and records a step. */
  onStep(name: string, run: () => Promise<unknown>): Promise<unknown>;
  /** Records a captured value. */
  onCapture(name: string, value: unknown): void;
  /** Called at the end of the scenario with things to close. */
  readonly cleanups: (() => Promise<void> | void)[];
  /** Sets the system under test to work (see `RunScenariosOptions.sut`); rejects with a
   * `ScenarioSkipped` when the run has no trigger. */
  readonly triggerSut?: (
    action: string,
    peer: { host: string; port: number; aeTitle: string },
  ) => Promise<void>;
  /** Records association events (the scenario's trace), for nodes the context starts. */
  readonly onEvent?: (event: AssociationEvent, association: Association) => void;
  /** Destinations of the mock target (C-MOVE), filled by simulated SCPs. */
  readonly destinations?: Record<string, { host: string; port: number }>;
  /** Opens a plain transport to the target (for `raw`; TCP: the node engine, so RST works). */
  readonly connectRaw?: () => Promise<Transport>;
}

/**
 * Builds the context a scenario's steps get, over a host the runner provides.
 * @example
 * ```ts ignore
 * const ctx = createScenarioContext(host);
 * await scenario.steps(ctx);
 * ```
 */
export function createScenarioContext(host: ContextHost): ScenarioContext {
  const vars: Record<string, unknown> = {};
  return {
    target: host.target,
    mode: host.mode,
    vars,
    async associate(options) {
      try {
        const association = await host.connect(options);
        host.cleanups.push(() => {
          if (association.state !== "Sta1") association.abort();
        });
        return new ScenarioAssociation(association);
      } catch (error) {
        return new ScenarioAssociation(undefined, error);
      }
    },
    expect(condition, message) {
      if (!condition) throw new ExpectationError(message, "true", "false");
    },
    capture(name, value) {
      vars[name] = value;
      host.onCapture(name, value);
      return value;
    },
    async step(name, fn) {
      return await host.onStep(name, async () => await fn()) as Awaited<ReturnType<typeof fn>>;
    },
    triggerSut(action, peer) {
      if (host.triggerSut === undefined) {
        return Promise.reject(new ScenarioSkipped(`no system under test to trigger ("${action}")`));
      }
      return host.triggerSut(action, peer);
    },
    async waitFor(condition, { withinMs, what, actual }) {
      const deadline = Date.now() + withinMs;
      while (!condition()) {
        if (Date.now() >= deadline) {
          throw new ExpectationError(
            `${what} within ${withinMs} ms`,
            "true",
            actual?.() ?? "false",
          );
        }
        await new Promise<void>((resolve) => setTimeout(resolve, 20));
      }
    },
    async startPacs(config) {
      const pacs = await startPacs(
        { ...config, host: "127.0.0.1", port: config.port ?? 0 },
        { accept: { onEvent: host.onEvent } },
      );
      host.cleanups.push(() => pacs.close());
      if (host.destinations !== undefined) {
        host.destinations[config.aeTitle] = { host: "127.0.0.1", port: pacs.port };
      }
      return pacs;
    },
    async startStorageScp({ aeTitle }) {
      const store = new MemoryInstanceStore();
      const scp = storageScp({ store });
      const server: TransportServer = await listenAssociations({
        aeTitle,
        supported: scp.supported,
        listen: { host: "127.0.0.1", port: 0 },
        onRequest: scp.onRequest,
        dataSetSink: scp.dataSetSink,
        onFailure: () => {},
        onEvent: host.onEvent,
      });
      host.cleanups.push(() => server.close());
      if (host.destinations !== undefined) {
        host.destinations[aeTitle] = { host: "127.0.0.1", port: server.port };
      }
      return {
        aeTitle,
        host: "127.0.0.1",
        port: server.port,
        received: store.files,
        expectReceived(count: number) {
          if (store.files.size !== count) {
            throw new ExpectationError(
              `Instances received by ${aeTitle}`,
              `${count}`,
              `${store.files.size}`,
            );
          }
        },
      };
    },
    async within(ms, tasks) {
      type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
      const outcomes = new Map<string, Outcome>();
      const names = Object.keys(tasks);
      const all = Promise.all(names.map((name) =>
        tasks[name].then(
          (value) => void outcomes.set(name, { ok: true, value }),
          (error) => void outcomes.set(name, { ok: false, error }),
        )
      ));
      const clock = host.virtualClock;
      if (clock !== undefined) {
        await runUntil(clock, () => outcomes.size === names.length, ms);
      } else {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([all, new Promise<void>((r) => timer = setTimeout(r, ms))]);
        clearTimeout(timer);
      }
      const failed = names.filter((n) => outcomes.get(n)?.ok === false);
      const running = names.filter((n) => !outcomes.has(n));
      if (failed.length || running.length) {
        const describe = (n: string) => {
          const o = outcomes.get(n);
          if (!o) return `${n}: still running`;
          return o.ok ? `${n}: done` : `${n}: ${(o.error as Error)?.message ?? String(o.error)}`;
        };
        throw new ExpectationError(
          `${names.length} task(s) within ${ms} ms`,
          names.join(", "),
          names.map(describe).join("; "),
        );
      }
      return Object.fromEntries(
        names.map((n) => [n, (outcomes.get(n) as { value: unknown }).value]),
      ) as never;
    },
    async expectRejects(task, expected) {
      const want = `an error${expected.name ? ` ${expected.name}` : ""}${
        expected.messageIncludes ? ` saying "${expected.messageIncludes}"` : ""
      }`;
      let error: unknown;
      try {
        await task;
      } catch (e) {
        error = e;
      }
      if (error === undefined) throw new ExpectationError("Outcome", want, "success");
      const e = error instanceof Error ? error : new Error(String(error));
      if (
        (expected.name !== undefined && e.name !== expected.name) ||
        (expected.messageIncludes !== undefined && !e.message.includes(expected.messageIncludes))
      ) {
        throw new ExpectationError("Outcome", want, `${e.name}: ${e.message}`);
      }
      return e;
    },
    async raw(options = {}) {
      if (host.connectRaw === undefined) {
        throw new TypeError("Cannot open a raw connection: the runner gives no connectRaw");
      }
      const transport = await host.connectRaw();
      const onEvent = host.onEvent;
      // The trace only needs the connection id of the "association" an event belongs to.
      const owner = { transport } as unknown as Association;
      const raw = new RawConnection(transport, {
        clock: host.clock,
        ...(host.virtualClock === undefined ? {} : { virtualClock: host.virtualClock }),
        ...(onEvent === undefined ? {} : { onEvent: (event) => onEvent(event, owner) }),
        calledAeTitle: host.target.aeTitle,
        ...(options.maxPduLength === undefined ? {} : { maxPduLength: options.maxPduLength }),
      });
      host.cleanups.push(() => raw.close());
      return raw;
    },
    async wait(ms) {
      if (host.virtualClock !== undefined) {
        // Let requests just started go out before time moves (they may arm timers).
        for (let i = 0; i < 3; i++) await nextTurn();
        host.virtualClock.advance(ms);
        await nextTurn();
      } else {
        await new Promise<void>((resolve) => setTimeout(resolve, ms));
      }
    },
  };
}
