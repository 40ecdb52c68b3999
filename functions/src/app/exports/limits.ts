/**
 * The numbers an export runs by, in one place (the README's Exports section quotes them).
 */

/** Longest period one export may cover: a year, leap years included. */
export const MAX_EXPORT_DAYS = 366;
/** Documents per query page: big enough that a year is ~1,000 queries, small enough to hold in memory. */
export const EXPORT_PAGE_SIZE = 1000;
/**
 * An attempt that has not written progress for this long is taken to be dead (its instance was
 * stopped), and a redelivered task may start the file again. Pages take well under a second.
 */
export const EXPORT_LEASE_MS = 2 * 60_000;
/**
 * Progress is written after a page at most this often: Firestore sustains about one write a
 * second on one document, and a fast export reads several pages a second.
 */
export const PROGRESS_EVERY_MS = 1000;
/** Task attempts before a job is marked failed (the queue's retryConfig.maxAttempts). */
export const EXPORT_MAX_ATTEMPTS = 6;
/** How long a download link works (a signed URL in production: at most 7 days there). */
export const DOWNLOAD_LINK_MS = 24 * 3600_000;
