/**
 * The Verification service (PS3.4 Annex A; PS3.7 9.1.5 C-ECHO): an SCP handler that answers
 * C-ECHO-RQ with Success, and an SCU helper that associates, echoes and releases.
 * @module
 */
import type { SupportedAbstractSyntax } from "../net/acse/negotiate_contexts.ts";
import type { Association, ReceivedMessage } from "../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../net/association/request_association.ts";

/**
 * The Verification SOP Class UID (PS3.4 A.4).
 * @example
 * ```ts
 * import { VERIFICATION_SOP_CLASS } from "./verification.ts";
 * VERIFICATION_SOP_CLASS; // "1.2.840.10008.1.1"
 * ```
 */
export const VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1";

/**
 * What an acceptor supports for Verification: the SOP class in Explicit then Implicit VR Little
 * Endian (any transfer syntax would do: C-ECHO carries no data set).
 * @example
 * ```ts
 * import { VERIFICATION_SUPPORTED } from "./verification.ts";
 * VERIFICATION_SUPPORTED.abstractSyntax; // "1.2.840.10008.1.1"
 * ```
 */
export const VERIFICATION_SUPPORTED: SupportedAbstractSyntax = Object.freeze({
  abstractSyntax: VERIFICATION_SOP_CLASS,
  transferSyntaxes: Object.freeze(["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"]),
});

/**
 * Answers a C-ECHO-RQ with a C-ECHO-RSP of status 0 (Success, PS3.7 9.3.5.2); resolves to true
 * when the request was a C-ECHO-RQ (and was answered), false otherwise, so that handlers chain.
 * @example
 * ```ts
 * import { listenAssociations } from "../net/association/accept_association.ts";
 * import { answerEcho, VERIFICATION_SUPPORTED } from "./verification.ts";
 * const server = await listenAssociations({
 *   aeTitle: "DICOMSIM",
 *   supported: [VERIFICATION_SUPPORTED],
 *   onRequest: (request, association) => void answerEcho(request, association),
 * });
 * await server.close();
 * ```
 */
export async function answerEcho(
  request: ReceivedMessage,
  association: Association,
  options: { status?: number } = {},
): Promise<boolean> {
  const message = request.message;
  if (message.type !== "C-ECHO-RQ") return false;
  await association.send({
    type: "C-ECHO-RSP",
    messageIdBeingRespondedTo: message.messageId,
    affectedSopClassUid: message.affectedSopClassUid,
    status: options.status ?? 0,
    hasDataSet: false,
  }, { presentationContextId: request.presentationContextId });
  return true;
}

/** Options of {@link echo}: where to connect and how (see `requestAssociation`). */
export interface EchoOptions
  extends Omit<RequestAssociationOptions, "contexts" | "callingAeTitle" | "calledAeTitle"> {
  /** Our AE title. Default "DICOMSIM". */
  callingAeTitle?: string;
  /** The peer's AE title. Default "ANY-SCP". */
  calledAeTitle?: string;
  /** How many C-ECHO-RQ to send on the association. Default 1. */
  repeat?: number;
}

/** The outcome of {@link echo}. */
export interface EchoResult {
  /** The status of each C-ECHO-RSP, in order. */
  statuses: number[];
  /** Milliseconds from connecting to the end of the release. */
  elapsedMs: number;
}

/**
 * Opens an association proposing Verification, sends `repeat` C-ECHO-RQ, and releases. Throws
 * what `requestAssociation` throws (rejected, aborted, timeouts, transport errors).
 * @example
 * ```ts ignore
 * import { echo } from "./verification.ts";
 * const { statuses } = await echo({ host: "127.0.0.1", port: 11112, calledAeTitle: "STORESCP" });
 * statuses; // [0]
 * ```
 */
export async function echo(options: EchoOptions): Promise<EchoResult> {
  const start = performance.now();
  const association = await requestAssociation({
    ...options,
    callingAeTitle: options.callingAeTitle ?? "DICOMSIM",
    calledAeTitle: options.calledAeTitle ?? "ANY-SCP",
    contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
  });
  const statuses: number[] = [];
  try {
    for (let i = 0; i < (options.repeat ?? 1); i++) statuses.push(await association.echo());
    await association.release();
  } catch (error) {
    association.abort();
    throw error;
  }
  return { statuses, elapsedMs: performance.now() - start };
}
