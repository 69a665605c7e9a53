import { describe, expect, test } from "vitest";
import { collectErrorTexts } from "../../src/secrets/collect-error-texts.js";

describe("collectErrorTexts", () => {
  test("includes the inspect, String and JSON views and every own property", () => {
    const error = Object.assign(new Error("boom", { cause: "a string cause" }), { status: 400 });
    const where = collectErrorTexts(error).map((t) => t.where);
    expect(where).toEqual(
      expect.arrayContaining([
        "inspect(error)",
        "String(error)",
        "JSON.stringify(error)",
        "error.message",
        "error.stack",
        "error.cause",
      ]),
    );
  });

  test("a throwing toJSON or toString hides nothing else", () => {
    const value = {
      toJSON() {
        throw new Error("no json");
      },
      toString() {
        throw new Error("no string");
      },
      detail: "still here",
    };
    const texts = collectErrorTexts(value, "value");
    expect(texts.map((t) => t.where)).not.toContain("JSON.stringify(value)");
    expect(texts.map((t) => t.where)).not.toContain("String(value)");
    expect(texts).toContainEqual({ where: "value.detail", text: "still here" });
  });

  test("names odd keys so a person can find them", () => {
    const texts = collectErrorTexts({ "x-ms-header": "h", list: ["a"] }, "e");
    expect(texts).toContainEqual({ where: 'e["x-ms-header"]', text: "h" });
    expect(texts).toContainEqual({ where: "e.list[0]", text: "a" });
  });
});
