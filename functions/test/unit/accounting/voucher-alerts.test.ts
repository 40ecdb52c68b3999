import assert from "node:assert/strict";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { alertPartialRun, voucherLink } from "../../../src/app/accounting/voucher-alerts";
import { platformPayoutEntry, programSaleEntry } from "../../../src/domain/ledger";
import type { SyncJob } from "../../../src/ports/accounting-store";
import { at, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });

function job(counts: Partial<SyncJob["counts"]>, errors: SyncJob["errors"] = []): SyncJob {
  return {
    id: "run-7",
    type: "accounting_sync",
    trigger: "schedule",
    state: "partial",
    days: [DAY],
    progress: { vouchersDone: 0, vouchersTotal: 0 },
    counts: { entriesPlanned: 0, vouchersPlanned: 0, empty: 0, posted: 0, recovered: 0, failed: 0, busy: 0, deferred: 0, ...counts },
    errors,
    vouchers: [],
    startedAt: 0,
  };
}

describe("alerts when a voucher cannot be posted", () => {
  it("a refused voucher raises one alert for the admins and a notification per accountant, with Fortnox's reason and code", async () => {
    const { ledger, store, gateway, deps, clock, alerts, notifications } = setup("2026-11-23");
    store.accountants = ["acc1", "acc.2@x"];
    gateway.chart = gateway.chart.filter((a) => a.number !== 1930);
    ledger.addRecordedAt(at(DAY, 30), platformPayoutEntry({ occurredAt: at(DAY, 6), stripePayoutId: "po_1", amount: sek(123456) }));
    await syncAccounting(deps, { trigger: "schedule" });

    // Swedish for the Swedish accountant and admins, English beside it for the web's English mode.
    const title = `Verifikationen KASSA ${DAY} payouts SEK kunde inte bokföras i Fortnox`;
    const message =
      "1\u00a0234,56\u00a0kr i 1 huvudbokspost finns inte i Fortnox än. Fortnox svarade: Fortnox refused: Kontot 1930 finns inte (Fortnox 2001304). Den försöks igen vid varje körning och stoppar inga andra verifikationer; åtgärda orsaken, eller bokför den för hand i Fortnox och markera den som bokförd för hand.";
    const en = {
      title: `Voucher KASSA ${DAY} payouts SEK could not be posted to Fortnox`,
      message:
        "1234.56 SEK in 1 ledger entry is not in Fortnox yet: Fortnox refused: Kontot 1930 finns inte (Fortnox 2001304). It is retried every run and blocks no other voucher; fix the cause, or book it by hand in Fortnox and mark it booked by hand.",
    };
    const link = `/accountant/vouchers/${DAY}_payouts_sek`;
    const alert = alerts.alerts.get(`voucher_refused-${DAY}_payouts_sek`)!;
    assert.deepEqual(
      { kind: alert.kind, title: alert.title, message: alert.message, en: alert.en, link: alert.link, objectPath: alert.objectPath, status: alert.status },
      { kind: "voucher_refused", title, message, en, link, objectPath: `accounting/${DAY}_payouts_sek`, status: "open" },
    );
    const now = clock.now().getTime();
    assert.deepEqual(
      [...notifications.items.values()].sort((a, b) => a.id.localeCompare(b.id)),
      [
        { id: `voucher_refused-${DAY}_payouts_sek-acc1`, uid: "acc1", kind: "voucher_refused", title, body: message, en: { title: en.title, body: en.message }, link, createdAt: now, read: false },
        // The uid's characters a document id cannot hold become "_".
        { id: `voucher_refused-${DAY}_payouts_sek-acc_2_x`, uid: "acc.2@x", kind: "voucher_refused", title, body: message, en: { title: en.title, body: en.message }, link, createdAt: now, read: false },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    assert.equal(store.vouchers.get(`${DAY}_payouts_sek`)!.alertedAt, now, "alerted once: the voucher remembers when");
  });

  it("a reason without a Fortnox code says no code; a very long uid still gives a bounded notification id", async () => {
    const { ledger, store, deps, notifications, alerts } = setup("2026-11-23");
    const long = "u".repeat(400);
    store.accountants = [long];
    ledger.addRecordedAt(
      at(DAY, 30),
      programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_eur", coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } }),
    );
    await syncAccounting(deps, { trigger: "schedule" });
    const alert = alerts.ofKind("voucher_refused")[0]!;
    const reason = store.vouchers.get(`${DAY}_sales_eur`)!.error!.message;
    assert.match(reason, /^This voucher is in EUR/);
    assert.equal(
      alert.en?.message,
      `49.90 EUR in 1 ledger entry is not in Fortnox yet: ${reason.replace(/\.$/, "")}. It is retried every run and blocks no other voucher; fix the cause, or book it by hand in Fortnox and mark it booked by hand.`,
      "no Fortnox code to name",
    );
    assert.match(alert.message, /^49,90\u00a0€ i 1 huvudbokspost finns inte i Fortnox än\. Fortnox svarade: This voucher is in EUR[^(]*\. Den försöks igen/);
    assert.doesNotMatch(alert.message, /\.\./, "one full stop between sentences");
    assert.doesNotMatch(alert.en!.message, /\.\./, "one full stop between sentences");
    const [n] = [...notifications.items.values()];
    assert.equal(n!.uid, long);
    assert.equal(n!.id, `voucher_refused-${DAY}_sales_eur-${"u".repeat(300)}`);
  });

  it("the voucher link escapes the id", () => {
    assert.equal(voucherLink("a b/c?d"), "/accountant/vouchers/a%20b%2Fc%3Fd");
  });

  it("a partial run says how many vouchers it left unposted and why, once per run", async () => {
    const { deps, alerts } = setup("2026-11-23");
    await alertPartialRun(deps, job({ posted: 3, recovered: 1, failed: 2, busy: 1, deferred: 4 }, [{ voucherId: "v1", message: "Kontot 1930 finns inte" }, { message: "second" }]));
    const alert = alerts.alerts.get("sync_partial-run-7")!;
    assert.deepEqual(
      { kind: alert.kind, title: alert.title, message: alert.message, en: alert.en, link: alert.link, objectPath: alert.objectPath },
      {
        kind: "sync_partial",
        title: "Bokföringskörningen run-7 lämnade 7 verifikationer obokförda",
        message: "4 verifikationer bokfördes; 2 nekades, 1 var upptagna, 4 väntar på nästa körning. Första orsaken: Kontot 1930 finns inte.",
        en: {
          title: "Accounting sync run-7 left 7 vouchers unposted",
          message: "4 vouchers were posted; 2 refused, 1 busy, 4 left for the next run. First reason: Kontot 1930 finns inte.",
        },
        link: "/accountant",
        objectPath: "jobs/run-7",
      },
    );
    await alertPartialRun(deps, job({ failed: 5 }));
    assert.equal(alerts.ofKind("sync_partial").length, 1, "the same run alerts once");
  });

  it("one voucher left unposted is singular; no recorded error says so", async () => {
    const { deps, alerts } = setup("2026-11-23");
    await alertPartialRun(deps, job({ busy: 1 }));
    const alert = alerts.alerts.get("sync_partial-run-7")!;
    assert.equal(alert.title, "Bokföringskörningen run-7 lämnade 1 verifikation obokförda");
    assert.equal(alert.en?.title, "Accounting sync run-7 left 1 voucher unposted");
    assert.equal(alert.message, "0 verifikationer bokfördes; 0 nekades, 1 var upptagna, 0 väntar på nästa körning. Första orsaken: ingen sparad.");
    assert.equal(alert.en?.message, "0 vouchers were posted; 0 refused, 1 busy, 0 left for the next run. First reason: none recorded.");
  });
});
