/**
 * DIMSE message types and their Command Field (0000,0100) values (PS3.7 Table E.1-1).
 * @module
 */

/**
 * The name of every DIMSE-C and DIMSE-N message (PS3.7 9.3 and 10.3).
 * @example
 * ```ts
 * import type { DimseMessageType } from "./command_field.ts";
 * const type: DimseMessageType = "C-STORE-RQ";
 * ```
 */
export type DimseMessageType =
  | "C-STORE-RQ"
  | "C-STORE-RSP"
  | "C-GET-RQ"
  | "C-GET-RSP"
  | "C-FIND-RQ"
  | "C-FIND-RSP"
  | "C-MOVE-RQ"
  | "C-MOVE-RSP"
  | "C-ECHO-RQ"
  | "C-ECHO-RSP"
  | "C-CANCEL-RQ"
  | "N-EVENT-REPORT-RQ"
  | "N-EVENT-REPORT-RSP"
  | "N-GET-RQ"
  | "N-GET-RSP"
  | "N-SET-RQ"
  | "N-SET-RSP"
  | "N-ACTION-RQ"
  | "N-ACTION-RSP"
  | "N-CREATE-RQ"
  | "N-CREATE-RSP"
  | "N-DELETE-RQ"
  | "N-DELETE-RSP";

/**
 * A DIMSE service: the message type without its `-RQ`/`-RSP` suffix.
 * @example
 * ```ts
 * import type { DimseService } from "./command_field.ts";
 * const service: DimseService = "C-MOVE";
 * ```
 */
export type DimseService =
  | "C-STORE"
  | "C-GET"
  | "C-FIND"
  | "C-MOVE"
  | "C-ECHO"
  | "C-CANCEL"
  | "N-EVENT-REPORT"
  | "N-GET"
  | "N-SET"
  | "N-ACTION"
  | "N-CREATE"
  | "N-DELETE";

/**
 * Command Field values by message type, PS3.7 Table E.1-1: a response is its request | 0x8000.
 * @example
 * ```ts
 * import { COMMAND_FIELD } from "./command_field.ts";
 * COMMAND_FIELD["C-ECHO-RQ"]; // 0x0030
 * ```
 */
export const COMMAND_FIELD: Readonly<Record<DimseMessageType, number>> = {
  "C-STORE-RQ": 0x0001,
  "C-STORE-RSP": 0x8001,
  "C-GET-RQ": 0x0010,
  "C-GET-RSP": 0x8010,
  "C-FIND-RQ": 0x0020,
  "C-FIND-RSP": 0x8020,
  "C-MOVE-RQ": 0x0021,
  "C-MOVE-RSP": 0x8021,
  "C-ECHO-RQ": 0x0030,
  "C-ECHO-RSP": 0x8030,
  "C-CANCEL-RQ": 0x0fff,
  "N-EVENT-REPORT-RQ": 0x0100,
  "N-EVENT-REPORT-RSP": 0x8100,
  "N-GET-RQ": 0x0110,
  "N-GET-RSP": 0x8110,
  "N-SET-RQ": 0x0120,
  "N-SET-RSP": 0x8120,
  "N-ACTION-RQ": 0x0130,
  "N-ACTION-RSP": 0x8130,
  "N-CREATE-RQ": 0x0140,
  "N-CREATE-RSP": 0x8140,
  "N-DELETE-RQ": 0x0150,
  "N-DELETE-RSP": 0x8150,
};

const BY_VALUE = new Map<number, DimseMessageType>(
  Object.entries(COMMAND_FIELD).map(([type, value]) => [value, type as DimseMessageType]),
);

/**
 * The message type of a Command Field value; undefined for a value PS3.7 does not define.
 * @example
 * ```ts
 * import { messageTypeOf } from "./command_field.ts";
 * messageTypeOf(0x8001); // "C-STORE-RSP"
 * messageTypeOf(0x1234); // undefined
 * ```
 */
export function messageTypeOf(commandField: number): DimseMessageType | undefined {
  return BY_VALUE.get(commandField);
}

/**
 * True for a response (`-RSP`) message type.
 * @example
 * ```ts
 * import { isResponseType } from "./command_field.ts";
 * isResponseType("C-FIND-RSP"); // true
 * isResponseType("C-CANCEL-RQ"); // false
 * ```
 */
export function isResponseType(type: DimseMessageType): boolean {
  return type.endsWith("-RSP");
}

/**
 * The service a message type belongs to.
 * @example
 * ```ts
 * import { serviceOf } from "./command_field.ts";
 * serviceOf("N-EVENT-REPORT-RSP"); // "N-EVENT-REPORT"
 * ```
 */
export function serviceOf(type: DimseMessageType): DimseService {
  return type.slice(0, type.lastIndexOf("-")) as DimseService;
}
