/**
 * `npm run package`: the Teams and Outlook app package, filled from the environment and zipped.
 *
 * @remarks
 * `appPackage/manifest.template.json` holds `${{NAME}}` placeholders; ids and host names come
 * from the environment so one template serves every deployment. The development variant needs
 * no settings (fixed local ids, `(dev)` in its name) for sideloading against a tunnel.
 */
import { readFileSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';

/** Which package to build. */
export type PackageVariant = 'production' | 'development';

const guid = z.string().uuid('must be a GUID');
const httpsUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => value.startsWith('https://'), 'must start with https://')
  .transform((value) => value.replace(/\/+$/, ''));

const settingsSchema = z.object({
  TEAMS_APP_ID: guid,
  BOT_ID: guid,
  AAD_APP_CLIENT_ID: guid,
  PUBLIC_URL: httpsUrl,
  APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.2.3'),
  DEVELOPER_NAME: z.string().trim().min(1).max(32),
});

/** Fixed ids of the development variant, recognisable as local. */
const DEVELOPMENT_DEFAULTS = {
  TEAMS_APP_ID: 'a0000000-0000-4000-8000-0000000000a0',
  BOT_ID: 'a0000000-0000-4000-8000-0000000000b0',
  AAD_APP_CLIENT_ID: 'a0000000-0000-4000-8000-0000000000c0',
  PUBLIC_URL: 'https://localhost:3978',
} as const;

/** Files of the package besides the manifest. */
const PACKAGE_FILES = ['color.png', 'outline.png'];

/** The placeholder values for a variant, or the list of what is wrong with the environment. */
export function packageValues(
  variant: PackageVariant,
  env: NodeJS.ProcessEnv,
  defaultVersion: string,
): { values: Record<string, string> } | { problems: string[] } {
  const source = {
    ...(variant === 'development' ? DEVELOPMENT_DEFAULTS : {}),
    APP_VERSION: defaultVersion,
    DEVELOPER_NAME: 'Spotter',
    ...Object.fromEntries(
      Object.keys(settingsSchema.shape)
        .filter((key) => env[key] !== undefined && env[key] !== '')
        .map((key) => [key, env[key]]),
    ),
  };
  const parsed = settingsSchema.safeParse(source);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const values = parsed.data;
  return {
    values: {
      ...values,
      PUBLIC_HOST: new URL(values.PUBLIC_URL).host,
      APP_NAME_SUFFIX: variant === 'development' ? ' (dev)' : '',
    },
  };
}

/** Replaces every `${{NAME}}`; an unknown name is an error, so no placeholder ships. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${{${name}}}`);
    return value.replace(/["\\]/g, (char) => `\\${char}`);
  });
}

/** The manifest object for the given values. */
export function buildManifest(
  appPackageDirectory: string,
  values: Record<string, string>,
): unknown {
  const template = readFileSync(path.join(appPackageDirectory, 'manifest.template.json'), 'utf8');
  return JSON.parse(fillTemplate(template, values)) as unknown;
}

/** The zipped package: manifest, icons and localization files at the root of the archive. */
export async function buildAppPackage(
  appPackageDirectory: string,
  values: Record<string, string>,
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    'manifest.json',
    `${JSON.stringify(buildManifest(appPackageDirectory, values), null, 2)}\n`,
  );
  const languageFiles = readdirSync(appPackageDirectory).filter((file) =>
    /^[a-z]{2}\.json$/.test(file),
  );
  for (const file of [...PACKAGE_FILES, ...languageFiles]) {
    zip.file(file, readFileSync(path.join(appPackageDirectory, file)));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const root = process.cwd();
  const appPackageDirectory = path.join(root, 'appPackage');
  const version = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  mkdirSync(path.join(root, 'build'), { recursive: true });

  let failed = false;
  for (const [variant, file] of [
    ['development', 'appPackage.dev.zip'],
    ['production', 'appPackage.zip'],
  ] as const) {
    const result = packageValues(variant, process.env, version);
    if ('problems' in result) {
      failed = true;
      console.error(
        `build/${file} not written; set these environment variables:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
      );
      continue;
    }
    writeFileSync(
      path.join(root, 'build', file),
      await buildAppPackage(appPackageDirectory, result.values),
    );
    console.log(`wrote build/${file}`);
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
