// Who may see and do what on one shared ledger (shared/design.md §9): each party reads its own events; a
// regulator reads events at sites in its jurisdiction; an auditor reads everything and writes nothing.

export const ROLES = ["operator", "buyer", "regulator", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  organisation: string;
  role: Role;
  /** The jurisdiction of a regulator (ISO country), from its organisation's master data. */
  country?: string;
}

export type Action =
  | "capture"
  | "import_masterdata"
  | "set_finding_status"
  | "read_all"
  | "read_jurisdiction"
  | "read_own"
  | "ingest_news"
  | "plan";

const ALLOWED: Record<Role, Action[]> = {
  operator: ["capture", "read_own"],
  // Buyers and regulators both watch the news for their counterparties.
  // Planning reads licences, reserves and assays of every candidate: for the buyer building a chain and the
  // regulator keeping it inside licences.
  buyer: ["capture", "read_own", "ingest_news", "plan"],
  regulator: [
    "import_masterdata",
    "set_finding_status",
    "read_jurisdiction",
    "read_own",
    "ingest_news",
    "plan",
  ],
  auditor: ["read_all"],
  admin: ["capture", "import_masterdata", "set_finding_status", "read_all", "ingest_news", "plan"],
};

export function may(principal: Principal, action: Action): boolean {
  return ALLOWED[principal.role].includes(action);
}

/** The scope of events a principal reads: everything, its own, or its own plus those at its jurisdiction's sites. */
export type EventScope = { all: true } | { all: false; organisations: string[]; sites: string[] };

export function eventScope(principal: Principal, jurisdictionSites: string[]): EventScope {
  if (may(principal, "read_all")) return { all: true };
  return {
    all: false,
    organisations: [principal.organisation],
    sites: may(principal, "read_jurisdiction") ? jurisdictionSites : [],
  };
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
