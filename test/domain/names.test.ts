// Names match without diacritics, case or legal forms, and through aliases in other scripts.
import { describe, expect, it } from "vitest";
import { namesMatch, normaliseName } from "../../src/domain/names.ts";

describe("normaliseName", () => {
  it.each([
    ["Hưng Thịnh Mineral Investment Group JSC", "hung thinh mineral investment"],
    ["HƯNG THỊNH", "hung thinh"],
    ["Công ty Cổ phần Đất hiếm Việt Nam", "dat hiem viet nam"],
    ["Demo Trading Co., Ltd", "demo trading"],
    ["Vietnam Rare Earth Joint Stock Company", "vietnam rare earth"],
  ])("%s → %s", (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });
});

describe("namesMatch", () => {
  const hungThinh = ["Hưng Thịnh Mineral Investment Group JSC", "Tập đoàn Đầu tư Khoáng sản Hưng Thịnh"];
  it("finds the same company with and without diacritics", () => {
    expect(namesMatch("hung thinh", hungThinh)).toBe(true);
    expect(namesMatch("Hưng Thịnh", hungThinh)).toBe(true);
    expect(namesMatch("tap doan dau tu khoang san", hungThinh)).toBe(true);
  });
  it("matches Hangul and romanised aliases, and nothing for an unrelated name", () => {
    const offtaker = ["Demo Korean Offtaker Co.", "데모 한국 오프테이커", "Demo Hanguk Opeuteikeo"];
    expect(namesMatch("한국 오프테이커", offtaker)).toBe(true);
    expect(namesMatch("hanguk opeuteikeo", offtaker)).toBe(true);
    expect(namesMatch("hung thinh", offtaker)).toBe(false);
    expect(namesMatch("   ", offtaker)).toBe(false);
  });
});
