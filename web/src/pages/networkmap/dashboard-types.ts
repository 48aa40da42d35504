export type Scores = { workTogether: number; findEachOther: number; needsAligned: number };

export interface Dashboard {
  network: { id: string; name: string };
  municipalities: { id: string; name: string; latitude: number; longitude: number; initiatives: number; covered: boolean; latestScan: { heldOn: string; scores: Scores; average: number } | null; needs: number; gaps: number }[];
  themes: { theme: string; initiatives: number }[];
  gaps: { id: string; municipality: string; description: string; theme: string; targetGroup: string }[];
  dueForVerification: number;
}

export interface ScanHistory {
  municipalityId: string;
  municipality: string;
  rounds: ScanRound[];
}

export interface ScanRound {
  id: string;
  heldOn: string;
  scores: Scores;
  average: number;
  change: Scores | null;
  notes: Record<keyof Scores, string>;
  participants: string;
  /** The municipality's own explanation of the round. */
  municipalityNote: string;
}

/** One municipality's rounds as its own staff (canExplain), its network and the national body read them. */
export interface MunicipalityScans {
  municipalityId: string;
  municipality: string;
  network: string;
  canExplain: boolean;
  rounds: ScanRound[];
}

export const QUESTIONS = ['workTogether', 'findEachOther', 'needsAligned'] as const;
