/**
 * The Entra app registration: infra/entra/app-registration.json (applied by the Agents Toolkit's
 * aadApp/update and by infra/scripts/register-entra-app.sh) and the script itself, run against a
 * stand-in `az` that records what it was asked to do.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/bicep';
import { placeholdersIn } from './infra-fixtures';

const MANIFEST = 'infra/entra/app-registration.json';
const SCRIPT = path.join(REPO_ROOT, 'infra/scripts/register-entra-app.sh');

/** Teams, Outlook and Microsoft 365 clients (../shared/notes/teams-platform.md, "Tab SSO"). */
const HOST_CLIENTS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Outlook desktop, Microsoft 365 mobile
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
];

interface Registration {
  id?: string;
  appId?: string;
  displayName: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
  appRoles: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
}

const readJson = <T>(relativePath: string): T =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8')) as T;

describe('infra/entra/app-registration.json', () => {
  const registration = () => readJson<Registration>(MANIFEST);
  const scope = () => registration().api.oauth2PermissionScopes[0];

  it('exposes access_as_user and issues v2 access tokens only', () => {
    expect(registration().api.oauth2PermissionScopes).toHaveLength(1);
    expect(scope()).toMatchObject({ value: 'access_as_user', type: 'User', isEnabled: true });
    expect(registration().api.requestedAccessTokenVersion).toBe(2);
  });

  it('pre-authorizes exactly the Teams, Outlook and Microsoft 365 clients for that scope', () => {
    const clients = registration().api.preAuthorizedApplications;
    expect(clients.map((client) => client.appId).sort()).toEqual([...HOST_CLIENTS].sort());
    for (const client of clients) expect(client.delegatedPermissionIds).toEqual([scope()?.id]);
  });

  it("uses the identifier URI the app package's webApplicationInfo names", () => {
    const template = readJson<{ webApplicationInfo: { id: string; resource: string } }>(
      'appPackage/manifest.template.json',
    );
    expect(registration().identifierUris).toEqual([template.webApplicationInfo.resource]);
    expect(registration().appId).toBe(template.webApplicationInfo.id);
    expect(registration().identifierUris).toEqual([
      'api://${{PUBLIC_HOST}}/${{AAD_APP_CLIENT_ID}}',
    ]);
  });

  it('serves users of every tenant and defines the Spotter.Admin app role for users', () => {
    expect(registration().signInAudience).toBe('AzureADMultipleOrgs');
    expect(registration().appRoles).toEqual([
      expect.objectContaining({
        value: 'Spotter.Admin',
        allowedMemberTypes: ['User'],
        isEnabled: true,
      }),
    ]);
  });

  it('names only the placeholders the script fills', () => {
    const text = readFileSync(path.join(REPO_ROOT, MANIFEST), 'utf8');
    expect([...new Set(placeholdersIn(text))].sort()).toEqual([
      'AAD_APP_CLIENT_ID',
      'AAD_APP_OBJECT_ID',
      'APP_DISPLAY_NAME',
      'PUBLIC_HOST',
    ]);
  });
});

const APP_ID = 'a1a1a1a1-0000-4000-8000-000000000001';
const OBJECT_ID = 'a2a2a2a2-0000-4000-8000-000000000002';
const TENANT_ID = 'a3a3a3a3-0000-4000-8000-000000000003';
const FAKE_SECRET = 'Abc8Q~stand-in-secret-for-tests-only-0123456789';

/** A stand-in for the az CLI: answers the calls the script makes and records them. */
const FAKE_AZ = `#!/usr/bin/env bash
set -euo pipefail
printf '%s\\n' "$*" >>"$FAKE_AZ_DIR/calls.log"
arg_after() { local flag="$1"; shift; while [[ $# -gt 0 ]]; do [[ "$1" == "$flag" ]] && { printf '%s' "$2"; return; }; shift; done; }
case "$1 $2" in
  'account show') [[ "$*" == *tenantId* ]] && echo '${TENANT_ID}'; exit 0 ;;
  'ad app')
    case "$3" in
      list) if [[ -f "$FAKE_AZ_DIR/created" ]]; then echo '[{"appId":"${APP_ID}","id":"${OBJECT_ID}"}]'; else echo '[]'; fi ;;
      create) touch "$FAKE_AZ_DIR/created"; echo '{"appId":"${APP_ID}","id":"${OBJECT_ID}"}' ;;
      credential) echo '${FAKE_SECRET}' ;;
    esac ;;
  'ad sp') [[ "$3" == show ]] && exit 1; exit 0 ;;
esac
case "$1" in
  rest)
    count=$(ls "$FAKE_AZ_DIR" | grep -c '^patch-.*json$' || true)
    arg_after --body "$@" >"$FAKE_AZ_DIR/patch-$count.json"
    arg_after --url "$@" >"$FAKE_AZ_DIR/patch-$count.url" ;;
  keyvault)
    file=$(arg_after --file "$@")
    cp "$file" "$FAKE_AZ_DIR/stored-secret"
    printf '%s' "$file" >"$FAKE_AZ_DIR/secret-path"
    arg_after --vault-name "$@" >"$FAKE_AZ_DIR/vault" ;;
esac
`;

describe('infra/scripts/register-entra-app.sh', () => {
  let directory: string;

  beforeAll(() => {
    if (spawnSync('jq', ['--version']).status !== 0) {
      throw new Error('these tests need jq on the PATH (apt-get install -y jq)');
    }
    directory = mkdtempSync(path.join(tmpdir(), 'spotter-entra-'));
    writeFileSync(path.join(directory, 'az'), FAKE_AZ);
    chmodSync(path.join(directory, 'az'), 0o755);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${directory}:${process.env['PATH'] ?? ''}`,
        FAKE_AZ_DIR: directory,
      },
    });
  const patch = (n: number) =>
    JSON.parse(readFileSync(path.join(directory, `patch-${n}.json`), 'utf8')) as Registration;
  const calls = () => readFileSync(path.join(directory, 'calls.log'), 'utf8');

  it('passes a syntax check, as does the staging script', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
    const stage = path.join(REPO_ROOT, 'infra/scripts/stage-app.sh');
    expect(spawnSync('bash', ['-n', stage]).status).toBe(0);
  });

  it('refuses a URL where a host name belongs', () => {
    const result = run('--host', 'https://spotter-test.azurewebsites.net');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bare host name');
  });

  it('creates the registration, then applies the scope before pre-authorizing clients', () => {
    const result = run('--host', 'spotter-test.azurewebsites.net');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(calls()).toContain(
      'ad app create --display-name Spotter --sign-in-audience AzureADMultipleOrgs',
    );
    expect(calls()).toContain(`ad sp create --id ${APP_ID}`);
    expect(readFileSync(path.join(directory, 'patch-0.url'), 'utf8')).toBe(
      `https://graph.microsoft.com/v1.0/applications/${OBJECT_ID}`,
    );

    const first = patch(0);
    expect(first.api.oauth2PermissionScopes[0]?.value).toBe('access_as_user');
    expect(first.api.preAuthorizedApplications).toEqual([]);

    const second = patch(1);
    expect(second.identifierUris).toEqual([`api://spotter-test.azurewebsites.net/${APP_ID}`]);
    expect(second.api.requestedAccessTokenVersion).toBe(2);
    expect(second.api.preAuthorizedApplications.map((c) => c.appId).sort()).toEqual(
      [...HOST_CLIENTS].sort(),
    );
    expect(second.displayName).toBe('Spotter');
    expect(second.id).toBeUndefined();
    expect(second.appId).toBeUndefined();
    expect(JSON.stringify(second)).not.toContain('${{');

    expect(calls()).not.toMatch(/credential reset|keyvault/);
    expect(result.stdout).toContain(`BOT_ID=${APP_ID}`);
    expect(result.stdout).toContain(`BOT_TENANT_ID=${TENANT_ID}`);
    expect(result.stdout).toContain(
      `AAD_APP_ID_URI=api://spotter-test.azurewebsites.net/${APP_ID}`,
    );
  });

  it('finds it again, and stores a new bot secret in Key Vault without printing it', () => {
    const result = run('--host', 'spotter-test.azurewebsites.net', '--vault', 'kv-test');
    expect(result.status).toBe(0);
    expect(calls().match(/ad app create/g)).toHaveLength(1);
    expect(calls()).toContain(`ad app credential reset --id ${APP_ID} --append --years 1`);
    expect(readFileSync(path.join(directory, 'vault'), 'utf8')).toBe('kv-test');
    expect(readFileSync(path.join(directory, 'stored-secret'), 'utf8')).toBe(FAKE_SECRET);
    expect(calls()).not.toContain(FAKE_SECRET);
    expect(result.stdout + result.stderr).not.toContain(FAKE_SECRET);
    expect(existsSync(readFileSync(path.join(directory, 'secret-path'), 'utf8'))).toBe(false);
  });
});
