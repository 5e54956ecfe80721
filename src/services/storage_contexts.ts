/**
 * Presentation contexts for sending a set of instances (PS3.4 B.3, PS3.8 9.3.2.2): one context
 * per (SOP class, transfer syntax) met, proposing the instance's own transfer syntax first and,
 * for native (not encapsulated) ones, Explicit then Implicit VR Little Endian as fallbacks in the
 * same context; for compressed ones the fallbacks go in a context of their own (so that a peer
 * that takes both is free to accept both, and the file goes as it is), and so do the compressed
 * syntaxes asked for with `compressTo`. Split into batches of at most 128 contexts (one
 * association each); and the choice of an accepted context for an instance, transcoding its
 * pixel data when the peer took none in its own syntax.
 * @module
 */
import { transferSyntax } from "../core/transfer_syntax.ts";
import type { RequestedContext } from "../net/acse/association_request.ts";
import type { AcceptedContext } from "../net/acse/negotiated_association.ts";
import { MAX_PRESENTATION_CONTEXTS } from "../net/acse/presentation_contexts.ts";
import { canTranscodePixelData, isLossyEncoding } from "../pixel/transcode_pixels.ts";

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
   * Propose Explicit/Implicit VR Little Endian besides an instance's own transfer syntax, so that
   * a peer that lacks it still takes the instance: re-encoded when native, decompressed when
   * compressed (when a codec decodes it). Default true.
   */
  readonly fallbacks?: boolean;
  /**
   * Compressed transfer syntaxes to propose too, each in a context of its own, so that a peer
   * that takes only those gets the instance compressed (e.g. JPEG-LS Lossless
   * "1.2.840.10008.1.2.4.80", JPEG 2000 Lossless "1.2.840.10008.1.2.4.90", RLE Lossless
   * "1.2.840.10008.1.2.5"). Only lossless encodings the codec registry can make from the
   * instance's syntax are proposed. Default none.
   */
  readonly compressTo?: readonly string[];
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

function contextKey(context: RequestedContext): string {
  return `${context.abstractSyntax}\\${(context.transferSyntaxes ?? []).join("\\")}`;
}

/** True when pixel data in `from` can be made losslessly (or is already lossy) in `to`. */
function canSendAs(from: string, to: string): boolean {
  return canTranscodePixelData(from, to) && !isLossyEncoding(to);
}

/** The contexts an instance needs, its own syntax first (at most `max`). */
function contextsFor(
  instance: InstanceSyntax,
  options: StorageContextOptions,
  max: number,
): RequestedContext[] {
  const own = instance.transferSyntaxUid;
  const abstractSyntax = instance.sopClassUid;
  const fallbacks = options.fallbacks ?? true;
  const out: RequestedContext[] = [];
  if (isNative(own)) {
    const syntaxes = fallbacks
      ? [own, ...NATIVE_FALLBACK_SYNTAXES.filter((uid) => uid !== own)]
      : [own];
    out.push({ abstractSyntax, transferSyntaxes: syntaxes });
  } else {
    out.push({ abstractSyntax, transferSyntaxes: [own] });
    // A context of its own: in the same one, a peer could pick the fallback over the own syntax
    // and the file would be decompressed for nothing (PS3.8 9.3.2.2: one syntax is accepted).
    if (fallbacks && canSendAs(own, EXPLICIT_LE)) {
      out.push({ abstractSyntax, transferSyntaxes: [...NATIVE_FALLBACK_SYNTAXES] });
    }
  }
  for (const uid of options.compressTo ?? []) {
    if (uid !== own && transferSyntax(uid)?.encapsulated && canSendAs(own, uid)) {
      out.push({ abstractSyntax, transferSyntaxes: [uid] });
    }
  }
  return out.slice(0, max);
}

/**
 * The requested contexts for the instances, each distinct one once, in order of first
 * appearance: per (SOP class, transfer syntax) the instance's own syntax (with the native
 * fallbacks in the same context when native), then for a compressed one the fallbacks in a
 * context of their own, then any `compressTo` contexts. Does not enforce the 128-context limit:
 * see {@link planStorageBatches}.
 * @example
 * ```ts
 * import { storageContexts } from "./storage_contexts.ts";
 * storageContexts([
 *   { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2" },
 *   { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxUid: "1.2.840.10008.1.2.4.50" },
 * ]);
 * // [{ abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
 * //    transferSyntaxes: ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"] },
 * //  { abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntaxes: ["1.2.840.10008.1.2.4.50"] },
 * //  { abstractSyntax: "1.2.840.10008.5.1.4.1.1.2",
 * //    transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"] }]
 * ```
 */
export function storageContexts(
  instances: Iterable<InstanceSyntax>,
  options: StorageContextOptions = {},
): RequestedContext[] {
  const seen = new Set<string>();
  const out: RequestedContext[] = [];
  for (const instance of instances) {
    for (const context of contextsFor(instance, options, Infinity)) {
      const key = contextKey(context);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(context);
    }
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
  const batchOfKey = new Map<string, number>();
  const batches: { contexts: RequestedContext[]; indices: number[]; keys: Set<string> }[] = [];
  instances.forEach((instance, index) => {
    const key = keyOf(instance);
    let batch = batchOfKey.get(key);
    if (batch === undefined) {
      const wanted = contextsFor(instance, options, max);
      let last = batches[batches.length - 1];
      const fresh = (b: typeof last) => wanted.filter((c) => !b.keys.has(contextKey(c)));
      if (last === undefined || last.contexts.length + fresh(last).length > max) {
        last = { contexts: [], indices: [], keys: new Set() };
        batches.push(last);
      }
      for (const context of fresh(last)) {
        last.contexts.push(context);
        last.keys.add(contextKey(context));
      }
      batch = batches.length - 1;
      batchOfKey.set(key, batch);
    }
    batches[batch].indices.push(index);
  });
  return batches.map(({ contexts, indices }) => ({ contexts, indices }));
}

/** The context chosen for an instance, and whether its data set must be re-encoded for it. */
export interface ContextChoice {
  /** The accepted context to send on. */
  readonly context: AcceptedContext;
  /** True when the context's transfer syntax differs from the instance's. */
  readonly reencode: boolean;
  /**
   * True when the pixel data must be transcoded (decompressed, compressed, or both) because one
   * of the two syntaxes is encapsulated; false for a native-to-native re-encoding.
   */
  readonly transcode: boolean;
}

/** The better of two candidate contexts: Explicit VR Little Endian first, then the lower ID. */
function better(a: AcceptedContext | undefined, b: AcceptedContext): AcceptedContext {
  if (a === undefined) return b;
  const rank = (c: AcceptedContext) => c.transferSyntax === EXPLICIT_LE ? 0 : 1;
  return rank(b) < rank(a) || (rank(b) === rank(a) && b.id < a.id) ? b : a;
}

/**
 * Picks the accepted context to send an instance on, in this order:
 * 1. one of its SOP class in its own transfer syntax (sent as is);
 * 2. for a native instance, one in a native syntax (Explicit VR Little Endian first, then the
 *    lowest ID), to which it is re-encoded;
 * 3. for a compressed instance a codec decodes, one in a native syntax (likewise), to which its
 *    pixel data is decompressed;
 * 4. one in a compressed syntax the codec registry encodes losslessly (the lowest ID), to which
 *    its pixel data is compressed (near-lossless JPEG-LS is never chosen);
 *
 * else undefined.
 * @example
 * ```ts
 * import { selectStorageContext } from "./storage_contexts.ts";
 * const roles = { requestor: { scu: true, scp: false }, acceptor: { scu: false, scp: true } };
 * const contexts = [{ id: 1, abstractSyntax: "1.2.3", transferSyntax: "1.2.840.10008.1.2", roles }];
 * selectStorageContext(contexts, { sopClassUid: "1.2.3", transferSyntaxUid: "1.2.840.10008.1.2.1" });
 * // { context: contexts[0], reencode: true, transcode: false }
 * selectStorageContext(contexts, { sopClassUid: "1.2.3", transferSyntaxUid: "1.2.840.10008.1.2.5" });
 * // { context: contexts[0], reencode: true, transcode: true }
 * ```
 */
export function selectStorageContext(
  contexts: readonly AcceptedContext[],
  instance: InstanceSyntax,
): ContextChoice | undefined {
  const own = instance.transferSyntaxUid;
  let native: AcceptedContext | undefined;
  let compressed: AcceptedContext | undefined;
  const ownIsNative = isNative(own);
  for (const context of contexts) {
    if (context.abstractSyntax !== instance.sopClassUid) continue;
    const ts = context.transferSyntax;
    if (ts === own) return { context, reencode: false, transcode: false };
    if (isNative(ts)) {
      if (ownIsNative || canSendAs(own, ts)) native = better(native, context);
    } else if (canSendAs(own, ts)) {
      if (compressed === undefined || context.id < compressed.id) compressed = context;
    }
  }
  if (native !== undefined) return { context: native, reencode: true, transcode: !ownIsNative };
  if (compressed !== undefined) return { context: compressed, reencode: true, transcode: true };
  return undefined;
}
