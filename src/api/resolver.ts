// GS1 Digital Link resolver for lots (/01/{gtin}/10/{lot}): linkType=untp:dpp returns the newest passport,
// linkType=linkset an RFC 9264 linkset, and the default a page for people. QR codes are made by the CLI.
import type { FastifyReply, FastifyRequest } from "fastify";
import { LodestoneError } from "../domain/errors.ts";
import { getLots } from "../store/lot-store.ts";
import { listPassports } from "../store/passport-store.ts";
import type { AppContext } from "./context.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function resolveDigitalLink(context: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { gtin, lot } = request.params as { gtin: string; lot: string };
  const id = `https://id.gs1.org/01/${gtin}/10/${encodeURIComponent(lot)}`;
  const known = (await getLots(context.ledger.db, [id])).get(id);
  if (!known) throw new LodestoneError("NOT_FOUND", `no lot ${id}`);
  const passports = (await listPassports(context.ledger.db, { lot: id })).filter((p) => !p.revokedAt);
  const newest = passports[passports.length - 1];
  const linkType = (request.query as { linkType?: string }).linkType;
  const self = `${request.protocol}://${request.host}${request.url.split("?")[0]}`;
  if (linkType === "untp:dpp" || linkType === "https://test.uncefact.org/vocabulary/linkTypes/dpp") {
    if (!newest) throw new LodestoneError("NOT_FOUND", `no valid passport for lot ${id}`);
    return reply.header("content-type", "application/vc+jwt").send(newest.jwt);
  }
  if (linkType === "linkset") {
    return reply.header("content-type", "application/linkset+json").send({
      linkset: [
        {
          anchor: id,
          "https://gs1.org/voc/pip": [{ href: self, type: "text/html", title: `Lot ${lot}` }],
          ...(newest
            ? {
                "https://test.uncefact.org/vocabulary/linkTypes/dpp": [
                  {
                    href: `${self}?linkType=untp:dpp`,
                    type: "application/vc+jwt",
                    title: "Digital Product Passport",
                  },
                ],
              }
            : {}),
        },
      ],
    });
  }
  reply.header("link", `<${self}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`);
  return reply
    .header("content-type", "text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Lot ${escapeHtml(lot)}</title></head><body><h1>Lot ${escapeHtml(lot)}</h1><p>${escapeHtml(known.materialClass ?? "material")} — GTIN ${escapeHtml(gtin)}</p>${newest ? `<p><a href="?linkType=untp:dpp">Digital Product Passport</a> (issued ${escapeHtml(newest.issuedAt)})</p>` : "<p>No passport issued yet.</p>"}</body></html>`,
    );
}
