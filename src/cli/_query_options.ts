/**
 * Internal: the options find, move and get share: --level, --model, -k KEY=VALUE.
 * @module
 */
import type { DataSet } from "../core/dataset.ts";
import { buildIdentifier, IdentifierKeyError } from "../services/identifier.ts";
import {
  isQueryLevel,
  isQueryModelName,
  QUERY_MODELS,
  type QueryLevel,
  type QueryModel,
} from "../services/query_models.ts";
import { UsageError } from "./usage_error.ts";

/** parseArgs option specs of the query options. */
export const QUERY_OPTIONS = {
  level: { type: "string" },
  model: { type: "string" },
  key: { type: "string", short: "k", multiple: true },
} as const;

/** Help lines of the query options; `models` lists the models the command takes. */
export function queryOptionsHelp(models: string): string {
  return `  --level LEVEL          PATIENT, STUDY, SERIES or IMAGE: (0008,0052) Query/Retrieve Level
  --model MODEL          ${models}
                         (default: patient for --level PATIENT, else study)
  -k, --key KEY=VALUE    a key of the identifier: keyword or gggg,eeee, nested through
                         sequences as Seq[0].Key; no value (or no =) asks for it back;
                         several values separated by backslash; repeat for more keys`;
}

/** Parses hex status codes for output. */
export function hex(status: number): string {
  return `0x${status.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The model, level and identifier the options give; throws UsageError. */
export function queryFromOptions(
  values: { level?: string; model?: string; key?: string[] },
  allowed: readonly string[],
): { model: QueryModel; level: QueryLevel | undefined; identifier: DataSet } {
  const levelText = values.level?.toUpperCase();
  if (levelText !== undefined && !isQueryLevel(levelText)) {
    throw new UsageError(`--level takes PATIENT, STUDY, SERIES or IMAGE, got ${values.level}`);
  }
  const modelName = values.model ?? (levelText === "PATIENT" ? "patient" : "study");
  if (!isQueryModelName(modelName) || !allowed.includes(modelName)) {
    throw new UsageError(`--model takes ${allowed.join(", ")}, got ${values.model}`);
  }
  const model = QUERY_MODELS[modelName];
  let level: QueryLevel | undefined;
  if (model.name !== "worklist") {
    if (levelText === undefined) throw new UsageError("--level is required");
    if (!model.levels.includes(levelText as QueryLevel)) {
      throw new UsageError(
        `--level ${levelText} is not a level of the ${model.title} (${model.levels.join(", ")})`,
      );
    }
    level = levelText as QueryLevel;
  }
  try {
    return { model, level, identifier: buildIdentifier(values.key ?? [], { level }) };
  } catch (error) {
    if (error instanceof IdentifierKeyError) throw new UsageError(error.message);
    throw error;
  }
}
