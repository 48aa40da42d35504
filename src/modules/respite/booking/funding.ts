/** A funding decision on file for the person. */
export interface FundingOnFile {
  scheme: 'wmo' | 'wlz' | 'private';
  nightsPerYear: number | null;
  validFrom: string;
  validUntil: string | null;
}

export interface FundingVerdict {
  scheme: 'wmo' | 'wlz' | 'private';
  onFile: boolean;
  validForDates: boolean;
  /** Wmo only: nights granted this calendar year minus those booked; null where no ceiling applies. */
  nightsRemaining: number | null;
  covers: boolean;
}

/**
 * Whether each scheme pays for the nights [from, to): Wmo needs a municipal decision valid over the dates
 * with enough nights left this year, Wlz an indication valid over the dates; private payment always
 * covers. A stay over New Year counts against the year of its first night (our simplification).
 */
export function checkFunding(onFile: readonly FundingOnFile[], usedNightsThisYear: number, from: string, to: string): FundingVerdict[] {
  const nights = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const lastNight = new Date(Date.parse(to) - 86_400_000).toISOString().slice(0, 10);
  const verdict = (scheme: 'wmo' | 'wlz'): FundingVerdict => {
    const decisions = onFile.filter((f) => f.scheme === scheme);
    const valid = decisions.filter((f) => f.validFrom <= from && (f.validUntil === null || f.validUntil >= lastNight));
    const granted = scheme === 'wmo' ? Math.max(0, ...valid.map((f) => f.nightsPerYear ?? 0)) : null;
    const nightsRemaining = granted === null ? null : Math.max(0, granted - usedNightsThisYear);
    const covers = valid.length > 0 && (nightsRemaining === null || nightsRemaining >= nights);
    return { scheme, onFile: decisions.length > 0, validForDates: valid.length > 0, nightsRemaining, covers };
  };
  return [verdict('wmo'), verdict('wlz'), { scheme: 'private', onFile: true, validForDates: true, nightsRemaining: null, covers: true }];
}
