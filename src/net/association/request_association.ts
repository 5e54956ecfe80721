/**
 * Requestor side: connect, send A-ASSOCIATE-RQ, wait for the answer (PS3.8 7.1).
 * @module
 */
import {
  type AssociateRequestOptions,
  buildAssociateRequest,
} from "../acse/association_request.ts";
import { interpretAssociateAccept } from "../acse/interpret_accept.ts";
import { connectTcp } from "../transport/tcp.ts";
import { connectTls, type TlsConnectOptions } from "../transport/tls.ts";
import type { Transport } from "../transport/transport.ts";
import { TransportError } from "../transport/errors.ts";
import { Association, type AssociationOptions } from "./association.ts";
import { DicomTimeoutError } from "./errors.ts";
import { resolveTimeouts } from "./timeouts.ts";

/** Options of `requestAssociation`: where to connect, what to propose, and how to behave. */
export interface RequestAssociationOptions extends AssociateRequestOptions, AssociationOptions {
  /** Peer host (ignored with `transport`). */
  host?: string;
  /** Peer port (ignored with `transport`). */
  port?: number;
  /** Connect with TLS using these options (certificates etc.). Default: plain TCP. */
  tls?: Omit<TlsConnectOptions, "host" | "port">;
  /** An already connected transport (e.g. one end of an in-memory pair). */
  transport?: Transport;
  /** Cancels connecting. */
  signal?: AbortSignal;
}

/**
 * Connects and negotiates an association; throws `AssociationRejectedError`,
 * `AssociationAbortedError`, `DicomTimeoutError` (connect, acse) or `TransportError`.
 * @example
 * ```ts
 * import { requestAssociation } from "./request_association.ts";
 * const assoc = await requestAssociation({
 *   host: "127.0.0.1", port: 104, callingAeTitle: "ME", calledAeTitle: "PACS",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * console.log(await assoc.echo()); // 0
 * await assoc.release();
 * ```
 */
export async function requestAssociation(options: RequestAssociationOptions): Promise<Association> {
  const rq = buildAssociateRequest(options);
  const timeouts = resolveTimeouts(options.timeouts);
  let transport = options.transport;
  if (!transport) {
    if (options.host === undefined || options.port === undefined) {
      throw new TypeError("requestAssociation needs host and port, or a transport");
    }
    const connect = {
      host: options.host,
      port: options.port,
      connectTimeoutMs: timeouts.connectMs,
      signal: options.signal,
    };
    try {
      transport = options.tls
        ? await connectTls({ ...options.tls, ...connect })
        : await connectTcp(connect);
    } catch (error) {
      if (error instanceof TransportError && error.code === "ETIMEDOUT") {
        throw new DicomTimeoutError(
          "connect",
          timeouts.connectMs,
          `${options.host}:${options.port}`,
        );
      }
      throw error;
    }
  }
  const association = new Association(transport, "requestor", options);
  const ac = await association.startRequest(rq);
  association.established(interpretAssociateAccept(rq, ac));
  return association;
}
