/**
 * Shared reading of the infra files for the infra tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  expressionText,
  moduleDeploying,
  readBicep,
  type BicepFile,
  type BicepValue,
} from '../../support/bicep';

/** infra/main.bicep. */
export const main = (): BicepFile => readBicep('infra/main.bicep');

/** A module file by its name in infra/modules, e.g. `cosmos`. */
export const moduleFile = (name: string): BicepFile => readBicep(`infra/modules/${name}.bicep`);

/** The expression main.bicep passes to a module parameter, e.g. (`app-service`, `appSettings`). */
export function mainPasses(moduleName: string, param: string): BicepValue | undefined {
  const module = moduleDeploying(main(), `modules/${moduleName}.bicep`);
  const params = module.body['params'];
  return typeof params === 'object' && params !== null && !Array.isArray(params)
    ? (params as Record<string, BicepValue>)[param]
    : undefined;
}

/** The symbol main.bicep gives the module deploying `modules/<name>.bicep`. */
export const moduleSymbol = (name: string): string =>
  moduleDeploying(main(), `modules/${name}.bicep`).symbol;

/** Source text of an expression, with runs of whitespace made single spaces. */
export function normalized(value: BicepValue | undefined): string | undefined {
  return expressionText(value)?.replace(/\s+/g, ' ');
}

/** A parameter's `@allowed([...])` values, read from its decorator. */
export function allowedValues(file: BicepFile, param: string): string[] {
  const decorator = file.params[param]?.decorators.find((d) => d.startsWith('@allowed('));
  return decorator ? [...decorator.matchAll(/'([^']*)'/g)].map((match) => match[1] as string) : [];
}

/** True when the parameter carries `@secure()`. */
export const isSecure = (file: BicepFile, param: string): boolean =>
  file.params[param]?.decorators.includes('@secure()') ?? false;

/** The ARM parameters files in infra/. */
export const parameterFiles = (): string[] =>
  readdirSync(path.join(REPO_ROOT, 'infra'))
    .filter((file) => file.endsWith('.parameters.json'))
    .map((file) => `infra/${file}`);

/** An ARM parameters file's `parameters` object. */
export function readParameters(relativePath: string): Record<string, { value?: unknown }> {
  const json = JSON.parse(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8')) as {
    parameters: Record<string, { value?: unknown }>;
  };
  return json.parameters;
}

/** The `${{NAME}}` placeholders the Agents Toolkit fills in a text. */
export const placeholdersIn = (text: string): string[] =>
  [...text.matchAll(/\$\{\{([A-Za-z0-9_]+)\}\}/g)].map((match) => match[1] as string);

/** Key/value lines of a dotenv file (comments and blank lines skipped). */
export function readDotenv(relativePath: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(path.join(REPO_ROOT, relativePath), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) entries.set(match[1] as string, match[2] as string);
  }
  return entries;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Why a value looks like a secret (or an id that belongs in no committed settings file), or an
 * empty list. `${{NAME}}` placeholders are removed first: they name a value, they are not one.
 */
export function secretProblems(raw: string): string[] {
  const value = raw.replace(/\$\{\{[A-Za-z0-9_]+\}\}/g, '');
  const problems: string[] = [];
  if (/(AccountKey|SharedAccessKey|SharedAccessSignature|InstrumentationKey)=/i.test(value)) {
    problems.push('a connection string with a key');
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) problems.push('a private key');
  if (/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(value)) problems.push('a JWT');
  if (/[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{30,}/.test(value)) {
    problems.push('an Entra client secret');
  }
  if (GUID.test(value)) problems.push('a GUID (an id or a GUID-shaped secret)');
  if (/[A-Za-z0-9+/_-]{32,}={0,2}/.test(value)) problems.push('a long random-looking string');
  if (/\b(password|pwd|secret|token)\s*[=:]/i.test(value)) problems.push('an inline credential');
  return problems;
}

/** True for a setting or parameter name that announces a secret. */
export const secretName = (name: string): boolean =>
  /(password|secret|token|credential|connectionstring)/i.test(name) || /key$/i.test(name);

/** Every string inside a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}
