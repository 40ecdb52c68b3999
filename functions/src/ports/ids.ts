/** Fresh ids for Kassa's own objects (checkout attempts); random in production, counted in tests. */
export interface Ids {
  next(prefix: string): string;
}
