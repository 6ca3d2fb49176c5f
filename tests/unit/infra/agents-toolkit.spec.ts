/**
 * m365agents.yml: the Agents Toolkit project file is wired to infra/main.bicep, the Entra
 * manifest, `npm run package` and the staging script, and every `${{NAME}}` it uses is known by
 * the time the action runs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { packageValues } from '../../../src/dev/app-package';
import { REPO_ROOT } from '../../support/bicep';
import { main, placeholdersIn, readDotenv } from './infra-fixtures';

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface ProjectFile {
  version: string;
  environmentFolderPath: string;
  provision: Action[];
  deploy: Action[];
  publish: Action[];
}

const project = (): ProjectFile =>
  parse(readFileSync(path.join(REPO_ROOT, 'm365agents.yml'), 'utf8')) as ProjectFile;

const repoPath = (relative: string) => path.join(REPO_ROOT, relative);
const text = (relative: string) => readFileSync(repoPath(relative), 'utf8');

/**
 * Required inputs per action, from the Toolkit's published YAML schema (v1.11); an action not
 * listed here is one this project does not use.
 */
const REQUIRED_WITH: Record<string, string[]> = {
  'teamsApp/create': ['name'],
  'aadApp/create': ['name', 'generateClientSecret', 'signInAudience'],
  'aadApp/update': ['manifestPath', 'outputFilePath'],
  'arm/deploy': ['subscriptionId', 'resourceGroupName', 'templates'],
  'cli/runNpmCommand': ['args'],
  'teamsApp/validateAppPackage': ['appPackagePath'],
  'teamsApp/update': ['appPackagePath'],
  'teamsApp/extendToM365': ['appPackagePath'],
  'teamsApp/publishAppPackage': ['appPackagePath'],
  script: ['run'],
  'azureAppService/zipDeploy': ['artifactFolder', 'resourceId'],
};

/** Variables the operator fills in env/.env.<environment> before the first provision. */
const OPERATOR_FILLED = [
  'BASE_NAME',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
  'ALLOWED_TENANT_IDS',
];

const allActions = () => [...project().provision, ...project().deploy, ...project().publish];

describe('m365agents.yml', () => {
  it('is a Toolkit project file with environments in env/', () => {
    expect(project().version).toMatch(/^v1\.\d+$/);
    expect(text('m365agents.yml')).toContain(`/${project().version}/yaml.schema.json`);
    expect(project().environmentFolderPath).toBe('./env');
    expect(existsSync(repoPath('env/.env.dev'))).toBe(true);
    expect(existsSync(repoPath('env/.env.prod'))).toBe(true);
  });

  it('uses only known actions, each with its required inputs', () => {
    for (const action of allActions()) {
      const required = REQUIRED_WITH[action.uses];
      expect({ uses: action.uses, known: required !== undefined }).toEqual({
        uses: action.uses,
        known: true,
      });
      const missing = (required ?? []).filter((key) => action.with?.[key] === undefined);
      expect({ uses: action.uses, missing }).toEqual({ uses: action.uses, missing: [] });
    }
  });

  it('provisions with infra/main.bicep and its Toolkit parameters file', () => {
    const deploy = project().provision.find((action) => action.uses === 'arm/deploy');
    const templates = deploy?.with?.['templates'] as { path: string; parameters: string }[];
    expect(templates).toEqual([
      expect.objectContaining({
        path: './infra/main.bicep',
        parameters: './infra/main.parameters.json',
      }),
    ]);
    for (const template of templates) {
      expect(existsSync(repoPath(template.path))).toBe(true);
      expect(existsSync(repoPath(template.parameters))).toBe(true);
    }
  });

  it('builds the app package with npm run package, from the settings it needs', () => {
    const packaging = allActions().filter((action) => action.with?.['args'] === 'run package');
    expect(packaging.length).toBeGreaterThanOrEqual(2);
    for (const action of packaging) {
      const env = Object.fromEntries(
        Object.keys(action.env ?? {}).map((name) => [
          name,
          name === 'PUBLIC_URL' ? 'https://spotter-test.azurewebsites.net' : randomUUID(),
        ]),
      );
      expect(packageValues('production', env, '1.0.0')).toHaveProperty('values');
      for (const [name, value] of Object.entries(action.env ?? {})) {
        expect(value).toBe(`\${{${name}}}`);
      }
    }
    const zipPaths = allActions()
      .map((action) => action.with?.['appPackagePath'])
      .filter((value) => value !== undefined);
    expect(new Set(zipPaths)).toEqual(new Set(['./build/appPackage.zip']));
    expect(text('src/dev/app-package.ts')).toContain("['production', 'appPackage.zip']");
  });

  it('deploys what infra/scripts/stage-app.sh stages, to the web app main.bicep outputs', () => {
    const [stage, upload] = project().deploy;
    expect(stage?.with?.['run']).toBe('bash ./infra/scripts/stage-app.sh');
    expect(upload?.uses).toBe('azureAppService/zipDeploy');
    expect(upload?.with?.['artifactFolder']).toBe('./build/deploy');
    expect(text('infra/scripts/stage-app.sh')).toContain('stage="$root/build/deploy"');
    expect(upload?.with?.['resourceId']).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(Object.keys(main().outputs)).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
  });

  it.each(['env/.env.dev', 'env/.env.prod'])(
    'knows every variable an action uses by the time it runs (%s)',
    (envFile) => {
      const template = readDotenv(envFile);
      const written = new Set([
        ...allActions().flatMap((action) => Object.values(action.writeToEnvironmentFile ?? {})),
        ...Object.keys(main().outputs),
      ]);
      // Settings of the template are known from the start; what an action writes only after it.
      const known = new Set([...template.keys()].filter((name) => !written.has(name)));
      const unknown: string[] = [];
      for (const action of allActions()) {
        const used = placeholdersIn(JSON.stringify({ with: action.with, env: action.env }));
        if (action.uses === 'arm/deploy') {
          used.push(...placeholdersIn(text('infra/main.parameters.json')));
        }
        if (action.uses === 'aadApp/update') {
          used.push(...placeholdersIn(text(String(action.with?.['manifestPath']))));
        }
        unknown.push(...used.filter((name) => !known.has(name)).map((n) => `${action.uses}: ${n}`));
        for (const name of Object.values(action.writeToEnvironmentFile ?? {})) known.add(name);
        if (action.uses === 'arm/deploy') {
          for (const name of Object.keys(main().outputs)) known.add(name);
        }
      }
      expect(unknown).toEqual([]);
      for (const name of OPERATOR_FILLED) expect(template.has(name)).toBe(true);
    },
  );
});
