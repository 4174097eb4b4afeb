// The words of the press that the news reader's rules read, in English and Vietnamese: legal actions (strongest
// first), denials, cues that make a name the counterparty of a trade, relative clauses and titles.
import type { LegalEvent } from "./masterdata.ts";

/** The kinds of legal action a reading can report. */
export type LegalKind = LegalEvent["kind"];

// The actions, strongest first: a clause naming several is read as the strongest.
export const ACTIONS: [LegalKind, RegExp][] = [
  ["conviction", /\b(convicted|sentenced|found guilty|jailed)\b|tuyên phạt|tuyên án|kết án|mức án|án tù/u],
  ["indictment", /\b(indicted|indictment)\b|truy tố|cáo trạng/u],
  [
    "prosecution",
    /\b(prosecuted|prosecution|prosecute|charged|charges against|criminal case|criminal proceedings)\b|khởi tố/u,
  ],
  ["arrest", /\b(arrested|arrest|detained|taken into custody)\b|bắt tạm giam|bị bắt|bắt giữ|tạm giữ/u],
  [
    "search",
    /\b(searched|raided|raid on|search of|(police|officers|investigators) (search|raid))\b|khám xét/u,
  ],
  ["licence_revocation", /\b(revoked|revocation)\b|thu hồi giấy phép/u],
  ["licence_suspension", /\b(suspended|suspension)\b|đình chỉ|tạm dừng hoạt động/u],
  [
    "sanction",
    /\b(sanctioned|sanctions list|designated|blacklisted|entity list)\b|lệnh trừng phạt|danh sách trừng phạt/u,
  ],
  [
    "investigation",
    /\b(investigation|investigating|investigated|probe|probing)\b|điều tra vụ án|bị điều tra|đang điều tra/u,
  ],
  [
    "export_violation",
    /\b(illegally exported|illegal exports?|smuggl\w*|export violations?)\b|buôn lậu|xuất khẩu trái phép/u,
  ],
];

// A clause that says the organisation is not concerned.
export const DENIAL =
  /\b(not|denied|denies|unrelated|no connection|no link|no involvement|cleared)\b|không liên quan|không bị|không phải|bác bỏ|không dính líu/u;

// Words just before a name that make it the counterparty of a trade, not the one the action is about.
export const PARTNER_CUES: RegExp[] = [
  /\b(contract|deal|agreement|partnership|offtake|memorandum|mou|cooperation|signed|cooperates?|works?|trades?|traded|trading)\b(\s+\S+){0,5}\s+with\s*$/u,
  /\b(customers?|clients?|buyers?|partners?|offtakers?)\s+(of|to)\s*$/u,
  /\b(customers?|clients?|buyers?|partners?|offtakers?)\s+(such as|including|like)\s*$/u,
  /\b(sold|sells|supplies|supplied|shipped|ships|delivered|delivers|exported|exports)\b(\s+\S+){0,5}\s+to\s*$/u,
  /\b(bought|buys|purchased|purchases|sourced|sources|imported|imports|processed|processes|received|receives)\b(\s+\S+){0,5}\s+from\s*$/u,
  /(hợp đồng|thỏa thuận|hợp tác|ký kết|ký)(\s+\S+){0,5}\s+với\s*$/u,
  /(đối tác|khách hàng|bên mua)(\s+(của|là|như))?\s*$/u,
  /(bán|cung cấp|xuất khẩu|giao)(\s+\S+){0,5}\s+cho\s*$/u,
  /(mua|nhập khẩu|nhập)(\s+\S+){0,5}\s+(của|từ)\s*$/u,
];

// Words of trade, for a relative clause that ties the name before it to another party.
export const TRADE =
  /\b(buys?|bought|sells?|sold|supplies|supplied|trades?|traded|processe[sd]|ships?|shipped)\b|mua|bán|cung cấp/u;
// A clause opening with one of these continues the sentence about the organisation just named.
export const RELATIVE = /^(whose|which|who|mà|là đơn vị|có)\b/u;
// "its supplier was prosecuted": the action is about another party than the one the sentence is about.
export const RELATION =
  /\b(its|their) (suppliers?|customers?|partners?|buyers?|sellers?)\b|nhà cung cấp của (mình|họ)|đối tác của (mình|họ)/u;
// A clause naming no organisation but one of these refers to the last organisation named.
export const ANAPHOR =
  /\b(the company|the firm|the group|the miner|the supplier|the processor|the plant|the concentrator)\b|công ty này|doanh nghiệp này|tập đoàn này|đơn vị này/u;

export const TITLES = new Set(
  [
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "deputy",
    "general",
    "chief",
    "president",
    "board",
    "vice",
    "founder",
    "owner",
    "manager",
    "executive",
    "officials",
  ].map((w) => w),
);

export function actionOf(text: string): LegalKind | undefined {
  const lower = text.toLowerCase();
  return ACTIONS.find(([, re]) => re.test(lower))?.[0];
}
