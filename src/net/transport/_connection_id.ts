/**
 * Process-unique connection ids for traces (internal).
 * @module
 */

let counter = 0;

/**
 * The next connection id, `"<kind>-<n>"` with n counting from 1 across all kinds.
 * @example
 * ```ts
 * import { nextConnectionId } from "./_connection_id.ts";
 * nextConnectionId("tcp"); // e.g. "tcp-1"
 * ```
 */
export function nextConnectionId(kind: string): string {
  counter += 1;
  return `${kind}-${counter}`;
}
