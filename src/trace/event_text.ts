/**
 * One readable line per association event, for `-v` (like DCMTK's `-d`, much shorter).
 * @module
 */
import type { AssociationEvent } from "../net/association/association.ts";
import { statusName } from "../net/dimse/status.ts";
import { pduName } from "../net/pdu/names.ts";

/**
 * Formats an event as one line, or undefined for events not worth a line.
 * @example
 * ```ts
 * import { formatAssociationEvent } from "./event_text.ts";
 * formatAssociationEvent({ type: "pdu-sent", pdu: { type: "A-RELEASE-RQ" }, length: 10, at: 0 });
 * // "-> A-RELEASE-RQ (10 bytes)"
 * ```
 */
export function formatAssociationEvent(event: AssociationEvent): string | undefined {
  switch (event.type) {
    case "pdu-sent":
    case "pdu-received": {
      const arrow = event.type === "pdu-sent" ? "->" : "<-";
      const pdu = event.pdu;
      let detail = "";
      if (pdu.type === "A-ASSOCIATE-RQ" || pdu.type === "A-ASSOCIATE-AC") {
        detail =
          ` ${pdu.callingAeTitle} -> ${pdu.calledAeTitle}, ${pdu.presentationContexts.length} context(s)`;
      } else if (pdu.type === "A-ASSOCIATE-RJ" || pdu.type === "A-ABORT") {
        detail = ` source ${pdu.source} reason ${pdu.reason}`;
      } else if (pdu.type === "P-DATA-TF") {
        detail = ` ${pdu.pdvs.length} PDV(s)`;
      }
      const size = event.length ? ` (${event.length} bytes)` : "";
      return `${arrow} ${pduName(pdu)}${detail}${size}`;
    }
    case "transition": {
      const t = event.transition;
      return `   ${t.from} --${t.event.type}/${t.action}--> ${t.to}`;
    }
    case "dimse-sent":
    case "dimse-received": {
      const arrow = event.type === "dimse-sent" ? "=>" : "<=";
      const m = event.message as unknown as Record<string, unknown>;
      const id = m.messageId ?? m.messageIdBeingRespondedTo;
      const status = typeof m.status === "number"
        ? ` status 0x${m.status.toString(16).padStart(4, "0")} ${statusName(m.status)}`
        : "";
      const data = event.dataSetLength ? `, data set ${event.dataSetLength} bytes` : "";
      return `${arrow} ${event.message.type} id ${id} on context ${event.presentationContextId}${status}${data}`;
    }
    case "error":
      return `!! ${event.error.message}`;
    case "closed":
      return `== association ${event.end.reason}${
        event.end.error ? `: ${event.end.error.message}` : ""
      }`;
  }
}
