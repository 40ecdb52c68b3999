/** CompanyInformationReader over Fortnox's `GET /3/companyinformation` (scope companyinformation). */
import type { CompanyInformation, CompanyInformationReader } from "../../ports/company-information";
import type { FortnoxApiClient } from "./fortnox-api-client";

interface FxCompanyInformation {
  CompanyName?: string;
  OrganizationNumber?: string;
}

export class FortnoxCompanyInformation implements CompanyInformationReader {
  constructor(private readonly api: Pick<FortnoxApiClient, "request">) {}

  async companyInformation(): Promise<CompanyInformation> {
    const res = await this.api.request<{ CompanyInformation?: FxCompanyInformation }>("GET", "/companyinformation", "the company information");
    const info = res.CompanyInformation ?? {};
    const orgNr = info.OrganizationNumber?.trim() ?? "";
    return { name: info.CompanyName?.trim() || "", organisationNumber: orgNr === "" ? null : orgNr };
  }
}
