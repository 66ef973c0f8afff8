import { expect } from 'chai';
import { MAX_LENGTH, problemWithName } from './validate.js';

const none = { modules: ['patients', 'admissions', 'audit'], takenFolders: [] };

describe('npm run new-module: the name', () => {
  it('accepts lowercase letters that name nothing yet', () => {
    expect(problemWithName('lab', none)).to.equal(null);
    expect(problemWithName('x'.repeat(MAX_LENGTH), none)).to.equal(null);
  });

  it('asks for a name when there is none', () => {
    expect(problemWithName(undefined, none)).to.include('name the module: npm run new-module <name>');
    expect(problemWithName('', none)).to.include('name the module');
  });

  it('refuses anything but lowercase letters, saying what a name becomes', () => {
    for (const bad of ['Lab', 'lab2', 'lab-tests', 'lab_tests', 'lab tests', '../lab', 'läb']) {
      expect(problemWithName(bad, none), bad).to.include('use lowercase letters a-z only');
    }
  });

  it('refuses a name too long for Kubernetes', () => {
    expect(problemWithName('x'.repeat(MAX_LENGTH + 1), none)).to.include(`at most ${MAX_LENGTH} letters`);
  });

  it('refuses a TypeScript reserved word (it names an import in the registries)', () => {
    expect(problemWithName('default', none)).to.include('reserved word');
    expect(problemWithName('delete', none)).to.include('reserved word');
  });

  it('refuses a module the manifest has', () => {
    expect(problemWithName('patients', none)).to.equal(
      'module "patients" already exists in events/src/modules/manifest.ts',
    );
  });

  it('refuses a name whose folder is already there on some side', () => {
    expect(problemWithName('runtime', { ...none, takenFolders: ['projections/src/runtime'] })).to.equal(
      '"runtime" is taken: projections/src/runtime already exists; choose another name',
    );
  });
});
