/**
 * The parameters files and the Agents Toolkit environment templates: committed, so they must
 * hold no secret, and every name in them must be a parameter of infra/main.bicep.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/bicep';
import {
  isSecure,
  main,
  parameterFiles,
  placeholdersIn,
  readDotenv,
  readParameters,
  secretName,
  secretProblems,
  stringsIn,
} from './infra-fixtures';

const TOOLKIT_PARAMETERS = 'infra/main.parameters.json';
const PER_ENVIRONMENT = ['infra/main.dev.parameters.json', 'infra/main.prod.parameters.json'];
const ENV_TEMPLATES = ['env/.env.dev', 'env/.env.prod'];

/** Parameters the az CLI route passes on the command line (docs/DEPLOY.md), not from a file. */
const COMMAND_LINE = ['baseName', 'botAppId'];

describe('the secret detector used below', () => {
  it.each([
    'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=bm90LWEtcmVhbC1rZXk=',
    'InstrumentationKey=0a1b2c3d-0000-4000-8000-000000000000',
    'Abc8Q~notarealsecretbutshapedlikeoneAAAAAA',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature',
    'b0b0b0b0-0000-4000-8000-000000000001',
    'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2g=',
    '-----BEGIN RSA PRIVATE KEY-----',
    'password=hunter2',
  ])('flags %s', (value) => {
    expect(secretProblems(value)).not.toEqual([]);
  });

  it.each(['P0v3', 'serverless', 'Continuous30Days', 'spotter-prod', '${{SECRET_BOT_PASSWORD}}'])(
    'lets %s pass',
    (value) => {
      expect(secretProblems(value)).toEqual([]);
    },
  );

  it('recognises secret-announcing names', () => {
    expect(['botPassword', 'cosmosKey', 'SECRET_X', 'apiToken'].every(secretName)).toBe(true);
    expect(['keyVaultPurgeProtection', 'botAppId', 'baseName'].some(secretName)).toBe(false);
  });
});

describe('infra/*.parameters.json', () => {
  it('are the three files this test knows', () => {
    expect(parameterFiles().sort()).toEqual([TOOLKIT_PARAMETERS, ...PER_ENVIRONMENT].sort());
  });

  it.each(parameterFiles())('%s names only parameters of main.bicep', (file) => {
    const declared = new Set(Object.keys(main().params));
    expect(Object.keys(readParameters(file)).filter((name) => !declared.has(name))).toEqual([]);
  });

  it.each(parameterFiles())('%s holds no secret-looking value', (file) => {
    for (const [name, parameter] of Object.entries(readParameters(file))) {
      for (const value of stringsIn(parameter.value)) {
        expect({ name, value, problems: secretProblems(value) }).toEqual({
          name,
          value,
          problems: [],
        });
      }
    }
  });

  it.each(PER_ENVIRONMENT)('%s sets no secret parameter at all', (file) => {
    const names = Object.keys(readParameters(file));
    expect(names.filter((name) => isSecure(main(), name) || secretName(name))).toEqual([]);
  });

  it('fills secret parameters of the Toolkit file only from SECRET_ placeholders', () => {
    for (const [name, parameter] of Object.entries(readParameters(TOOLKIT_PARAMETERS))) {
      if (!isSecure(main(), name) && !secretName(name)) continue;
      expect({ name, value: parameter.value }).toEqual({
        name,
        value: expect.stringMatching(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/),
      });
    }
    expect(readParameters(TOOLKIT_PARAMETERS)['botPassword']?.value).toBe(
      '${{SECRET_BOT_PASSWORD}}',
    );
  });

  it('leave out only the parameters the deploy guide passes on the command line', () => {
    const required = Object.entries(main().params)
      .filter(([, param]) => param.defaultValue === undefined)
      .map(([name]) => name);
    for (const file of PER_ENVIRONMENT) {
      const given = new Set(Object.keys(readParameters(file)));
      expect(required.filter((name) => !given.has(name)).sort()).toEqual([...COMMAND_LINE].sort());
    }
    const guide = readFileSync(path.join(REPO_ROOT, 'docs/DEPLOY.md'), 'utf8');
    for (const name of COMMAND_LINE) expect(guide).toContain(`${name}=`);
  });

  it('give the Toolkit every parameter main.bicep requires', () => {
    const given = new Set(Object.keys(readParameters(TOOLKIT_PARAMETERS)));
    const required = Object.entries(main().params).filter(([, p]) => p.defaultValue === undefined);
    expect(required.map(([name]) => name).filter((name) => !given.has(name))).toEqual([]);
  });
});

describe('Agents Toolkit environment templates (env/)', () => {
  it.each(ENV_TEMPLATES)('%s holds no secret and no filled-in id', (file) => {
    for (const [name, value] of readDotenv(file)) {
      expect(name.startsWith('SECRET_')).toBe(false);
      expect({ name, problems: secretProblems(value) }).toEqual({ name, problems: [] });
    }
  });

  it.each(ENV_TEMPLATES)('%s defines every variable the Toolkit parameters file reads', (file) => {
    const defined = new Set(readDotenv(file).keys());
    const text = readFileSync(path.join(REPO_ROOT, TOOLKIT_PARAMETERS), 'utf8');
    const missing = placeholdersIn(text).filter(
      (name) => !name.startsWith('SECRET_') && !defined.has(name),
    );
    expect(missing).toEqual([]);
  });
});
