/**
 * Telling people a voucher cannot be posted: once per voucher (its alertedAt), as an
 * `alerts/` entry for the admins and a notification to every accountant, with Fortnox's
 * reason; and once per run that ended partial (some voucher not posted), not only failed.
 */
import { counted, moneyIn } from "../../domain/people-words";
import type { AlertStore } from "../../ports/alert-store";
import type { AccountingStore, SyncJob, VoucherError, VoucherRecord } from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import type { NotificationStore } from "../../ports/notification-store";
import { alertText, raiseAlert } from "../alerts/alerts";
import { notify } from "../notifications/notify";

export interface AlertingDeps {
  alerts: AlertStore;
  notifications: NotificationStore;
  store: AccountingStore;
  clock: Clock;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 300);
export const voucherLink = (id: string) => `/accountant/vouchers/${encodeURIComponent(id)}`;

export async function alertVoucherRefused(deps: AlertingDeps, record: VoucherRecord, error: VoucherError): Promise<void> {
  const reason = `${error.message.replace(/[.\s]+$/, "")}${error.code ? ` (Fortnox ${error.code})` : ""}`;
  const text = alertText({
    sv: {
      title: `Verifikationen ${record.marker} kunde inte bokföras i Fortnox`,
      message: `${moneyIn("sv", record.totalMinor, record.currency)} i ${counted(record.entryCount, "huvudbokspost", "huvudboksposter")} finns inte i Fortnox än. Fortnox svarade: ${reason}. Den försöks igen vid varje körning och stoppar inga andra verifikationer; åtgärda orsaken, eller bokför den för hand i Fortnox och markera den som bokförd för hand.`,
    },
    en: {
      title: `Voucher ${record.marker} could not be posted to Fortnox`,
      message: `${moneyIn("en", record.totalMinor, record.currency)} in ${counted(record.entryCount, "ledger entry", "ledger entries")} is not in Fortnox yet: ${reason}. It is retried every run and blocks no other voucher; fix the cause, or book it by hand in Fortnox and mark it booked by hand.`,
    },
  });
  const link = voucherLink(record.id);
  await raiseAlert(deps, { id: `voucher_refused-${safeId(record.id)}`, kind: "voucher_refused", ...text, link, objectPath: `accounting/${record.id}` });
  const now = deps.clock.now().getTime();
  for (const uid of await deps.store.accountantIds()) {
    await notify(deps, {
      id: `voucher_refused-${safeId(record.id)}-${safeId(uid)}`,
      uid,
      kind: "voucher_refused",
      title: text.title,
      body: text.message,
      en: { title: text.en!.title, body: text.en!.message },
      link,
      createdAt: now,
      read: false,
    });
  }
  await deps.store.updateVoucher(record.id, { alertedAt: now });
}

export async function alertPartialRun(deps: AlertingDeps, job: SyncJob): Promise<void> {
  const notPosted = job.counts.failed + job.counts.busy + job.counts.deferred;
  await raiseAlert(deps, {
    id: `sync_partial-${safeId(job.id)}`,
    kind: "sync_partial",
    ...alertText({
      sv: {
        title: `Bokföringskörningen ${job.id} lämnade ${counted(notPosted, "verifikation", "verifikationer")} obokförda`,
        message: `${counted(job.counts.posted + job.counts.recovered, "verifikation", "verifikationer")} bokfördes; ${job.counts.failed} nekades, ${job.counts.busy} var upptagna, ${job.counts.deferred} väntar på nästa körning. Första orsaken: ${job.errors[0]?.message ?? "ingen sparad"}.`,
      },
      en: {
        title: `Accounting sync ${job.id} left ${counted(notPosted, "voucher", "vouchers")} unposted`,
        message: `${job.counts.posted + job.counts.recovered} vouchers were posted; ${job.counts.failed} refused, ${job.counts.busy} busy, ${job.counts.deferred} left for the next run. First reason: ${job.errors[0]?.message ?? "none recorded"}.`,
      },
    }),
    link: "/accountant",
    objectPath: `jobs/${job.id}`,
  });
}
