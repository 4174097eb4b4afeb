// Passport endpoints: issue a signed UNTP Digital Product Passport for a lot, list a lot's passports, and
// verify any passport against the ledger.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { assertLotVisible, audit } from "../../services/access.ts";
import { issuePassport, verifyWithLedger } from "../../services/passport.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { listPassports } from "../../store/passport-store.ts";
import { type AppContext, principalOf } from "../context.ts";
import { LotParams } from "./params.ts";

export async function registerPassportRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

  app.post(
    "/lots/:id/passport",
    {
      schema: {
        summary:
          "Issue the lot's UNTP Digital Product Passport (vc+jwt), signed by the caller's organisation",
        tags: ["Passports"],
        params: LotParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "capture"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not issue passports`);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context.ledger, principal, id);
      const issued = await issuePassport(context.ledger, id, principal.organisation, context.now());
      await audit(context.ledger, principal, {
        at: now(),
        action: "issue_passport",
        resource: request.url,
        detail: { credential: issued.credentialId },
      });
      return {
        credentialId: issued.credentialId,
        verifiableCredential: {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: "EnvelopedVerifiableCredential",
          id: `data:application/vc+jwt,${issued.jwt}`,
        },
      };
    },
  );

  app.get(
    "/lots/:id/passports",
    {
      schema: {
        summary: "Passports issued for a lot, with their status",
        tags: ["Passports"],
        params: LotParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context.ledger, principal, id);
      return (await listPassports(context.ledger.db, { lot: id })).map((p) => ({
        credentialId: p.credentialId,
        issuer: p.organisation,
        issuedAt: p.issuedAt,
        revoked: p.revokedAt !== undefined,
        ...(p.revocationReason ? { revocationReason: p.revocationReason } : {}),
        verifiableCredential: `data:application/vc+jwt,${p.jwt}`,
      }));
    },
  );

  app.post(
    "/verify",
    {
      schema: {
        summary: "Verify a VC-JOSE credential against the ledger's issuer keys",
        tags: ["Passports"],
        body: Type.Unknown(),
      },
    },
    async (request) => {
      const body = request.body;
      const input = typeof body === "string" ? body : JSON.stringify(body);
      const verdict = await verifyWithLedger(context.ledger, input, { now: context.now() });
      return { valid: verdict.valid, checks: verdict.checks };
    },
  );
}
