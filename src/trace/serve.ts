/**
 * Plays the acceptor side of recorded conversations: a mock SCP that answers an SCU the way the
 * recorded SCP did. Each incoming association is paired with a recorded one (same calling AE
 * title and first abstract syntax, else the next unused, else the last); it is rejected as that
 * one was, or accepted with the same decisions per abstract syntax (transfer syntax, roles,
 * maximum length). Each request is answered with the recorded responses to the matching
 * recorded request (same type and SOP instance, or the same identifier bytes, else the next
 * unused one of its type): statuses, C-FIND matches, C-GET sub-operations on the same
 * association. Requests the recording never saw get 0x0211 (unrecognized operation), C-ECHO
 * success.
 * @module
 */
import type { SupportedAbstractSyntax } from "../net/acse/negotiate_contexts.ts";
import { acceptAssociation } from "../net/association/accept_association.ts";
import type { Association, ReceivedMessage } from "../net/association/association.ts";
import type { DimseMessage } from "../net/dimse/messages.ts";
import { listenTcp, type TcpEngine } from "../net/transport/tcp.ts";
import type { TransportServer } from "../net/transport/transport.ts";
import type { AssociationEvent } from "../net/association/association.ts";
import {
  type ConversationExchange,
  type ConversationMessage,
  exchangesOf,
  type RecordedConnection,
} from "./conversation.ts";

/** Options of `serveConversations`. */
export interface ServeOptions {
  /** Where to listen. Default 127.0.0.1, an ephemeral port. */
  listen?: { host?: string; port?: number };
  /** Socket implementation (see `listenTcp`). */
  engine?: TcpEngine;
  /** Called for every association event (e.g. to write a trace). */
  onEvent?: (event: AssociationEvent, association: Association) => void;
  /** Called once per incoming association with the recorded connection it plays. */
  onAssociation?: (recorded: RecordedConnection, association: Association) => void;
  /** Called for each request: what it was matched with (undefined: nothing recorded). */
  onRequest?: (message: DimseMessage, matched: ConversationMessage | undefined) => void;
}

interface Exchange extends ConversationExchange {
  used: boolean;
}

/** A recorded connection split into request → answers exchanges. */
interface Script {
  recorded: RecordedConnection;
  exchanges: Exchange[];
  used: boolean;
}

function scriptOf(recorded: RecordedConnection): Script {
  const exchanges = exchangesOf(recorded).map((e) => ({ ...e, used: false }));
  return { recorded, exchanges, used: false };
}

/**
 * Starts a mock SCP that answers like the recording.
 * @example
 * ```ts
 * import { serveConversations } from "./serve.ts";
 * const server = await serveConversations([]);
 * console.log("listening on", server.port);
 * await server.close();
 * ```
 */
export async function serveConversations(
  recorded: readonly RecordedConnection[],
  options: ServeOptions = {},
): Promise<TransportServer> {
  const scripts = recorded.filter((c) => c.request && c.response).map(scriptOf);
  if (scripts.length === 0) {
    throw new TypeError("Cannot serve the trace: it has no recorded association to play");
  }
  return await listenTcp(
    {
      host: options.listen?.host ?? "127.0.0.1",
      port: options.listen?.port ?? 0,
      engine: options.engine,
    },
    (transport) => {
      let script: Script = scripts[0];
      const supported: SupportedAbstractSyntax[] = [];
      const config = {
        aeTitle: "",
        acceptAnyCalledAeTitle: true,
        supported,
        admit: (
          rq: { callingAeTitle: string; presentationContexts: { abstractSyntax: string }[] },
        ) => {
          script = pickScript(
            scripts,
            rq.callingAeTitle,
            rq.presentationContexts[0]?.abstractSyntax,
          );
          script.used = true;
          const response = script.recorded.response!;
          if (response.type === "A-ASSOCIATE-RJ") {
            return { result: response.result, source: response.source, reason: response.reason };
          }
          supported.push(...supportedOf(script.recorded));
          return undefined;
        },
        get maxPduLength() {
          const r = script.recorded.response;
          return r?.type === "A-ASSOCIATE-AC" ? r.userInformation?.maximumLength ?? 0 : 16_384;
        },
        onRequest: (request: ReceivedMessage, association: Association) =>
          answer(script, request, association, options),
        onEvent: options.onEvent,
      };
      acceptAssociation(transport, config).then((result) => {
        if (result.accepted) options.onAssociation?.(script.recorded, result.association);
      }).catch(() => {});
    },
  );
}

function pickScript(scripts: Script[], callingAeTitle: string, abstractSyntax?: string): Script {
  const fits = (s: Script) =>
    s.recorded.request!.callingAeTitle.trim() === callingAeTitle.trim() &&
    s.recorded.request!.presentationContexts[0]?.abstractSyntax === abstractSyntax;
  return scripts.find((s) => !s.used && fits(s)) ?? scripts.find((s) => !s.used) ??
    scripts.findLast(fits) ?? scripts[scripts.length - 1];
}

/** What the recorded SCP accepted, as acceptor configuration (one transfer syntax each). */
function supportedOf(recorded: RecordedConnection): SupportedAbstractSyntax[] {
  const ac = recorded.response;
  if (ac?.type !== "A-ASSOCIATE-AC") return [];
  const out: SupportedAbstractSyntax[] = [];
  const roles = ac.userInformation?.roleSelections ?? [];
  for (const pc of ac.presentationContexts) {
    if (pc.result !== 0 || !pc.transferSyntax) continue;
    const abstractSyntax = recorded.request!.presentationContexts.find((p) => p.id === pc.id)
      ?.abstractSyntax;
    if (!abstractSyntax) continue;
    const existing = out.find((s) => s.abstractSyntax === abstractSyntax);
    if (existing) {
      if (!existing.transferSyntaxes.includes(pc.transferSyntax)) {
        (existing.transferSyntaxes as string[]).push(pc.transferSyntax);
      }
      continue;
    }
    const role = roles.find((r) => r.sopClassUid === abstractSyntax);
    out.push({
      abstractSyntax,
      transferSyntaxes: [pc.transferSyntax],
      ...(role ? { roles: { scu: role.scuRole === 1, scp: role.scpRole === 1 } } : {}),
    });
  }
  return out;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function instanceOf(message: DimseMessage): string | undefined {
  const m = message as { affectedSopInstanceUid?: string; requestedSopInstanceUid?: string };
  return m.affectedSopInstanceUid ?? m.requestedSopInstanceUid;
}

function matchExchange(script: Script, request: ReceivedMessage): Exchange | undefined {
  const type = request.message.type;
  const candidates = script.exchanges.filter((e) => e.request.message.type === type);
  const uid = instanceOf(request.message);
  return candidates.find((e) =>
    !e.used && uid !== undefined && instanceOf(e.request.message) === uid
  ) ??
    candidates.find((e) => !e.used && sameBytes(e.request.dataSet, request.dataSet)) ??
    candidates.find((e) => !e.used) ?? candidates.at(-1);
}

async function answer(
  script: Script,
  request: ReceivedMessage,
  association: Association,
  options: ServeOptions,
): Promise<void> {
  const message = request.message;
  if (!("messageId" in message)) return; // C-CANCEL and the like
  const presentationContextId = request.presentationContextId;
  const exchange = matchExchange(script, request);
  options.onRequest?.(message, exchange?.request);
  if (!exchange) {
    const rspType = message.type.replace(/-RQ$/, "-RSP");
    await association.send({
      type: rspType,
      messageIdBeingRespondedTo: message.messageId,
      affectedSopClassUid: (message as { affectedSopClassUid?: string }).affectedSopClassUid,
      // PS3.7 C: 0x0211 unrecognized operation; C-ECHO has nothing to do but succeed.
      status: message.type === "C-ECHO-RQ" ? 0 : 0x0211,
      hasDataSet: false,
    } as DimseMessage, { presentationContextId });
    return;
  }
  exchange.used = true;
  const uid = instanceOf(message);
  for (const recorded of exchange.answers) {
    const m = recorded.message;
    if (!("status" in m)) {
      // A sub-operation request from the SCP (C-GET): send it and wait for its answer.
      const context = association.negotiated.contexts.find((c) =>
        c.abstractSyntax === recorded.abstractSyntax && c.transferSyntax === recorded.transferSyntax
      );
      if (!context) continue;
      await association.requestFinal({ ...m, messageId: 0 } as DimseMessage, {
        presentationContextId: context.id,
        dataSet: recorded.dataSet,
      });
      continue;
    }
    const response = {
      ...m,
      messageIdBeingRespondedTo: message.messageId,
      ...("affectedSopInstanceUid" in m && uid !== undefined
        ? { affectedSopInstanceUid: uid }
        : {}),
    } as DimseMessage;
    await association.send(response, { presentationContextId, dataSet: recorded.dataSet });
  }
}
