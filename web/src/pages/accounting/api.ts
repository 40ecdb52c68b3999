/** The bookkeeping callables and the shapes they return (see functions/src/app/*). */
import { httpsCallable } from "firebase/functions";
import { functions } from "../../firebase";

export interface VoucherRow {
  account: number;
  debit: number;
  credit: number;
  info?: string;
}

export interface BasMapping {
  clearing: number;
  coachLiability: number;
  coachPaid: number;
  commissionRevenue: number;
  subscriptionRevenue: number;
  outputVat: number;
  vatBps: number;
  paymentFees: number;
  disputeSuspense: number;
  bank: number;
}

export interface FortnoxStatus {
  status: "disconnected" | "connected" | "reconnect_required";
  mode: string | null;
  tenantId: string | null;
  connectedAt: number | null;
  lastError: string | null;
}

export interface VoucherRecord {
  id: string;
  state: "posting" | "posted" | "failed";
  reference?: string;
  financialYearId?: number;
  series?: string;
  number?: number;
  totalMinor: number;
  attempts: number;
  error?: { message: string; code?: number } | null;
}

export interface DayVoucherView {
  id: string;
  flow: string;
  currency: string;
  kassaRows: VoucherRow[];
  ledgerTotals: { account: string; amount: number }[];
  entryCount: number;
  record: VoucherRecord | null;
  fortnoxRows: VoucherRow[] | null;
  fortnoxError?: string;
}

export interface SyncJob {
  id: string;
  trigger: "schedule" | "manual";
  state: "running" | "succeeded" | "partial" | "failed";
  days: string[];
  progress: { daysDone: number; daysTotal: number };
  counts: {
    posted: number;
    alreadyPosted: number;
    recovered: number;
    failed: number;
    busy: number;
    nothingToBook: number;
  };
  errors: { day?: string; voucherId?: string; message: string; code?: number }[];
  vouchers: {
    id: string;
    day: string;
    flow: string;
    currency: string;
    outcome: string;
    reference?: string;
    totalMinor: number;
  }[];
  startedAt: number;
  stoppedReason?: string;
}

const fn = <I, O>(name: string) => {
  const c = httpsCallable<I, O>(functions, name);
  return async (input: I): Promise<O> => (await c(input)).data;
};

export const api = {
  status: fn<Record<string, never>, FortnoxStatus>("fortnoxStatus"),
  connectUrl: fn<{ returnPath?: string }, { url: string }>("fortnoxConnectUrl"),
  disconnect: fn<Record<string, never>, FortnoxStatus>("fortnoxDisconnect"),
  syncNow: fn<{ day?: string }, { runId: string; state: string; stoppedReason: string | null }>(
    "syncAccountingNow",
  ),
  mapping: fn<Record<string, never>, { mapping: BasMapping; series: string; defaults: BasMapping }>(
    "getAccountingMapping",
  ),
  updateMapping: fn<
    { mapping: BasMapping; series?: string },
    { checkedAgainstFortnox: boolean; warning?: string }
  >("updateAccountingMapping"),
  day: fn<{ day: string }, { day: string; vouchers: DayVoucherView[] }>("accountingDay"),
};

/** Yesterday in Stockholm: the latest day that can be booked. */
export function yesterdayInStockholm(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(
    new Date(),
  );
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const sandboxUrl: string | undefined = import.meta.env.VITE_FORTNOX_SANDBOX_URL;

/** Where a voucher can be found in Fortnox (the sandbox's page locally). */
export function voucherLink(
  r: Pick<VoucherRecord, "financialYearId" | "series" | "number">,
): string | null {
  if (!sandboxUrl || !r.financialYearId || !r.series || !r.number) return null;
  return `${sandboxUrl}/#voucher-${r.financialYearId}-${r.series}-${r.number}`;
}
