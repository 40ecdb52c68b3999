import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureYearFor, seedState, type SandboxState } from "./state.js";

/** Holds the state and writes it through to a JSON file (if one is configured) after each change. */
export class Store {
  state: SandboxState;

  constructor(
    private readonly file: string | undefined,
    private readonly realNowMs: () => number,
    /** Where a new sandbox's clock starts (the demo history begins weeks back); a saved one keeps its time. */
    startAtMs?: number,
  ) {
    const saved = this.load();
    this.state = saved ?? seedState(stockholmDate(startAtMs ?? realNowMs()));
    if (!saved && startAtMs !== undefined) this.state.clockOffsetMs = startAtMs - realNowMs();
    ensureYearFor(this.state, this.today());
  }

  /** Milliseconds on the sandbox clock (real time plus the offset tests advanced). */
  nowMs(): number {
    return this.realNowMs() + this.state.clockOffsetMs;
  }

  /** Today's date in Stockholm, where Kassa's bookkeeping days are. */
  today(): string {
    return stockholmDate(this.nowMs());
  }

  reset(keepTokens = false): void {
    const previous = this.state;
    this.state = this.seed();
    if (keepTokens) {
      this.state.accessTokens = previous.accessTokens;
      this.state.refreshTokens = previous.refreshTokens;
      this.state.serviceConsents = previous.serviceConsents;
    }
    this.save();
  }

  /** Atomic write (temp file + rename) so a crash never leaves half a state file. */
  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.file);
  }

  private seed(): SandboxState {
    return seedState(stockholmDate(this.realNowMs()));
  }

  private load(): SandboxState | undefined {
    if (!this.file || !existsSync(this.file)) return undefined;
    const parsed = JSON.parse(readFileSync(this.file, "utf8")) as Omit<SandboxState, "preselectedFinancialYearId"> & { preselectedFinancialYearId?: number };
    // A file from an incompatible version is ignored rather than half-read.
    if (parsed.version !== 1) return undefined;
    // Files written before the preselected year existed: the latest year they hold.
    const preselected = parsed.preselectedFinancialYearId ?? Math.max(1, ...parsed.financialYears.map((y) => y.id));
    return { ...parsed, preselectedFinancialYearId: preselected };
  }
}

const stockholmFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

export function stockholmDate(ms: number): string {
  return stockholmFormat.format(new Date(ms));
}
