import type { z } from 'zod';
import type { AccessContext } from '../../../platform/access/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/http/index.js';
import type { SearchAnswer } from '../bundle.js';
import type { Resource } from '../resource.js';
import type { Page } from '../search.js';

/** One resource type of the API: its read, its search and the search's parameters (also listed in the CapabilityStatement). */
export interface ResourceHandler {
  type: string;
  /** The search parameters besides the paging ones, with their FHIR types, for the CapabilityStatement. */
  params: Record<string, 'token' | 'string' | 'date' | 'reference'>;
  /** Parses the search parameters (strict: an unknown one is refused). */
  query: z.ZodType<Record<string, unknown> & { _count: number; _offset: number }>;
  read(deps: PlatformDeps, ctx: AccessContext, id: string): Promise<Resource>;
  search(deps: PlatformDeps, ctx: AccessContext, query: Record<string, unknown>, page: Page): Promise<SearchAnswer>;
}

/**
 * Reads for a search by id: a refused or unknown one is left out of the Bundle, exactly as a REST read
 * of it answers "not found" (its refusal is audited by that read).
 */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

export const present = <T>(items: (T | undefined)[]): T[] => items.filter((i): i is T => i !== undefined);
