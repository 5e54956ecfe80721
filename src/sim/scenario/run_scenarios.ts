/**
 * Runs scenarios against a target: an external one over TCP, or the project's mock PACS started
 * per scenario (in-process over the in-memory transport on a virtual clock, or on 127.0.0.1).
 * @module
 */
import { REAL_CLOCK, VirtualClock } from "../../core/clock.ts";
import { acceptAssociation } from "../../net/association/accept_association.ts";
import type { Association } from "../../net/association/association.ts";
import { requestAssociation } from "../../net/association/request_association.ts";
import { createMemoryPair } from "../../net/transport/memory.ts";
import { connectTcp } from "../../net/transport/tcp.ts";
import type { PacsConfig, PeerAddress } from "../pacs/pacs_config.ts";
import { createPacsNode, startPacs } from "../pacs/pacs_node.ts";
import type { Scenario } from "./scenario.ts";
import { type ScenarioCoverage, ScenarioTrace } from "./scenario_trace.ts";
import {
  type ContextHost,
  createScenarioContext,
  type ScenarioAssociateOptions,
  type ScenarioTarget,
} from "./scenario_context.ts";
import { ExpectationError, ScenarioSkipped } from "./expectation_error.ts";

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  /**
   * `"memory"`: without `target`, the mock PACS runs in-process over the in-memory transport on a
   * virtual clock; `"tcp"`: over TCP (to `target`, or to the mock PACS on 127.0.0.1:0).
   * Default `"memory"`.
   */
  readonly mode?: "tcp" | "memory";
  /** An external system under test (TCP). Default: the mock PACS. */
  readonly target?: ScenarioTarget;
  /** Called with each scenario's result as it ends (progress). */
  readonly onResult?: (result: ScenarioResult) => void;
  /** Which results keep their PDU trace (`trace`): failed ones (default), all, or none. */
  readonly keepTraces?: "failed" | "all" | "none";
  /** Only scenarios whose name contains this text. Default: all. */
  readonly filter?: string;
  /** Scenarios run at once. Default 1. */
  readonly parallel?: number;
  /**
   * Sets the system under test to work when a scenario asks (`ctx.triggerSut`): e.g. tells a
   * modality under test to send a study to the simulated PACS the scenario started. Scenarios
   * that ask without one are skipped. Default none.
   */
  readonly sut?: SutTrigger;
}

/** What a scenario asks the system under test to do, and where. */
export interface SutRequest {
  /** The scenario's name. */
  readonly scenario: string;
  /** What to do, in the scenario's words (e.g. `"store"`). */
  readonly action: string;
  /** The simulated node it should talk to. */
  readonly peer: { readonly host: string; readonly port: number; readonly aeTitle: string };
}

/** Sets the system under test to work; resolves once it was told (or has finished). */
export type SutTrigger = (request: SutRequest) => Promise<void>;

/** The failure of a step or scenario. */
export interface ScenarioFailure {
  /** The message. */
  readonly message: string;
  /** What was expected, for expectation failures. */
  readonly expected?: string;
  /** What arrived instead, for expectation failures. */
  readonly actual?: string;
  /** The error's name, e.g. `"ExpectationError"`. */
  readonly type: string;
}

/** One reported step. */
export interface StepResult {
  /** Its name (`"(scenario)"` for a failure outside any step). */
  readonly name: string;
  /** Passed or failed. */
  readonly status: "passed" | "failed";
  /** Wall time in ms. */
  readonly durationMs: number;
  /** Why it failed. */
  readonly error?: ScenarioFailure;
}

/** One scenario's result. */
export interface ScenarioResult {
  /** The scenario's name. */
  readonly name: string;
  /** Its description. */
  readonly description?: string;
  /** Passed, failed, or skipped (a mock-only scenario against an external target). */
  readonly status: "passed" | "failed" | "skipped";
  /** Wall time in ms. */
  readonly durationMs: number;
  /** The steps, in order. */
  readonly steps: readonly StepResult[];
  /** Values captured. */
  readonly captures: Readonly<Record<string, string>>;
  /** The first failure. */
  readonly error?: ScenarioFailure;
  /** Why it was skipped. */
  readonly skipReason?: string;
  /** The last PDUs and DIMSE messages before the failure, as readable lines. */
  readonly context?: readonly string[];
  /** The scenario's PDU trace (JSON Lines, one record per line), when kept. */
  readonly trace?: readonly string[];
  /** What the run drove: state-table transitions and DIMSE statuses. */
  readonly coverage?: ScenarioCoverage;
}

/** The whole run. */
export interface RunResult {
  /** The mode used. */
  readonly mode: "tcp" | "memory";
  /** The external target, when one was given. */
  readonly target?: ScenarioTarget;
  /** Per scenario, in order. */
  readonly scenarios: readonly ScenarioResult[];
  /** Counts. */
  readonly passed: number;
  /** Scenarios failed. */
  readonly failed: number;
  /** Scenarios skipped. */
  readonly skipped: number;
}

/** Marks an error already recorded by a step (it stops the scenario without a second record). */
class StepFailed extends Error {
  constructor(cause: unknown) {
    super("Step failed", { cause });
    this.name = "StepFailed";
  }
}

/** A scenario took longer than its limit. */
class ScenarioTimeoutError extends Error {
  constructor(ms: number) {
    super(`Scenario timed out: still running after ${ms} ms`);
    this.name = "ScenarioTimeoutError";
  }
}

function failureOf(error: unknown): ScenarioFailure {
  if (error instanceof ExpectationError) {
    return {
      type: error.name,
      message: error.message,
      expected: error.expected,
      actual: error.actual,
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message };
  return { type: "Error", message: String(error) };
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

interface Setup {
  host: ContextHost;
  trace: ScenarioTrace;
  close(): Promise<void>;
}

async function setUp(
  scenario: Scenario,
  mode: "tcp" | "memory",
  external: ScenarioTarget | undefined,
  record: { steps: StepResult[]; captures: Record<string, string> },
  sut: SutTrigger | undefined,
): Promise<Setup> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const onStep = async (name: string, run: () => Promise<unknown>) => {
    const start = performance.now();
    try {
      const value = await run();
      record.steps.push({ name, status: "passed", durationMs: performance.now() - start });
      return value;
    } catch (error) {
      if (error instanceof StepFailed) throw error;
      record.steps.push({
        name,
        status: "failed",
        durationMs: performance.now() - start,
        error: failureOf(error),
      });
      throw new StepFailed(error);
    }
  };
  const onCapture = (name: string, value: unknown) => record.captures[name] = text(value);
  const destinations: Record<string, PeerAddress> = {
    ...scenario.nodes?.target?.destinations,
  };
  const config: Partial<PacsConfig> = { ...scenario.nodes?.target, destinations };
  const triggerSut = (action: string, peer: SutRequest["peer"]): Promise<void> => {
    if (sut === undefined) {
      return Promise.reject(
        new ScenarioSkipped(`no system under test to trigger (action "${action}")`),
      );
    }
    return sut({ scenario: scenario.name, action, peer });
  };
  const base = { cleanups, onStep, onCapture, mode, destinations, triggerSut };
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Closing is best effort.
      }
    }
  };

  if (external !== undefined) {
    const trace = new ScenarioTrace(REAL_CLOCK);
    const host: ContextHost = {
      ...base,
      target: external,
      clock: REAL_CLOCK,
      onEvent: trace.observe,
      connect: (o) => requestOver(o, external, { onEvent: trace.observe }),
      // node:net: the only engine that can send a TCP reset (raw scenarios use it).
      connectRaw: () => connectTcp({ host: external.host, port: external.port, engine: "node" }),
    };
    return { host, trace, close: closeAll };
  }
  if (mode === "tcp") {
    const trace = new ScenarioTrace(REAL_CLOCK);
    const pacs = await startPacs({ ...config, host: "127.0.0.1", port: 0 });
    const target = { host: "127.0.0.1", port: pacs.port, aeTitle: pacs.config.aeTitle };
    return {
      host: {
        ...base,
        target,
        clock: REAL_CLOCK,
        onEvent: trace.observe,
        connect: (o) => requestOver(o, target, { onEvent: trace.observe }),
        connectRaw: () => connectTcp({ host: "127.0.0.1", port: pacs.port, engine: "node" }),
      },
      trace,
      close: async () => {
        await closeAll();
        await pacs.close();
      },
    };
  }
  const clock = new VirtualClock();
  const trace = new ScenarioTrace(clock);
  const node = createPacsNode(config, { accept: { clock } });
  await node.load();
  const target = { host: "memory", port: 0, aeTitle: node.config.aeTitle };
  const connect = (o: ScenarioAssociateOptions): Promise<Association> => {
    const [client, server] = createMemoryPair({ clock });
    acceptAssociation(server, node.acceptOptions).catch(() => {});
    return requestOver(o, target, { transport: client, clock, onEvent: trace.observe });
  };
  const connectRaw = () => {
    const [client, server] = createMemoryPair({ clock });
    acceptAssociation(server, node.acceptOptions).catch(() => {});
    return Promise.resolve(client);
  };
  return {
    trace,
    host: {
      ...base,
      target,
      clock,
      virtualClock: clock,
      onEvent: trace.observe,
      connect,
      connectRaw,
    },
    close: async () => {
      await closeAll();
      await node.idle();
    },
  };
}

function requestOver(
  o: ScenarioAssociateOptions,
  target: ScenarioTarget,
  extra: Partial<Parameters<typeof requestAssociation>[0]>,
): Promise<Association> {
  return requestAssociation({
    host: target.host,
    port: target.port,
    callingAeTitle: o.callingAeTitle,
    calledAeTitle: o.calledAeTitle ?? target.aeTitle,
    contexts: o.contexts,
    ...(o.maxPduLength === undefined ? {} : { maxPduLength: o.maxPduLength }),
    ...(o.timeouts === undefined ? {} : { timeouts: o.timeouts }),
    ...(o.asyncOperationsWindow === undefined
      ? {}
      : { asyncOperationsWindow: o.asyncOperationsWindow }),
    ...(o.roleSelections === undefined ? {} : { roleSelections: o.roleSelections }),
    ...extra,
  });
}

/**
 * Runs one scenario; never throws (failures are in the result).
 * @example
 * ```ts ignore
 * const result = await runScenario(scenario, { mode: "memory" });
 * result.status; // "passed"
 * ```
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenariosOptions = {},
): Promise<ScenarioResult> {
  const mode = options.mode ?? "memory";
  const started = performance.now();
  const record = { steps: [] as StepResult[], captures: {} as Record<string, string> };
  let setup: Setup | undefined;
  const keep = options.keepTraces ?? "failed";
  const done = (
    status: ScenarioResult["status"],
    error?: ScenarioFailure,
    skipReason?: string,
  ): ScenarioResult => {
    const trace = setup?.trace;
    const kept = trace && (keep === "all" || (keep === "failed" && status === "failed"));
    return {
      name: scenario.name,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
      status,
      durationMs: performance.now() - started,
      steps: record.steps,
      captures: record.captures,
      ...(error === undefined ? {} : { error }),
      ...(skipReason === undefined ? {} : { skipReason }),
      ...(error !== undefined && trace ? { context: trace.tail(10) } : {}),
      ...(kept ? { trace: trace.lines } : {}),
      ...(trace ? { coverage: trace.coverage } : {}),
    };
  };
  if (scenario.mockOnly && options.target !== undefined) {
    return done("skipped", undefined, "mock-only scenario against an external target");
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    setup = await setUp(scenario, mode, options.target, record, options.sut);
    const ctx = createScenarioContext(setup.host);
    const limit = scenario.timeoutMs ?? 30_000;
    await Promise.race([
      scenario.steps(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ScenarioTimeoutError(limit)), limit);
      }),
    ]);
    return done("passed");
  } catch (error) {
    const skip = error instanceof ScenarioSkipped
      ? error
      : error instanceof StepFailed && error.cause instanceof ScenarioSkipped
      ? error.cause
      : undefined;
    if (skip) {
      // The step that asked is not a failure: it could not run here.
      const last = record.steps.at(-1);
      if (last?.status === "failed" && error instanceof StepFailed) record.steps.pop();
      return done("skipped", undefined, skip.message);
    }
    if (error instanceof StepFailed) {
      return done("failed", record.steps[record.steps.length - 1]?.error ?? failureOf(error.cause));
    }
    const failure = failureOf(error);
    record.steps.push({ name: "(scenario)", status: "failed", durationMs: 0, error: failure });
    return done("failed", failure);
  } finally {
    clearTimeout(timer);
    await setup?.close();
  }
}

/**
 * Runs scenarios one after another and resolves with every result and the counts.
 * @example
 * ```ts ignore
 * import { runScenarios } from "./run_scenarios.ts";
 * const run = await runScenarios([scenario], { mode: "memory" });
 * run.failed; // 0
 * ```
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  options: RunScenariosOptions = {},
): Promise<RunResult> {
  const selected = options.filter === undefined
    ? scenarios
    : scenarios.filter((s) => s.name.includes(options.filter!));
  const results: ScenarioResult[] = new Array(selected.length);
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const result = await runScenario(selected[index], options);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, selected.length));
  await Promise.all(Array.from({ length: parallel }, worker));
  return {
    mode: options.mode ?? "memory",
    ...(options.target === undefined ? {} : { target: options.target }),
    scenarios: results,
    passed: results.filter((r) => r.status === "passed").length,
    failed: results.filter((r) => r.status === "failed").length,
    skipped: results.filter((r) => r.status === "skipped").length,
  };
}
