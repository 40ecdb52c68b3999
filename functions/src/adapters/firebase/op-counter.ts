/**
 * Counts Firestore document reads made through Kassa's adapters, so benchmarks can print
 * reads per payment. Writes are counted from the documents themselves by the benchmarks.
 * A process-wide counter is enough: benchmarks read it before and after a scenario.
 */
let reads = 0;

export async function countingReads<T>(n: number, fn: () => Promise<T>): Promise<T> {
  reads += n;
  return fn();
}

export const readCount = (): number => reads;
