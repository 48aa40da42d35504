/** The network map's public shapes, as the API answers them (src/modules/networkmap). */
export const THEMES = ['palliative_care', 'spiritual_care', 'informal_care', 'loneliness', 'dementia', 'grief', 'end_of_life_talks', 'volunteers'] as const;
export const TARGET_GROUPS = ['incurably_ill', 'informal_caregivers', 'older_people', 'professionals', 'volunteers', 'bereaved', 'migrants'] as const;
export const STAGES = ['idea', 'starting', 'running', 'stopped'] as const;

export interface Municipality {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  network_id: string;
  network_name: string;
  initiatives: number;
}

export interface ListItem {
  id: string;
  title: string;
  summary: string;
  stage: string;
  themes: string[];
  place: string;
  fictional: boolean;
  municipality_id: string;
  municipality: string;
  network: string;
}

export interface Initiative {
  id: string;
  title: string;
  summary: string;
  municipality: { id: string; name: string };
  network: { id: string; name: string };
  place: string;
  partners: { name: string; kind: string }[];
  themes: string[];
  targetGroups: string[];
  stage: string;
  startedOn: string | null;
  contact: { name: string; email: string; phone: string } | null;
  links: string[];
  films: string[];
  files: string[];
  latitude: number | null;
  longitude: number | null;
  lastVerifiedOn: string | null;
  wantsSupport: boolean;
  fictional: boolean;
}

export interface Candidate {
  id: string;
  title: string;
  municipality: string;
  place: string;
  partners: string;
  score: number;
}

export interface Resource {
  id: string;
  kind: 'persona' | 'film' | 'document';
  title: string;
  summary: string;
  url: string | null;
  themes: string[];
  persona: { situation: string; needs: string[]; helps: string[]; quotes: string[] } | null;
  provenance: { madeBy: string; conversations: number | null; madeOn: string | null; licence: string; publishedBy: string };
  fictional: boolean;
  /** An uploaded document; its bytes are at `/api/public/networkmap/resources/{id}/document`. */
  file: { name: string; sizeBytes: number } | null;
}

/** A resource as its publisher sees it: withdrawn ones too, with the initiatives it is linked to. */
export interface OwnResource extends Resource {
  initiatives: { id: string; title: string }[];
  withdrawnAt: string | null;
}

export interface Need {
  id: string;
  municipality: { id: string; name: string; latitude: number; longitude: number };
  network: { id: string; name: string };
  description: string;
  theme: string;
  targetGroup: string;
  source: 'signal' | 'interview' | 'persona';
  persona: { id: string; title: string } | null;
  notedOn: string;
  match: { level: 'municipality' | 'region' | 'gap'; initiatives: { id: string; title: string; municipality: string }[] };
}
