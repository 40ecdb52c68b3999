/** Everything the sandbox remembers across restarts (faults, rate windows and the request log do not persist). */

export interface Account {
  number: number;
  description: string;
  active: boolean;
}

export interface FinancialYear {
  id: number;
  fromDate: string;
  toDate: string;
}

export interface VoucherSeries {
  code: string;
  description: string;
  /** Fortnox refuses API ("manual") vouchers in series reserved for its own modules. */
  manual: boolean;
}

export interface VoucherRow {
  account: number;
  /** Amounts are kept in öre so sums are exact; kronor exist only in the JSON. */
  debitMinor: number;
  creditMinor: number;
  transactionInformation: string;
}

export interface Voucher {
  year: number;
  series: string;
  number: number;
  description: string;
  comments: string;
  transactionDate: string;
  rows: VoucherRow[];
  createdAt: string;
}

export interface Grant {
  clientId: string;
  tenantId: string;
  scope: string;
  /** One consent (or client-credentials call); revoking any of its tokens ends all of them. */
  grantId: string;
}

export interface AuthCode extends Grant {
  redirectUri: string;
  expiresAtMs: number;
}

export interface IssuedToken extends Grant {
  expiresAtMs: number;
}

export interface SandboxState {
  version: 1;
  /** Added to the real clock; moved by POST /__sandbox/clock to expire tokens without waiting. */
  clockOffsetMs: number;
  lockedPeriodEnd: string | null;
  financialYears: FinancialYear[];
  /**
   * The company's preselected financial year (Fortnox's "förvalt räkenskapsår"): calls that
   * leave out `financialyear` use it, whatever date they carry. Set with POST /__sandbox/financialyear.
   */
  preselectedFinancialYearId: number;
  accounts: Account[];
  voucherSeries: VoucherSeries[];
  vouchers: Voucher[];
  authCodes: Record<string, AuthCode>;
  accessTokens: Record<string, IssuedToken>;
  refreshTokens: Record<string, IssuedToken>;
  /** tenant id -> scope of its service-account consent (needed for client credentials). */
  serviceConsents: Record<string, string>;
}

const seedAccounts: Array<[number, string, boolean]> = [
  [1510, "Kundfordringar", true],
  [1580, "Fordringar för kontokort och kuponger", true],
  [1910, "Kassa", true],
  [1930, "Företagskonto / checkkonto / affärskonto", true],
  [2440, "Leverantörsskulder", true],
  [2611, "Utgående moms på försäljning inom Sverige, 25 %", true],
  [2641, "Debiterad ingående moms", true],
  [2890, "Övriga kortfristiga skulder", true],
  [3001, "Försäljning inom Sverige, 25 % moms", true],
  [3041, "Försäljning tjänst inom Sverige, 25 % moms", true],
  [3740, "Öres- och kronutjämning", true],
  [3960, "Valutakursvinster på fordringar och skulder av rörelsekaraktär", true],
  // Inactive on purpose: lets Kassa's tests see Fortnox refuse an account that exists.
  [3990, "Övriga ersättningar och intäkter", false],
  [5090, "Övriga lokalkostnader", true],
  [6570, "Bankkostnader", true],
  [6590, "Övriga externa tjänster", true],
  [7960, "Valutakursförluster på fordringar och skulder av rörelsekaraktär", true],
  [8310, "Ränteintäkter från omsättningstillgångar", true],
];

/**
 * The seed is relative to "today" so it never goes stale: financial year 1 is last calendar
 * year, 2 the current one; the locked period ends on the last day of the month three months
 * back, so the current month and the two before it are open and anything older is locked.
 */
export function seedState(today: string): SandboxState {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return {
    version: 1,
    clockOffsetMs: 0,
    lockedPeriodEnd: lastDayOfMonth(year, month - 3),
    financialYears: [
      { id: 1, fromDate: `${year - 1}-01-01`, toDate: `${year - 1}-12-31` },
      { id: 2, fromDate: `${year}-01-01`, toDate: `${year}-12-31` },
    ],
    preselectedFinancialYearId: 2,
    accounts: seedAccounts.map(([number, description, active]) => ({ number, description, active })),
    voucherSeries: [
      { code: "A", description: "Redovisningsverifikationer", manual: true },
      { code: "S", description: "Systemverifikationer (ej manuella)", manual: false },
    ],
    vouchers: [],
    authCodes: {},
    accessTokens: {},
    refreshTokens: {},
    serviceConsents: {},
  };
}

/**
 * A state file kept across New Year would leave Kassa with no year for today's vouchers;
 * open the new calendar year the way an accountant would in Fortnox (next Id). The
 * preselected year stays where it was, as in Fortnox until someone changes it, so a client
 * that leaves out `financialyear` meets the date-outside-year refusal it would meet there.
 */
export function ensureYearFor(state: SandboxState, today: string): void {
  if (state.financialYears.some((y) => y.fromDate <= today && today <= y.toDate)) return;
  const year = today.slice(0, 4);
  const id = Math.max(0, ...state.financialYears.map((y) => y.id)) + 1;
  state.financialYears.push({ id, fromDate: `${year}-01-01`, toDate: `${year}-12-31` });
}

/** `month` may be zero or negative (it rolls back into earlier years). */
function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}
