// The tables of the ledger as Kysely sees them. Rows never leave src/store: row mappers turn them into domain data.
import type { Generated } from "kysely";

export interface CaptureDocumentTable {
  capture_id: string;
  /** The organisation that captured the document; owner of its events. */
  organisation: string;
  source_name: string | null;
  document_id: string | null;
  document_kind: string;
  creation_date: string | null;
  record_time: string;
  event_count: number;
  captured_count: number;
  duplicate_count: number;
}

export interface EventTable {
  /** CBV 2.0 canonical event hash: the event's identity in the ledger. */
  event_hash: string;
  /** The event's storage key in the ledger's index tables (never exchanged): see migration 013. */
  event_seq: Generated<number>;
  sender_event_id: string | null;
  event_type: string;
  /** Canonical UTC instant at millisecond precision, for ordering and range queries. */
  event_time_utc: string;
  record_time: string;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  transformation_id: string | null;
  capturing_organisation: string;
  capture_id: string;
  /** The domain event as JSON. */
  body: string;
}

export interface EventEpcTable {
  event_seq: number;
  role: string;
  epc: string;
}

export interface EventQuantityTable {
  event_seq: number;
  role: string;
  epc_class: string;
  quantity: number | null;
  uom: string | null;
}

export interface EventBizTransactionTable {
  event_seq: number;
  type: string;
  biz_transaction: string;
}

export interface EventPartyTable {
  event_seq: number;
  direction: string;
  type: string;
  party: string;
}

export interface LotTable {
  lot_id: string;
  material_class: string | null;
  site: string | null;
  origin_licence: string | null;
  origin_country: string | null;
  created_event: string | null;
  created_time: string | null;
  /** The assay as JSON. */
  assay: string | null;
  /** The event type that created the lot: ObjectEvent (an origin, e.g. an extraction) or TransformationEvent. */
  created_kind: string | null;
  mineral: string | null;
  point_lat: number | null;
  point_lon: number | null;
  product_name: string | null;
  recycled_content_claim: number | null;
}

/** The identifier as a capture first wrote it (URN or Digital Link), kept only where it differs from canonical. */
export interface IdentifierFormTable {
  canonical: string;
  captured: string;
}

export interface MasterDataTable {
  kind: string;
  id: string;
  version: number;
  body: string;
  imported_at: string;
}

export interface FindingTable {
  id: string;
  code: string;
  severity: string;
  status: string;
  subject_kind: string;
  subject_id: string;
  body: string;
  status_note: string | null;
  first_seen: string;
  last_changed: string;
}

/** One lot a finding taints (migration 017): which findings taint a lot, without parsing every finding. */
export interface FindingTaintTable {
  finding_id: string;
  lot_id: string;
}

/** One group of a site's productions summed (migration 018, domain/extraction-sums.ts). */
export interface ExtractionSumTable {
  group_key: string;
  site: string;
  kind: string;
  licence: string | null;
  year: string;
  mineral: string | null;
  material_class: string | null;
  point_lat: number | null;
  point_lon: number | null;
  mass_kg: number;
  treo_kg: number;
  first_day: string;
  last_day: string;
  events: number;
  mixed: number;
}

export interface FindingHistoryTable {
  finding_id: string;
  at: string;
  change: string;
  body: string;
}

export interface LotEdgeTable {
  event_hash: string;
  from_lot: string;
  to_lot: string;
  mass_kg: number;
  /** Element and TREO masses (kg) as JSON. */
  contents: string;
}

/** Each element's running stock balance at a site (migration 014, domain/inventory-balances.ts). */
export interface InventoryBalanceTable {
  site: string;
  element: string;
  in_kg: number;
  out_kg: number;
  net_kg: number;
  lowest_kg: number;
  last_key: string;
}

export interface LotMovementTable {
  event_hash: string;
  event_time_utc: string;
  /** eventTime as sent, with its offset (null only where an event lacked it). */
  event_time_local: string | null;
  site: string;
  lot_id: string;
  kind: string;
  mass_kg: number;
  contents: string;
  /** Of a shipment: its destination location (migration 015). */
  destination: string | null;
}

export interface TransformationTable {
  event_hash: string;
  site: string | null;
  event_time_utc: string;
  inputs: string;
  outputs: string;
}

export interface CaptureJobTable {
  job_id: string;
  organisation: string;
  status: string;
  created_at: string;
  finished_at: string | null;
  capture_id: string | null;
  report: string | null;
}

export interface ApiTokenTable {
  token_hash: string;
  organisation: string;
  role: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  organisation: string;
  role: string;
  action: string;
  resource: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface IssuerKeyTable {
  kid: string;
  organisation: string;
  did: string;
  public_jwk: string;
  private_jwk_encrypted: string;
  created_at: string;
  retired_at: string | null;
}

export interface PassportTable {
  credential_id: string;
  lot_id: string;
  organisation: string;
  kid: string;
  jwt: string;
  issued_at: string;
  status_index: number | null;
  revoked_at: string | null;
  revocation_reason: string | null;
}

export interface Database {
  issuer_keys: IssuerKeyTable;
  passports: PassportTable;
  capture_jobs: CaptureJobTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  masterdata: MasterDataTable;
  masterdata_versions: MasterDataTable;
  findings: FindingTable;
  finding_history: FindingHistoryTable;
  finding_taints: FindingTaintTable;
  extraction_sums: ExtractionSumTable;
  lots: LotTable;
  identifier_forms: IdentifierFormTable;
  lot_edges: LotEdgeTable;
  lot_movements: LotMovementTable;
  inventory_balances: InventoryBalanceTable;
  transformations: TransformationTable;
  capture_documents: CaptureDocumentTable;
  events: EventTable;
  event_epcs: EventEpcTable;
  event_quantities: EventQuantityTable;
  event_biz_transactions: EventBizTransactionTable;
  event_parties: EventPartyTable;
}

export type { Generated };
