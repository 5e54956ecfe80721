/**
 * C-GET and DIMSE-N steps of scenarios: the outcomes with their expectations, and the functions
 * `ScenarioAssociation.get`, `nCreate`, `nSet`, `nAction`, `nGet` and `nextEventReport` run.
 * @module
 */
import type { DataSet } from "../../core/dataset.ts";
import type { Association } from "../../net/association/association.ts";
import { statusCategory } from "../../net/dimse/status.ts";
import type { NEventReportRq } from "../../net/dimse/messages.ts";
import { getScu } from "../../services/get_scu.ts";
import { buildIdentifier } from "../../services/identifier.ts";
import { instanceToPart10 } from "../../services/encoded_instance.ts";
import { nAction, nCreate, nGet, nServiceScp, nSet } from "../../services/n_services.ts";
import type { QueryLevel } from "../../services/query_models.ts";
import { ExpectationError, hexStatus } from "./expectation_error.ts";
import type { ExpectedStatus } from "./scenario_context.ts";

/** A status expectation: a code, or a category such as `"Success"`. */

function matches(status: number, expected: ExpectedStatus): boolean {
  return typeof expected === "number" ? status === expected : statusCategory(status) === expected;
}

function show(expected: ExpectedStatus): string {
  return typeof expected === "number" ? hexStatus(expected) : expected;
}

function checkStatus(what: string, status: number, expected: ExpectedStatus): void {
  if (!matches(status, expected)) {
    throw new ExpectationError(
      what,
      show(expected),
      `${hexStatus(status)} (${statusCategory(status)})`,
    );
  }
}

/** Keys (`"PatientID=X"`, `"ReferencedSOPSequence[0].ReferencedSOPInstanceUID=1.2"`) or a data set. */
export type ScenarioAttributes = DataSet | readonly string[];

function dataSetOf(attributes: ScenarioAttributes, level?: QueryLevel): DataSet {
  return Array.isArray(attributes)
    ? buildIdentifier(attributes as readonly string[], level === undefined ? {} : { level })
    : attributes as DataSet;
}

/** Options of {@link getInstances} (`ScenarioAssociation.get`). */
export interface ScenarioGetOptions {
  /** Query/Retrieve Level. Default `"STUDY"`. */
  readonly level?: QueryLevel;
  /** The C-GET SOP class. Default Study Root. */
  readonly sopClassUid?: string;
}

/** The responses to a C-GET and the instances received by its C-STORE sub-operations. */
export class GetOutcome {
  /** The final status. */
  readonly status: number;
  /** Sub-operations completed. */
  readonly completed: number;
  /** Sub-operations failed. */
  readonly failed: number;
  /** Sub-operations with a warning. */
  readonly warning: number;
  /** Received instances: SOP Instance UID to Part 10 bytes. */
  readonly received: ReadonlyMap<string, Uint8Array>;
  /** Wraps a result. */
  constructor(
    status: number,
    counts: { completed: number; failed: number; warning: number },
    received: ReadonlyMap<string, Uint8Array>,
  ) {
    this.status = status;
    this.completed = counts.completed;
    this.failed = counts.failed;
    this.warning = counts.warning;
    this.received = received;
  }
  /**
   * Throws unless the final status is `expected`.
   * @example
   * ```ts
   * import { GetOutcome } from "./scenario_steps_n.ts";
   * new GetOutcome(0, { completed: 1, failed: 0, warning: 0 }, new Map()).expectStatus("Success");
   * ```
   */
  expectStatus(expected: ExpectedStatus): this {
    checkStatus("C-GET final status", this.status, expected);
    return this;
  }
  /**
   * Throws unless exactly `count` sub-operations completed and `count` instances arrived
   * (PS3.4 C.4.3.1.6).
   * @example
   * ```ts
   * import { GetOutcome } from "./scenario_steps_n.ts";
   * new GetOutcome(0, { completed: 0, failed: 0, warning: 0 }, new Map()).expectReceived(0);
   * ```
   */
  expectReceived(count: number): this {
    if (this.completed !== count || this.received.size !== count) {
      throw new ExpectationError(
        "C-GET instances",
        `${count} completed and received`,
        `${this.completed} completed (failed ${this.failed}, warning ${this.warning}), ` +
          `${this.received.size} received`,
      );
    }
    return this;
  }
}

/**
 * Sends a C-GET-RQ (PS3.7 9.1.3) and keeps the instances its C-STORE sub-operations bring (the
 * association must have accepted their storage SOP classes with our SCP role, PS3.7 D.3.3.4).
 * @example
 * ```ts ignore
 * const got = await getInstances(association, [`StudyInstanceUID=${uid}`]);
 * got.expectStatus("Success").expectReceived(3);
 * ```
 */
export async function getInstances(
  association: Association,
  identifier: ScenarioAttributes,
  options: ScenarioGetOptions = {},
): Promise<GetOutcome> {
  const received = new Map<string, Uint8Array>();
  const result = await getScu(association, dataSetOf(identifier, options.level ?? "STUDY"), {
    ...(options.sopClassUid === undefined ? {} : { sopClassUid: options.sopClassUid }),
    onInstance: (instance) =>
      void received.set(instance.sopInstanceUid, instanceToPart10(instance)),
    previousHandler: handlerOf(association),
  });
  return new GetOutcome(result.status, result, received);
}

/** The response to an N-* request. */
export class NOutcome {
  /** The request type, e.g. `"N-CREATE"`. */
  readonly service: string;
  /** The status. */
  readonly status: number;
  /** The SOP instance the response is about (for N-CREATE: the one created). */
  readonly sopInstanceUid: string | undefined;
  /** The response's data set, when it had one. */
  readonly dataSet: DataSet | undefined;
  /** Wraps a response. */
  constructor(
    service: string,
    status: number,
    sopInstanceUid: string | undefined,
    dataSet: DataSet | undefined,
  ) {
    this.service = service;
    this.status = status;
    this.sopInstanceUid = sopInstanceUid;
    this.dataSet = dataSet;
  }
  /**
   * Throws unless the status is `expected`.
   * @example
   * ```ts
   * import { NOutcome } from "./scenario_steps_n.ts";
   * new NOutcome("N-SET", 0x0110, "1.2.3", undefined).expectStatus(0x0110);
   * ```
   */
  expectStatus(expected: ExpectedStatus): this {
    checkStatus(`${this.service} status`, this.status, expected);
    return this;
  }
}

/** An N-CREATE step (PS3.7 10.1.5). */
export interface ScenarioNCreate {
  /** Affected SOP Class UID. */
  readonly sopClassUid: string;
  /** Affected SOP Instance UID. Default: none, the SCP assigns one. */
  readonly sopInstanceUid?: string;
  /** The Attribute List. Default: none. */
  readonly attributes?: ScenarioAttributes;
}

/** An N-SET step (PS3.7 10.1.3). */
export interface ScenarioNSet {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** The Modification List. */
  readonly modifications: ScenarioAttributes;
}

/** An N-ACTION step (PS3.7 10.1.4). */
export interface ScenarioNAction {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
  /** Action Type ID. */
  readonly actionTypeId: number;
  /** Action Information. Default: none. */
  readonly actionInformation?: ScenarioAttributes;
}

/** An N-GET step (PS3.7 10.1.2). */
export interface ScenarioNGet {
  /** Requested SOP Class UID. */
  readonly sopClassUid: string;
  /** Requested SOP Instance UID. */
  readonly sopInstanceUid: string;
}

/**
 * Sends an N-CREATE-RQ; resolves with the status and the instance created.
 * @example
 * ```ts ignore
 * (await nCreateStep(association, { sopClassUid: MPPS, attributes })).expectStatus("Success");
 * ```
 */
export async function nCreateStep(
  association: Association,
  request: ScenarioNCreate,
): Promise<NOutcome> {
  ensureEventReports(association);
  const r = await nCreate(association, {
    sopClassUid: request.sopClassUid,
    ...(request.sopInstanceUid === undefined ? {} : { sopInstanceUid: request.sopInstanceUid }),
    ...(request.attributes === undefined ? {} : { attributes: dataSetOf(request.attributes) }),
  });
  return new NOutcome("N-CREATE", r.status, r.sopInstanceUid, r.dataSet);
}

/**
 * Sends an N-SET-RQ; resolves with the status.
 * @example
 * ```ts ignore
 * (await nSetStep(association, { sopClassUid, sopInstanceUid, modifications })).expectStatus(0);
 * ```
 */
export async function nSetStep(association: Association, request: ScenarioNSet): Promise<NOutcome> {
  ensureEventReports(association);
  const r = await nSet(association, {
    sopClassUid: request.sopClassUid,
    sopInstanceUid: request.sopInstanceUid,
    modifications: dataSetOf(request.modifications),
  });
  return new NOutcome("N-SET", r.status, r.sopInstanceUid, r.dataSet);
}

/**
 * Sends an N-ACTION-RQ; resolves with the status and the Action Reply.
 * @example
 * ```ts ignore
 * (await nActionStep(association, { sopClassUid, sopInstanceUid, actionTypeId: 1 }))
 *   .expectStatus("Success");
 * ```
 */
export async function nActionStep(
  association: Association,
  request: ScenarioNAction,
): Promise<NOutcome> {
  ensureEventReports(association);
  const r = await nAction(association, {
    sopClassUid: request.sopClassUid,
    sopInstanceUid: request.sopInstanceUid,
    actionTypeId: request.actionTypeId,
    ...(request.actionInformation === undefined
      ? {}
      : { actionInformation: dataSetOf(request.actionInformation) }),
  });
  return new NOutcome("N-ACTION", r.status, r.sopInstanceUid, r.dataSet);
}

/**
 * Sends an N-GET-RQ for every attribute; resolves with the status and the Attribute List.
 * @example
 * ```ts ignore
 * const got = (await nGetStep(association, { sopClassUid, sopInstanceUid })).expectStatus(0);
 * ```
 */
export async function nGetStep(association: Association, request: ScenarioNGet): Promise<NOutcome> {
  ensureEventReports(association);
  const r = await nGet(association, request);
  return new NOutcome("N-GET", r.status, r.sopInstanceUid, r.dataSet);
}

/** An N-EVENT-REPORT-RQ the peer sent (e.g. a Storage Commitment result, PS3.4 J.3.3). */
export interface ScenarioEventReport {
  /** Affected SOP Class UID. */
  readonly sopClassUid: string;
  /** Affected SOP Instance UID. */
  readonly sopInstanceUid: string | undefined;
  /** Event Type ID (Storage Commitment: 1 all committed, 2 some failed). */
  readonly eventTypeId: number;
  /** Event Information. */
  readonly dataSet: DataSet | undefined;
}

interface ReportInbox {
  readonly reports: ScenarioEventReport[];
  waiters: (() => void)[];
  readonly handler: ReturnType<typeof nServiceScp>;
}

const INBOXES = new WeakMap<Association, ReportInbox>();

function handlerOf(association: Association): ReportInbox["handler"] | undefined {
  return INBOXES.get(association)?.handler;
}

/**
 * Makes the association answer every N-EVENT-REPORT-RQ with Success and keep it for
 * {@link nextEventReport} (done by every N-* step, so that a report that comes at once is kept).
 */
function ensureEventReports(association: Association): ReportInbox {
  let inbox = INBOXES.get(association);
  if (inbox !== undefined) return inbox;
  const reports: ScenarioEventReport[] = [];
  const keep = (request: {
    message: NEventReportRq;
    sopClassUid: string;
    sopInstanceUid: string | undefined;
    dataSet: DataSet | undefined;
  }) => {
    reports.push({
      sopClassUid: request.sopClassUid,
      sopInstanceUid: request.sopInstanceUid,
      eventTypeId: request.message.eventTypeId,
      dataSet: request.dataSet,
    });
    const waiters = created.waiters;
    created.waiters = [];
    for (const wake of waiters) wake();
  };
  // Any SOP class accepted on the association: the handler is the same for all.
  const sopClasses = Object.fromEntries(
    association.negotiated.contexts.map((c) => [c.abstractSyntax, { nEventReport: keep }]),
  );
  const created: ReportInbox = { reports, waiters: [], handler: nServiceScp({ sopClasses }) };
  inbox = created;
  INBOXES.set(association, inbox);
  association.setRequestHandler(inbox.handler);
  return inbox;
}

/**
 * Resolves with the next N-EVENT-REPORT-RQ the peer sends on this association (answered with
 * Success); bound the wait with `ScenarioContext.within`.
 * @example
 * ```ts ignore
 * const { report } = await ctx.within(10_000, { report: nextEventReport(association) });
 * ```
 */
export async function nextEventReport(association: Association): Promise<ScenarioEventReport> {
  const inbox = ensureEventReports(association);
  while (inbox.reports.length === 0) {
    await new Promise<void>((resolve) => inbox.waiters.push(resolve));
  }
  return inbox.reports.shift()!;
}
