/**
 * The trace of one scenario run: every association the scenario's simulated nodes take part
 * in, as JSON Lines trace records with connection ids numbered in order of appearance (`c1`,
 * `c2`, ...) and times relative to the start of the scenario, so that a run on the in-memory
 * transport and the virtual clock gives the same trace every time. Also counts what the run
 * drove: PS3.8 state-table transitions and DIMSE statuses per service (coverage).
 * @module
 */
import type { Clock } from "../../core/clock.ts";
import type { Association, AssociationEvent } from "../../net/association/association.ts";
import { serviceOf } from "../../net/dimse/command_field.ts";
import { JsonlTrace } from "../../trace/jsonl_trace.ts";
import { formatTraceRecord, parseTrace } from "../../trace/trace_summary.ts";

/** What a run drove its peers through. */
export interface ScenarioCoverage {
  /** Our state machine's transitions, `"Sta1 A-ASSOCIATE request -> Sta4"` style, with counts. */
  readonly transitions: Record<string, number>;
  /** DIMSE responses received and sent, `"C-STORE 0x0000"`, with counts. */
  readonly statuses: Record<string, number>;
}

/**
 * Records a scenario's associations.
 * @example
 * ```ts
 * import { REAL_CLOCK } from "../../core/clock.ts";
 * import { ScenarioTrace } from "./scenario_trace.ts";
 * const trace = new ScenarioTrace(REAL_CLOCK);
 * trace.lines.length; // 0
 * ```
 */
export class ScenarioTrace {
  /** The trace, one JSON line per record (each ends with a newline). */
  readonly lines: string[] = [];
  /** Transition and status counts. */
  readonly coverage: ScenarioCoverage = { transitions: {}, statuses: {} };
  #ids = new Map<string, string>();
  #trace: JsonlTrace;
  #clock: Clock;
  #start: number;

  /** A recorder whose times count from now on `clock`. */
  constructor(clock: Clock) {
    this.#clock = clock;
    this.#start = clock.now();
    this.#trace = new JsonlTrace((line) => this.lines.push(line));
  }

  /** The listener to give every association (`onEvent`). */
  readonly observe = (event: AssociationEvent, association: Association): void => {
    const key = association.transport.id;
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = `c${this.#ids.size + 1}`;
      this.#ids.set(key, id);
    }
    this.#count(event);
    this.#trace.record(id, { ...event, at: Math.max(0, event.at - this.#start) });
  };

  #count(event: AssociationEvent): void {
    const bump = (map: Record<string, number>, key: string) => map[key] = (map[key] ?? 0) + 1;
    if (event.type === "transition") {
      const t = event.transition;
      bump(this.coverage.transitions, `${t.from} ${t.event.type} -> ${t.to}`);
    } else if (event.type === "dimse-sent" || event.type === "dimse-received") {
      const m = event.message;
      if ("status" in m) {
        const code = m.status.toString(16).toUpperCase().padStart(4, "0");
        bump(this.coverage.statuses, `${serviceOf(m.type)} 0x${code}`);
      }
    }
  }

  /**
   * The last `count` PDU and DIMSE records as readable lines (the context of a failure).
   * @example
   * ```ts ignore
   * trace.tail(8).join("\n");
   * ```
   */
  tail(count = 10): string[] {
    const records = parseTrace(this.lines.join("")).filter((r) =>
      r.kind.startsWith("pdu") || r.kind.startsWith("dimse") || r.kind === "closed" ||
      r.kind === "error"
    );
    return records.slice(-count).map((r) => formatTraceRecord(r).split("\n")[0]);
  }
}
