import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

/**
 * Writes a `.br` and a `.gz` beside every text file of the build, at the highest levels: done once at
 * build time, so the server (`@fastify/static` with `preCompressed`) spends no CPU per request on it.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'samenzorg-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const content = await fs.readFile(file);
          const [br, gzipped] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            gz(content, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          // A copy no smaller than the file is left out: the server then sends the file itself.
          await Promise.all([
            br.length < content.length ? fs.writeFile(`${file}.br`, br) : undefined,
            gzipped.length < content.length ? fs.writeFile(`${file}.gz`, gzipped) : undefined,
          ]);
        }),
      );
    },
  };
}
