import { afterEach, describe, expect, it } from 'vitest';
import { anchorOption, pyvrpPython } from '../../bench/support/pyvrp-anchor.js';

describe('the PyVRP anchor', () => {
  const before = process.env.PYVRP_PYTHON;
  afterEach(() => {
    if (before === undefined) delete process.env.PYVRP_PYTHON;
    else process.env.PYVRP_PYTHON = before;
  });

  it('reads --anchor: pyvrp at time budgets only', () => {
    expect(anchorOption(undefined, false)).toBe(false);
    expect(anchorOption('pyvrp', false)).toBe(true);
    expect(() => anchorOption('ortools', false)).toThrow(/only pyvrp is known, not ortools/);
    expect(() => anchorOption('pyvrp', true)).toThrow(/needs time budgets/);
  });

  it('says what to set when the Python it is given cannot run PyVRP', () => {
    process.env.PYVRP_PYTHON = '/nonexistent/python';
    expect(() => pyvrpPython('/nonexistent/venv')).toThrow(/--anchor pyvrp: \/nonexistent\/python cannot import pyvrp.*Set PYVRP_PYTHON to a Python that imports pyvrp 0\.14\.0/);
  });
});
