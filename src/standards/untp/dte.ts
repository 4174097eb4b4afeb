// UNTP 0.6.1 Digital Traceability Event and Digital Conformity Credential payloads. DTEs are EPCIS-based but not
// EPCIS JSON: quantities carry productId, actions are lowercase, identifiers are canonical URIs (mapped here,
// explicitly, from the ledger's domain events).
import type { LedgerEvent, QuantityElement } from "../../domain/events.ts";
import type { Finding } from "../../domain/finding.ts";
import { cbvValue } from "../epcis/cbv.ts";
import { canonicalInstant } from "../epcis/event-hash.ts";
import { canonicalIdentifier } from "../epcis/identifiers.ts";

export const UNTP_DTE_CONTEXT = "https://test.uncefact.org/vocabulary/untp/dte/0.6.1/";
export const UNTP_DCC_CONTEXT = "https://test.uncefact.org/vocabulary/untp/dcc/0.6.1/";

interface Issuer {
  did: string;
  name: string;
}

const quantity = (q: QuantityElement) => {
  const id = canonicalIdentifier(q.epcClass);
  return {
    type: ["QuantityElement"],
    productId: id,
    productName: /\/10\/([^/]+)$/.exec(id)?.[1] ?? id,
    quantity: q.quantity ?? 0,
    ...(q.uom ? { uom: q.uom } : {}),
  };
};

function dteEvent(hash: string, e: LedgerEvent): Record<string, unknown> {
  const common = {
    id: hash,
    eventTime: canonicalInstant(e.eventTime) ?? e.eventTime,
    ...(e.bizStep
      ? { bizStep: cbvValue("BizStep", e.bizStep), processType: e.bizStep.replace(/^.*[-/]/, "") }
      : {}),
    ...(e.disposition ? { disposition: cbvValue("Disp", e.disposition) } : {}),
    ...(e.bizLocation ? { bizLocation: canonicalIdentifier(e.bizLocation.id) } : {}),
  };
  switch (e.kind) {
    case "TransformationEvent":
      return {
        type: ["TransformationEvent", "Event"],
        ...common,
        action: "add",
        processType: (common as { processType?: string }).processType ?? "transformation",
        inputQuantityList: e.inputQuantities.map(quantity),
        outputQuantityList: e.outputQuantities.map(quantity),
      };
    case "ObjectEvent":
      return {
        type: ["ObjectEvent", "Event"],
        ...common,
        action: e.action.toLowerCase(),
        quantityList: e.quantities.map(quantity),
      };
    case "TransactionEvent":
      return {
        type: ["TransactionEvent", "Event"],
        ...common,
        action: e.action.toLowerCase(),
        quantityList: e.quantities.map(quantity),
      };
    case "AggregationEvent":
    case "AssociationEvent":
      return {
        type: [e.kind, "Event"],
        ...common,
        action: e.action.toLowerCase(),
        childQuantityList: e.childQuantities.map(quantity),
      };
  }
}

export function traceabilityEventCredential(
  id: string,
  issuer: Issuer,
  validFrom: string,
  events: { hash: string; event: LedgerEvent }[],
): Record<string, unknown> {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", UNTP_DTE_CONTEXT],
    type: ["DigitalTraceabilityEvent", "VerifiableCredential"],
    id,
    issuer: { type: ["CredentialIssuer"], id: issuer.did, name: issuer.name },
    validFrom,
    credentialSubject: events.map((e) => dteEvent(e.hash, e.event)),
  };
}

/** A conformity attestation of the ledger's licence-compliance and mass-balance rules for one lot. */
export function conformityCredential(
  id: string,
  issuer: Issuer,
  validFrom: string,
  lot: string,
  holder: { id: string; name: string },
  findings: Finding[],
): Record<string, unknown> {
  const topics = [
    {
      key: "licence-compliance",
      name: "Licence compliance (capacity, reserve, validity, area, scope) and export rules",
      codes: ["LICENCE_", "UNLICENSED_", "EXPORT_", "DECLARATION_"],
    },
    {
      key: "mass-balance",
      name: "Mass balance and inventory of every upstream transformation and site",
      codes: ["MASS_BALANCE", "INVENTORY_NEGATIVE"],
    },
  ];
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", UNTP_DCC_CONTEXT],
    type: ["DigitalConformityCredential", "VerifiableCredential"],
    id,
    issuer: { type: ["CredentialIssuer"], id: issuer.did, name: issuer.name },
    validFrom,
    credentialSubject: {
      type: ["ConformityAttestation", "Attestation"],
      id: `${id}#attestation`,
      name: `Lodestone rule assessment of lot ${lot}`,
      assessorLevel: "Self",
      assessmentLevel: "Unspecified",
      attestationType: "verification",
      issuedToParty: { id: holder.id, name: holder.name },
      assessment: topics.map((t) => {
        const hits = findings.filter((f) => t.codes.some((c) => f.code.startsWith(c)));
        return {
          type: ["ConformityAssessment", "Declaration"],
          id: `${id}#${t.key}`,
          name: t.name,
          description:
            hits.length === 0 ? "No open finding." : hits.map((f) => `${f.code}: ${f.message}`).join("; "),
          assessmentDate: validFrom.slice(0, 10),
          conformance: hits.length === 0,
          conformityTopic: "governance.compliance",
          assessedProduct: [
            { type: ["ProductVerification"], product: { id: lot, name: lot }, IDverifiedByCAB: false },
          ],
        };
      }),
    },
  };
}
