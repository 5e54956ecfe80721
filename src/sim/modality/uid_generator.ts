/**
 * Deterministic UIDs for simulated instances: `ROOT.SEED.PART.PART...` under a configurable root
 * (PS3.5 9.1: digits and dots, no leading zeros in a component, at most 64 characters).
 * @module
 */
import { hashSeed } from "./rng.ts";

/**
 * dicomsim's default UID root: a UUID-derived root under 2.25 (PS3.5 B.2), the integer form of a
 * fixed UUID chosen for dicomsim's simulated data.
 */
export const DEFAULT_UID_ROOT = "2.25.213587650143283792";

/** A UID would be invalid: too long or not digits and dots. */
export class UidRootError extends RangeError {
  /** The offending UID or root. */
  readonly uid: string;
  /** Creates it with the offending text. */
  constructor(message: string, uid: string) {
    super(`${message}: ${uid}`);
    this.name = "UidRootError";
    this.uid = uid;
  }
}

const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** Options of {@link UidGenerator}. */
export interface UidGeneratorOptions {
  /** The root. Default {@link DEFAULT_UID_ROOT}. */
  readonly root?: string;
  /** The seed (hashed to one component). Default 0. */
  readonly seed?: string | number;
}

/**
 * Makes UIDs from a root, a seed and numbers: the same inputs give the same UID.
 * @example
 * ```ts
 * import { UidGenerator } from "./uid_generator.ts";
 * const uids = new UidGenerator({ root: "1.2.3", seed: 7 });
 * uids.uid(1, 2); // "1.2.3.<hash of 7>.1.2"
 * ```
 */
export class UidGenerator {
  /** The root in use. */
  readonly root: string;
  /** The seed's component. */
  readonly seedComponent: string;

  /** Checks the root; throws {@link UidRootError} when it is not a valid UID prefix. */
  constructor(options: UidGeneratorOptions = {}) {
    const root = options.root ?? DEFAULT_UID_ROOT;
    if (!UID_PATTERN.test(root)) throw new UidRootError("Invalid UID root", root);
    if (root.length > 40) throw new UidRootError("UID root longer than 40 characters", root);
    this.root = root;
    this.seedComponent = String(hashSeed(options.seed ?? 0));
  }

  /** The UID `root.seed.parts...`; throws {@link UidRootError} beyond 64 characters. */
  uid(...parts: readonly number[]): string {
    const uid = [this.root, this.seedComponent, ...parts.map((p) => String(Math.trunc(p)))].join(
      ".",
    );
    if (uid.length > 64 || !UID_PATTERN.test(uid)) throw new UidRootError("Invalid UID", uid);
    return uid;
  }
}
