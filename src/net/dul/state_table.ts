/**
 * PS3.8 Table 9-10, the DICOM Upper Layer state transition table, as data: for each state and
 * event the action to run. A cell left empty in the standard is absent here, and looking it up
 * throws `DulProtocolError`.
 * @module
 */

import type { DulActionName } from "./actions.ts";
import { DulProtocolError } from "./errors.ts";
import { DUL_EVENT_NAMES, type DulEventName } from "./events.ts";
import { DUL_STATES, type DulState } from "./states.ts";

const __ = null;

/**
 * Table 9-10 as the standard prints it: one row per event, one column per state Sta1..Sta13.
 * Cross-checked against DCMTK dulfsm.cc and pynetdicom fsm.py (both agree with the standard,
 * except that DCMTK adds non-standard ARTIM expiry cells for Sta5 and Sta7, not taken here).
 */
// deno-fmt-ignore
const TABLE_9_10: Readonly<Record<DulEventName, readonly (DulActionName | null)[]>> = {
  //      Sta1    Sta2    Sta3    Sta4    Sta5    Sta6    Sta7    Sta8    Sta9    Sta10    Sta11   Sta12   Sta13
  Evt1:  ["AE-1", __,     __,     __,     __,     __,     __,     __,     __,     __,      __,     __,     __    ],
  Evt2:  [__,     __,     __,     "AE-2", __,     __,     __,     __,     __,     __,      __,     __,     __    ],
  Evt3:  [__,     "AA-1", "AA-8", __,     "AE-3", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-6"],
  Evt4:  [__,     "AA-1", "AA-8", __,     "AE-4", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-6"],
  Evt5:  ["AE-5", __,     __,     __,     __,     __,     __,     __,     __,     __,      __,     __,     __    ],
  Evt6:  [__,     "AE-6", "AA-8", __,     "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-7"],
  Evt7:  [__,     __,     "AE-7", __,     __,     __,     __,     __,     __,     __,      __,     __,     __    ],
  Evt8:  [__,     __,     "AE-8", __,     __,     __,     __,     __,     __,     __,      __,     __,     __    ],
  Evt9:  [__,     __,     __,     __,     __,     "DT-1", __,     "AR-7", __,     __,      __,     __,     __    ],
  Evt10: [__,     "AA-1", "AA-8", __,     "AA-8", "DT-2", "AR-6", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-6"],
  Evt11: [__,     __,     __,     __,     __,     "AR-1", __,     __,     __,     __,      __,     __,     __    ],
  Evt12: [__,     "AA-1", "AA-8", __,     "AA-8", "AR-2", "AR-8", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-6"],
  Evt13: [__,     "AA-1", "AA-8", __,     "AA-8", "AA-8", "AR-3", "AA-8", "AA-8", "AR-10", "AR-3", "AA-8", "AA-6"],
  Evt14: [__,     __,     __,     __,     __,     __,     __,     "AR-4", "AR-9", __,      __,     "AR-4", __    ],
  Evt15: [__,     __,     "AA-1", "AA-2", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1", "AA-1",  "AA-1", "AA-1", __    ],
  Evt16: [__,     "AA-2", "AA-3", __,     "AA-3", "AA-3", "AA-3", "AA-3", "AA-3", "AA-3",  "AA-3", "AA-3", "AA-2"],
  Evt17: [__,     "AA-5", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4", "AA-4",  "AA-4", "AA-4", "AR-5"],
  Evt18: [__,     "AA-2", __,     __,     __,     __,     __,     __,     __,     __,      __,     __,     "AA-2"],
  Evt19: [__,     "AA-1", "AA-8", __,     "AA-8", "AA-8", "AA-8", "AA-8", "AA-8", "AA-8",  "AA-8", "AA-8", "AA-7"],
};

/**
 * One non-empty cell of Table 9-10.
 * @example
 * ```ts
 * import type { DulTableCell } from "./state_table.ts";
 * const cell: DulTableCell = { state: "Sta6", event: "Evt10", action: "DT-2" };
 * ```
 */
export interface DulTableCell {
  /** The state (column). */
  readonly state: DulState;
  /** The event (row). */
  readonly event: DulEventName;
  /** The action the cell names. */
  readonly action: DulActionName;
}

function buildByState(): Record<DulState, Partial<Record<DulEventName, DulActionName>>> {
  const byState = {} as Record<DulState, Partial<Record<DulEventName, DulActionName>>>;
  for (const state of DUL_STATES) byState[state] = {};
  for (const event of DUL_EVENT_NAMES) {
    TABLE_9_10[event].forEach((action, column) => {
      if (action !== null) byState[DUL_STATES[column]][event] = action;
    });
  }
  for (const state of DUL_STATES) Object.freeze(byState[state]);
  return Object.freeze(byState);
}

/**
 * PS3.8 Table 9-10 keyed by state, then event, giving the action; empty cells are absent.
 * @example
 * ```ts
 * import { DUL_STATE_TABLE } from "./state_table.ts";
 * DUL_STATE_TABLE.Sta7.Evt12; // "AR-8"
 * DUL_STATE_TABLE.Sta1.Evt3; // undefined: an empty cell
 * ```
 */
export const DUL_STATE_TABLE: Readonly<
  Record<DulState, Readonly<Partial<Record<DulEventName, DulActionName>>>>
> = buildByState();

/**
 * Every non-empty cell of Table 9-10, event by event (the standard's rows), state by state
 * within an event; what a coverage report lists.
 * @example
 * ```ts
 * import { DUL_TABLE_CELLS } from "./state_table.ts";
 * DUL_TABLE_CELLS[0]; // { state: "Sta1", event: "Evt1", action: "AE-1" }
 * ```
 */
export const DUL_TABLE_CELLS: readonly DulTableCell[] = Object.freeze(
  DUL_EVENT_NAMES.flatMap((event) =>
    DUL_STATES.flatMap((state) => {
      const action = DUL_STATE_TABLE[state][event];
      return action === undefined ? [] : [Object.freeze({ state, event, action })];
    })
  ),
);

/**
 * A key naming one cell, `"<state>+<event>"`, e.g. `"Sta6+Evt10"`.
 * @example
 * ```ts
 * import type { DulCellKey } from "./state_table.ts";
 * const key: DulCellKey = "Sta13+Evt18";
 * ```
 */
export type DulCellKey = `${DulState}+${DulEventName}`;

/**
 * The key of a cell.
 * @example
 * ```ts
 * import { dulCellKey } from "./state_table.ts";
 * dulCellKey("Sta6", "Evt10"); // "Sta6+Evt10"
 * ```
 */
export function dulCellKey(state: DulState, event: DulEventName): DulCellKey {
  return `${state}+${event}`;
}

/**
 * Whether Table 9-10 has an action for an event in a state.
 * @example
 * ```ts
 * import { hasTransition } from "./state_table.ts";
 * hasTransition("Sta6", "Evt9"); // true
 * hasTransition("Sta7", "Evt9"); // false
 * ```
 */
export function hasTransition(state: DulState, event: DulEventName): boolean {
  return DUL_STATE_TABLE[state][event] !== undefined;
}

/**
 * The action Table 9-10 names for an event in a state.
 * @throws {DulProtocolError} when the cell is empty.
 * @example
 * ```ts
 * import { lookupAction } from "./state_table.ts";
 * lookupAction("Sta13", "Evt6"); // "AA-7"
 * ```
 */
export function lookupAction(state: DulState, event: DulEventName): DulActionName {
  const action = DUL_STATE_TABLE[state][event];
  if (action === undefined) {
    throw new DulProtocolError(
      `No transition in PS3.8 Table 9-10: ${event} in ${state}`,
      state,
      event,
    );
  }
  return action;
}
