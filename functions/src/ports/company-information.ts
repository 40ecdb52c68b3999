/** Who the books belong to, as the bookkeeping system knows the company (#FNAMN, #ORGNR in SIE). */
export interface CompanyInformation {
  name: string;
  /** "556677-8899"; null when the bookkeeping system has none. */
  organisationNumber: string | null;
}

export interface CompanyInformationReader {
  companyInformation(): Promise<CompanyInformation>;
}
