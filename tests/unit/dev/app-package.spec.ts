/**
 * The app package: manifest valid against the official schema shipped in
 * `@microsoft/app-manifest` (offline), icons of the right size and kind, the zip's layout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  buildManifest,
  fillTemplate,
  packageValues,
} from '../../../src/dev/app-package';

const APP_PACKAGE = path.resolve(__dirname, '../../../appPackage');
const SCHEMAS = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));

function schema(file: string): object {
  return JSON.parse(
    readFileSync(path.join(SCHEMAS, 'build/json-schemas/teams/v1.30', file), 'utf8'),
  ) as object;
}

const PRODUCTION_ENV = {
  TEAMS_APP_ID: '3f0a6c1e-2b4d-4e8f-9a1b-2c3d4e5f6a7b',
  BOT_ID: '4f0a6c1e-2b4d-4e8f-9a1b-2c3d4e5f6a7b',
  AAD_APP_CLIENT_ID: '5f0a6c1e-2b4d-4e8f-9a1b-2c3d4e5f6a7b',
  PUBLIC_URL: 'https://spotter.contoso.example/',
};

function valuesFor(variant: 'production' | 'development', env: NodeJS.ProcessEnv = {}) {
  const result = packageValues(variant, env, '1.2.3');
  if ('problems' in result) throw new Error(result.problems.join('\n'));
  return result.values;
}

/** The part of the Outlook extension these tests look into. */
interface OutlookExtension {
  requirements: unknown;
  runtimes: Array<{
    code: { page: string };
    actions: Array<{ id: string; type: string }>;
  }>;
  ribbons: Array<{
    contexts: string[];
    tabs: Array<{
      groups: Array<{
        controls: Array<{ actionId: string; icons: Array<{ size: number; url: string }> }>;
      }>;
    }>;
  }>;
}

async function schemaErrors(manifest: unknown, file: string): Promise<unknown[]> {
  const result = await AppManifestUtils.validateAgainstSchema(
    manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
    schema(file) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  return result;
}

describe('app manifest', () => {
  it.each(['development', 'production'] as const)(
    'is valid against the v1.30 schema (%s)',
    async (variant) => {
      const manifest = buildManifest(APP_PACKAGE, valuesFor(variant, PRODUCTION_ENV));
      expect(await schemaErrors(manifest, 'MicrosoftTeams.schema.json')).toEqual([]);
    },
  );

  it('takes ids and host names from the environment', () => {
    const manifest = buildManifest(APP_PACKAGE, valuesFor('production', PRODUCTION_ENV)) as {
      id: string;
      bots: Array<{ botId: string }>;
      validDomains: string[];
      webApplicationInfo: { id: string; resource: string };
    };
    expect(manifest.id).toBe(PRODUCTION_ENV.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(PRODUCTION_ENV.BOT_ID);
    expect(manifest.validDomains).toEqual(['spotter.contoso.example']);
    expect(manifest.webApplicationInfo).toEqual({
      id: PRODUCTION_ENV.AAD_APP_CLIENT_ID,
      resource: `api://spotter.contoso.example/${PRODUCTION_ENV.AAD_APP_CLIENT_ID}`,
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('names every missing or wrong production setting', () => {
    const result = packageValues('production', { PUBLIC_URL: 'http://insecure.example' }, '1.0.0');
    expect('problems' in result && result.problems.join('\n')).toMatch(/TEAMS_APP_ID/);
    expect('problems' in result && result.problems.join('\n')).toMatch(/https/);
  });

  it('refuses to leave an unknown placeholder in place', () => {
    expect(() => fillTemplate('{"a": "${{NOPE}}"}', {})).toThrow(/NOPE/);
  });

  it('finds errors in a broken manifest (the check is not a no-op)', async () => {
    const manifest = buildManifest(APP_PACKAGE, valuesFor('development')) as Record<
      string,
      unknown
    >;
    delete manifest['id'];
    const errors = await schemaErrors(
      { ...manifest, accentColor: 'purple' },
      'MicrosoftTeams.schema.json',
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('declares the Outlook add-in: a task pane on the read and compose ribbons', async () => {
    const manifest = buildManifest(APP_PACKAGE, valuesFor('production', PRODUCTION_ENV)) as {
      extensions: OutlookExtension[];
    };
    expect(await schemaErrors(manifest, 'MicrosoftTeams.schema.json')).toEqual([]);
    expect(manifest.extensions).toHaveLength(1);
    const [extension] = manifest.extensions;
    expect(extension?.requirements).toEqual({
      scopes: ['mail'],
      capabilities: [{ name: 'Mailbox', minVersion: '1.3' }],
    });
    const actions = new Map(
      extension?.runtimes.flatMap((runtime) =>
        runtime.actions.map((action) => [action.id, { runtime, action }] as const),
      ),
    );
    expect(extension?.ribbons.map((ribbon) => ribbon.contexts).sort()).toEqual([
      ['mailCompose'],
      ['mailRead'],
    ]);
    const controls = extension?.ribbons.flatMap((ribbon) =>
      ribbon.tabs.flatMap((tab) => tab.groups.flatMap((group) => group.controls)),
    );
    expect(controls?.length).toBe(2);
    for (const control of controls ?? []) {
      const target = actions.get(control.actionId);
      expect(target?.action.type).toBe('openPage');
      expect(target?.runtime.code.page).toBe('https://spotter.contoso.example/outlook.html');
      expect(control.icons.map((icon) => icon.size)).toEqual([16, 32, 80]);
    }
  });

  it('rejects a broken Outlook extension (the extension check is not a no-op)', async () => {
    const manifest = buildManifest(APP_PACKAGE, valuesFor('development')) as {
      extensions: OutlookExtension[];
    };
    const [extension] = manifest.extensions;
    const broken = {
      ...manifest,
      extensions: [
        {
          ...extension,
          runtimes: extension?.runtimes.map((runtime) => ({
            ...runtime,
            code: { page: 'http://insecure.example/outlook.html' },
          })),
        },
      ],
    };
    expect((await schemaErrors(broken, 'MicrosoftTeams.schema.json')).length).toBeGreaterThan(0);
  });

  it('has a German localization file valid against its schema, covering every command', () => {
    const german = JSON.parse(readFileSync(path.join(APP_PACKAGE, 'de.json'), 'utf8')) as Record<
      string,
      string
    >;
    // The localization schema's patterns use \\b inside a unicode regular expression, which ajv
    // cannot compile; its flat shape is checked here key by key against the same schema.
    const localization = schema('MicrosoftTeams.Localization.schema.json') as {
      properties: Record<string, { maxLength?: number }>;
      patternProperties: Record<string, { maxLength?: number }>;
      required?: string[];
    };
    for (const key of localization.required ?? []) expect(german).toHaveProperty([key]);
    for (const [key, value] of Object.entries(german)) {
      const rule =
        localization.properties[key] ??
        Object.entries(localization.patternProperties).find(([pattern]) =>
          new RegExp(pattern).test(key),
        )?.[1];
      expect([key, rule !== undefined]).toEqual([key, true]);
      if (rule?.maxLength !== undefined) expect(value.length).toBeLessThanOrEqual(rule.maxLength);
    }
    const manifest = buildManifest(APP_PACKAGE, valuesFor('development')) as {
      bots: Array<{ commandLists: Array<{ commands: unknown[] }> }>;
    };
    const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    commands.forEach((_command, index) => {
      expect(german[`bots[0].commandLists[0].commands[${index}].description`]).toBeDefined();
    });
  });
});

describe('icons', () => {
  function icon(file: string): PNG {
    return PNG.sync.read(readFileSync(path.join(APP_PACKAGE, file)));
  }

  it('has a 192 × 192 colour icon', () => {
    const color = icon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('has a 32 × 32 outline icon, white on transparent', () => {
    const outline = icon('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [
        outline.data[i],
        outline.data[i + 1],
        outline.data[i + 2],
        outline.data[i + 3],
      ];
      if (a === 0) transparent += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(transparent).toBeLessThan(32 * 32);
  });
});

describe('Outlook ribbon icons', () => {
  it.each([16, 32, 80])('serves a %i px square PNG from the built tab', (size) => {
    const png = PNG.sync.read(
      readFileSync(path.resolve(__dirname, `../../../tab/public/outlook/icon-${size}.png`)),
    );
    expect([png.width, png.height]).toEqual([size, size]);
  });

  it('names only icons that exist', () => {
    const manifest = JSON.stringify(buildManifest(APP_PACKAGE, valuesFor('development')));
    const names = [...manifest.matchAll(/\/outlook\/(icon-\d+\.png)/g)].map((match) => match[1]);
    expect(new Set(names)).toEqual(new Set(['icon-16.png', 'icon-32.png', 'icon-80.png']));
  });
});

describe('zip', () => {
  it('holds the manifest, icons and localization at its root', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(APP_PACKAGE, valuesFor('development')));
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'de.json',
      'manifest.json',
      'outline.png',
    ]);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      name: { short: string };
    };
    expect(manifest.name.short).toBe('Spotter (dev)');
  });
});
