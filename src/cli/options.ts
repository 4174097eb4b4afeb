// Options and argument parsers that several `lodestone` commands share; main.ts only composes the commands.
import { Option } from "commander";
import type { ContentKey } from "../domain/assay.ts";
import { isElement } from "../domain/chemistry.ts";
import { LodestoneError } from "../domain/errors.ts";

/** The organisation a command acts for when none is named (a single-user ledger). */
export const DEFAULT_ORGANISATION = "urn:lodestone:org:local";

export const dbOption = () =>
  new Option(
    "--db <location>",
    "SQLite file path or postgres:// URL (default: $LODESTONE_DB, else ./data/lodestone.db)",
  );

/** A calendar date flag, YYYY-MM-DD, that is a real day. */
export function parseDate(flag: string) {
  return (value: string): string => {
    const ok =
      /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    if (!ok) throw new LodestoneError("QUERY_PARAMETER", `${flag} ${value}: a calendar date, YYYY-MM-DD`);
    return value;
  };
}

/** Today's date in UTC, the default "as of" of reports. */
export const today = () => new Date().toISOString().slice(0, 10);

/** An --element flag: an element symbol or TREO. */
export function parseElement(value: string): ContentKey {
  if (value === "TREO" || isElement(value)) return value as ContentKey;
  throw new LodestoneError(
    "QUERY_PARAMETER",
    `--element ${value}: not an element symbol (Nd, Pr, Dy, Tb, ...) or TREO`,
  );
}
