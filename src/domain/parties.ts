// The parties of the chain: the organisations of the master data, and the restricted parties of the
// sanctions lists they are screened against. Master data and screening both read these; neither owns them.

export interface Organisation {
  id: string;
  name: string;
  aliases: string[];
  country?: string;
  taxId?: string;
  roles: string[];
  demo?: boolean;
}

/** One entry of a sanctions or restricted-party list. */
export interface SanctionsEntry {
  id: string;
  name: string;
  aliases: string[];
  country?: string;
  identifiers: string[];
  /** The list it comes from, e.g. "OFAC SDN", "EU consolidated", "UK OFSI". */
  list: string;
  programme?: string;
  /** Date of listing, YYYY-MM-DD. */
  date?: string;
}
