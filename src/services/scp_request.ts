/**
 * What an SCP callback is told about the request it serves.
 * @module
 */
import type { Association, ReceivedMessage } from "../net/association/association.ts";

/** The request an SCP callback serves: who asked, for what, and whether it was cancelled. */
export interface ScpRequest {
  /** The SOP class of the request (the information model for Query/Retrieve). */
  readonly sopClassUid: string;
  /** The Message ID of the request. */
  readonly messageId: number;
  /** The peer's AE title (the calling AE title when we are the acceptor). */
  readonly peerAeTitle: string;
  /** Our AE title on this association (the called AE title when we are the acceptor). */
  readonly localAeTitle: string;
  /** Aborted when the peer sends C-CANCEL-RQ for this request. */
  readonly signal: AbortSignal;
  /** The association the request came on. */
  readonly association: Association;
  /** The request as received. */
  readonly received: ReceivedMessage;
}

/**
 * The {@link ScpRequest} of a received request.
 * @example
 * ```ts
 * import type { Association, ReceivedMessage } from "../net/association/association.ts";
 * import { scpRequestOf } from "./scp_request.ts";
 * declare const received: ReceivedMessage;
 * declare const association: Association;
 * scpRequestOf(received, association).peerAeTitle;
 * ```
 */
export function scpRequestOf(received: ReceivedMessage, association: Association): ScpRequest {
  const message = received.message as { affectedSopClassUid?: string; messageId?: number };
  const negotiated = association.negotiated;
  const local = negotiated.side === "acceptor";
  return {
    sopClassUid: message.affectedSopClassUid ?? received.context?.abstractSyntax ?? "",
    messageId: message.messageId ?? 0,
    peerAeTitle: local ? negotiated.callingAeTitle : negotiated.calledAeTitle,
    localAeTitle: local ? negotiated.calledAeTitle : negotiated.callingAeTitle,
    signal: received.signal,
    association,
    received,
  };
}
