/**
 * The Danish CPR number (personnummer), DDMMYY-SSSS. Checked for format and for a real date of birth;
 * the modulus-11 check is deliberately not made: since 1 October 2007 the CPR Office issues numbers that
 * fail it (CPR-kontoret, "Personnummer uden kontrolciffer"), so a check would refuse real people.
 */
const FORMAT = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/**
 * The century follows from the year and the first digit of the sequence number (CPR-kontoret's table):
 * 0-3 → 1900s; 4 and 9 → 2000s up to year 36, else 1900s; 5-8 → 2000s up to year 57, else 1800s.
 */
function century(year: number, firstSequenceDigit: number): number {
  if (firstSequenceDigit <= 3) return 1900;
  if (firstSequenceDigit === 4 || firstSequenceDigit === 9) return year <= 36 ? 2000 : 1900;
  return year <= 57 ? 2000 : 1800;
}

/** The date of birth a CPR number encodes (ISO), or undefined when the number is malformed or the date does not exist. */
export function cprBirthDate(cpr: string): string | undefined {
  const match = FORMAT.exec(cpr.trim());
  if (!match) return undefined;
  const [day, month, year, sequence] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ?? '0'];
  const fullYear = century(year, Number(sequence[0])) + year;
  const date = new Date(Date.UTC(fullYear, month - 1, day));
  if (date.getUTCFullYear() !== fullYear || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The stored notation, DDMMYY-SSSS (a number given without the hyphen gets one), or undefined when invalid. */
export function normaliseCpr(cpr: string): string | undefined {
  if (!cprBirthDate(cpr)) return undefined;
  const digits = cpr.trim().replace('-', '');
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** What a list shows: the date part only, DDMMYY-xxxx; the full number is for the record view alone. */
export const maskCpr = (cpr: string | null): string | null => (cpr ? `${cpr.slice(0, 6)}-xxxx` : null);
