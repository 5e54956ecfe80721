/**
 * A scenario: a named, typed script of steps run against a target (a PACS, a router...), with the
 * mock PACS configuration to use when no external target is given.
 * @module
 */
import { type PacsConfig, PacsConfigError, parsePacsConfig } from "../pacs/pacs_config.ts";
import type { ScenarioContext } from "./scenario_context.ts";

/** The nodes a scenario declares. */
export interface ScenarioNodes {
  /**
   * The mock PACS configuration used as the target when the run has no external target (faults,
   * AE title, ...). Default: the mock PACS defaults with AE title `"DICOMSIM"`.
   */
  readonly target?: Partial<PacsConfig>;
}

/** What {@link defineScenario} takes. */
export interface ScenarioDefinition {
  /** Unique, shown in reports. */
  readonly name: string;
  /** What it checks (and the standard's section). */
  readonly description?: string;
  /** Nodes: the mock target's configuration. */
  readonly nodes?: ScenarioNodes;
  /**
   * Only meaningful against the mock PACS (it configures faults there): skipped against an
   * external target. Default false.
   */
  readonly mockOnly?: boolean;
  /** Wall-clock limit of the whole scenario in ms. Default 30000. */
  readonly timeoutMs?: number;
  /** The script. */
  readonly steps: (ctx: ScenarioContext) => Promise<void>;
}

/** A defined scenario (a definition checked by {@link defineScenario}). */
export interface Scenario extends ScenarioDefinition {
  /** Marks a scenario made by {@link defineScenario}. */
  readonly kind: "dicomsim-scenario";
}

/**
 * A scenario definition that does not hold together; names the scenario and the field.
 * @example
 * ```ts
 * import { ScenarioDefinitionError } from "./scenario.ts";
 * new ScenarioDefinitionError("echo", "steps", "expected a function").message;
 * // "Invalid scenario echo: steps: expected a function"
 * ```
 */
export class ScenarioDefinitionError extends TypeError {
  /** The scenario's name (or "(unnamed)"). */
  readonly scenario: string;
  /** The bad field. */
  readonly field: string;
  /** Creates it. */
  constructor(scenario: string, field: string, detail: string) {
    super(`Invalid scenario ${scenario}: ${field}: ${detail}`);
    this.name = "ScenarioDefinitionError";
    this.scenario = scenario;
    this.field = field;
  }
}

const KNOWN_FIELDS = ["name", "description", "nodes", "mockOnly", "timeoutMs", "steps"];

/**
 * Checks a definition and makes it a {@link Scenario}; throws {@link ScenarioDefinitionError}
 * naming the field for unknown fields or wrong types, before anything is sent.
 * @example
 * ```ts
 * import { defineScenario } from "./scenario.ts";
 * const scenario = defineScenario({
 *   name: "echo",
 *   steps: async (ctx) => {
 *     const a = await ctx.associate({
 *       callingAeTitle: "SCU",
 *       contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 *     });
 *     a.expectAccepted();
 *     await a.echo();
 *     await a.release();
 *   },
 * });
 * scenario.kind; // "dicomsim-scenario"
 * ```
 */
export function defineScenario(definition: ScenarioDefinition): Scenario {
  const raw = definition as unknown as Record<string, unknown>;
  const name = typeof raw.name === "string" && raw.name !== "" ? raw.name : undefined;
  const label = name ?? "(unnamed)";
  if (name === undefined) throw new ScenarioDefinitionError(label, "name", "expected text");
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.includes(key)) {
      throw new ScenarioDefinitionError(label, key, "unknown field");
    }
  }
  if (typeof raw.steps !== "function") {
    throw new ScenarioDefinitionError(label, "steps", "expected a function");
  }
  if (
    raw.timeoutMs !== undefined &&
    !(typeof raw.timeoutMs === "number" && raw.timeoutMs > 0 && Number.isFinite(raw.timeoutMs))
  ) {
    throw new ScenarioDefinitionError(label, "timeoutMs", "expected a positive number");
  }
  if (raw.nodes !== undefined) {
    if (typeof raw.nodes !== "object" || raw.nodes === null) {
      throw new ScenarioDefinitionError(label, "nodes", "expected an object");
    }
    for (const key of Object.keys(raw.nodes)) {
      if (key !== "target") {
        throw new ScenarioDefinitionError(label, `nodes.${key}`, "unknown node");
      }
    }
    // The mock target's configuration is checked now, not when the run starts the node.
    const target = (raw.nodes as { target?: unknown }).target;
    if (target !== undefined) {
      try {
        parsePacsConfig(target);
      } catch (error) {
        if (!(error instanceof PacsConfigError)) throw error;
        throw new ScenarioDefinitionError(
          label,
          `nodes.target.${error.field}`,
          error.message.replace(/^Invalid PACS configuration: [^:]*: /, ""),
        );
      }
    }
  }
  return Object.freeze({ ...definition, kind: "dicomsim-scenario" as const });
}

/**
 * Whether a value (e.g. a module's default export) is a {@link Scenario}.
 * @example
 * ```ts
 * import { isScenario } from "./scenario.ts";
 * isScenario({}); // false
 * ```
 */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === "object" && value !== null &&
    (value as { kind?: unknown }).kind === "dicomsim-scenario";
}
