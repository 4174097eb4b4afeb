// `lodestone plan`: which licensed mines and plants can meet an oxide demand, at least cost, and what binds.
import type { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { type PlanResult, plan } from "../services/plan.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption, parseDate, today } from "./options.ts";
import { readJsonFile } from "./read-document.ts";

const t = (x: number) => `${x.toLocaleString("en-US", { maximumFractionDigits: 3 })} t`;
const usd = (x: number) => `${Math.round(x).toLocaleString("en-US")} USD`;

/** The plan as a person reads it: the verdict, per year what is delivered and mined, and what binds. */
export function describePlan(result: PlanResult): string {
  const lines: string[] = [];
  const short = result.demands.filter((d) => d.shortT > 0);
  lines.push(
    result.feasible
      ? `Feasible: every demand is met in ${result.years.join(", ")}, at ${usd(result.costUsd)}.`
      : `Infeasible: short by ${short.map((d) => `${t(d.shortT)} of ${d.name} in ${d.year}`).join("; ")}.`,
  );
  for (const year of result.years) {
    lines.push("", `${year}`);
    for (const d of result.demands.filter((x) => x.year === year)) {
      lines.push(
        `  ${d.name}: ${t(d.deliveredT)} of ${t(d.demandT)}${d.shortT > 0 ? ` (short ${t(d.shortT)})` : ""}`,
      );
    }
    for (const m of result.mining.filter((x) => x.year === year)) {
      lines.push(`  mine ${m.licence} (${m.name}): ${t(m.oreT)} ore of ${t(m.capacityT)} licensed`);
    }
  }
  lines.push("", result.feasible ? "Binding constraints (shadow prices):" : "What limits the supply:");
  if (result.binding.length === 0) lines.push("  none");
  for (const b of result.binding) {
    lines.push(
      `  ${b.meaning}${b.neededToClose !== undefined ? `; ${t(b.neededToClose).replace(" t", ` ${b.unit}`)} more would close the gap alone` : ""}`,
    );
  }
  for (const b of result.barred) lines.push(`Not used: ${b.chain} (${b.years.join(", ")}): ${b.reason}`);
  for (const note of result.notes) lines.push(`Note: ${note}`);
  if (result.withoutExclusions) {
    const w = result.withoutExclusions;
    lines.push(
      "",
      `Excluded: ${result.excluded.map((e) => `${e.name} (${e.reason})`).join("; ")}.`,
      `Without the exclusions: ${w.feasible ? "feasible" : `short ${t(w.shortT)}`}, ${usd(w.costUsd)}. Excluding them ${
        w.extraShortT > 0 ? `leaves ${t(w.extraShortT)} more unsupplied and ` : ""
      }${w.extraCostUsd >= 0 ? `costs ${usd(w.extraCostUsd)} more` : `costs ${usd(-w.extraCostUsd)} less, as less is made`}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description(
      "plan which licensed mines and plants meet an oxide demand at least cost (a linear program solved with HiGHS); docs/planner.md",
    )
    .addOption(dbOption())
    .requiredOption(
      "--demand <file>",
      "the planning input: a contract and/or demands, sources, costs (JSON, docs/planner.md)",
    )
    .option(
      "--exclude <org>",
      "a party whose mines and plants may not be used (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      "--as-of <date>",
      "plan the demand years from this date's year on (default: today)",
      parseDate("--as-of"),
    )
    .option(
      "--json",
      "print the plan as JSON: {feasible, years, demands, mining, plants, chains, costUsd, binding, barred, excluded, withoutExclusions}",
    )
    .action(
      async (options: { db?: string; demand: string; exclude: string[]; asOf?: string; json?: boolean }) => {
        const input = readJsonFile(options.demand);
        if (!input || typeof input !== "object" || Array.isArray(input)) {
          throw new LodestoneError("INPUT_INVALID", `${options.demand}: the planning input is a JSON object`);
        }
        const given = input as Record<string, unknown>;
        const withExclusions =
          options.exclude.length > 0
            ? { ...given, exclude: [...((given.exclude as string[] | undefined) ?? []), ...options.exclude] }
            : given;
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          let result: PlanResult;
          try {
            result = await plan(ledger, withExclusions, options.asOf ?? today());
          } catch (error) {
            if (error instanceof LodestoneError)
              throw new LodestoneError(error.code, `${options.demand}: ${error.message}`);
            throw error;
          }
          process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : describePlan(result));
        } finally {
          await ledger.close();
        }
      },
    );
}
