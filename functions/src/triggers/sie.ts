/** exportSie: a SIE 4 file of the vouchers Kassa booked, for a date range in one financial year. */
import * as contracts from "../contracts/sie";
import type { ExportSieResponse } from "../contracts/sie";
import { exportSie as exportSieUseCase } from "../app/sie/export-sie";
import { fortnoxClientId, fortnoxClientSecret } from "../config/params";
import { sieDeps } from "./books-deps";
import { kassaCallable } from "./callable";

export const exportSie = kassaCallable(
  contracts.exportSie,
  async (input, caller): Promise<ExportSieResponse> => {
    const result = await exportSieUseCase(sieDeps(), caller, input);
    return { fileName: result.fileName, contentBase64: Buffer.from(result.bytes).toString("base64"), vouchers: result.vouchers, financialYear: result.financialYear };
  },
  { secrets: [fortnoxClientId, fortnoxClientSecret], timeoutSeconds: 120 },
);
