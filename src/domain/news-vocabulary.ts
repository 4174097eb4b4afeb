// The words of the press that the news reader's rules read, in English and Vietnamese: legal actions (strongest
// first), denials, cues that make a name the counterparty of a trade, relative clauses and titles.
import type { LegalEvent } from "./masterdata.ts";

/** The kinds of legal action a reading can report. */
export type LegalKind = LegalEvent["kind"];

// The actions, strongest first: a clause naming several is read as the strongest. Steps of a criminal case are
// kept apart (investigation, prosecution, recommendation to indict, indictment, trial, conviction): a buyer's
// due diligence weighs them differently. "đề nghị … xét xử" asks for a trial and "đề nghị truy tố" recommends an
// indictment: neither is the trial or the indictment itself.
export const ACTIONS: [LegalKind, RegExp][] = [
  [
    "conviction",
    /\b(convicted|conviction|sentenced|found guilty|jailed|pleaded guilty|pleads? guilty|pleading guilty)\b|tuyên phạt|tuyên án|kết án|bản án|án tù(?! treo)/u,
  ],
  [
    "trial",
    /\b(trial|tried|stood trial|court hearing)\b|(?<!đề nghị(\s+\S+){0,8}\s+)xét xử|phiên tòa|tại tòa|bị cáo|đề nghị mức án/u,
  ],
  [
    "indictment_recommended",
    /\b(recommended (for|to) (indictment|indict|prosecution)|recommend(ed|s)? (that )?\S+ (be )?(indicted|prosecuted))\b|đề nghị(\s+viện kiểm sát(\s+nhân dân)?(\s+\S+){0,3})?\s+truy tố/u,
  ],
  // The procuracy asking a court to try a case ("đề nghị Tòa án … xét xử") is the indictment.
  [
    "indictment",
    /\b(indicted|indictment)\b|(?<!đề nghị(\s+\S+){0,6}\s+)truy tố|cáo trạng|đề nghị(\s+\S+){0,8}\s+xét xử/u,
  ],
  [
    "prosecution",
    /\b(prosecuted|prosecution|prosecute|charged|charges against|criminal case|criminal proceedings|accused of)\b|khởi tố|bị can/u,
  ],
  [
    "arrest",
    /\b(arrested|arrests?|detained|detains|taken into custody)\b|bắt tạm giam|bị bắt|bắt giữ|tạm giữ hình sự/u,
  ],
  [
    "search",
    /\b(searched|raided|raid on|search of|(police|officers|investigators) (search|raid))\b|khám xét/u,
  ],
  [
    "seizure",
    /\b(seized|seizes|seizing|seizure|confiscated|confiscation|forfeited)\b|tịch thu|thu giữ|sung công/u,
  ],
  ["licence_revocation", /\b(revoked|revocation)\b|thu hồi giấy phép|chấm dứt hiệu lực giấy phép/u],
  [
    "licence_suspension",
    /\b(suspended|suspension)\b|đình chỉ|tạm dừng hoạt động|tước quyền sử dụng giấy phép|tước giấy phép/u,
  ],
  [
    "sanction",
    /\b(sanctioned|sanctions list|designated|blacklisted|entity list)\b|lệnh trừng phạt|danh sách trừng phạt/u,
  ],
  [
    "administrative_fine",
    /\b(fined|fines?|civil penalty|penalty of|to settle alleged)\b|xử phạt|bị phạt|phạt tiền|vphc/u,
  ],
  ["inspection", /\b(inspected|inspection|inspectors)\b|thanh tra|đoàn kiểm tra|kiểm tra đột xuất/u],
  [
    "investigation",
    /\b(investigation|investigating|investigated|probe|probing)\b|điều tra vụ án|bị điều tra|đang điều tra/u,
  ],
  [
    "export_violation",
    /\b(illegally exported|illegally export|illegal exports?|smuggl\w*|export violations?)\b|buôn lậu|xuất lậu|xuất khẩu trái phép/u,
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
  const lower = text.normalize("NFC").toLowerCase();
  return ACTIONS.find(([, re]) => re.test(lower))?.[0];
}
