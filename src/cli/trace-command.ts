// `lodestone trace` and `lodestone balance`: a lot's provenance tree, and the mass-balance findings.
import { type Command, Option } from "commander";
import type { ContentKey } from "../domain/assay.ts";
import { appendTo } from "../domain/grouping.ts";
import { fmt } from "../domain/mass-balance.ts";
import { evaluateBalance } from "../services/balance.ts";
import { type Trace, traceLot } from "../services/trace.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption, parseElement } from "./options.ts";

function renderTree(trace: Trace): string[] {
  const lines: string[] = [];
  const children = new Map<string, Trace["edges"]>();
  for (const e of trace.edges) {
    const parent = trace.direction === "up" ? e.to : e.from;
    appendTo(children, parent, e);
  }
  const nodes = new Map(trace.nodes.map((n) => [n.lot, n]));
  const describe = (lot: string) => {
    const n = nodes.get(lot);
    const parts = [
      n?.materialClass ?? "unclassified",
      n?.massKg == null ? "mass unrecorded" : `${fmt(n.massKg)} kg`,
    ];
    if (n?.site) parts.push(`at ${n.site}`);
    return `${lot} (${parts.join(", ")})`;
  };
  const printed = new Set<string>();
  const walk = (lot: string, indent: string, via?: Trace["edges"][number]) => {
    const flow = via
      ? ` ← ${fmt(via.massKg)} kg${via.elementsKg.Nd ? `, Nd ${fmt(via.elementsKg.Nd)} kg` : ""}`
      : "";
    if (printed.has(lot)) {
      lines.push(`${indent}${lot}${flow} (shown above)`);
      return;
    }
    printed.add(lot);
    lines.push(`${indent}${describe(lot)}${flow}`);
    for (const e of children.get(lot) ?? []) walk(trace.direction === "up" ? e.from : e.to, `${indent}  `, e);
  };
  walk(trace.lot, "");
  return lines;
}

export function registerTraceCommands(program: Command): void {
  program
    .command("trace")
    .description(
      "show a lot's upstream (inputs, to the mines) or downstream graph, with masses and origin shares",
    )
    .addOption(dbOption())
    .addOption(
      new Option("--direction <direction>", "up to the origins, or down to products")
        .choices(["up", "down"])
        .default("up"),
    )
    .option("--element <symbol>", "origin shares for this element only (e.g. Nd, Dy, TREO)", parseElement)
    .addOption(
      new Option("--model <model>", "chain-of-custody model of the origin shares (ISO 22095)")
        .choices(["physical", "mass-balance"])
        .default("physical"),
    )
    .option("--json", "print {lot, direction, model, nodes, edges, originShares, sourceShares}")
    .argument("<lot>", "the lot's LGTIN URN (urn:epc:class:lgtin:...) or GS1 Digital Link")
    .action(
      async (
        lot: string,
        options: { db?: string; direction: "up" | "down"; element?: ContentKey; json?: boolean },
      ) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          const trace = await traceLot(ledger, lot, {
            direction: options.direction,
            ...(options.element ? { elements: [options.element] } : {}),
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(trace)}\n`);
            return;
          }
          const out = renderTree(trace);
          out.push(
            "",
            trace.account
              ? `origin shares (mass-balance account of ${trace.account.site}, ${trace.account.from.slice(0, 10)} to ${trace.account.to.slice(0, 10)}):`
              : "origin shares:",
          );
          for (const [element, shares] of Object.entries(trace.originShares)) {
            for (const s of shares) {
              out.push(
                `  ${element.padEnd(4)} ${(s.share * 100).toFixed(2).padStart(7)}%  ${s.site ?? "unrecorded source"}${s.licence ? ` licence ${s.licence}` : ""}${s.country ? ` (${s.country})` : ""}${s.source && s.source !== "mined" ? ` recycled, ${s.source.replace("_", "-")}` : ""}`,
              );
            }
          }
          const recycled = Object.entries(trace.sourceShares).filter(([, s]) => s.recycled > 0);
          if (recycled.length > 0) {
            out.push("", "recycled content:");
            for (const [element, s] of recycled)
              out.push(
                `  ${element.padEnd(4)} ${(s.recycled * 100).toFixed(2).padStart(7)}% recycled (pre-consumer ${(s.preConsumer * 100).toFixed(2)}%, post-consumer ${(s.postConsumer * 100).toFixed(2)}%), ${(s.mined * 100).toFixed(2)}% mined`,
              );
          }
          process.stdout.write(`${out.join("\n")}\n`);
        } finally {
          await ledger.close();
        }
      },
    );

  program
    .command("balance")
    .description(
      "evaluate mass balance of transformations and inventory at sites; findings are results (exit 0)",
    )
    .addOption(dbOption())
    .option("--site <site>", "only this site (SGLN URN or Digital Link)")
    .option("--json", "print {findings: [Finding]}")
    .action(async (options: { db?: string; site?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const findings = await evaluateBalance(ledger, options.site ? { site: options.site } : {});
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ findings })}\n`);
          return;
        }
        if (findings.length === 0) process.stdout.write("no mass-balance or inventory findings\n");
        for (const f of findings)
          process.stdout.write(`${f.severity.toUpperCase()} ${f.code} ${f.message}\n`);
      } finally {
        await ledger.close();
      }
    });
}
