// The reader on real press it was not written with (test/fixtures/press: short quotations of real articles, some
// tuned on and some held aside): every article is read, none refused; subjects are found, known ones by master
// data and new ones as review candidates; scores per language and split are those docs/news.md reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArticle } from "../../src/domain/news.ts";
import { dateIn, publicationDate } from "../../src/domain/news-text.ts";
import { parseArticle } from "../../src/services/news.ts";
import { PRESS_DIR, pressCorpus, scorePress } from "../helpers/press-score.ts";

const scores = scorePress();
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
// The held-aside recall docs/news.md reports, per language: the first read of the present held-aside set, whose
// readings were committed with it before the reader ran on it. The targets (0.85) are missed; see docs/news.md.
const HELD_ASIDE_RECALL = { en: 2 / 3, vi: 4 / 6 };

describe("the press corpus", () => {
  it("holds English and Vietnamese articles in both splits, each read without refusal", () => {
    const corpus = pressCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const key of ["en tuned", "vi tuned", "en held-aside", "vi held-aside"])
      expect(corpus.filter((a) => `${a.language} ${a.split}` === key).length).toBeGreaterThanOrEqual(4);
    for (const a of corpus)
      expect(() => parseArticle(readFileSync(join(PRESS_DIR, a.file)), a.file)).not.toThrow();
  });

  // Subjects of earlier held-aside sets (now tuned on) that are still missed, for reasons docs/news.md gives: a
  // company named without a legal form or a descriptor ("Whitehaven Coal", "Karni Kripa Granite"), an action
  // reported in a sentence that names neither the company nor its officer, an officer introduced after the action
  // against them. Listed, so that a fix or a new miss both show here.
  const STILL_MISSED: Record<string, string[]> = {
    "en tuned": [
      "t-en-10-itt-export-cases.txt: PhibroChem",
      "t-en-12-brisbanetimes-arafura.txt: Arafura Rare Earths",
      "t-en-20-cowraguardian-abterra.txt: Abterra Australia Pty Ltd",
      "t-en-21-2tm-whitehaven.txt: Whitehaven Coal",
      "t-en-23-menafn-karni-kripa.txt: Karni Kripa Granite",
    ],
    "vi tuned": [
      "t-vi-10-thactrang-ket-luan.txt: Công ty Thái Dương",
      "t-vi-21-vtc-son-lam.txt: Công ty khai thác chế biến khoáng sản Việt Trung",
      "t-vi-23-tttctt-minh-dat.txt: Công ty cổ phần xây dựng và kinh doanh xăng dầu Minh Đạt",
      "t-vi-24-moitruongplus-thach-phu-hung.txt: Công ty TNHH Thạch Phú Hưng",
    ],
  };
  it("finds every subject of the tuned articles but those listed, with no false subject", () => {
    for (const key of ["en tuned", "vi tuned"]) {
      const s = scores[key];
      expect(s?.misses, key).toEqual(STILL_MISSED[key]);
      expect(s?.falseSubjects, key).toEqual([]);
    }
  });

  it("keeps the held-aside scores docs/news.md reports (recall, precision), printing what it missed", () => {
    for (const [key, s] of Object.entries(scores)) {
      console.info(
        `press ${key}: recall ${s.found}/${s.expected}, precision ${s.found}/${s.reported}, kind ${s.kindRight}/${s.found}, date ${s.dateRight}/${s.found}${s.misses.length ? `; missed ${s.misses.join("; ")}` : ""}${s.falseSubjects.length ? `; false ${s.falseSubjects.join("; ")}` : ""}`,
      );
    }
    const en = scores["en held-aside"];
    const vi = scores["vi held-aside"];
    // Measured on the held-aside articles (docs/news.md), at full precision.
    expect(ratio(en?.found ?? 0, en?.expected ?? 1)).toBeGreaterThanOrEqual(HELD_ASIDE_RECALL.en);
    expect(ratio(vi?.found ?? 0, vi?.expected ?? 1)).toBeGreaterThanOrEqual(HELD_ASIDE_RECALL.vi);
    expect(ratio(en?.found ?? 0, en?.reported ?? 0)).toBe(1);
    expect(ratio(vi?.found ?? 0, vi?.reported ?? 0)).toBe(1);
  });
});

describe("articles of every shape", () => {
  it("reads a title line and a 'publisher — date' line, and month-only and year-only dates", () => {
    const a = parseArticle(
      Buffer.from("Mine fined\nDemo Post — 2024-11\nhttps://example.org/a\n\nThe mine was fined."),
      "a.txt",
    );
    expect(a).toMatchObject({
      title: "Mine fined",
      publisher: "Demo Post",
      published: "2024-11",
      url: "https://example.org/a",
    });
    expect(publicationDate("2024")).toBe("2024");
    expect(publicationDate("13/03/2025, 15:25")).toBe("2025-03-13");
    expect(publicationDate("Oct 21, 2023")).toBe("2023-10-21");
    expect(publicationDate("2024-13")).toBeUndefined();
    expect(dateIn("in October 2022, the director was convicted")).toBe("2022-10");
    expect(dateIn("vào tháng 10/2022")).toBe("2022-10");
    expect(dateIn("Police last year arrested", 2024)).toBe("2023");
    expect(dateIn("Ngày 11-3, Viện Kiểm sát", 2025)).toBe("2025-03-11");
  });

  it("keeps an undated action undated, and an article's date marked as the article's", () => {
    const orgs = [{ id: "org:x", name: "Demo Miner X JSC", aliases: [] }];
    const undated = readArticle({ text: "Police searched Demo Miner X JSC." }, orgs);
    expect(undated.mentions[0]).toMatchObject({ role: "subject", kind: "search", dateBasis: "unknown" });
    expect(undated.mentions[0]?.date).toBeUndefined();
    const published = readArticle({ text: "Police searched Demo Miner X JSC.", published: "2024-11" }, orgs);
    expect(published.mentions[0]).toMatchObject({ date: "2024-11", dateBasis: "publication" });
  });

  it("drops page furniture: menus, related headlines, advertisement markers", () => {
    const a = parseArticle(
      Buffer.from(
        "Title line\n\nTin liên quan\nBắt giữ Công ty Giả Định Một\nKhởi tố Công ty Giả Định Hai\n- Advertisement -\nCông ty TNHH Giả Định Ba bị xử phạt vi phạm hành chính.",
      ),
      "b.txt",
    );
    expect(a.text).toBe("Công ty TNHH Giả Định Ba bị xử phạt vi phạm hành chính.");
    const reading = readArticle(a, []);
    expect(reading.candidates.map((c) => [c.name, c.role, c.kind])).toEqual([
      ["Công ty TNHH Giả Định Ba", "subject", "administrative_fine"],
    ]);
  });

  it("never folds Vietnamese words into legal forms or names: 'Cô Vi' is a person, 'Vi phạm' a verb", () => {
    const orgs = [{ id: "org:vi", name: "Vi Co., Ltd", aliases: [] }];
    expect(readArticle({ text: "Bà Cô Vi bị khởi tố." }, orgs).mentions).toEqual([]);
    expect(readArticle({ text: "Vi phạm quy định về khai thác bị khởi tố." }, orgs).mentions).toEqual([]);
    expect(readArticle({ text: "Công ty Vi bị khởi tố." }, orgs).mentions).toMatchObject([
      { organisation: "org:vi", role: "subject", kind: "prosecution" },
    ]);
  });

  it("reads an action against a company's officer, named as such earlier, as the company's", () => {
    const orgs = [{ id: "org:x", name: "Demo Miner X JSC", aliases: ["Công ty Demo Miner X"] }];
    const en = readArticle(
      {
        text: "Nguyen Van Binh, chairman of Demo Miner X JSC, spoke at the conference. Police later arrested Binh and two others.",
      },
      orgs,
    );
    expect(en.mentions).toMatchObject([
      { organisation: "org:x", role: "subject", kind: "arrest", confidence: 0.7 },
    ]);
    expect(en.mentions[0]?.reason).toContain("Nguyen Van Binh");
    const vi = readArticle(
      {
        text: "Chủ tịch Công ty Demo Miner X - Trần Văn Cường phát biểu tại hội nghị. Ngày 3/5/2025, Cơ quan điều tra đã khởi tố Trần Văn Cường.",
      },
      orgs,
    );
    expect(vi.mentions).toMatchObject([
      { organisation: "org:x", role: "subject", kind: "prosecution", date: "2025-05-03" },
    ]);
    // A person named without an office is nobody's officer.
    expect(
      readArticle({ text: "Demo Miner X JSC met Mr Binh. Police arrested Binh." }, orgs).mentions[0]?.role,
    ).toBe("mentioned");
  });

  it("tells the steps of a case apart in both languages", () => {
    const orgs = [{ id: "org:x", name: "Demo Miner X JSC", aliases: ["Công ty Demo Miner X"] }];
    const kind = (text: string) => readArticle({ text }, orgs).mentions[0]?.kind;
    expect(kind("Cơ quan điều tra đề nghị truy tố Công ty Demo Miner X.")).toBe("indictment_recommended");
    expect(kind("Viện Kiểm sát đã ban hành cáo trạng truy tố Công ty Demo Miner X.")).toBe("indictment");
    expect(kind("Viện Kiểm sát đề nghị Tòa án xét xử vụ án tại Công ty Demo Miner X.")).toBe("indictment");
    expect(kind("Tòa án bắt đầu phiên xét xử vụ án tại Công ty Demo Miner X.")).toBe("trial");
    expect(kind("Demo Miner X JSC was recommended for indictment.")).toBe("indictment_recommended");
    expect(kind("Demo Miner X JSC went on trial in Hanoi.")).toBe("trial");
    expect(kind("Demo Miner X JSC was jailed.")).toBe("conviction");
    expect(kind("Customs seized ore from Demo Miner X JSC.")).toBe("seizure");
    expect(kind("Inspectors began an inspection of Demo Miner X JSC.")).toBe("inspection");
    expect(kind("UBND tỉnh xử phạt vi phạm hành chính Công ty Demo Miner X.")).toBe("administrative_fine");
    expect(kind("Bộ thu hồi giấy phép của Công ty Demo Miner X.")).toBe("licence_revocation");
    expect(kind("Giấy phép của Công ty Demo Miner X bị chấm dứt hiệu lực giấy phép.")).toBe(
      "licence_revocation",
    );
  });

  it("proposes new companies however the press writes their legal form, or names them after a descriptor", () => {
    const subjects = (text: string) =>
      readArticle({ text }, [])
        .candidates.filter((c) => c.role === "subject")
        .map((c) => [c.name, c.kind]);
    expect(subjects("In 2015, Streit USA Armoring, LLC agreed to pay a civil penalty.")).toEqual([
      ["Streit USA Armoring, LLC", "administrative_fine"],
    ]);
    expect(subjects("YOUNG LIVING ESSENTIAL OILS, L.C., of Utah, plead guilty in federal court.")).toEqual([
      ["YOUNG LIVING ESSENTIAL OILS, L.C.", "conviction"],
    ]);
    expect(
      subjects("Commerce imposed a civil penalty on Thompson/Center Arms Co., Inc. of Rochester."),
    ).toEqual([["Thompson/Center Arms Co., Inc.", "administrative_fine"]]);
    expect(subjects("Italian company GVA International Oil and Gas Services pleaded guilty.")).toEqual([
      ["GVA International Oil and Gas Services", "conviction"],
    ]);
    // "U.S." ends no sentence: the action after the apposition is still the company's.
    expect(
      subjects("GEM Manufacturing LLC of the U.S. Virgin Islands, a maker of jewelry, was sentenced."),
    ).toEqual([["GEM Manufacturing LLC", "conviction"]]);
    // A Vietnamese name opening in lowercase after its legal form; "và" joins no two companies; no year in a name.
    expect(subjects("Công ty TNHH xây dựng và thương mại Tân Hải bị khởi tố.")).toEqual([
      ["Công ty TNHH xây dựng và thương mại Tân Hải", "prosecution"],
    ]);
    expect(subjects("UBND tỉnh thu hồi giấy phép của Công ty TNHH Hoàng Hậu Phố vào năm 2013.")).toEqual([
      ["Công ty TNHH Hoàng Hậu Phố", "licence_revocation"],
    ]);
    // "và" inside a capitalised name, never before another party or a title; a name cut inside a word pair after
    // "và" keeps what came before it (here only trade words, so nothing is proposed from that spelling).
    expect(subjects("Tỉnh xử phạt Công ty TNHH Sản xuất và Thương mại Huyền Quý 170 triệu đồng.")).toEqual([
      ["Công ty TNHH Sản xuất và Thương mại Huyền Quý", "administrative_fine"],
    ]);
    expect(subjects("Công an khởi tố Công ty TNHH Sơn Lâm và Giám đốc Trần Văn A.")).toEqual([
      ["Công ty TNHH Sơn Lâm", "prosecution"],
    ]);
    expect(subjects("Sở đình chỉ Công ty TNHH Thương mại và Trồng trọt (TM&TT) Tuấn Thiện.")).toEqual([]);
    // Australian and Malaysian legal forms.
    expect(subjects("Mudgee Stone Co Pty Ltd was convicted of the offence.")).toEqual([
      ["Mudgee Stone Co Pty Ltd", "conviction"],
    ]);
    expect(subjects("Borneo Minerals Sdn Bhd was fined RM50,000.")).toEqual([
      ["Borneo Minerals Sdn Bhd", "administrative_fine"],
    ]);
  });

  it("reads an action against a person the same sentence makes an officer as the company's", () => {
    const reading = readArticle(
      {
        text: "Công an đã thi hành Lệnh bắt tạm giam đối với bị can Nguyễn Văn A (SN 1958, Giám đốc Công ty TNHH Demo Khoáng Sản có địa chỉ tại thôn 3).",
        published: "2022-12-28",
      },
      [],
    );
    expect(reading.candidates.find((c) => c.role === "subject")).toMatchObject({
      name: "Công ty TNHH Demo Khoáng Sản",
      // "bị can": the person is already a defendant, which is more than the arrest.
      kind: "prosecution",
      date: "2022-12-28",
    });
  });
});
