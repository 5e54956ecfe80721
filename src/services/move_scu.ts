/**
 * C-MOVE as SCU (PS3.4 C.4.2.2; PS3.7 9.1.4): ask an SCP to send the instances an identifier
 * selects to a destination AE, following the sub-operation counts of its responses.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import type { Association } from "../net/association/association.ts";
import {
  type RetrieveOptions,
  type RetrieveProgress,
  type RetrieveResult,
  runRetrieve,
} from "./_retrieve_scu.ts";
import { STUDY_ROOT_MOVE } from "./query_models.ts";

export type { RetrieveOptions, RetrieveProgress, RetrieveResult };

/** Options of {@link moveScu}. */
export interface MoveOptions extends RetrieveOptions {
  /** (0000,0600) Move Destination: the AE title the SCP sends the instances to. */
  readonly destination: string;
}

/**
 * Sends a C-MOVE-RQ (Study Root by default) and resolves with the final status and counts.
 * @throws {NoContextError} when no presentation context for the SOP class was accepted.
 * @example
 * ```ts
 * import type { Association } from "../net/association/association.ts";
 * import { buildIdentifier } from "./identifier.ts";
 * import { moveScu } from "./move_scu.ts";
 * declare const association: Association;
 * const identifier = buildIdentifier(["StudyInstanceUID=1.2.3"], { level: "STUDY" });
 * const result = await moveScu(association, identifier, {
 *   destination: "STORESCP",
 *   onProgress: (p) => console.log(p.remaining, p.completed),
 * });
 * console.log(result.status, result.completed, result.failed);
 * ```
 */
export function moveScu(
  association: Association,
  identifier: DataSet,
  options: MoveOptions,
): Promise<RetrieveResult> {
  return runRetrieve(
    association,
    identifier,
    { type: "C-MOVE-RQ", moveDestination: options.destination },
    options.sopClassUid ?? STUDY_ROOT_MOVE,
    options,
  );
}
