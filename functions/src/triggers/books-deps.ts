/**
 * Composition root of the books' read side (SIE export, three-way reconciliation, payout
 * statements): Firestore readers of what the sync and the payouts recorded, Fortnox read
 * through the same API client the sync uses, Stripe's balance transactions.
 */
import { randomUUID } from "node:crypto";
import { runtimeClock } from "../adapters/clock/stack-clock";
import { db } from "../adapters/firebase/admin";
import { FirestoreAccountingStore } from "../adapters/firebase/accounting-store";
import { FirestoreAlertStore } from "../adapters/firebase/firestore-alert-store";
import { FirestoreBookedVouchers } from "../adapters/firebase/firestore-booked-vouchers";
import { FirestoreBooksStore } from "../adapters/firebase/firestore-books-store";
import { FirestoreStatementStore } from "../adapters/firebase/firestore-statement-store";
import { FirestoreLedgerReader } from "../adapters/firebase/ledger-reader";
import { PdfkitStatementPdf } from "../adapters/pdf/pdfkit-statement-pdf";
import { FortnoxApiClient } from "../adapters/fortnox/fortnox-api-client";
import { FortnoxCompanyInformation } from "../adapters/fortnox/fortnox-company-information";
import { FortnoxGateway } from "../adapters/fortnox/fortnox-gateway";
import { RateGate } from "../adapters/fortnox/rate-gate";
import { StripeBalanceTransactions } from "../adapters/stripe/stripe-balance-transactions";
import { stripeClient } from "../adapters/stripe/stripe-client";
import { FortnoxTokens } from "../app/accounting/fortnox-tokens";
import type { ReconcileBooksDeps } from "../app/reconciliation/reconcile-books";
import type { ExportSieDeps } from "../app/sie/export-sie";
import type { StatementDeps } from "../app/statements/issue-statement";
import { fortnoxApiBase } from "../config/params";
import { connectionDeps } from "./accounting-deps";

/** One gate per instance, as in accounting-deps: this process's Fortnox calls share the limit. */
let gate: RateGate | undefined;

export function fortnoxApi(): FortnoxApiClient {
  const tokens = new FortnoxTokens({ ...connectionDeps(), holderId: randomUUID() });
  return new FortnoxApiClient({ apiBase: fortnoxApiBase.value(), tokens, gate: (gate ??= new RateGate()) });
}

export function sieDeps(): ExportSieDeps {
  const api = fortnoxApi();
  return {
    vouchers: new FirestoreBookedVouchers(db()),
    gateway: new FortnoxGateway(api),
    company: new FortnoxCompanyInformation(api),
    clock: runtimeClock,
  };
}

export function reconcileDeps(): ReconcileBooksDeps {
  const firestore = db();
  const books = new FirestoreBooksStore(firestore);
  return {
    ledger: new FirestoreLedgerReader(firestore),
    settings: new FirestoreAccountingStore(firestore),
    vouchers: new FirestoreBookedVouchers(firestore),
    fortnox: new FortnoxGateway(fortnoxApi()),
    stripe: new StripeBalanceTransactions(stripeClient()),
    coaches: books,
    store: books,
    alerts: new FirestoreAlertStore(firestore),
    clock: runtimeClock,
  };
}

/** For reads of stored results only: no Stripe or Fortnox client, so no secrets needed. */
export const booksStore = (): FirestoreBooksStore => new FirestoreBooksStore(db());

export function statementDeps(): StatementDeps & { pdf: PdfkitStatementPdf } {
  const firestore = db();
  const statements = new FirestoreStatementStore(firestore);
  return { statements, sources: statements, settings: new FirestoreAccountingStore(firestore), clock: runtimeClock, pdf: new PdfkitStatementPdf() };
}
