// RESIDUE_UNPLACED: a residue lot (tailings, leach residue, precipitate) must reach a site licensed to store
// or dispose of it within the period the plant's environmental permit allows.
import type { Finding } from "../finding.ts";
import type { Permit } from "../masterdata.ts";
import type { Rule } from "./context.ts";

/**
 * Used when no environmental permit of the plant states a holding period: a placeholder the regulator should
 * replace by stating `residueHoldingDays` in the permit; the finding says that the default applied.
 */
export const DEFAULT_RESIDUE_HOLDING_DAYS = 90;

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  Math.floor(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS,
  );

/** A permit in force on a date. */
export function inForceOn(permit: Permit, date: string): boolean {
  return permit.validFrom <= date.slice(0, 10) && date.slice(0, 10) <= permit.validTo;
}

export const residueUnplaced: Rule = (context) => {
  const env = context.environment;
  if (!env) return [];
  const { permits, sites } = context.masterData;
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const name = (id: string | undefined) => (id ? (siteName.get(id) ?? id) : "an unknown site");
  const findings: Finding[] = [];
  for (const lot of env.lots) {
    if (lot.materialClass !== "residue" || !lot.createdTime) continue;
    const created = lot.createdTime;
    const plantPermit = permits.find(
      (p) =>
        p.kind === "environmental" &&
        p.site === lot.site &&
        p.residueHoldingDays !== undefined &&
        inForceOn(p, created),
    );
    const allowedDays = plantPermit?.residueHoldingDays ?? DEFAULT_RESIDUE_HOLDING_DAYS;
    const receipts = env.movements
      .filter((m) => m.lot === lot.id && m.kind === "received" && m.site !== lot.site)
      .sort((a, b) => (a.eventTime < b.eventTime ? -1 : 1));
    const licensed = receipts.find((m) =>
      permits.some((p) => p.kind === "radioactive_storage" && p.site === m.site && inForceOn(p, m.eventTime)),
    );
    const placedDays = licensed ? days(created, licensed.eventTime) : undefined;
    const heldDays = placedDays ?? days(created, env.asOf);
    if (heldDays <= allowedDays) continue;
    const unlicensed = receipts.filter(
      (m) => m !== licensed && (!licensed || m.eventTime < licensed.eventTime),
    );
    const basis = plantPermit
      ? `permit ${plantPermit.id} allows ${allowedDays} days`
      : `no environmental permit of ${name(lot.site)} states a holding period; the default of ${allowedDays} days applies`;
    findings.push({
      id: `RESIDUE_UNPLACED:${lot.id}`,
      code: "RESIDUE_UNPLACED",
      severity: "violation",
      status: "open",
      subject: { kind: "lot", id: lot.id },
      period: { from: created, to: licensed?.eventTime ?? env.asOf },
      measured: { value: heldDays, unit: "days" },
      allowed: { value: allowedDays, unit: "days" },
      message: licensed
        ? `residue ${lot.id} from ${name(lot.site)} reached the licensed site ${name(licensed.site)} only after ${heldDays} days (${basis})`
        : `residue ${lot.id} from ${name(lot.site)} has not reached a licensed storage or disposal site ${heldDays} days after it was made (${basis})${unlicensed.length ? `; it went to ${[...new Set(unlicensed.map((m) => name(m.site)))].join(", ")}, which hold no storage permit` : ""}`,
      evidence: {
        events: [...(lot.createdEvent ? [lot.createdEvent] : []), ...receipts.map((m) => m.event)],
        documents: plantPermit ? [plantPermit.id] : [],
      },
      taints: [lot.id],
      rule: {
        citation: plantPermit?.citation ?? "Law on Atomic Energy 94/2025/QH15 (radioactive waste management)",
      },
    });
  }
  return findings;
};
