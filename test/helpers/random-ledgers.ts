// What the property tests of random ledgers share: documents cut from a list of events and captured in a
// scrambled order, and findings compared by what a user sees of them.
import { expect } from "vitest";
import { evaluateAll, evaluateAllAtOnce } from "../../src/services/evaluate.ts";
import type { Ledger } from "../../src/store/db.ts";
import { CLEARED_NOTE, listFindings } from "../../src/store/findings-store.ts";

type Json = Record<string, unknown>;

/** The events cut into documents of the given sizes (cycled), in an order scrambled by the seed. */
export function scrambledDocuments(list: Json[], sizes: number[], seed: number): Json[][] {
  const documents: Json[][] = [];
  for (let i = 0, cut = 0; i < list.length; cut++) {
    const size = sizes[cut % sizes.length] as number;
    documents.push(list.slice(i, i + size));
    i += size;
  }
  // A random order of the documents: later events first, now and then.
  return documents
    .map((_, i) => i)
    .sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97))
    .map((i) => documents[i] as Json[]);
}

/** A finding as the comparisons see it: everything but its status and times. */
export const comparable = (f: {
  id: string;
  code: string;
  subject: unknown;
  period?: unknown;
  measured?: unknown;
  message: string;
  evidence: unknown;
  taints: string[];
}) => ({
  id: f.id,
  code: f.code,
  subject: f.subject,
  period: f.period,
  measured: f.measured,
  message: f.message,
  evidence: f.evidence,
  taints: f.taints,
});

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/**
 * One truth: the findings the store keeps (cleared ones gone) and those of the full evaluation in parts equal,
 * finding by finding, the reference that holds the whole ledger at once; returns the reference.
 */
export async function expectOneTruth(ledger: Ledger, asOf: string): Promise<ReturnType<typeof comparable>[]> {
  const reference = (await evaluateAllAtOnce(ledger, { asOf })).map(comparable).sort(byId);
  const kept = (await listFindings(ledger.db))
    .filter((f) => !(f.status === "resolved" && f.statusNote === CLEARED_NOTE))
    .map(comparable)
    .sort(byId);
  expect(kept).toEqual(reference);
  expect((await evaluateAll(ledger, { asOf })).map(comparable)).toEqual(reference);
  return reference;
}
