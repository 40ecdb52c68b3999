import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { describeError, humanServerMessage } from "./errors";

beforeAll(async () => {
  await i18n.init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

const callable = (code: string, message: string, details?: unknown) => Object.assign(new Error(message), { code: `functions/${code}`, details });

describe("describeError", () => {
  it("never shows a field path, an HTTP status or öre (the issue's examples)", async () => {
    for (const lng of ["sv", "en"]) {
      await i18n.changeLanguage(lng);
      const shown = [
        describeError(callable("invalid-argument", "price.amount: must be greater than 0 [400]")),
        describeError(callable("invalid-argument", "Refund amount: at most 39900 can still be refunded [400]")),
        describeError(callable("failed-precondition", "amount: 99999.00 SEK exceeds the available balance 1350.30 SEK")),
      ];
      for (const s of shown) {
        expect(s).not.toMatch(/\[\d{3}\]|price\.amount|39900|SEK|^\w+:/);
        expect(s.length).toBeGreaterThan(5);
      }
    }
  });
  it("keeps a server message that is already a sentence, after the translated generic one", async () => {
    await i18n.changeLanguage("sv");
    expect(describeError(callable("failed-precondition", "reason: the payout run is already going [409]"))).toBe("Det går inte att göra just nu. The payout run is already going.");
    await i18n.changeLanguage("en");
    expect(describeError(callable("invalid-argument", "price.amount: must be greater than 0 [400]"))).toBe("Some of what you entered is not valid. Must be greater than 0.");
  });
  it("maps known reason codes to their own sentence with the amount formatted", async () => {
    await i18n.changeLanguage("sv");
    expect(describeError(callable("failed-precondition", "x", { reason: "refund_exceeds_remaining", remaining: 39900, currency: "sek" }))).toBe(
      "Du kan inte återbetala mer än det som är kvar av betalningen (399,00\u00a0kr).",
    );
    await i18n.changeLanguage("en");
    expect(describeError(callable("failed-precondition", "x", { reason: "exceeds_balance", available: 135030, currency: "sek" }))).toBe(
      "The amount is more than the available balance (SEK\u00a01,350.30).",
    );
  });
  it("translates auth errors and hides provider text on internal errors", async () => {
    await i18n.changeLanguage("sv");
    expect(describeError({ code: "auth/invalid-credential", message: "Firebase: Error (auth/invalid-credential)." })).toBe("Fel e-post eller lösenord.");
    expect(describeError(callable("internal", "ECONNRESET stripe.com"))).toBe("Något gick fel på servern. Försök igen om en stund.");
    expect(describeError(new Error("boom"))).toBe("Något gick fel. Boom.");
  });
});

describe("humanServerMessage", () => {
  it("strips paths and statuses and refuses machine values", () => {
    expect(humanServerMessage("amount: must be greater than 0 [400]")).toBe("Must be greater than 0.");
    expect(humanServerMessage("vouchers[2].rows[0].account: not in the chart")).toBe("Not in the chart.");
    expect(humanServerMessage("at most 39900 can still be refunded")).toBeNull();
    expect(humanServerMessage("99999.00 SEK exceeds 1350.30 SEK")).toBeNull();
    expect(humanServerMessage("see individual.dob.day")).toBeNull();
    expect(humanServerMessage("")).toBeNull();
    expect(humanServerMessage("requirements_due is set")).toBeNull();
  });
  it("keeps a sentence that names a person's email address or uses e.g.", () => {
    expect(humanServerMessage("Confirm your email address before you pay: open the link we sent to buyer-1764672000123@kassa.test, or send a new one from your page.")).toBe(
      "Confirm your email address before you pay: open the link we sent to buyer-1764672000123@kassa.test, or send a new one from your page.",
    );
    expect(humanServerMessage("note: write a short reason, e.g. a refund")).toBe("Write a short reason, e.g. a refund.");
  });
});
