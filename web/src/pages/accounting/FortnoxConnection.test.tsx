import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToString } from "react-dom/server";
import { initReactI18next } from "react-i18next";
import { i18n } from "../../i18n";
import en from "../../i18n/en";
import sv from "../../i18n/sv";
import { FortnoxConnection } from "./FortnoxConnection";

/** The page as the browser gets it back from the OAuth callback (server render: no effects run). */
function pageAt(search: string): string {
  vi.stubGlobal("window", { location: { search } });
  return renderToString(<FortnoxConnection />);
}

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: "en", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

describe("FortnoxConnection after Fortnox sends the browser back", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the message of a known reason code", () => {
    expect(pageAt("?fortnox=error&reason=access_denied")).toContain("the consent was declined at Fortnox");
  });

  it("never prints the reason text from the URL", () => {
    const html = pageAt(`?fortnox=error&reason=${encodeURIComponent("Your account is locked. Call +46 8 123 45 67")}`);
    expect(html).toContain("Fortnox did not connect. Press Connect Fortnox to try again.");
    expect(html).not.toContain("Call +46");
  });

  it("shows nothing about a failure when the connection succeeded", () => {
    expect(pageAt("?fortnox=connected&reason=access_denied")).not.toContain("did not connect");
  });
});
