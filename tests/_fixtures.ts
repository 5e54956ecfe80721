/**
 * The shared fixture files (../shared/fixtures) and their INDEX.tsv, for tests and benchmarks.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const PROJECT_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The shared fixture folder beside the project. */
export const FIXTURES_DIR: string = join(PROJECT_ROOT, "..", "shared", "fixtures");

/** One row of INDEX.tsv: what DCMTK's dcmdump saw. */
export interface FixtureRow {
  path: string;
  bytes: number;
  dcmdumpRc: number;
  transferSyntax: string;
  sopClass: string;
  modality: string;
  charset: string;
  rows: string;
  cols: string;
  frames: string;
  bits: string;
  photometric: string;
  firstWarning: string;
}

/** Rows of INDEX.tsv with absolute paths (empty when the fixtures are not there). */
export function fixtureRows(): FixtureRow[] {
  const index = join(FIXTURES_DIR, "INDEX.tsv");
  if (!existsSync(index)) return [];
  const [, ...lines] = readFileSync(index, "utf8").split("\n").filter((l) => l.trim());
  return lines.map((line) => {
    const c = line.split("\t");
    return {
      path: join(FIXTURES_DIR, c[0]),
      bytes: Number(c[1]),
      dcmdumpRc: Number(c[2]),
      transferSyntax: c[3] ?? "",
      sopClass: c[4] ?? "",
      modality: c[5] ?? "",
      charset: c[6] ?? "",
      rows: c[7] ?? "",
      cols: c[8] ?? "",
      frames: c[9] ?? "",
      bits: c[10] ?? "",
      photometric: c[11] ?? "",
      firstWarning: c[12] ?? "",
    };
  });
}

/** A fixture's path by its name relative to the fixtures folder. */
export function fixture(relativePath: string): string {
  return join(FIXTURES_DIR, relativePath);
}
