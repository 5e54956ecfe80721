/**
 * C-GET as SCP (PS3.4 C.4.3.2-3; PS3.7 9.1.3): a request handler that asks a callback for the
 * instances and sends them as C-STORE sub-operations on the same association, on the contexts
 * where role selection made us SCU of the storage SOP class (PS3.7 D.3.3.4), with pending
 * responses carrying the counts.
 * @module
 */
import type {
  Association,
  ReceivedMessage,
  RequestHandler,
} from "../net/association/association.ts";
import type { CGetRq } from "../net/dimse/messages.ts";
import { type InstanceLookup, type RetrieveOutcome, serveRetrieve } from "./_retrieve_scp.ts";
import { QUERY_MODELS } from "./query_models.ts";
import { storeSuboperation } from "./suboperations.ts";

export type { InstanceLookup, RetrieveOutcome };

/** Options of {@link handleGet} and {@link getScp}. */
export interface GetScpOptions {
  /** Gives the instances the identifier selects (throw `StatusError` to refuse with a status). */
  readonly instances: InstanceLookup;
  /**
   * C-GET SOP classes served; others are refused with 0x0122. Default: the GET SOP classes of
   * `QUERY_MODELS`.
   */
  readonly sopClasses?: readonly string[];
}

const DEFAULT_GET_SOP_CLASSES = Object.values(QUERY_MODELS).flatMap((m) => m.get ?? []);

/**
 * Serves one C-GET-RQ. An instance whose SOP class has no context with us as SCU (the SCU did not
 * propose it with SCP role selection) fails. Final status: 0x0000 all sent, 0xB000 some failed or
 * warned, 0xA702 all failed, 0xFE00 cancelled, 0x0122 unserved SOP class, 0xC000 bad identifier or
 * failing callback; the final response carries the counts and, when some failed, the Failed SOP
 * Instance UID List (0008,0058).
 * @example
 * ```ts
 * import type { Association, ReceivedMessage } from "../net/association/association.ts";
 * import { handleGet } from "./get_scp.ts";
 * declare const received: ReceivedMessage;
 * declare const association: Association;
 * (await handleGet(received, association, { instances: () => [] })).status; // 0
 * ```
 */
export function handleGet(
  received: ReceivedMessage,
  association: Association,
  options: GetScpOptions,
): Promise<RetrieveOutcome> {
  const rq = received.message as CGetRq;
  return serveRetrieve(received, association, {
    responseType: "C-GET-RSP",
    sopClasses: options.sopClasses ?? DEFAULT_GET_SOP_CLASSES,
    instances: options.instances,
    open: () =>
      Promise.resolve({
        store: (source) => storeSuboperation(association, source, { priority: rq.priority }),
        close: () => Promise.resolve(),
      }),
  });
}

/**
 * A request handler serving C-GET-RQ with {@link handleGet}; other requests are left alone. The
 * acceptor must accept SCP role selection for the storage SOP classes, e.g.
 * `{ abstractSyntax: ANY_STORAGE_SOP_CLASS, transferSyntaxes: [...], roles: { scu: true, scp: true } }`.
 * @example
 * ```ts
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { ANY_STORAGE_SOP_CLASS } from "../net/acse/negotiate_contexts.ts";
 * import { getScp } from "./get_scp.ts";
 * import { STUDY_ROOT_GET } from "./query_models.ts";
 * const server = await listenAssociations({
 *   aeTitle: "QRSCP",
 *   supported: [
 *     { abstractSyntax: STUDY_ROOT_GET, transferSyntaxes: ["1.2.840.10008.1.2"] },
 *     {
 *       abstractSyntax: ANY_STORAGE_SOP_CLASS,
 *       transferSyntaxes: ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"],
 *       roles: { scu: true, scp: true },
 *     },
 *   ],
 *   onRequest: getScp({ instances: () => [] }),
 * });
 * ```
 */
export function getScp(options: GetScpOptions): RequestHandler {
  return async (received, association) => {
    if (received.message.type === "C-GET-RQ") await handleGet(received, association, options);
  };
}
