// Loaded with `node --import` by bench/receiver-start.ts: counts the modules loaded (ESM through a load
// hook, CommonJS through the require cache) and the process's CPU time, and appends both to the line
// main.ts prints when the DC-09 receiver listens. CPU time says what the start costs even on a machine
// so busy that wall-clock times mostly measure waiting for a core.
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const esm = new Set();
port1.on('message', (url) => esm.add(url));
port1.unref();
const hook = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
`;
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const cache = createRequire(import.meta.url)('node:module')._cache;
const log = console.log;
console.log = (...args) => {
  if (typeof args[0] === 'string' && args[0].startsWith('DC-09 receiver on')) {
    const ours = [...esm].filter((u) => u.includes('/src/') || u.includes('/dist/')).filter((u) => !u.includes('node_modules'));
    const cjs = Object.keys(cache);
    const cpu = process.cpuUsage();
    log(`${args[0]} [modules: ${esm.size} esm (${ours.length} ours), ${cjs.length} cjs; cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms]`);
    if (process.env.LIST_MODULES) log(ours.join('\n'));
    return;
  }
  log(...args);
};
