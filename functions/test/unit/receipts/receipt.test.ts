/**
 * Receipts: the VAT on the platform's part from integer öre (rounding at the öre, never a
 * tie at 25 %), the receipt of a program and of premium, who may read one, and the PDF's text
 * in Swedish and English.
 */
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { PdfkitReceiptPdf } from "../../../src/adapters/pdf/pdfkit-receipt-pdf";
import type { Caller } from "../../../src/app/caller";
import { purchaseReceipt, type ReceiptDeps } from "../../../src/app/receipts/purchase-receipt";
import { DomainError } from "../../../src/domain/errors";
import { receiptMoney, receiptOf, vatIncluded } from "../../../src/domain/receipt";
import { newPaymentRecord } from "../../../src/app/payments/payment-record";
import type { MoneyTx, PaymentRecord } from "../../../src/ports/money-store";
import { InMemoryCatalogue } from "../../fakes/in-memory-payment-stores";

const DATE = Date.parse("2026-12-03T10:00:00Z");

describe("vatIncluded", () => {
  it("takes 25 % VAT out of a gross in öre, rounding to the nearest öre", () => {
    assert.equal(vatIncluded(9980), 1996); // 99,80 kr fee of a 499 kr program at 20 %
    assert.equal(vatIncluded(9900), 1980); // premium 99 kr
    assert.equal(vatIncluded(1), 0); // 0.2 öre
    assert.equal(vatIncluded(2), 0); // 0.4
    assert.equal(vatIncluded(3), 1); // 0.6
    assert.equal(vatIncluded(4), 1); // 0.8
    assert.equal(vatIncluded(0), 0);
    assert.equal(vatIncluded(-9980), -1996);
  });

  it("rounds a true half up at other rates, and refuses non-integers", () => {
    assert.equal(vatIncluded(53, 600), 3); // 53 × 6/106 = 3.0
    assert.equal(vatIncluded(212, 1200), 23); // 22.71…
    assert.equal(vatIncluded(20_100, 10_000), 10_050); // 100 %: exactly half
    assert.equal(vatIncluded(1, 10_000), 1); // 0.5 rounds up
    assert.throws(() => vatIncluded(99.5));
  });

  it("VAT plus the part without VAT is always the gross", () => {
    for (let g = 0; g < 2000; g++) {
      const r = receiptOf({ paymentId: "pi_x", kind: "program", date: DATE, description: "P", amount: g * 5, currency: "sek", feeAmount: g, refundedAmount: 0, status: "succeeded", card: null, coachName: "C" });
      assert.equal(r.platformVat + r.platformPartExVat, g);
      assert.equal(r.platformPart + r.coachPart, g * 5);
    }
  });
});

describe("receiptMoney", () => {
  it("writes kronor as people read them", () => {
    assert.equal(receiptMoney(100050, "sek", "sv"), "1 000,50 kr");
    assert.equal(receiptMoney(100050, "sek", "en"), "SEK 1,000.50");
    assert.equal(receiptMoney(4990, "eur", "sv"), "49,90 EUR");
  });
});

function paid(extra: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    ...newPaymentRecord({ id: "pi_3Abcdefghij1234", kind: "program", amount: 49900, currency: "sek", date: DATE, stripePaymentId: "pi_3Abcdefghij1234" }, DATE),
    status: "succeeded",
    userId: "buyer",
    coachId: "coach-1",
    programId: "prog-1",
    description: "Sömn på riktigt",
    feeAmount: 9980,
    coachAmount: 39920,
    card: { brand: "visa", last4: "4242" },
    ...extra,
  };
}

function deps(payments: PaymentRecord[]): ReceiptDeps {
  const catalogue = new InMemoryCatalogue();
  catalogue.programs.set("prog-1", { id: "prog-1", coachId: "coach-1", coachName: "Åsa Öberg", title: "Sömn på riktigt", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1, stripeProductId: null, stripePriceId: null, stripePriceVersion: null });
  const byId = new Map(payments.map((p) => [p.id, p]));
  return {
    money: { transact: (fn) => fn({ getPayment: async (id: string) => byId.get(id) ?? null } as unknown as MoneyTx) },
    catalogue,
    pdf: new PdfkitReceiptPdf(),
  };
}

const buyer: Caller = { uid: "buyer", role: "customer", email: "b@kassa.test", emailVerified: true };

async function pdfText(base64: string): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.from(base64, "base64")) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return text;
}

describe("purchaseReceipt", function () {
  this.timeout(30_000); // the first PDF parse loads pdf.js
  it("a program: the platform as seller, the coach, the fee's VAT, the card; PDF in Swedish", async () => {
    const { receipt, pdfBase64 } = await purchaseReceipt(deps([paid()]), buyer, { paymentId: "pi_3Abcdefghij1234", language: "sv" });
    assert.deepEqual(
      { number: receipt.number, day: receipt.day, seller: receipt.seller, coach: receipt.coachName, part: receipt.platformPart, vat: receipt.platformVat, coachPart: receipt.coachPart },
      { number: "K-20261203-EFGHIJ1234", day: "2026-12-03", seller: "Kassa", coach: "Åsa Öberg", part: 9980, vat: 1996, coachPart: 39920 },
    );
    const text = await pdfText(pdfBase64);
    for (const expected of ["Kvitto K-20261203-", "Säljare", "Kassa", "Åsa Öberg", "Sömn på riktigt", "499,00 kr", "99,80 kr", "Varav moms 25 % på plattformens avgift", "19,96 kr", "79,84 kr", "Visa **** 4242"]) {
      assert.ok(text.includes(expected), `PDF has ${expected}:\n${text}`);
    }
  });

  it("premium in English: all of it the platform's, VAT on the whole", async () => {
    const sub = paid({ id: "pi_sub1", kind: "subscription", amount: 9900, feeAmount: 9900, coachAmount: 0, programId: null, coachId: null, description: null });
    const { receipt, pdfBase64 } = await purchaseReceipt(deps([sub]), buyer, { paymentId: "pi_sub1", language: "en" });
    assert.equal(receipt.platformVat, 1980);
    assert.equal(receipt.coachName, null);
    const text = await pdfText(pdfBase64);
    for (const expected of ["Receipt K-20261203-SUB1", "Premium (one month)", "SEK 99.00", "SEK 19.80", "Of which VAT 25 %"]) assert.ok(text.includes(expected), `PDF has ${expected}:\n${text}`);
  });

  it("someone else's payment does not exist for the caller; a declined one has no receipt", async () => {
    const d = deps([paid(), paid({ id: "pi_failed", status: "failed" })]);
    await assert.rejects(purchaseReceipt(d, { ...buyer, uid: "other" }, { paymentId: "pi_3Abcdefghij1234", language: "sv" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found");
    await assert.rejects(purchaseReceipt(d, buyer, { paymentId: "pi_failed", language: "sv" }), (e: unknown) => e instanceof DomainError && e.kind === "precondition");
  });
});
