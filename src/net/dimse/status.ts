/**
 * DIMSE status codes (0000,0900): their category and meaning, from the general statuses of
 * PS3.7 Annex C and the service-specific ones of PS3.4, as a table.
 * @module
 */
import type { DimseService } from "./command_field.ts";

/**
 * The class of a status (PS3.7 Annex C).
 * @example
 * ```ts
 * import type { StatusCategory } from "./status.ts";
 * const category: StatusCategory = "Pending";
 * ```
 */
export type StatusCategory = "Success" | "Warning" | "Failure" | "Cancel" | "Pending";

/**
 * One row of the status table: a code or a range of codes, its category and meaning, the
 * services it is defined for (all when absent) and the section defining it.
 * @example
 * ```ts
 * import type { StatusEntry } from "./status.ts";
 * const row: StatusEntry = {
 *   from: 0xa801, to: 0xa801, category: "Failure", name: "Refused: Move destination unknown",
 *   services: ["C-MOVE"], section: "PS3.4 C.4.2.1.5",
 * };
 * ```
 */
export interface StatusEntry {
  /** First code of the range. */
  readonly from: number;
  /** Last code of the range (equal to `from` for a single code). */
  readonly to: number;
  /** The status class. */
  readonly category: StatusCategory;
  /** The meaning, as the standard words it. */
  readonly name: string;
  /** The services the row applies to; absent for a general status (PS3.7 Annex C). */
  readonly services?: readonly DimseService[];
  /** Where the standard defines it. */
  readonly section: string;
}

const QR = ["C-FIND", "C-MOVE", "C-GET"] as const;
const RETRIEVE = ["C-MOVE", "C-GET"] as const;

function row(
  from: number,
  to: number,
  category: StatusCategory,
  name: string,
  section: string,
  services?: readonly DimseService[],
): StatusEntry {
  return services === undefined
    ? { from, to, category, name, section }
    : { from, to, category, name, section, services };
}

/**
 * The status table: general statuses (PS3.7 Annex C) and those of the Verification, Storage and
 * Query/Retrieve services (PS3.4 A, B.2.3, C.4) and of the N-GET of UPS (PS3.4 CC.2.7.4).
 * @example
 * ```ts
 * import { STATUS_TABLE } from "./status.ts";
 * STATUS_TABLE.find((r) => r.from === 0x0122)?.name; // "Refused: SOP Class not supported"
 * ```
 */
export const STATUS_TABLE: readonly StatusEntry[] = [
  // General statuses, PS3.7 Annex C.
  row(0x0000, 0x0000, "Success", "Success", "PS3.7 C.1"),
  row(0xff00, 0xff00, "Pending", "Pending", "PS3.7 C.2"),
  row(0xff01, 0xff01, "Pending", "Pending", "PS3.7 C.2"),
  row(0xfe00, 0xfe00, "Cancel", "Cancel", "PS3.7 C.3"),
  row(0x0107, 0x0107, "Warning", "Attribute list error", "PS3.7 C.4.2"),
  row(0x0116, 0x0116, "Warning", "Attribute value out of range", "PS3.7 C.4"),
  row(0x0105, 0x0105, "Failure", "No such attribute", "PS3.7 C.5"),
  row(0x0106, 0x0106, "Failure", "Invalid attribute value", "PS3.7 C.5"),
  row(0x0110, 0x0110, "Failure", "Processing failure", "PS3.7 C.5"),
  row(0x0111, 0x0111, "Failure", "Duplicate SOP Instance", "PS3.7 C.5"),
  row(0x0112, 0x0112, "Failure", "No such SOP Instance", "PS3.7 C.5"),
  row(0x0113, 0x0113, "Failure", "No such event type", "PS3.7 C.5"),
  row(0x0114, 0x0114, "Failure", "No such argument", "PS3.7 C.5"),
  row(0x0115, 0x0115, "Failure", "Invalid argument value", "PS3.7 C.5.10"),
  row(0x0117, 0x0117, "Failure", "Invalid object instance", "PS3.7 C.5"),
  row(0x0118, 0x0118, "Failure", "No such SOP Class", "PS3.7 C.5"),
  row(0x0119, 0x0119, "Failure", "Class-instance conflict", "PS3.7 C.5"),
  row(0x0120, 0x0120, "Failure", "Missing attribute", "PS3.7 C.5"),
  row(0x0121, 0x0121, "Failure", "Missing attribute value", "PS3.7 C.5"),
  row(0x0122, 0x0122, "Failure", "Refused: SOP Class not supported", "PS3.7 C.5"),
  row(0x0123, 0x0123, "Failure", "No such action type", "PS3.7 C.5.24"),
  row(0x0124, 0x0124, "Failure", "Refused: Not authorized", "PS3.7 C.5"),
  row(0x0210, 0x0210, "Failure", "Duplicate invocation", "PS3.7 C.5"),
  row(0x0211, 0x0211, "Failure", "Unrecognized operation", "PS3.7 C.5"),
  row(0x0212, 0x0212, "Failure", "Mistyped argument", "PS3.7 C.5"),
  row(0x0213, 0x0213, "Failure", "Resource limitation", "PS3.7 C.5"),

  // Storage Service Class, C-STORE: PS3.4 B.2.3, Table B.2-1.
  row(0xa700, 0xa7ff, "Failure", "Refused: Out of resources", "PS3.4 B.2.3", ["C-STORE"]),
  row(
    0xa900,
    0xa9ff,
    "Failure",
    "Error: Data Set does not match SOP Class",
    "PS3.4 B.2.3",
    ["C-STORE"],
  ),
  row(0xc000, 0xcfff, "Failure", "Error: Cannot understand", "PS3.4 B.2.3", ["C-STORE"]),
  row(0xb000, 0xb000, "Warning", "Coercion of Data Elements", "PS3.4 B.2.3", ["C-STORE"]),
  row(0xb007, 0xb007, "Warning", "Data Set does not match SOP Class", "PS3.4 B.2.3", [
    "C-STORE",
  ]),
  row(0xb006, 0xb006, "Warning", "Elements Discarded", "PS3.4 B.2.3", ["C-STORE"]),

  // Query/Retrieve, C-FIND: PS3.4 C.4.1.1.4, Table C.4-1.
  row(0x0000, 0x0000, "Success", "Matching is complete", "PS3.4 C.4.1.1.4", ["C-FIND"]),
  row(0xa700, 0xa700, "Failure", "Refused: Out of resources", "PS3.4 C.4.1.1.4", ["C-FIND"]),
  row(0xa900, 0xa900, "Failure", "Identifier does not match SOP Class", "PS3.4 C.4.1.1.4", QR),
  row(0xc000, 0xcfff, "Failure", "Unable to process", "PS3.4 C.4.1.1.4", QR),
  row(
    0xfe00,
    0xfe00,
    "Cancel",
    "Matching terminated due to Cancel request",
    "PS3.4 C.4.1.1.4",
    ["C-FIND"],
  ),
  row(
    0xff00,
    0xff00,
    "Pending",
    "Matches are continuing: current match is supplied and any Optional Keys were supported " +
      "in the same manner as Required Keys",
    "PS3.4 C.4.1.1.4",
    ["C-FIND"],
  ),
  row(
    0xff01,
    0xff01,
    "Pending",
    "Matches are continuing: warning that one or more Optional Keys were not supported for " +
      "existence and/or matching for this Identifier",
    "PS3.4 C.4.1.1.4",
    ["C-FIND"],
  ),

  // Query/Retrieve, C-MOVE and C-GET: PS3.4 C.4.2.1.5 (Table C.4-2), C.4.3.1.4 (Table C.4-3).
  row(
    0x0000,
    0x0000,
    "Success",
    "Sub-operations complete: no failures",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),
  row(
    0xa701,
    0xa701,
    "Failure",
    "Refused: Out of resources: unable to calculate number of matches",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),
  row(
    0xa702,
    0xa702,
    "Failure",
    "Refused: Out of resources: unable to perform sub-operations",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),
  row(0xa801, 0xa801, "Failure", "Refused: Move destination unknown", "PS3.4 C.4.2.1.5", [
    "C-MOVE",
  ]),
  row(
    0xfe00,
    0xfe00,
    "Cancel",
    "Sub-operations terminated due to Cancel indication",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),
  row(
    0xb000,
    0xb000,
    "Warning",
    "Sub-operations complete: one or more failures or warnings",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),
  row(
    0xff00,
    0xff00,
    "Pending",
    "Sub-operations are continuing",
    "PS3.4 C.4.2.1.5, C.4.3.1.4",
    RETRIEVE,
  ),

  // N-GET (e.g. of a UPS): PS3.4 CC.2.7.4, Table CC.2.7-1.
  row(
    0x0001,
    0x0001,
    "Warning",
    "Requested optional Attributes are not supported",
    "PS3.4 CC.2.7.4",
    ["N-GET"],
  ),
];

function contains(entry: StatusEntry, code: number): boolean {
  return code >= entry.from && code <= entry.to;
}

/**
 * The rows describing a code: for a service, its own row if it has one, else the general row;
 * without a service, the general row if there is one, else every service's row.
 * @example
 * ```ts
 * import { lookupStatus } from "./status.ts";
 * lookupStatus(0xa801, "C-MOVE")[0].name; // "Refused: Move destination unknown"
 * lookupStatus(0xb000).map((r) => r.services?.[0]); // ["C-STORE", "C-MOVE"]
 * ```
 */
export function lookupStatus(code: number, service?: DimseService): StatusEntry[] {
  const general = STATUS_TABLE.filter((r) => r.services === undefined && contains(r, code));
  if (service !== undefined) {
    const own = STATUS_TABLE.filter((r) => r.services?.includes(service) && contains(r, code));
    return own.length > 0 ? own.slice(0, 1) : general;
  }
  if (general.length > 0) return general;
  return STATUS_TABLE.filter((r) => r.services !== undefined && contains(r, code));
}

/**
 * The class of a status code. Codes no row names are classed by range, as DCMTK and pynetdicom
 * do (PS3.7 Annex C): 0x0001 and 0xBxxx are warnings, 0xFF00/0xFF01 pending, 0xFE00 cancel, and
 * everything else that is not 0x0000 a failure.
 * @example
 * ```ts
 * import { statusCategory } from "./status.ts";
 * statusCategory(0xff01, "C-FIND"); // "Pending"
 * statusCategory(0xb000); // "Warning"
 * statusCategory(0xa7f3, "C-STORE"); // "Failure"
 * ```
 */
export function statusCategory(code: number, service?: DimseService): StatusCategory {
  const rows = lookupStatus(code, service);
  if (rows.length > 0) return rows[0].category;
  if (code === 0x0000) return "Success";
  if (code === 0xff00 || code === 0xff01) return "Pending";
  if (code === 0xfe00) return "Cancel";
  if (code === 0x0001 || code === 0x0107 || code === 0x0116 || (code & 0xf000) === 0xb000) {
    return "Warning";
  }
  return "Failure";
}

/**
 * The meaning of a status code, for logs: the service's own meaning if it has one, else the
 * general one; without a service and with several service-specific meanings, all of them, each
 * naming its services. A code no row names reads "Unknown <category> status 0xNNNN".
 * @example
 * ```ts
 * import { statusName } from "./status.ts";
 * statusName(0xa801, "C-MOVE"); // "Refused: Move destination unknown"
 * statusName(0x0122); // "Refused: SOP Class not supported"
 * statusName(0xd123); // "Unknown failure status 0xD123"
 * ```
 */
export function statusName(code: number, service?: DimseService): string {
  const rows = lookupStatus(code, service);
  if (rows.length === 1) return rows[0].name;
  if (rows.length > 1) {
    return rows.map((r) => `${r.name} (${(r.services ?? []).join(", ")})`).join("; ");
  }
  const category = statusCategory(code, service).toLowerCase();
  return `Unknown ${category} status 0x${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
