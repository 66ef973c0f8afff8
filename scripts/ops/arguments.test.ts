import { expect } from 'chai';
import { commandLine, moduleArgument, positiveIntegerArgument } from './arguments.js';
import { UsageError } from './one-shot.js';

describe('ops command-line arguments', () => {
  it('accepts a module that has read models and names the one it does not know', () => {
    expect(moduleArgument('admissions')).to.equal('admissions');
    expect(() => moduleArgument('pharmacy')).to.throw(UsageError, /unknown module "pharmacy": one of .*admissions/);
    expect(() => moduleArgument(undefined)).to.throw(UsageError, /--module is required/);
    expect(() => moduleArgument('')).to.throw(UsageError, /--module is required/);
  });

  it('reads positive whole numbers, with a fallback when absent', () => {
    expect(positiveIntegerArgument('page-size', undefined, 1000)).to.equal(1000);
    expect(positiveIntegerArgument('page-size', '50', 1000)).to.equal(50);
    for (const bad of ['0', '-3', '2.5', 'many', ''])
      expect(() => positiveIntegerArgument('page-size', bad, 1000), bad).to.throw(UsageError, /--page-size/);
  });

  it('turns an unknown flag into a usage error', () => {
    const argv = process.argv;
    try {
      process.argv = [argv[0]!, 'script.ts', '--modul', 'admissions'];
      expect(() => commandLine({ module: { type: 'string' } })).to.throw(UsageError, /--modul/);
      process.argv = [argv[0]!, 'script.ts', '--module', 'admissions'];
      expect(commandLine({ module: { type: 'string' } })).to.deep.equal({ module: 'admissions' });
    } finally {
      process.argv = argv;
    }
  });
});
