/**
 * C-MOVE as SCP (PS3.4 C.4.2.2-3; PS3.7 9.1.4): a request handler that resolves the move
 * destination's AE title, asks a callback for the instances, sends them as C-STORE sub-operations
 * on a separate association to the destination, with pending responses carrying the counts.
 * @module
 */
import type {
  Association,
  ReceivedMessage,
  RequestHandler,
} from "../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../net/association/request_association.ts";
import type { CMoveRq } from "../net/dimse/messages.ts";
import { type InstanceLookup, type RetrieveOutcome, serveRetrieve } from "./_retrieve_scp.ts";
import { QUERY_MODELS } from "./query_models.ts";
import type { ScpRequest } from "./scp_request.ts";
import { proposeStorageContexts, storeSuboperation } from "./suboperations.ts";

export type { InstanceLookup, RetrieveOutcome };

/**
 * Where a move destination is: host and port (optionally TLS), or a connected transport (tests,
 * simulation); `calledAeTitle` overrides the AE title called (default the Move Destination).
 */
export type MoveDestination =
  & Pick<
    RequestAssociationOptions,
    "host" | "port" | "tls" | "transport"
  >
  & { readonly calledAeTitle?: string };

/** Options of {@link handleMove} and {@link moveScp}. */
export interface MoveScpOptions {
  /** Gives the instances the identifier selects (throw `StatusError` to refuse with a status). */
  readonly instances: InstanceLookup;
  /** Resolves a Move Destination AE title; `undefined` refuses with 0xA801 (destination unknown). */
  readonly resolveDestination: (
    aeTitle: string,
    request: ScpRequest,
  ) => MoveDestination | undefined | Promise<MoveDestination | undefined>;
  /** Our AE title on the sub-association. Default: the AE title the C-MOVE SCU called us by. */
  readonly aeTitle?: string;
  /** More options for the sub-association (timeouts, maxPduLength, onEvent...). Default none. */
  readonly association?: Partial<
    Omit<RequestAssociationOptions, "contexts" | "callingAeTitle" | "calledAeTitle">
  >;
  /**
   * C-MOVE SOP classes served; others are refused with 0x0122. Default: the MOVE SOP classes of
   * `QUERY_MODELS`.
   */
  readonly sopClasses?: readonly string[];
}

const DEFAULT_MOVE_SOP_CLASSES = Object.values(QUERY_MODELS).flatMap((m) => m.move ?? []);

/**
 * Serves one C-MOVE-RQ. Final status: 0x0000 all sent, 0xB000 some failed or warned, 0xA702 all
 * failed (also when the destination cannot be associated with), 0xFE00 cancelled, 0xA801 unknown
 * destination, 0x0122 unserved SOP class, 0xC000 bad identifier or failing callback; the final
 * response carries the counts and, when some failed, the Failed SOP Instance UID List (0008,0058).
 * @example
 * ```ts
 * import type { Association, ReceivedMessage } from "../net/association/association.ts";
 * import { handleMove } from "./move_scp.ts";
 * declare const received: ReceivedMessage;
 * declare const association: Association;
 * await handleMove(received, association, {
 *   instances: () => [],
 *   resolveDestination: (ae) => ae === "STORESCP" ? { host: "127.0.0.1", port: 11113 } : undefined,
 * });
 * ```
 */
export function handleMove(
  received: ReceivedMessage,
  association: Association,
  options: MoveScpOptions,
): Promise<RetrieveOutcome> {
  const rq = received.message as CMoveRq;
  const destinationAe = rq.moveDestination.trim();
  let destination: MoveDestination | undefined;
  return serveRetrieve(received, association, {
    responseType: "C-MOVE-RSP",
    sopClasses: options.sopClasses ?? DEFAULT_MOVE_SOP_CLASSES,
    instances: options.instances,
    precheck: async (request) => {
      destination = await options.resolveDestination(destinationAe, request);
      return destination === undefined ? 0xa801 : undefined;
    },
    open: async (sources, request) => {
      const sub: Association = await requestAssociation({
        ...options.association,
        ...destination,
        callingAeTitle: options.aeTitle ?? request.localAeTitle,
        calledAeTitle: destination?.calledAeTitle ?? destinationAe,
        contexts: proposeStorageContexts(sources),
      });
      const moveOriginator = { aeTitle: request.peerAeTitle, messageId: rq.messageId };
      return {
        store: (source) =>
          storeSuboperation(sub, source, { priority: rq.priority, moveOriginator }),
        close: () => sub.release(),
      };
    },
  });
}

/**
 * A request handler serving C-MOVE-RQ with {@link handleMove}; other requests are left alone.
 * @example
 * ```ts
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { moveScp } from "./move_scp.ts";
 * import { STUDY_ROOT_MOVE } from "./query_models.ts";
 * const server = await listenAssociations({
 *   aeTitle: "QRSCP",
 *   supported: [{ abstractSyntax: STUDY_ROOT_MOVE, transferSyntaxes: ["1.2.840.10008.1.2"] }],
 *   onRequest: moveScp({ instances: () => [], resolveDestination: () => undefined }),
 * });
 * ```
 */
export function moveScp(options: MoveScpOptions): RequestHandler {
  return async (received, association) => {
    if (received.message.type === "C-MOVE-RQ") await handleMove(received, association, options);
  };
}
