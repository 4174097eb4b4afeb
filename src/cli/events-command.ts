// `lodestone events`: an EPCIS SimpleEventQuery, printed as an EPCISQueryDocument.
import { type Command, Option } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { queryEvents } from "../services/query.ts";
import { serializeQueryDocument } from "../standards/epcis/serialize-json.ts";
import { serializeQueryDocumentXml } from "../standards/epcis/serialize-xml.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new LodestoneError("QUERY_PARAMETER", `--param ${value}: expected NAME=VALUE`);
  const name = value.slice(0, eq);
  if (name in previous)
    throw new LodestoneError("QUERY_PARAMETER", `--param ${name}: given twice; separate values with |`);
  return { ...previous, [name]: value.slice(eq + 1) };
}

export function registerEventsCommand(program: Command): void {
  program
    .command("events")
    .description("query events (EPCIS SimpleEventQuery) and print an EPCISQueryDocument")
    .addOption(dbOption())
    .option(
      "--param <name=value>",
      "a query parameter, e.g. EQ_bizStep=shipping, MATCH_epcClass=urn:epc:class:lgtin:..., orderBy=eventTime (repeatable)",
      collectParam,
      {},
    )
    .addOption(
      new Option("--format <binding>", "the EPCIS binding to print: json (JSON-LD) or xml")
        .choices(["json", "xml"])
        .default("json"),
    )
    .action(async (options: { db?: string; param: Record<string, string>; format: "json" | "xml" }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const result = await queryEvents(ledger, options.param);
        const now = new Date().toISOString();
        process.stdout.write(
          options.format === "xml"
            ? `${serializeQueryDocumentXml(result.events, now)}\n`
            : `${JSON.stringify(serializeQueryDocument(result.events, now), null, 2)}\n`,
        );
        if (result.nextPageToken) {
          process.stderr.write(`more events: add --param nextPageToken=${result.nextPageToken}\n`);
        }
      } finally {
        await ledger.close();
      }
    });
}
