import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from '../../scripts/api-types.js';
import { startTestApp } from '../support/app.js';

/** 1-based number of the first line where the two texts differ, with both versions of it. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const index = a.findIndex((line, i) => line !== b[i]);
  const at = index === -1 ? a.length : index;
  return `line ${at + 1}\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}

describe("the web app's generated API types", () => {
  it("match the server's OpenAPI document", async () => {
    const { app } = await startTestApp();
    const generated = await renderApiTypes(await openApiDocument(app));
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    if (committed !== generated) {
      expect.fail(`web/src/api/openapi.d.ts is out of date with the server's schemas: run npm run api:types and commit the result.\nFirst difference at ${firstDifference(committed, generated)}`);
    }
  });
});
