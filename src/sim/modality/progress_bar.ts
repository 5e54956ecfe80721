/**
 * A one-line text progress bar for the scanner's terminal output.
 * @module
 */

/**
 * `[#########...........]  45/200 images  23%  31.2 images/s  2 failed` (no newline), fitting
 * `width` columns.
 * @example
 * ```ts
 * import { progressBar } from "./progress_bar.ts";
 * progressBar(1, 2, { width: 40 }).startsWith("[##"); // true
 * ```
 */
export function progressBar(
  done: number,
  total: number,
  options: {
    /** Columns available. Default 80. */
    readonly width?: number;
    /** Elapsed ms, to show a rate. Default: no rate. */
    readonly elapsedMs?: number;
    /** Failures so far. Default 0 (not shown). */
    readonly failed?: number;
    /** What is counted. Default "images". */
    readonly unit?: string;
  } = {},
): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const digits = String(total).length;
  let tail = `  ${String(done).padStart(digits)}/${total} ${options.unit ?? "images"}  ${
    Math.floor(fraction * 100)
  }%`;
  if (options.elapsedMs !== undefined && options.elapsedMs > 0) {
    tail += `  ${(done / (options.elapsedMs / 1000)).toFixed(1)}/s`;
  }
  if (options.failed) tail += `  ${options.failed} failed`;
  const barWidth = Math.max(10, (options.width ?? 80) - tail.length - 2);
  const filled = Math.round(fraction * barWidth);
  return `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}]${tail}`;
}
