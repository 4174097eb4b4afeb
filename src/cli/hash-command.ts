// `lodestone hash`: the CBV 2.0 canonical event id (or the pre-hash string) of each event of a document.
import type { Command } from "commander";
import { describeProblem, LodestoneError } from "../domain/errors.ts";
import { parseEpcis } from "../standards/epcis/binding.ts";
import { eventHash, preHashString } from "../standards/epcis/event-hash.ts";
import { readEpcisFile } from "./read-document.ts";

export function registerHashCommand(program: Command): void {
  program
    .command("hash")
    .description(
      "print the canonical event id (ni:///sha-256;...?ver=CBV2.0) of each event, in document order",
    )
    .option("--prehash", "print the pre-hash strings instead")
    .argument("<file>", "an EPCIS document or event, JSON-LD or XML")
    .action((file: string, options: { prehash?: boolean }) => {
      const input = readEpcisFile(file);
      const parsed = parseEpcis(input.document, input.format);
      if (!parsed.ok) {
        throw new LodestoneError(
          "EPCIS_INVALID",
          `${file}: ${parsed.problems.map(describeProblem).join("; ")}`,
        );
      }
      for (const event of parsed.document.events) {
        process.stdout.write(`${options.prehash ? preHashString(event) : eventHash(event)}\n`);
      }
    });
}
