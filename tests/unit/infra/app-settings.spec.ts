/**
 * The app settings infra/main.bicep gives the web app are the settings src/config/config.ts reads,
 * and together they make a valid production configuration.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { loadConfig } from '../../../src/config/config';
import { BicepExpression, REPO_ROOT, expressionText, isObject } from '../../support/bicep';
import { allowedValues, main, mainPasses } from './infra-fixtures';

/**
 * App Service platform settings: read by App Service, not by Spotter. Only `WEBSITE_` and `SCM_`
 * names may be here (checked below), so no app setting can hide in this list.
 */
const PLATFORM_SETTINGS = ['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

/** Values standing in for settings whose value Azure computes at deployment. */
const DEPLOYMENT_VALUES: Record<string, string> = {
  PUBLIC_URL: 'https://spotter-test.azurewebsites.net',
  LOG_LEVEL: 'info',
  COSMOS_ENDPOINT: 'https://spotter-test-abc123.documents.azure.com:443/',
  COSMOS_DATABASE: 'spotter',
  COSMOS_CONTAINER: 'spotter',
  BOT_ID: 'b0b0b0b0-0000-4000-8000-000000000001',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: 'c0c0c0c0-0000-4000-8000-000000000001',
  AAD_APP_CLIENT_ID: 'b0b0b0b0-0000-4000-8000-000000000001',
  AAD_APP_ID_URI: 'api://spotter-test.azurewebsites.net/b0b0b0b0-0000-4000-8000-000000000001',
  ALLOWED_TENANT_IDS: '',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://westeurope-5.in.example/',
};

/** The keys of the zod object `environmentSchema` in src/config/config.ts, read from its syntax. */
function configSettingNames(): string[] {
  const file = 'src/config/config.ts';
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(REPO_ROOT, file), 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  let names: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText(source) === 'environmentSchema' &&
      node.initializer !== undefined &&
      ts.isCallExpression(node.initializer)
    ) {
      const shape = node.initializer.arguments[0];
      if (shape !== undefined && ts.isObjectLiteralExpression(shape)) {
        names = shape.properties.map((property) => property.name?.getText(source) ?? '');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (names === undefined) throw new Error(`no environmentSchema object in ${file}`);
  return names;
}

function bicepAppSettings(): Record<string, unknown> {
  expect(expressionText(mainPasses('app-service', 'appSettings'))).toBe('appSettings');
  const settings = main().vars['appSettings'];
  if (!isObject(settings)) throw new Error('appSettings in main.bicep is not an object literal');
  return settings;
}

/** The environment App Service would give the process, with deployment-time values filled in. */
function environmentFromBicep(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(bicepAppSettings())) {
    if (PLATFORM_SETTINGS.includes(name)) continue;
    if (typeof value === 'string' && value.startsWith('@Microsoft.KeyVault(')) {
      env[name] = 'secret-resolved-from-key-vault';
    } else if (typeof value === 'string') {
      env[name] = value;
    } else {
      env[name] = DEPLOYMENT_VALUES[name];
    }
  }
  return { ...env, ...overrides };
}

describe('app settings in infra/main.bicep', () => {
  it('reads the settings list from config.ts (a sanity check of the reader)', () => {
    const names = configSettingNames();
    expect(names).toEqual(expect.arrayContaining(['NODE_ENV', 'BOT_ID', 'COSMOS_ENDPOINT']));
    expect(names.every((name) => /^[A-Z][A-Z0-9_]*$/.test(name))).toBe(true);
  });

  it('names only settings that src/config/config.ts reads, besides App Service platform ones', () => {
    const known = new Set([...configSettingNames(), ...PLATFORM_SETTINGS]);
    const unknown = Object.keys(bicepAppSettings()).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
    expect(PLATFORM_SETTINGS.every((name) => /^(WEBSITE|SCM)_/.test(name))).toBe(true);
  });

  it('has a stand-in for exactly the settings Azure computes at deployment', () => {
    const computed = Object.entries(bicepAppSettings())
      .filter(([, value]) => value instanceof BicepExpression)
      .map(([name]) => name);
    expect(computed.sort()).toEqual(Object.keys(DEPLOYMENT_VALUES).sort());
  });

  it.each(allowedValues(main(), 'botType'))(
    'makes a valid production configuration on Cosmos DB with managed identity (%s bot)',
    (botType) => {
      const config = loadConfig(environmentFromBicep({ BOT_TYPE: botType }));
      expect(config.env).toBe('production');
      expect(config.store).toMatchObject({ kind: 'cosmos', createIfMissing: false });
      expect(config.store.kind === 'cosmos' && config.store.key).toBeUndefined();
      expect(config.bot).toMatchObject({ appType: botType, password: expect.any(String) });
      expect(config.auth.audiences).toEqual([
        DEPLOYMENT_VALUES['AAD_APP_ID_URI'],
        DEPLOYMENT_VALUES['AAD_APP_CLIENT_ID'],
      ]);
      expect(config.auth.devIdentity).toBe(false);
      expect(config.publicUrl).toBe(DEPLOYMENT_VALUES['PUBLIC_URL']);
    },
  );
});
