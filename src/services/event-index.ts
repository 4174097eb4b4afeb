// The canonical index values of a domain event (identifiers as Digital Links, CBV values as web URIs,
// times in UTC), computed once at capture so that queries match any syntax of the same value.
import { epcsOf, type LedgerEvent, quantitiesOf } from "../domain/events.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalInstant, eventHash } from "../standards/epcis/event-hash.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { EventRecord } from "../store/event-store.ts";

export function indexEvent(event: LedgerEvent): EventRecord {
  const eventTimeUtc = canonicalInstant(event.eventTime);
  if (eventTimeUtc === undefined)
    throw new Error(`eventTime "${event.eventTime}" is not an RFC 3339 date-time`);
  const optional = <T>(value: T | undefined, f: (v: T) => string) =>
    value === undefined ? undefined : f(value);
  return {
    eventHash: eventHash(event),
    event,
    eventTimeUtc,
    ...("action" in event ? { action: event.action } : {}),
    ...withDefined({
      bizStep: optional(event.bizStep, (v) => cbvValue("BizStep", v)),
      disposition: optional(event.disposition, (v) => cbvValue("Disp", v)),
      readPoint: optional(event.readPoint?.id, canonicalIdentifier),
      bizLocation: optional(event.bizLocation?.id, canonicalIdentifier),
      transformationId:
        event.kind === "TransformationEvent"
          ? optional(event.transformationId, canonicalIdentifier)
          : undefined,
    }),
    epcs: epcsOf(event).map((e) => ({ role: e.role, epc: canonicalIdentifier(e.epc) })),
    quantities: quantitiesOf(event).map(({ role, quantity }) => ({
      role,
      epcClass: canonicalIdentifier(quantity.epcClass),
      ...withDefined({ quantity: quantity.quantity, uom: quantity.uom }),
    })),
    bizTransactions: event.bizTransactions.map((b) => ({
      type: b.type === undefined ? "" : cbvValue("BTT", b.type),
      id: canonicalIdentifier(b.id),
    })),
    parties: [
      ...event.sources.map((s) => ({
        direction: "source" as const,
        type: cbvValue("SDT", s.type),
        id: canonicalIdentifier(s.id),
      })),
      ...event.destinations.map((d) => ({
        direction: "destination" as const,
        type: cbvValue("SDT", d.type),
        id: canonicalIdentifier(d.id),
      })),
    ],
  };
}

/** Drops undefined members, so optional fields stay absent under exactOptionalPropertyTypes-style checks. */
function withDefined<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Each identifier of the event as captured, with its canonical form: lots, sites and parties. */
export function capturedIdentifiers(event: LedgerEvent): { canonical: string; captured: string }[] {
  const captured = [
    event.readPoint?.id,
    event.bizLocation?.id,
    event.kind === "TransformationEvent" ? event.transformationId : undefined,
    ...epcsOf(event).map((e) => e.epc),
    ...quantitiesOf(event).map((q) => q.quantity.epcClass),
    ...event.sources.map((s) => s.id),
    ...event.destinations.map((d) => d.id),
  ].filter((id): id is string => id !== undefined);
  return captured.map((id) => ({ canonical: canonicalIdentifier(id), captured: id }));
}
