/** The platform limiter's counts (platform/rate): a keyed hash of the source, its window's end, the takes in it. */
export interface RateWindowTable {
  purpose: string;
  key_hash: Buffer;
  expires_at: Date;
  taken: number;
}
