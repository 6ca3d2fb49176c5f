/**
 * Configuration: one validated module, read once at start.
 *
 * @remarks
 * Development needs no settings at all: the defaults run the embedded SQLite store, accept the
 * labelled development identity and leave bot authentication off, as the Agents Playground
 * expects. Production refuses to start without bot credentials and SSO settings. Secrets come
 * only from the environment (App Service injects Key Vault references as environment variables).
 */
import { z } from 'zod';

/**
 * The local development identity: the same tenant and user as `.m365agentsplayground.yml`, so a
 * reflection written in the tab during development is the one the playground's chat sees.
 */
export const DEV_IDENTITY = {
  tenantId: 'a0000000-0000-4000-8000-000000000001',
  userId: 'a0000000-0000-4000-8000-000000000011',
  name: 'Alex Rivera',
  givenName: 'Alex',
} as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce
  .number({ invalid_type_error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535 (0 picks a free port)')
  .max(65535, 'must be between 0 and 65535 (0 picks a free port)');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value.length > 0 ? value : undefined))
  .optional();

/**
 * A secret from the environment. App Service passes a Key Vault reference through unchanged
 * when it cannot resolve it, which would otherwise fail later and quietly.
 */
const optionalSecret = optionalText.refine(
  (value) => value === undefined || !value.startsWith('@Microsoft.KeyVault('),
  'is an unresolved Key Vault reference: grant the app "Key Vault Secrets User" and check the secret name',
);

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value.length > 0 ? value : undefined))
  .pipe(z.string().url('must be a URL').optional())
  .optional();

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: optionalText,
  PORT: port.default(3978),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1, 'must not be empty').default('data/spotter.db'),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 60000')
    .max(60_000, 'must be between 0 and 60000')
    .default(5000),
  COSMOS_ENDPOINT: optionalUrl,
  COSMOS_KEY: optionalSecret,
  COSMOS_DATABASE: z.string().trim().min(1).default('spotter'),
  COSMOS_CONTAINER: z.string().trim().min(1).default('spotter'),
  COSMOS_CREATE_IF_MISSING: booleanFlag.optional(),
  COSMOS_ENDPOINT_DISCOVERY: booleanFlag.default('true'),
  COSMOS_REQUEST_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(100, 'must be between 100 and 120000')
    .max(120_000, 'must be between 100 and 120000')
    .default(10_000),

  BOT_ID: optionalText,
  BOT_PASSWORD: optionalSecret,
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  BOT_TENANT_ID: optionalText,
  BOT_OPENID_METADATA_URL: optionalUrl,

  AAD_APP_CLIENT_ID: optionalText,
  AAD_APP_ID_URI: optionalText,
  AUTH_JWKS_URL: z
    .string()
    .url('must be a URL')
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  AUTH_ISSUER_TEMPLATE: z
    .string()
    .includes('{tenantid}', { message: 'must contain {tenantid}' })
    .default('https://login.microsoftonline.com/{tenantid}/v2.0'),
  ALLOWED_TENANT_IDS: commaList.default(''),
  TENANT_MODE: z.enum(['multi', 'single']).default('multi'),
  ADMIN_USER_IDS: commaList.default(''),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalSecret,
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 300')
    .max(300, 'must be between 0 and 300')
    .default(25),
  DEV_IDENTITY: booleanFlag.optional(),
  REMINDERS_ENABLED: booleanFlag.optional(),
  REMINDERS_INTERVAL_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .int('must be a whole number')
    .min(5, 'must be between 5 and 3600')
    .max(3600, 'must be between 5 and 3600')
    .default(60),
  HELP_REQUESTS_PER_DAY: z.coerce
    .number({ invalid_type_error: 'must be a number of requests' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 1000')
    .max(1000, 'must be between 1 and 1000')
    .default(10),
  HELP_REQUESTS_PER_PAIR_PER_DAY: z.coerce
    .number({ invalid_type_error: 'must be a number of requests' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 1000')
    .max(1000, 'must be between 1 and 1000')
    .default(3),
  HELP_REQUEST_GRAPH_INSTALL: booleanFlag.default('false'),
  TEAMS_APP_CATALOG_ID: optionalText,
  ORG_DEFAULTS_CACHE_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 30')
    .max(30, 'must be between 0 and 30')
    .default(15),
});

/** Every environment variable the configuration reads (the fuzz tests walk this list). */
export const CONFIG_VARIABLES: readonly string[] = environmentSchema.keyof().options;

/** Which database holds Spotter's records. */
export type StoreConfig =
  | {
      /** Embedded SQLite (the default). */
      readonly kind: 'sqlite';
      /** Database file path. @default 'data/spotter.db' */
      readonly path: string;
      /** How long a write waits for another connection's lock before giving up. @default 5000 */
      readonly busyTimeoutMs: number;
    }
  | {
      /** Azure Cosmos DB for NoSQL. */
      readonly kind: 'cosmos';
      /** Account endpoint URL. */
      readonly endpoint: string;
      /** Account key; absent means Entra ID (managed identity or developer login). */
      readonly key?: string | undefined;
      /** Database name. @default 'spotter' */
      readonly database: string;
      /** Container name. @default 'spotter' */
      readonly container: string;
      /** Create the database and container at start. @default true outside production */
      readonly createIfMissing: boolean;
      /** Discover the account's regional endpoints (off only for the local test server). @default true */
      readonly endpointDiscovery: boolean;
      /**
       * How long one request may take before it counts as failed; below the Bot Service's 15 s,
       * so a stalled database still leaves time to tell the user. @default 10000
       */
      readonly requestTimeoutMs: number;
    };

/** Spotter's validated configuration. */
export interface Config {
  /** development, test or production. @default 'development' */
  readonly env: 'development' | 'test' | 'production';
  /** Interface to listen on. @default 127.0.0.1 outside production, 0.0.0.0 in production */
  readonly host: string;
  /** Port of the one server process. @default 3978 */
  readonly port: number;
  /** Public base URL, used in links and the app package. */
  readonly publicUrl?: string | undefined;
  /** pino log level. @default 'info' */
  readonly logLevel: string;
  /** Application Insights connection string; telemetry is exported only when it is set. */
  readonly telemetryConnectionString?: string | undefined;
  /** How long a shutdown waits for requests in flight before closing connections. @default 25 */
  readonly shutdownGraceSeconds: number;
  /** An organization's defaults and feature switches (set by its admins). */
  readonly orgDefaults: {
    /** Seconds each instance keeps a tenant's defaults before reading them again. @default 15 */
    readonly cacheSeconds: number;
  };
  /** The weekly reminder sender. */
  readonly reminders: {
    /** Run the sender in this process. @default true, but false when NODE_ENV is test */
    readonly enabled: boolean;
    /** Seconds between two passes of the sender. @default 60 */
    readonly intervalSeconds: number;
  };
  /** Where records live. */
  readonly store: StoreConfig;
  /** Bot Framework identity; absent in development, where authentication is off. */
  readonly bot?:
    | {
        /** Microsoft App Id of the bot. */
        readonly appId: string;
        /** Client secret (absent for a managed identity). */
        readonly password?: string | undefined;
        /** App type. @default 'MultiTenant' */
        readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
        /** Home tenant of a single-tenant bot. */
        readonly tenantId?: string | undefined;
        /** Overrides the Bot Framework OpenID metadata (tests with a local issuer). */
        readonly openIdMetadataUrl?: string | undefined;
      }
    | undefined;
  /** Tab API token checks. */
  readonly auth: {
    /** Accepted audiences: the app id URI and the client id. */
    readonly audiences: string[];
    /** JWKS with the token signing keys. */
    readonly jwksUrl: string;
    /** Expected issuer, with `{tenantid}` for the token's tenant. */
    readonly issuerTemplate: string;
    /**
     * Tenants served by configuration; empty serves every tenant. In `single` mode exactly the
     * one tenant.
     */
    readonly allowedTenantIds: string[];
    /**
     * `multi`: the allow list plus tenants enabled by self-service onboarding; `single`: exactly
     * one tenant. @default 'multi'
     */
    readonly tenantMode: 'multi' | 'single';
    /**
     * Spotter admins besides the `Spotter.Admin` app role, as lower-case
     * `<tenant id>:<object id>` pairs (a bare object id names a user of the single tenant).
     */
    readonly adminUserIds: string[];
    /** Accept the labelled development identity (never in production). */
    readonly devIdentity: boolean;
  };
  /** Help requests. */
  readonly helpRequests: {
    /** Requests one person may send per day. @default 10 */
    readonly perDay: number;
    /** Requests one person may send to the same colleague per day. @default 3 */
    readonly perPairPerDay: number;
    /**
     * Install Spotter for a colleague through Microsoft Graph before delivering a request, when
     * they do not have it yet; absent: off.
     */
    readonly graphInstall?: {
      /** The app's id in the organization's app catalog (Graph `teamsApp` id). */
      readonly catalogAppId: string;
    };
  };
}

/** Thrown when the environment does not make a valid configuration; lists every problem. */
export class ConfigError extends Error {
  /** One line per wrong or missing setting. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Spotter cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutBlankNumbers(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];

  if (production) {
    if (!e.BOT_ID) problems.push('BOT_ID: required in production (the bot’s Microsoft App Id)');
    if (!e.BOT_PASSWORD && e.BOT_TYPE !== 'UserAssignedMSI')
      problems.push('BOT_PASSWORD: required in production unless BOT_TYPE is UserAssignedMSI');
    if (!e.AAD_APP_CLIENT_ID) problems.push('AAD_APP_CLIENT_ID: required in production (SSO)');
    if (!e.AAD_APP_ID_URI) problems.push('AAD_APP_ID_URI: required in production (SSO)');
    if (e.DEV_IDENTITY)
      problems.push('DEV_IDENTITY: the development identity is never allowed in production');
  }
  if (e.BOT_TYPE === 'SingleTenant' && e.BOT_ID && !e.BOT_TENANT_ID)
    problems.push('BOT_TENANT_ID: required when BOT_TYPE is SingleTenant');
  const singleTenant = e.BOT_TENANT_ID ?? e.ALLOWED_TENANT_IDS[0];
  if (
    e.TENANT_MODE === 'single' &&
    (singleTenant === undefined ||
      e.ALLOWED_TENANT_IDS.some((id) => id.toLowerCase() !== singleTenant.toLowerCase()))
  )
    problems.push(
      'TENANT_MODE: single needs BOT_TENANT_ID or exactly one ALLOWED_TENANT_IDS entry (the same tenant)',
    );
  if (e.TENANT_MODE === 'multi' && e.ADMIN_USER_IDS.some((id) => !id.includes(':')))
    problems.push(
      'ADMIN_USER_IDS: write each admin as <tenant id>:<object id> when TENANT_MODE is multi',
    );
  if (e.STORE === 'cosmos' && !e.COSMOS_ENDPOINT)
    problems.push('COSMOS_ENDPOINT: required when STORE is cosmos');
  if (e.HELP_REQUESTS_PER_PAIR_PER_DAY > e.HELP_REQUESTS_PER_DAY)
    problems.push('HELP_REQUESTS_PER_PAIR_PER_DAY: must not exceed HELP_REQUESTS_PER_DAY');
  if (e.HELP_REQUEST_GRAPH_INSTALL) {
    if (!e.TEAMS_APP_CATALOG_ID)
      problems.push('TEAMS_APP_CATALOG_ID: required when HELP_REQUEST_GRAPH_INSTALL is on');
    if (!e.BOT_ID || !e.BOT_PASSWORD)
      problems.push(
        'HELP_REQUEST_GRAPH_INSTALL: needs BOT_ID and BOT_PASSWORD (Graph is called as the bot’s app)',
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const store: StoreConfig =
    e.STORE === 'cosmos'
      ? {
          kind: 'cosmos',
          endpoint: e.COSMOS_ENDPOINT as string,
          key: e.COSMOS_KEY,
          database: e.COSMOS_DATABASE,
          container: e.COSMOS_CONTAINER,
          createIfMissing: e.COSMOS_CREATE_IF_MISSING ?? !production,
          endpointDiscovery: e.COSMOS_ENDPOINT_DISCOVERY,
          requestTimeoutMs: e.COSMOS_REQUEST_TIMEOUT_MS,
        }
      : { kind: 'sqlite', path: e.SQLITE_PATH, busyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS };

  return {
    env: e.NODE_ENV,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    telemetryConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    orgDefaults: { cacheSeconds: e.ORG_DEFAULTS_CACHE_SECONDS },
    reminders: {
      enabled: e.REMINDERS_ENABLED ?? e.NODE_ENV !== 'test',
      intervalSeconds: e.REMINDERS_INTERVAL_SECONDS,
    },
    store,
    bot: e.BOT_ID
      ? {
          appId: e.BOT_ID,
          password: e.BOT_PASSWORD,
          appType: e.BOT_TYPE,
          tenantId: e.BOT_TENANT_ID,
          openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
        }
      : undefined,
    auth: {
      audiences: [e.AAD_APP_ID_URI, e.AAD_APP_CLIENT_ID].filter(
        (value): value is string => value !== undefined,
      ),
      jwksUrl: e.AUTH_JWKS_URL,
      issuerTemplate: e.AUTH_ISSUER_TEMPLATE,
      allowedTenantIds:
        e.TENANT_MODE === 'single' && singleTenant !== undefined
          ? [singleTenant]
          : e.ALLOWED_TENANT_IDS,
      tenantMode: e.TENANT_MODE,
      adminUserIds: e.ADMIN_USER_IDS.map((id) =>
        (id.includes(':') ? id : `${singleTenant ?? ''}:${id}`).toLowerCase(),
      ),
      devIdentity: !production && (e.DEV_IDENTITY ?? true),
    },
    helpRequests: {
      perDay: e.HELP_REQUESTS_PER_DAY,
      perPairPerDay: e.HELP_REQUESTS_PER_PAIR_PER_DAY,
      ...(e.HELP_REQUEST_GRAPH_INSTALL && e.TEAMS_APP_CATALOG_ID
        ? { graphInstall: { catalogAppId: e.TEAMS_APP_CATALOG_ID } }
        : {}),
    },
  };
}

/** Settings read as numbers: `z.coerce` would read a blank one as 0. */
const NUMBER_VARIABLES = new Set(
  Object.entries(environmentSchema.shape)
    .filter(([, schema]) => {
      const inner: z.ZodTypeAny = schema instanceof z.ZodDefault ? schema._def.innerType : schema;
      return inner instanceof z.ZodNumber;
    })
    .map(([name]) => name),
);

/**
 * The environment without blank numbers: a blank number counts as unset, as a blank text setting
 * does, instead of 0 (a blank `PORT` would listen on a random port, a blank
 * `SHUTDOWN_GRACE_SECONDS` would drop requests in flight). Other blank values stay, so that a
 * blank `NODE_ENV` or `STORE` is still refused rather than read as the development default.
 */
function withoutBlankNumbers(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => !NUMBER_VARIABLES.has(name) || (value ?? '').trim().length > 0,
    ),
  );
}
