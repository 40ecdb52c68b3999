import { beforeAll, describe, expect, it } from "vitest";
import type { FortnoxReturnReason } from "@server/contracts/shapes";
import { i18n } from "../../i18n";
import en from "../../i18n/en";
import sv from "../../i18n/sv";
import { fortnoxReturnMessage } from "./fortnox-return";

// The messages are the catalogue's; English here, Swedish checked in its own case below.
beforeAll(async () => {
  await i18n.init({ lng: "en", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

const GENERIC = "Fortnox did not connect. Press Connect Fortnox to try again.";

describe("fortnoxReturnMessage: the accountant page after a failed Fortnox connection", () => {
  it("speaks Swedish when Swedish is chosen, with the next step after the reason", async () => {
    await i18n.changeLanguage("sv");
    try {
      expect(fortnoxReturnMessage("access_denied")).toBe("Fortnox kopplades inte: medgivandet nekades hos Fortnox. Tryck på Koppla Fortnox för att försöka igen.");
      expect(fortnoxReturnMessage("Call +46 8 123 45 67")).toBe("Fortnox kopplades inte. Tryck på Koppla Fortnox för att försöka igen.");
    } finally {
      await i18n.changeLanguage("en");
    }
  });

  it("says in words why for each reason code the server sends", () => {
    expect(fortnoxReturnMessage("access_denied")).toBe("Fortnox did not connect: the consent was declined at Fortnox. Press Connect Fortnox to try again.");
    expect(fortnoxReturnMessage("temporarily_unavailable")).toMatch(/temporarily unavailable\. Try again in a few minutes/);
    expect(fortnoxReturnMessage("invalid_scope")).toMatch(/scopes/);
    expect(fortnoxReturnMessage("no_code")).toMatch(/sent no authorization back/);
    // The codes of FORTNOX_RETURN_REASONS (server) but "unknown"; the web may not import its values.
    const codes: FortnoxReturnReason[] = ["access_denied", "invalid_request", "unauthorized_client", "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable", "no_code"];
    for (const code of codes) {
      expect(fortnoxReturnMessage(code), code).not.toBe(GENERIC);
      expect(fortnoxReturnMessage(code)).toMatch(/^Fortnox did not connect/);
    }
  });

  it("never shows text from the URL: an unknown, crafted or missing reason gets the generic message", () => {
    for (const reason of [
      "Your account is locked. Call +46 8 123 45 67",
      "<img src=x onerror=alert(1)>",
      "ACCESS_DENIED",
      " access_denied",
      "toString",
      "__proto__",
      "constructor",
      "",
      null,
    ]) {
      expect(fortnoxReturnMessage(reason), String(reason)).toBe(GENERIC);
    }
  });
});
