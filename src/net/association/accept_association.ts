/**
 * Acceptor side: wait for A-ASSOCIATE-RQ on a transport, negotiate, answer AC or RJ (PS3.8 7.1).
 * @module
 */
import { type AcceptorConfig, negotiateAssociation } from "../acse/negotiate_association.ts";
import type { AssociateRqPdu } from "../pdu/pdu_types.ts";
import { listenTcp, type TcpListenOptions } from "../transport/tcp.ts";
import { listenTls, type TlsListenOptions } from "../transport/tls.ts";
import type { Transport, TransportServer } from "../transport/transport.ts";
import { Association, type AssociationOptions } from "./association.ts";

/** Options of an acceptor: the negotiation policy plus association behaviour. */
export interface AcceptOptions extends AcceptorConfig, AssociationOptions {
  /** Called with each A-ASSOCIATE-RQ before negotiation (for logs and simulations). */
  onAssociateRequest?: (rq: AssociateRqPdu) => void;
}

/** The result of accepting on one transport. */
export type AcceptResult =
  | { accepted: true; association: Association }
  | { accepted: false; association: Association; description: string };

/**
 * Runs the acceptor side on a connected transport: reads the A-ASSOCIATE-RQ, negotiates with
 * `options`, and answers. Rejected associations close after the A-ASSOCIATE-RJ.
 * @example
 * ```ts
 * import { createMemoryPair } from "../transport/memory.ts";
 * import { acceptAssociation } from "./accept_association.ts";
 * const [, server] = createMemoryPair();
 * const pending = acceptAssociation(server, {
 *   aeTitle: "PACS",
 *   supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 * });
 * ```
 */
export async function acceptAssociation(
  transport: Transport,
  options: AcceptOptions,
): Promise<AcceptResult> {
  const association = new Association(transport, "acceptor", options);
  const rq = await association.startAccept();
  let outcome;
  try {
    options.onAssociateRequest?.(rq);
    outcome = negotiateAssociation(rq, options);
  } catch (error) {
    // Sta3 has no timer: without an answer the requestor would wait, and we with it, forever.
    association.abort();
    throw error;
  }
  if (outcome.reject) {
    association.rejectWith(outcome.reject);
    return { accepted: false, association, description: outcome.description };
  }
  association.acceptWith(outcome.accept, outcome.association);
  return { accepted: true, association };
}

/** Options of `listenAssociations`. */
export interface ListenOptions extends AcceptOptions {
  /** Listen address: TCP (default 127.0.0.1, port 0) or TLS options. */
  listen?: TcpListenOptions;
  /** Listen with TLS instead of TCP. */
  tls?: TlsListenOptions;
  /** Called with every accepted association. */
  onAssociation?: (association: Association) => void;
  /** Called with every failure to establish one (rejections, timeouts, aborted requests). */
  onFailure?: (error: unknown, association: Association | undefined) => void;
  /** Largest number of simultaneous associations; more are rejected (transient, local limit). */
  maxAssociations?: number;
}

/**
 * Listens for associations; each connection is negotiated with `options` and handed to
 * `onAssociation`. A failing connection never stops the server.
 * @example
 * ```ts
 * import { listenAssociations } from "./accept_association.ts";
 * const server = await listenAssociations({
 *   aeTitle: "DICOMSIM",
 *   supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
 * });
 * console.log(server.port);
 * await server.close();
 * ```
 */
export async function listenAssociations(options: ListenOptions): Promise<TransportServer> {
  let connections = 0;
  const admit = options.admit;
  const config: ListenOptions = {
    ...options,
    admit: (rq) => {
      if (options.maxAssociations !== undefined && connections > options.maxAssociations) {
        return { result: 2, source: 3, reason: 2 }; // transient, presentation, local-limit-exceeded
      }
      return admit?.(rq);
    },
  };
  const onConnection = (transport: Transport) => {
    connections++;
    transport.closed.then(() => connections--);
    acceptAssociation(transport, config).then((result) => {
      if (result.accepted) options.onAssociation?.(result.association);
      else options.onFailure?.(new Error(`Rejected: ${result.description}`), result.association);
    }).catch((error) => options.onFailure?.(error, undefined));
  };
  return options.tls
    ? await listenTls({ ...options.listen, ...options.tls }, onConnection)
    : await listenTcp(options.listen ?? {}, onConnection);
}
