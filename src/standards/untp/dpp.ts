// Maps a lot's passport data to a UNTP 0.6.1 Digital Product Passport (a W3C VC 2.0 credential): the lot as a
// batch product with its GS1 Digital Link, composition from its assay, materialsProvenance from origin shares,
// and conformity claims from the findings that taint it.
import type { Finding } from "../../domain/finding.ts";
import type { OriginShare } from "../../domain/provenance.ts";
import { UNTP_DPP_CONTEXT } from "./dpp-schema.ts";

export interface PassportData {
  credentialId: string;
  issuer: { did: string; name: string };
  validFrom: string;
  validUntil: string;
  lot: string;
  lotNumber: string;
  materialClass?: string;
  /** The lot's trade name where its creation gave one (lode:productName). */
  productName?: string;
  massKg?: number;
  producedAt?: { id: string; name?: string; country?: string };
  productionDate?: string;
  composition: Record<string, number>;
  /** The element whose origin the passport states, and its origin shares. */
  provenanceElement: string;
  originShares: OriginShare[];
  custodyModel: "physical" | "mass_balance";
  /**
   * Recycled content from the trace, never typed in: of the lot's rare earths in all (TREO), and per element
   * (each the pre- plus post-consumer share of that element).
   */
  recycled?: { total: number; byElement: Record<string, number> };
  findings: Finding[];
  /** The passport's entry in its issuer's Bitstring Status List. */
  status?: { listUrl: string; index: number };
  /** Linked credentials (traceability events, conformity), each with the SHA-256 digest of its vc+jwt. */
  links?: { url: string; name: string; type: "dte" | "dcc"; sha256: string }[];
}

export function productPassport(p: PassportData): Record<string, unknown> {
  const claims = [
    {
      type: ["Claim", "Declaration"],
      id: `${p.credentialId}#licence-compliance`,
      description:
        p.findings.length === 0
          ? "No open finding of the Lodestone rules (licence, export, mass balance, inventory) taints this lot."
          : `Open findings taint this lot: ${p.findings.map((f) => `${f.code} (${f.message})`).join("; ")}`,
      conformance: p.findings.length === 0,
      conformityTopic: "governance.compliance",
      assessmentDate: p.validFrom.slice(0, 10),
      ...(p.links?.some((l) => l.type === "dcc")
        ? {
            conformityEvidence: secureLink(
              p.links.find((l) => l.type === "dcc") as NonNullable<PassportData["links"]>[number],
            ),
          }
        : {}),
    },
  ];
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", UNTP_DPP_CONTEXT],
    type: ["DigitalProductPassport", "VerifiableCredential"],
    id: p.credentialId,
    issuer: { type: ["CredentialIssuer"], id: p.issuer.did, name: p.issuer.name },
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    ...(p.status
      ? {
          credentialStatus: {
            id: `${p.status.listUrl}#${p.status.index}`,
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: String(p.status.index),
            statusListCredential: p.status.listUrl,
          },
        }
      : {}),
    credentialSubject: {
      type: ["ProductPassport"],
      id: p.lot,
      granularityLevel: "batch",
      product: {
        type: ["Product"],
        id: p.lot,
        name: p.productName ?? `${p.materialClass ?? "material"} lot ${p.lotNumber}`,
        idScheme: {
          type: ["IdentifierScheme"],
          id: "https://id.gs1.org/01/",
          name: "GS1 GTIN with batch/lot (GS1 Digital Link)",
        },
        batchNumber: p.lotNumber,
        ...(p.producedAt
          ? { producedAtFacility: { id: p.producedAt.id, name: p.producedAt.name ?? p.producedAt.id } }
          : {}),
        ...(p.producedAt?.country ? { countryOfProduction: p.producedAt.country } : {}),
        ...(p.productionDate ? { productionDate: p.productionDate } : {}),
        characteristics: {
          type: ["Characteristics"],
          materialClass: p.materialClass ?? null,
          massKg: p.massKg ?? null,
          composition: p.composition,
          chainOfCustodyModel:
            p.custodyModel === "physical"
              ? "ISO 22095 segregated (physical attribution)"
              : "ISO 22095 mass balance",
          ...(p.recycled ? { recycledContentByElement: p.recycled.byElement } : {}),
        },
      },
      ...(p.recycled
        ? { circularityScorecard: { type: ["CircularityPerformance"], recycledContent: p.recycled.total } }
        : {}),
      materialsProvenance: p.originShares.map((s) => ({
        type: ["Material"],
        name: `${p.provenanceElement} ${s.source === "pre_consumer" || s.source === "post_consumer" ? `recycled (${s.source.replace("_", "-")}) from ${s.site ?? "an unrecorded collection site"}` : `from ${s.licence ? `licence ${s.licence}` : (s.site ?? "an unrecorded source")}`}`,
        ...(s.country ? { originCountry: s.country } : {}),
        massFraction: s.share,
        // Each material is one origin: all of it recycled, or none (mined); an unrecorded source is not claimed.
        ...(s.source ? { recycledMassFraction: s.source === "mined" ? 0 : 1 } : {}),
      })),
      conformityClaim: claims,
      ...(p.links?.some((l) => l.type === "dte")
        ? {
            traceabilityInformation: [
              {
                type: ["TraceabilityPerformance"],
                valueChainProcess: "mine to product",
                verifiedRatio: 1,
                traceabilityEvent: p.links.filter((l) => l.type === "dte").map(secureLink),
              },
            ],
          }
        : {}),
    },
  };
}

function secureLink(l: { url: string; name: string; type: "dte" | "dcc"; sha256: string }) {
  return {
    type: ["SecureLink", "Link"],
    linkURL: l.url,
    linkName: l.name,
    linkType: `https://test.uncefact.org/vocabulary/linkTypes/${l.type}`,
    hashDigest: l.sha256,
    hashMethod: "SHA-256",
  };
}
