import { strict as assert } from "node:assert";
import { PDFParse } from "pdf-parse";
import { PdfkitStatementPdf } from "../../../src/adapters/pdf/pdfkit-statement-pdf";
import { becamePaid, issueStatement, myStatements, payoutStatement, payoutStatementPdf, type StatementDeps } from "../../../src/app/statements/issue-statement";
import type { Caller } from "../../../src/app/caller";
import { DomainError } from "../../../src/domain/errors";
import type { PaymentRecord } from "../../../src/ports/money-store";
import type { PayoutRecord } from "../../../src/ports/payout-store";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryStatements } from "./statement-fakes";

const payment = (p: Pick<PaymentRecord, "id" | "amount" | "feeAmount" | "coachAmount" | "date" | "description" | "programId">): PaymentRecord => p as PaymentRecord;

const payoutOf = (over: Partial<PayoutRecord> & Pick<PayoutRecord, "id">): PayoutRecord =>
  ({
    coachId: "c1",
    amount: 39920,
    currency: "sek",
    date: Date.parse("2026-11-16T07:00:00Z"),
    status: "paid",
    trigger: "schedule",
    runId: null,
    stripeAccountId: "acct_c1",
    stripePayoutId: "po_1",
    attempt: 1,
    pastAttempts: [],
    sendStartedAt: null,
    relatedPaymentIds: ["pi_1"],
    lineItems: [],
    paidThrough: null,
    failureCode: null,
    failureReason: null,
    requestedBy: null,
    decidedBy: null,
    approvals: [],
    requiredApprovals: 1,
    auditCount: 0,
    updatedAt: Date.parse("2026-11-18T09:00:00Z"),
    ...over,
  }) as PayoutRecord;

const coach = (uid = "c1"): Caller => ({ uid, role: "coach", email: null });

describe("payout statements: issuing and numbering", () => {
  let store: InMemoryStatements;
  let deps: StatementDeps;
  beforeEach(() => {
    store = new InMemoryStatements();
    store.paymentDocs.set("pi_1", payment({ id: "pi_1", amount: 49900, feeAmount: 9980, coachAmount: 39920, date: Date.parse("2026-11-08T10:00:00Z"), description: "Sömn på riktigt", programId: "p1" }));
    store.paymentDocs.set("pi_2", payment({ id: "pi_2", amount: 29900, feeAmount: 5980, coachAmount: 23920, date: Date.parse("2026-11-09T10:00:00Z"), description: "Andning", programId: "p2" }));
    deps = { statements: store, sources: store, settings: { settings: async () => null }, clock: new FixedClock(Date.parse("2026-11-18T09:00:01Z")) };
  });

  it("a paid payout with no readable updatedAt is numbered in the year it is issued, not refused for ever", async () => {
    store.payouts.set("po_x", payoutOf({ id: "po_x", updatedAt: undefined as unknown as number }));
    const { statement } = await issueStatement({ ...deps, clock: new FixedClock(Date.parse("2026-12-31T23:30:00Z")) }, { payoutId: "po_x" });
    assert.equal(statement.year, 2027, "23:30 UTC on 31 Dec is 00:30 on 1 Jan in Stockholm");
    assert.equal(statement.paidAt, Date.parse("2026-12-31T23:30:00Z"));
  });

  it("a statement is due exactly when a payout becomes paid", () => {
    assert.equal(becamePaid({ status: "processing" }, { status: "paid" }), true);
    assert.equal(becamePaid({ status: "paid" }, { status: "paid" }), false, "a later update of a paid payout does not issue again");
    assert.equal(becamePaid(null, { status: "paid" }), true);
    assert.equal(becamePaid({ status: "paid" }, { status: "failed" }), false);
  });

  it("numbers paid payouts 1, 2, 3 in the order they are paid, per year, and never renumbers", async () => {
    for (const [id, paidAt] of [["po-a", "2026-11-18T09:00:00Z"], ["po-b", "2026-11-25T09:00:00Z"], ["po-c", "2027-01-04T09:00:00Z"], ["po-d", "2027-01-11T09:00:00Z"]] as const) {
      store.payouts.set(id, payoutOf({ id }));
      await issueStatement(deps, { payoutId: id, paidAt: Date.parse(paidAt) });
    }
    assert.deepEqual([...store.statements.values()].map((s) => s.number), ["2026-0001", "2026-0002", "2027-0001", "2027-0002"]);
    const again = await issueStatement(deps, { payoutId: "po-a", paidAt: Date.parse("2027-02-01T00:00:00Z") });
    assert.equal(again.created, false);
    assert.equal(again.statement.number, "2026-0001");
  });

  it("a payout paid at 00:30 on 1 January in Stockholm (23:30 UTC) belongs to the new year's series", async () => {
    store.payouts.set("po-ny", payoutOf({ id: "po-ny" }));
    const { statement } = await issueStatement(deps, { payoutId: "po-ny", paidAt: Date.parse("2026-12-31T23:30:00Z") });
    assert.equal(statement.number, "2027-0001");
  });

  it("thirty payouts paid at once and each trigger delivered twice get 1..30, no gaps, no repeats", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `po-${i}`);
    for (const id of ids) store.payouts.set(id, payoutOf({ id }));
    store.abortNext = 3;
    const attempt = async (id: string): Promise<void> => {
      for (;;) {
        try {
          await issueStatement(deps, { payoutId: id });
          return;
        } catch (e) {
          if (!(e instanceof Error) || !/aborted/.test(e.message)) throw e;
        }
      }
    };
    await Promise.all([...ids, ...ids].map(attempt));
    const numbers = [...store.statements.values()].map((s) => s.sequence).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 30 }, (_, i) => i + 1));
    assert.equal(store.counters.get(2026), 30);
  });

  it("refuses a payout that is not paid, and an unknown one, without taking a number", async () => {
    store.payouts.set("po-p", payoutOf({ id: "po-p", status: "processing" }));
    await assert.rejects(issueStatement(deps, { payoutId: "po-p" }), (e: unknown) => e instanceof DomainError && e.kind === "precondition");
    await assert.rejects(issueStatement(deps, { payoutId: "po-none" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found");
    assert.equal(store.counters.size, 0);
  });

  it("sales, the fee with its VAT, refunds netted: the lines add up to the payout", async () => {
    store.payouts.set("po-r", payoutOf({ id: "po-r", amount: 39920 + 23920 - 8000, relatedPaymentIds: ["pi_1", "pi_2"], lineItems: [{ kind: "adjustment", programId: null, description: "Refund of Andning (pi_0)", payments: 1, coachAmount: -8000 }] }));
    const { statement } = await issueStatement(deps, { payoutId: "po-r" });
    assert.deepEqual(statement.lines.map((l) => [l.kind, l.description, l.grossMinor, l.feeNetMinor, l.feeVatMinor, l.amountMinor]), [
      ["sale", "Sömn på riktigt", 49900, 7984, 1996, 39920],
      ["sale", "Andning", 29900, 4784, 1196, 23920],
      ["adjustment", "Refund of Andning (pi_0)", null, null, null, -8000],
    ]);
    assert.equal(statement.lines.reduce((t, l) => t + l.amountMinor, 0), statement.amountMinor);
    assert.equal(statement.stripeAccountId, "acct_c1");
  });

  it("a coach sees their own statements (issued lazily if the trigger has not run), never another coach's", async () => {
    store.payouts.set("po-1", payoutOf({ id: "po-1" }));
    store.payouts.set("po-2", payoutOf({ id: "po-2", coachId: "c2", stripeAccountId: "acct_c2" }));
    const mine = await payoutStatement(deps, coach("c1"), { payoutId: "po-1" });
    assert.equal(mine.number, "2026-0001");
    await assert.rejects(payoutStatement(deps, coach("c1"), { payoutId: "po-2" }), (e: unknown) => e instanceof DomainError && e.kind === "not_found");
    assert.equal(store.statements.has("po-2"), false, "asking for someone else's payout issues nothing");
    await assert.rejects(payoutStatement(deps, { uid: "u", role: "customer", email: null }, { payoutId: "po-1" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    assert.equal((await payoutStatement(deps, { uid: "acc", role: "accountant", email: null }, { payoutId: "po-1" })).number, "2026-0001");
    assert.deepEqual((await myStatements(deps, coach("c1"))).statements.map((s) => s.payoutId), ["po-1"]);
    assert.deepEqual((await myStatements(deps, coach("c2"))).statements, []);
  });

  it("the PDF (pdfkit) opens and its text holds the number, the payout, each sale with its fee and VAT, and the total", async function () {
    this.timeout(20_000);
    store.payouts.set("po-r", payoutOf({ id: "po-r", amount: 39920 + 23920 - 8000, relatedPaymentIds: ["pi_1", "pi_2"], lineItems: [{ kind: "adjustment", programId: null, description: "Refund of Andning (pi_0)", payments: 1, coachAmount: -8000 }] }));
    const pdf = await payoutStatementPdf({ ...deps, pdf: new PdfkitStatementPdf() }, coach("c1"), { payoutId: "po-r" });
    assert.equal(pdf.fileName, "kassa-statement-2026-0001.pdf");
    assert.equal(Buffer.from(pdf.bytes.subarray(0, 5)).toString("latin1"), "%PDF-");
    const parser = new PDFParse({ data: pdf.bytes });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const expected of ["Payout statement 2026-0001", "po-r", "acct_c1", "Sömn på riktigt", "499.00", "79.84", "19.96", "399.20", "-80.00", "558.40"]) {
      assert.ok(text.includes(expected), `PDF text has ${expected}:\n${text}`);
    }
  });
});
