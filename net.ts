/**
 * dicomsim's network layer (PS3.7, PS3.8): PDUs, the upper-layer state machine, transports,
 * association negotiation, DIMSE messages and associations as requestor and acceptor.
 *
 * @example
 * ```ts
 * import { requestAssociation } from "./net.ts";
 * const assoc = await requestAssociation({
 *   host: "127.0.0.1", port: 11112, callingAeTitle: "DICOMSIM", calledAeTitle: "STORESCP",
 *   contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
 * });
 * await assoc.echo();
 * await assoc.release();
 * ```
 * @module
 */
export * from "./src/net/pdu/pdu_types.ts";
export * from "./src/net/pdu/read_pdu.ts";
export * from "./src/net/pdu/write_pdu.ts";
export * from "./src/net/pdu/pdu_reader.ts";
export * from "./src/net/pdu/pdu_builders.ts";
export * from "./src/net/pdu/names.ts";
export * from "./src/net/pdu/errors.ts";
export * from "./src/net/transport/transport.ts";
export * from "./src/net/transport/errors.ts";
export * from "./src/net/transport/tcp.ts";
export * from "./src/net/transport/tls.ts";
export * from "./src/net/transport/memory.ts";
export * from "./src/net/dul/dul_machine.ts";
export * from "./src/net/dul/state_table.ts";
export * from "./src/net/dul/states.ts";
export * from "./src/net/dul/events.ts";
export * from "./src/net/dul/effects.ts";
export { DulProtocolError } from "./src/net/dul/errors.ts";
export * from "./src/net/acse/association_request.ts";
export * from "./src/net/acse/negotiate_association.ts";
export * from "./src/net/acse/negotiated_association.ts";
export * from "./src/net/acse/negotiate_contexts.ts";
export * from "./src/net/acse/errors.ts";
export * from "./src/net/dimse/messages.ts";
export * from "./src/net/dimse/status.ts";
export * from "./src/net/dimse/command_set.ts";
export * from "./src/net/dimse/command_field.ts";
export * from "./src/net/dimse/fragment.ts";
export * from "./src/net/dimse/message_assembler.ts";
export * from "./src/net/dimse/errors.ts";
export * from "./src/net/association/association.ts";
export * from "./src/net/association/request_association.ts";
export * from "./src/net/association/accept_association.ts";
export * from "./src/net/association/errors.ts";
export * from "./src/net/association/timeouts.ts";
