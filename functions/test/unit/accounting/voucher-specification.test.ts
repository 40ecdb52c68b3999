import assert from "node:assert/strict";
import { markVoucherBookedByHand } from "../../../src/app/accounting/booked-by-hand";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { voucherSpecification, voucherSpecificationCsv } from "../../../src/app/accounting/voucher-specification";
import { isDomainError } from "../../../src/domain/errors";
import { payoutPaidEntry, programSaleEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import { SPEC_CHUNK_SIZE } from "../../../src/ports/accounting-store";
import { at, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const accountant = { uid: "acc", role: "accountant" as const, email: null };
const HEADER = "voucher,marker,fortnox_voucher,entry_id,kind,occurred_utc,amount,currency,payment_id,payout_id,coach_id,stripe_object_id,original_amount,original_currency,flow";
const linesOf = (csv: string) => csv.replace(/^\ufeff/, "").replace(/\r\n$/, "").split("\r\n");
const iso = (ms: number) => new Date(ms).toISOString();

describe("a voucher's specification", () => {
  it("names every entry with its Stripe ids, amount, original currency and flow, under the Fortnox number", async () => {
    const { ledger, deps } = setup("2026-11-23");
    ledger.addRecordedAt(
      at(DAY, 30),
      // Charged in EUR, settled by Stripe in SEK: the specification shows both.
      programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_1", coachId: "coach1", gross: sek(49900), fee: sek(9980), original: { amount: 4400, currency: "eur", exchangeRate: 11.34 } }),
      programSaleEntry({ occurredAt: at(DAY, 2), paymentId: "pi_2", coachId: "coach2", gross: sek(10000), fee: sek(2000) }),
      payoutPaidEntry({ occurredAt: at(DAY, 5), payoutId: "payout_1", coachId: "coach1", amount: sek(20000) }),
    );
    await syncAccounting(deps, { trigger: "schedule" });

    const sales = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_sek` });
    assert.equal(sales.filename, `kassa-voucher-${DAY}_sales_sek.csv`);
    assert.equal(sales.rows, 2);
    assert.deepEqual(linesOf(sales.csv), [
      HEADER,
      `${DAY}_sales_sek,KASSA ${DAY} sales SEK,A-1 (2026),pi_1:capture,program_sale,${iso(at(DAY, 1))},499.00,SEK,pi_1,,coach1,pi_1,44.00,EUR,sales`,
      `${DAY}_sales_sek,KASSA ${DAY} sales SEK,A-1 (2026),pi_2:capture,program_sale,${iso(at(DAY, 2))},100.00,SEK,pi_2,,coach2,pi_2,,,sales`,
    ]);
    // For a Swedish Excel: the same rows with semicolons, decimal commas and Stockholm time.
    const excel = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_sek`, format: "excel-sv" });
    const [excelHeader, excelFirst] = linesOf(excel.csv);
    assert.equal(excelHeader, HEADER.replace("occurred_utc", "occurred_stockholm").replaceAll(",", ";"));
    assert.match(excelFirst!, new RegExp(`^${DAY}_sales_sek;KASSA ${DAY} sales SEK;A-1 \\(2026\\);pi_1:capture;program_sale;${DAY} \\d{2}:\\d{2}:00;499,00;SEK;pi_1;;coach1;pi_1;44,00;EUR;sales$`));
    const transfers = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_transfers_sek` });
    assert.deepEqual(linesOf(transfers.csv).slice(1), [
      `${DAY}_transfers_sek,KASSA ${DAY} transfers SEK,A-2 (2026),payout_1:paid,payout_paid,${iso(at(DAY, 5))},200.00,SEK,,payout_1,coach1,,,,transfers`,
    ]);
  });

  it("an entry without a coach (a subscription) leaves the coach column empty", async () => {
    const { ledger, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), subscriptionPaymentEntry({ occurredAt: at(DAY, 3), paymentId: "in_1", gross: sek(9900) }));
    await syncAccounting(deps, { trigger: "schedule" });
    const spec = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_subscriptions_sek` });
    assert.deepEqual(linesOf(spec.csv).slice(1), [`${DAY}_subscriptions_sek,KASSA ${DAY} subscriptions SEK,A-1 (2026),in_1:capture,subscription_payment,${iso(at(DAY, 3))},99.00,SEK,in_1,,,in_1,,,subscriptions`]);
  });

  it("a voucher booked by hand shows the accountant's Fortnox number; one not in Fortnox shows none", async () => {
    const { ledger, store, deps, clock } = setup("2026-11-23");
    const eur = (id: string, minutes: number) =>
      programSaleEntry({ occurredAt: at(DAY, minutes), paymentId: id, coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
    ledger.addRecordedAt(at(DAY, 30), eur("pi_eur", 1));
    await syncAccounting(deps, { trigger: "schedule" });
    const refused = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_eur` });
    assert.equal(linesOf(refused.csv)[1]!.split(",")[2], "", "refused: no Fortnox number yet");
    assert.equal(linesOf(refused.csv)[1]!.split(",")[7], "EUR");

    await markVoucherBookedByHand({ store, clock }, accountant, { voucherId: `${DAY}_sales_eur`, voucherNumber: "B-7" });
    const byHand = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_eur` });
    assert.deepEqual(linesOf(byHand.csv).slice(1), [`${DAY}_sales_eur,KASSA ${DAY} sales EUR,B-7,pi_eur:capture,program_sale,${iso(at(DAY, 1))},49.90,EUR,pi_eur,,coach1,pi_eur,,,sales`]);
  });

  it("a specification stored before lines named their flow shows the voucher's flow, and none for a supplementary voucher", async () => {
    const { ledger, store, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 30), programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_1", coachId: "coach1", gross: sek(49900), fee: sek(9980) }));
    await syncAccounting(deps, { trigger: "schedule" });
    ledger.addRecordedAt(clock.ms + 1, programSaleEntry({ occurredAt: at(DAY, 2), paymentId: "pi_2", coachId: "coach1", gross: sek(49900), fee: sek(9980) }));
    clock.advance(24 * 3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    // Old records' lines had no flow.
    for (const chunks of store.chunks.values()) for (const c of chunks) for (const l of c.lines) delete l.flow;
    const first = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_sek` });
    assert.equal(linesOf(first.csv)[1]!.split(",").at(-1), "sales");
    const late = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_late_sek_2` });
    assert.equal(late.rows, 1);
    assert.equal(linesOf(late.csv)[1]!.split(",").at(-1), "", "a supplementary voucher holds several flows: unknown, not 'late'");
  });

  it("a voucher of more entries than one chunk holds lists them all, in order", async () => {
    const { ledger, deps } = setup("2026-11-23");
    const n = SPEC_CHUNK_SIZE + 3;
    const sales = Array.from({ length: n }, (_, i) => programSaleEntry({ occurredAt: at(DAY, 0) + i, paymentId: `pi_${i}`, coachId: "coach1", gross: sek(1000), fee: sek(200) }));
    ledger.addRecordedAt(at(DAY, 30), ...sales);
    await syncAccounting(deps, { trigger: "schedule" });
    const spec = await voucherSpecification(deps, accountant, { voucherId: `${DAY}_sales_sek` });
    assert.equal(spec.voucher.entryCount, n);
    assert.deepEqual(spec.lines.map((l) => l.entryId), sales.map((e) => e.id));
    const csv = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_sales_sek` });
    assert.equal(csv.rows, n);
    assert.equal(linesOf(csv.csv).length, n + 1);
  });

  it("only an accountant or admin may read it; an unknown voucher is an input error naming voucherId", async () => {
    const { deps } = setup("2026-11-23");
    for (const role of ["coach", "customer", null] as const) {
      await assert.rejects(voucherSpecification(deps, { uid: "u", role, email: null }, { voucherId: `${DAY}_sales_sek` }), (e) => isDomainError(e) && e.kind === "permission");
    }
    await assert.rejects(
      voucherSpecificationCsv(deps, { uid: "adm", role: "admin", email: null }, { voucherId: `${DAY}_sales_sek` }),
      (e) => isDomainError(e) && e.kind === "invalid_input" && e.field === "voucherId" && e.message.includes(`no voucher ${DAY}_sales_sek`),
    );
  });
});
