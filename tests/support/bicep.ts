/**
 * A reader for the Bicep files in `infra/`, so tests can assert on their structure.
 *
 * @remarks
 * No Bicep compiler can run here (see ../shared/notes/toolchain.md), so the infra tests read the
 * source. This is not a Bicep compiler: it understands the declarations (`param`, `var`,
 * `resource`, `module`, `output`), object and array literals, strings, numbers, booleans, `null`,
 * `[for … : …]` loops and `if (…)` conditions, and keeps every other expression as its source
 * text ({@link BicepExpression}). That is enough to check that a property holds a given literal,
 * or which parameter or output an expression names, without regular expressions over the file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** An expression the reader keeps as source text (a parameter, a function call, a ternary …). */
export class BicepExpression {
  constructor(
    /** The expression's source, trimmed. */
    readonly text: string,
  ) {}
}

/** A `[for … : body]` loop. */
export class BicepLoop {
  constructor(
    /** What follows `for`, e.g. `setting in items(appSettings)`. */
    readonly header: string,
    /** The value produced per item. */
    readonly body: BicepValue,
  ) {}
}

/** A value written with `if (condition) value`. */
export class BicepConditional {
  constructor(
    /** The condition's source. */
    readonly condition: string,
    /** The value when the condition holds. */
    readonly body: BicepValue,
  ) {}
}

/** An object literal. */
export interface BicepObject {
  [key: string]: BicepValue;
}

/** Any value the reader distinguishes. */
export type BicepValue =
  | string
  | number
  | boolean
  | null
  | BicepValue[]
  | BicepObject
  | BicepExpression
  | BicepLoop
  | BicepConditional;

/** A `param` declaration. */
export interface BicepParam {
  /** Declared type, e.g. `string`, `int`, `object`. */
  readonly type: string;
  /** The default value, when there is one. */
  readonly defaultValue?: BicepValue;
  /** Decorator sources, e.g. `@secure()`, `@allowed([…])`. */
  readonly decorators: string[];
}

/** A `resource` declaration. */
export interface BicepResource {
  /** Symbolic name. */
  readonly symbol: string;
  /** Resource type, e.g. `Microsoft.Web/sites`. */
  readonly type: string;
  /** API version. */
  readonly apiVersion: string;
  /** True for `existing` references. */
  readonly existing: boolean;
  /** Condition source of `= if (…) {…}`. */
  readonly condition?: string;
  /** The body object. */
  readonly body: BicepObject;
}

/** A `module` declaration. */
export interface BicepModule {
  /** Symbolic name. */
  readonly symbol: string;
  /** Path of the module file, relative to the declaring file. */
  readonly path: string;
  /** Condition source of `= if (…) {…}`. */
  readonly condition?: string;
  /** The body object (`name`, `params` …). */
  readonly body: BicepObject;
}

/** An `output` declaration. */
export interface BicepOutput {
  /** Declared type. */
  readonly type: string;
  /** The value. */
  readonly value: BicepValue;
}

/** Everything the reader found in one file. */
export interface BicepFile {
  /** Repository-relative path. */
  readonly path: string;
  /** `targetScope`, when declared. */
  readonly targetScope?: string;
  readonly params: Record<string, BicepParam>;
  readonly vars: Record<string, BicepValue>;
  readonly resources: BicepResource[];
  readonly modules: BicepModule[];
  readonly outputs: Record<string, BicepOutput>;
}

type TokenKind = 'newline' | 'identifier' | 'number' | 'string' | 'punctuation' | 'end';

interface Token {
  readonly kind: TokenKind;
  /** Identifier or punctuation text, the number's digits, or the string's decoded content. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '??', '?.', '::', '=~', '!~', '.?'];
const SINGLE_PUNCTUATION = '{}[]()=:,.?!<>+-*/%@|&';
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** Thrown when a file does not parse; names the position. */
export class BicepSyntaxError extends Error {}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => {
    const line = source.slice(0, i).split('\n').length;
    throw new BicepSyntaxError(`${message} at line ${line}`);
  };
  while (i < source.length) {
    const char = source[i] as string;
    const start = i;
    if (char === '\n') {
      tokens.push({ kind: 'newline', value: '\n', start, end: ++i });
    } else if (char === ' ' || char === '\t' || char === '\r') {
      i += 1;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) fail('unterminated comment');
      i = close + 2;
    } else if (source.startsWith("'''", i)) {
      const close = source.indexOf("'''", i + 3);
      if (close < 0) fail('unterminated multi-line string');
      tokens.push({ kind: 'string', value: source.slice(i + 3, close), start, end: close + 3 });
      i = close + 3;
    } else if (char === "'") {
      let value = '';
      i += 1;
      while (source[i] !== "'") {
        if (i >= source.length || source[i] === '\n') fail('unterminated string');
        if (source[i] === '\\') {
          const escaped = ESCAPES[source[i + 1] ?? ''];
          if (escaped === undefined) fail('unknown escape');
          value += escaped;
          i += 2;
        } else if (source.startsWith('${', i)) {
          const close = interpolationEnd(source, i + 2);
          if (close < 0) fail('unterminated interpolation');
          value += source.slice(i, close + 1);
          i = close + 1;
        } else {
          value += source[i];
          i += 1;
        }
      }
      i += 1;
      tokens.push({ kind: 'string', value, start, end: i });
    } else if (/[0-9]/.test(char)) {
      while (i < source.length && /[0-9]/.test(source[i] as string)) i += 1;
      tokens.push({ kind: 'number', value: source.slice(start, i), start, end: i });
    } else if (/[A-Za-z_]/.test(char)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i] as string)) i += 1;
      tokens.push({ kind: 'identifier', value: source.slice(start, i), start, end: i });
    } else {
      const pair = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (pair) {
        i += pair.length;
        tokens.push({ kind: 'punctuation', value: pair, start, end: i });
      } else if (SINGLE_PUNCTUATION.includes(char)) {
        i += 1;
        tokens.push({ kind: 'punctuation', value: char, start, end: i });
      } else {
        fail(`unexpected character ${JSON.stringify(char)}`);
      }
    }
  }
  tokens.push({ kind: 'end', value: '', start: source.length, end: source.length });
  return tokens;
}

/** Index of the `}` closing an interpolation that starts at `from`, skipping nested strings. */
function interpolationEnd(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i += 1) {
    const char = source[i];
    if (char === "'") {
      i += 1;
      while (i < source.length && source[i] !== "'") i += source[i] === '\\' ? 2 : 1;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      if (depth === 0) return i;
      depth -= 1;
    } else if (char === '\n') {
      return -1;
    }
  }
  return -1;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

class Parser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseFile(filePath: string): BicepFile {
    const file = {
      path: filePath,
      targetScope: undefined as string | undefined,
      params: {} as Record<string, BicepParam>,
      vars: {} as Record<string, BicepValue>,
      resources: [] as BicepResource[],
      modules: [] as BicepModule[],
      outputs: {} as Record<string, BicepOutput>,
    };
    let decorators: string[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'end') break;
      if (token.kind === 'punctuation' && token.value === '@') {
        decorators.push(this.rawUntilLineEnd());
        continue;
      }
      const keyword = this.expect('identifier').value;
      switch (keyword) {
        case 'targetScope': {
          this.expectPunctuation('=');
          const value = this.parseValue();
          file.targetScope = typeof value === 'string' ? value : undefined;
          break;
        }
        case 'param': {
          const name = this.expect('identifier').value;
          const type = this.rawUntil(['=']);
          const defaultValue = this.acceptPunctuation('=') ? this.parseValue() : undefined;
          file.params[name] = {
            type,
            decorators,
            ...(defaultValue === undefined ? {} : { defaultValue }),
          };
          break;
        }
        case 'var': {
          const name = this.expect('identifier').value;
          this.expectPunctuation('=');
          file.vars[name] = this.parseValue();
          break;
        }
        case 'resource': {
          const symbol = this.expect('identifier').value;
          const [type = '', apiVersion = ''] = this.expect('string').value.split('@');
          const existing = this.peek().kind === 'identifier' && this.peek().value === 'existing';
          if (existing) this.next();
          this.expectPunctuation('=');
          const { body, condition } = this.declarationBody(`resource ${symbol}`);
          file.resources.push({
            symbol,
            type,
            apiVersion,
            existing,
            body,
            ...(condition === undefined ? {} : { condition }),
          });
          break;
        }
        case 'module': {
          const symbol = this.expect('identifier').value;
          const modulePath = this.expect('string').value;
          this.expectPunctuation('=');
          const { body, condition } = this.declarationBody(`module ${symbol}`);
          file.modules.push({
            symbol,
            path: modulePath,
            body,
            ...(condition === undefined ? {} : { condition }),
          });
          break;
        }
        case 'output': {
          const name = this.expect('identifier').value;
          const type = this.rawUntil(['=']);
          this.expectPunctuation('=');
          file.outputs[name] = { type, value: this.parseValue() };
          break;
        }
        default:
          this.fail(`unsupported declaration "${keyword}"`);
      }
      decorators = [];
      this.expectStatementEnd();
    }
    return file;
  }

  private declarationBody(what: string): { body: BicepObject; condition?: string } {
    const value = this.parseValue();
    if (value instanceof BicepConditional && isObject(value.body)) {
      return { body: value.body, condition: value.condition };
    }
    if (isObject(value)) return { body: value };
    return this.fail(`${what} must have an object body`);
  }

  /** A value: a literal when it stands alone, otherwise the whole expression as text. */
  private parseValue(): BicepValue {
    const start = this.position;
    const value = this.parsePrimary();
    if (value !== undefined && this.atValueEnd()) return value;
    this.position = start;
    return new BicepExpression(this.rawUntil([]));
  }

  private parsePrimary(): BicepValue | undefined {
    const token = this.peek();
    if (token.kind === 'string') {
      this.next();
      return token.value;
    }
    if (token.kind === 'number') {
      this.next();
      return Number(token.value);
    }
    if (token.kind === 'identifier') {
      if (token.value === 'true' || token.value === 'false') {
        this.next();
        return token.value === 'true';
      }
      if (token.value === 'null') {
        this.next();
        return null;
      }
      if (token.value === 'if') {
        this.next();
        this.expectPunctuation('(');
        const condition = this.rawUntil([')']);
        this.expectPunctuation(')');
        return new BicepConditional(condition, this.parseValue());
      }
      return undefined;
    }
    if (token.kind === 'punctuation' && token.value === '{') return this.parseObject();
    if (token.kind === 'punctuation' && token.value === '[') return this.parseArray();
    return undefined;
  }

  private parseObject(): BicepObject {
    this.expectPunctuation('{');
    const object: BicepObject = {};
    for (;;) {
      this.skipSeparators();
      if (this.acceptPunctuation('}')) return object;
      const key = this.peek();
      if (key.kind !== 'identifier' && key.kind !== 'string') this.fail('expected a property name');
      this.next();
      this.expectPunctuation(':');
      object[key.value] = this.parseValue();
    }
  }

  private parseArray(): BicepValue[] | BicepLoop {
    this.expectPunctuation('[');
    this.skipNewlines();
    if (this.peek().kind === 'identifier' && this.peek().value === 'for') {
      this.next();
      const header = this.rawUntil([':']);
      this.expectPunctuation(':');
      const body = this.parseValue();
      this.skipNewlines();
      this.expectPunctuation(']');
      return new BicepLoop(header, body);
    }
    const items: BicepValue[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.acceptPunctuation(']')) return items;
      items.push(this.parseValue());
    }
  }

  /** True when the value just read is complete (nothing but a separator or closer follows). */
  private atValueEnd(): boolean {
    const token = this.peek();
    return (
      token.kind === 'newline' ||
      token.kind === 'end' ||
      (token.kind === 'punctuation' && (CLOSERS.has(token.value) || token.value === ','))
    );
  }

  /**
   * The source from here up to (not including) a newline, comma or closer at nesting depth 0, or
   * one of `stops` at depth 0; brackets opened inside are followed to their end.
   */
  private rawUntil(stops: string[]): string {
    const stack: string[] = [];
    const start = this.peek().start;
    let end = start;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') break;
      if (stack.length === 0) {
        if (token.kind === 'newline') break;
        if (token.kind === 'punctuation' && (stops.includes(token.value) || token.value === ',')) {
          break;
        }
        if (token.kind === 'punctuation' && CLOSERS.has(token.value)) break;
      }
      if (token.kind === 'punctuation' && OPENERS[token.value] !== undefined) {
        stack.push(OPENERS[token.value] as string);
      } else if (token.kind === 'punctuation' && token.value === stack[stack.length - 1]) {
        stack.pop();
      }
      end = token.end;
      this.next();
    }
    const text = this.source.slice(start, end).trim();
    if (text.length === 0) this.fail('expected an expression');
    return text;
  }

  private rawUntilLineEnd(): string {
    return this.rawUntil([]);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private skipSeparators(): void {
    while (this.peek().kind === 'newline' || this.isPunctuation(',')) this.next();
  }

  private expectStatementEnd(): void {
    const token = this.peek();
    if (token.kind !== 'newline' && token.kind !== 'end') this.fail('expected the end of the line');
  }

  private isPunctuation(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.value === value;
  }

  private acceptPunctuation(value: string): boolean {
    if (!this.isPunctuation(value)) return false;
    this.next();
    return true;
  }

  private expectPunctuation(value: string): void {
    if (!this.acceptPunctuation(value)) this.fail(`expected "${value}"`);
  }

  private expect(kind: TokenKind): Token {
    const token = this.peek();
    if (token.kind !== kind) this.fail(`expected ${kind}`);
    return this.next();
  }

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private fail(message: string): never {
    const line = this.source.slice(0, this.peek().start).split('\n').length;
    throw new BicepSyntaxError(`${message} at line ${line}`);
  }
}

/** True for an object literal (not an expression, loop or condition). */
export function isObject(value: BicepValue | undefined): value is BicepObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof BicepExpression) &&
    !(value instanceof BicepLoop) &&
    !(value instanceof BicepConditional)
  );
}

/** Parses Bicep source; `filePath` only names it in the result. */
export function parseBicep(source: string, filePath = '<inline>'): BicepFile {
  return new Parser(source, tokenize(source)).parseFile(filePath);
}

/** Reads and parses a Bicep file given relative to the repository root. */
export function readBicep(relativePath: string): BicepFile {
  return parseBicep(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8'), relativePath);
}

/** The value at a dotted path of an object (`properties.siteConfig.alwaysOn`), or undefined. */
export function valueAt(value: BicepValue | undefined, dottedPath: string): BicepValue | undefined {
  let current = value;
  for (const key of dottedPath.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The source text of an expression value, or undefined for anything else. */
export function expressionText(value: BicepValue | undefined): string | undefined {
  return value instanceof BicepExpression ? value.text : undefined;
}

/** The one resource of a type in a file; throws when there is none or more than one. */
export function onlyResource(file: BicepFile, type: string): BicepResource {
  const found = file.resources.filter((resource) => resource.type === type && !resource.existing);
  if (found.length !== 1) {
    throw new Error(`${file.path} declares ${found.length} resources of type ${type}, not one`);
  }
  return found[0] as BicepResource;
}

/** The module of `file` that deploys the given module file (a path relative to `infra/`). */
export function moduleDeploying(file: BicepFile, modulePath: string): BicepModule {
  const found = file.modules.filter(
    (module) => path.posix.normalize(module.path) === path.posix.normalize(modulePath),
  );
  if (found.length !== 1) {
    throw new Error(`${file.path} deploys ${modulePath} ${found.length} times, not once`);
  }
  return found[0] as BicepModule;
}
