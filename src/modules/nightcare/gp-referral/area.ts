/** Which GP post covers an address: postcode ranges over the 4-digit part of a Dutch postcode. */
export interface PostcodeRange {
  from: number;
  to: number;
}

export interface GpPostArea extends PostcodeRange {
  gpPostId: string;
}

/** 7811 from "7811 AB" or "7811AB"; undefined when the postcode has no leading four digits. */
export function postcodeDigits(postcode: string): number | undefined {
  const match = /^\s*(\d{4})/.exec(postcode);
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * The GP post whose range contains the postcode. Where ranges of two posts overlap (a border village
 * served by both), the narrower range wins, being the more specific agreement; then the lower start.
 */
export function coveringGpPost(postcode: string, areas: readonly GpPostArea[]): string | undefined {
  const digits = postcodeDigits(postcode);
  if (digits === undefined) return undefined;
  const covering = areas.filter((a) => a.from <= digits && digits <= a.to);
  covering.sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from || a.gpPostId.localeCompare(b.gpPostId));
  return covering[0]?.gpPostId;
}

/** Ranges of one GP post must not overlap each other; returns the index of the first that does, or -1. */
export function firstOverlap(ranges: readonly PostcodeRange[]): number {
  const order = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => a.from - b.from);
  for (let k = 1; k < order.length; k++) if (order[k]!.from <= order[k - 1]!.to) return order[k]!.i;
  return -1;
}
