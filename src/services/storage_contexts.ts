/**
 * Presentation contexts for sending a set of instances (PS3.4 B.3, PS3.8 9.3.2.2): one context
 * per (SOP class, transfer syntax) met, proposing the instance's own transfer syntax first and,
 * for native (not encapsulated) ones, Explicit then Implicit VR Little Endian as fallbacks; split
 * into batches of at most 128 contexts (one association each); and the choice of an accepted
 * context for an instance.
 * @module
 */
import { transferSyntax } from "../core/transfer_syntax.ts";
import type { RequestedContext } from "../net/acse/association_request.ts";
import type { AcceptedContext } from "../net/acse/negotiated_association.ts";
import { MAX_PRESENTATION_CONTEXTS } from "../net/acse/presentation_contexts.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_LE = "1.2.840.10008.1.2";

/**
 * The transfer syntaxes proposed after a native instance's own: Explicit VR Little Endian, then
 * Implicit VR Little Endian (which every SCP supports, PS3.5 10.1).
 * @example
 * ```ts
 * import { NATIVE_FALLBACK_SYNTAXES } from "./storage_contexts.ts";
 * NATIVE_FALLBACK_SYNTAXES; // ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]
 * ```
 */
export const NATIVE_FALLBACK_SYNTAXES: readonly string[] = Object.freeze([
  EXPLICIT_LE,
  IMPLICIT_LE,
]);

/** What the contexts depend on: an instance's SOP class and transfer syntax. */
export interface InstanceSyntax {
  /** The SOP Class UID (the abstract syntax). */
  readonly sopClassUid: string;
  /** The transfer syntax the instance is encoded in. */
  readonly transferSyntaxUid: string;
}

/** Options of {@link storageContexts} and {@link planStorageBatches}. */
export interface StorageContextOptions {
  /**
   * Propose Explicit/Implicit VR Little Endian after a native instance's own transfer syntax,
   * so that a peer that lacks it still takes the instance (re-encoded). Default true.
   */
  readonly fallbacks?: boolean;
  /** Most contexts per association. Default 128 (the odd IDs 1-255, PS3.8 9.3.2.2). */
  readonly maxContexts?: number;
}

/** True when the transfer syntax is native (not encapsulated): re-encodable between its kind. */
function isNative(uid: string): boolean {
  const ts = transferSyntax(uid);
  return ts !== undefined && !ts.encapsulated;
}

function keyOf(instance: InstanceSyntax): string {
  return `${instance.sopClassUid}\\${instance.transferSyntaxUid}`;
}

function contextFor(instance: InstanceSyntax, fallbacks: boolean): RequestedContext {
  const own = instance.transferSyntaxUid;
  const syntaxes = fallbacks && isNative(own)
    ? [own, ...NATIVE_FALLBACK_SYNTAXES.filter((uid) => uid !== own)]
    : [own];
  return { abstractSyntax: instance.sopClassUid, transferSyntaxes: syntaxes };
}

/**
 * One requested context per distinct (SOP class, transfer syntax), in order of first appearance.
 * Does not enforce the 128-context limit: see {@link planStorageBatches}.
 * @example
 * ```ts
 * import { storageContexts } from "./storage_contexts.ts";
 * storageContexts([
 *   { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2" },
 *   { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2.4.50" },
 * ]);
 * // [{ abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
 * //    transferSyntaxes: ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"] },
 * //  { abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxes: ["1.2.840.10008.1.2.4.50"] }]
 * ```
 */
export function storageContexts(
  instances: Iterable<InstanceSyntax>,
  options: StorageContextOptions = {},
): RequestedContext[] {
  const fallbacks = options.fallbacks ?? true;
  const seen = new Set<string>();
  const out: RequestedContext[] = [];
  for (const instance of instances) {
    const key = keyOf(instance);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(contextFor(instance, fallbacks));
  }
  return out;
}

/** One association's worth of instances. */
export interface StorageBatch {
  /** The contexts to propose (at most `maxContexts`). */
  readonly contexts: RequestedContext[];
  /** Indices into the instances given, in their original order. */
  readonly indices: number[];
}

/**
 * Splits instances into batches whose contexts fit one association (at most 128 by default):
 * the distinct (SOP class, transfer syntax) pairs are cut into runs of `maxContexts` in order of
 * first appearance, and every instance goes to the batch of its pair. Usually one batch.
 * @example
 * ```ts
 * import { planStorageBatches } from "./storage_contexts.ts";
 * const ct = { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2.1" };
 * const batches = planStorageBatches([ct, ct, ct]);
 * batches.length; // 1
 * batches[0].indices; // [0, 1, 2]
 * ```
 */
export function planStorageBatches(
  instances: readonly InstanceSyntax[],
  options: StorageContextOptions = {},
): StorageBatch[] {
  const max = options.maxContexts ?? MAX_PRESENTATION_CONTEXTS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_PRESENTATION_CONTEXTS) {
    throw new RangeError(
      `Cannot plan storage batches: maxContexts ${max} is not between 1 and ${MAX_PRESENTATION_CONTEXTS}`,
    );
  }
  const fallbacks = options.fallbacks ?? true;
  const batchOfKey = new Map<string, number>();
  const batches: { contexts: RequestedContext[]; indices: number[] }[] = [];
  instances.forEach((instance, index) => {
    const key = keyOf(instance);
    let batch = batchOfKey.get(key);
    if (batch === undefined) {
      const last = batches.length - 1;
      if (last < 0 || batches[last].contexts.length >= max) {
        batches.push({ contexts: [], indices: [] });
      }
      batch = batches.length - 1;
      batches[batch].contexts.push(contextFor(instance, fallbacks));
      batchOfKey.set(key, batch);
    }
    batches[batch].indices.push(index);
  });
  return batches;
}

/** The context chosen for an instance, and whether its data set must be re-encoded for it. */
export interface ContextChoice {
  /** The accepted context to send on. */
  readonly context: AcceptedContext;
  /** True when the context's transfer syntax differs from the instance's (native to native). */
  readonly reencode: boolean;
}

/**
 * Picks the accepted context to send an instance on: one of its SOP class in its own transfer
 * syntax (sent as is); else, for a native instance, one in a native syntax (Explicit VR Little
 * Endian first, then the lowest ID), to which it is re-encoded; else undefined (an encapsulated
 * instance in another syntax would need transcoding).
 * @example
 * ```ts
 * import { selectStorageContext } from "./storage_contexts.ts";
 * const roles = { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } };
 * const contexts = [{ id: 1, abstractSyntax: "1.2.3", transferSyntax: "1.2.840.10008.1.2", roles }];
 * selectStorageContext(contexts, { sopClassUid: "1.2.3", transferSyntaxUid: "1.2.840.10008.1.2.1" });
 * // { context: contexts[0], reencode: true }
 * ```
 */
export function selectStorageContext(
  contexts: readonly AcceptedContext[],
  instance: InstanceSyntax,
): ContextChoice | undefined {
  let native: AcceptedContext | undefined;
  const wantNative = isNative(instance.transferSyntaxUid);
  for (const context of contexts) {
    if (context.abstractSyntax !== instance.sopClassUid) continue;
    if (context.transferSyntax === instance.transferSyntaxUid) return { context, reencode: false };
    if (wantNative && isNative(context.transferSyntax)) {
      if (
        native === undefined ||
        (context.transferSyntax === EXPLICIT_LE && native.transferSyntax !== EXPLICIT_LE)
      ) {
        native = context;
      }
    }
  }
  return native === undefined ? undefined : { context: native, reencode: true };
}
