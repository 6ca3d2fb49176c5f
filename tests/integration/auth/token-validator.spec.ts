import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_AUTHORIZATION } from '../../../src/api/contracts';
import { createRequestAuthenticator } from '../../../src/auth/request-identity';
import {
  AuthError,
  createTokenValidator,
  type AuthenticatedUser,
  type AuthErrorReason,
  type TokenValidator,
  type TokenValidatorOptions,
} from '../../../src/auth/token-validator';
import { DEV_IDENTITY, type Config } from '../../../src/config/config';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const OTHER_TENANT = 'c0000000-0000-4000-8000-000000000002';
const CLIENT_ID = '00000000-0000-4000-8000-00000000c1d0';

let issuer: TokenIssuer;
let validator: TokenValidator;

function validatorWith(overrides: Partial<TokenValidatorOptions> = {}): TokenValidator {
  return createTokenValidator({
    ...issuer.authOptions,
    audiences: [issuer.audience, CLIENT_ID],
    ...overrides,
  });
}

async function expectReason(
  promise: Promise<unknown>,
  reason: AuthErrorReason,
): Promise<AuthError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).reason).toBe(reason);
  return error as AuthError;
}

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

beforeAll(async () => {
  issuer = await startTokenIssuer();
  validator = validatorWith();
});

afterAll(async () => {
  await issuer.stop();
});

describe('createTokenValidator', () => {
  describe('a good token', () => {
    it('yields the scope of its tid and oid', async () => {
      const user = await validator.validate(await issuer.sign());
      expect(user).toEqual<AuthenticatedUser>({
        scope: { tenantId: issuer.tenantId, userId: issuer.userId } as AuthenticatedUser['scope'],
        name: 'Taylor Test',
        address: 'taylor@contoso.example',
        roles: [],
        devIdentity: false,
      });
      expect(Object.isFrozen(user)).toBe(true);
      expect(Object.isFrozen(user.scope)).toBe(true);
    });

    it('carries the given name and the string roles', async () => {
      const user = await validator.validate(
        await issuer.sign({ given_name: 'Taylor', roles: ['Admin', 7, 'Reader'] }),
      );
      expect(user.givenName).toBe('Taylor');
      expect(user.roles).toEqual(['Admin', 'Reader']);
    });

    it('falls back to preferred_username, then to an empty name', async () => {
      const fallback = await validator.validate(await issuer.sign({ name: undefined }));
      expect(fallback.name).toBe('taylor@contoso.example');
      const nameless = await validator.validate(
        await issuer.sign({ name: '  ', preferred_username: undefined }),
      );
      expect(nameless.name).toBe('');
    });

    it('carries the e-mail address (email, else preferred_username), lower-cased', async () => {
      const both = await validator.validate(
        await issuer.sign({ email: 'Taylor.T@Mail.Example', preferred_username: 'x@y.example' }),
      );
      expect(both.address).toBe('taylor.t@mail.example');
      const upnOnly = await validator.validate(
        await issuer.sign({ preferred_username: 'T@C.example' }),
      );
      expect(upnOnly.address).toBe('t@c.example');
      const none = await validator.validate(
        await issuer.sign({ email: 42, preferred_username: 'not an address' }),
      );
      expect(none.address).toBeUndefined();
    });

    it('accepts any of the audiences', async () => {
      const user = await validator.validate(await issuer.sign({ aud: CLIENT_ID }));
      expect(user.scope.userId).toBe(issuer.userId);
    });

    it('serves another tenant, with its own issuer, when every tenant is allowed', async () => {
      const user = await validator.validate(await issuer.sign({ tid: OTHER_TENANT }));
      expect(user.scope.tenantId).toBe(OTHER_TENANT);
    });

    it('tolerates a little clock skew on exp and nbf', async () => {
      await expect(
        validator.validate(await issuer.sign({}, { expiresIn: -10 })),
      ).resolves.toBeDefined();
      await expect(
        validator.validate(await issuer.sign({}, { notBefore: 10 })),
      ).resolves.toBeDefined();
    });

    it('accepts any tenant: whether it is served is decided after authentication', async () => {
      const user = await validator.validate(await issuer.sign({ tid: OTHER_TENANT }));
      expect(user.scope.tenantId).toBe(OTHER_TENANT);
    });

    it('keeps the directory roles (wids) when the token has them', async () => {
      const user = await validator.validate(
        await issuer.sign({ wids: ['62e90394-69f5-4237-9190-012177145e10', 3] }),
      );
      expect(user.directoryRoles).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
      expect((await validator.validate(await issuer.sign())).directoryRoles).toBeUndefined();
    });
  });

  describe('the signature', () => {
    it('rejects a token signed by another key under the published kid', async () => {
      await expectReason(
        validator.validate(await issuer.sign({}, { key: 'foreign' })),
        'signature',
      );
    });

    it('rejects a token whose kid is not in the JWKS', async () => {
      await expectReason(
        validator.validate(await issuer.sign({}, { kid: 'unknown-kid' })),
        'signature',
      );
    });

    it('rejects a token whose payload was changed after signing', async () => {
      const [header, , signature] = (await issuer.sign()).split('.');
      const payload = segment({
        aud: issuer.audience,
        iss: issuer.issuerFor(issuer.tenantId),
        tid: issuer.tenantId,
        oid: 'someone-else',
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      await expectReason(validator.validate(`${header}.${payload}.${signature}`), 'signature');
    });

    it('rejects HS256, even keyed with the published public key', async () => {
      await expectReason(validator.validate(await issuer.sign({}, { alg: 'HS256' })), 'algorithm');
    });

    it('rejects an unsigned token (alg none)', async () => {
      await expectReason(validator.validate(await issuer.sign({}, { alg: 'none' })), 'algorithm');
    });
  });

  describe('the validity window', () => {
    it('rejects an expired token beyond the tolerance', async () => {
      await expectReason(validator.validate(await issuer.sign({}, { expiresIn: -120 })), 'expired');
    });

    it('rejects a token that is not valid yet', async () => {
      await expectReason(
        validator.validate(await issuer.sign({}, { notBefore: 300 })),
        'not-yet-valid',
      );
    });

    it('rejects a token without exp', async () => {
      await expectReason(validator.validate(await issuer.sign({ exp: undefined })), 'claims');
    });

    it('honours a zero tolerance', async () => {
      const strict = validatorWith({ clockToleranceSeconds: 0 });
      await expectReason(strict.validate(await issuer.sign({}, { expiresIn: -2 })), 'expired');
    });
  });

  describe('audience and issuer', () => {
    it('rejects a token for another application', async () => {
      await expectReason(
        validator.validate(await issuer.sign({ aud: 'api://other-app' })),
        'audience',
      );
    });

    it('rejects every token when no audience is configured', async () => {
      await expectReason(
        validatorWith({ audiences: [] }).validate(await issuer.sign()),
        'audience',
      );
    });

    it('rejects the issuer of another tenant than the tid claim', async () => {
      await expectReason(
        validator.validate(await issuer.sign({ iss: issuer.issuerFor(OTHER_TENANT) })),
        'issuer',
      );
    });

    it('rejects a foreign issuer', async () => {
      await expectReason(
        validator.validate(
          await issuer.sign({ iss: `https://evil.example/${issuer.tenantId}/v2.0` }),
        ),
        'issuer',
      );
    });

    it('rejects the unsubstituted multi-tenant issuer', async () => {
      await expectReason(
        validator.validate(await issuer.sign({ iss: issuer.issuerTemplate })),
        'issuer',
      );
    });
  });

  describe('tenant and user claims', () => {
    it.each([
      ['missing tid', { tid: undefined }],
      ['missing oid', { oid: undefined }],
      ['numeric tid', { tid: 42 }],
      ['numeric oid', { oid: 42 }],
      ['reserved oid', { oid: '_tenant' }],
      ['oid with a slash', { oid: 'a/b' }],
    ])('rejects a token with %s', async (_label, claims) => {
      await expectReason(validator.validate(await issuer.sign(claims)), 'claims');
    });

    it('rejects a tid that would reshape the issuer', async () => {
      const token = await issuer.sign({ tid: '../x', iss: issuer.issuerFor('../x') });
      await expectReason(validator.validate(token), 'claims');
    });
  });

  describe('malformed input', () => {
    it('reports an empty token as missing', async () => {
      await expectReason(validator.validate(''), 'missing');
    });

    it.each([
      ['garbage', 'not a token'],
      ['two segments', 'abc.def'],
      ['four segments', 'a.b.c.d'],
      ['base64 that is not JSON', 'abc.def.ghi'],
      ['a header that is not an object', `${segment('RS256')}.${segment({})}.c2ln`],
      ['a payload that is not JSON', `${segment({ alg: 'RS256' })}.bm90IGpzb24.c2ln`],
      ['an oversized token', `${segment({ alg: 'RS256' })}.${'a'.repeat(9000)}.c2ln`],
    ])('rejects %s', async (_label, token) => {
      await expectReason(validator.validate(token), 'malformed');
    });

    it('never repeats the token in the error', async () => {
      const token = await issuer.sign({}, { key: 'foreign' });
      const error = await expectReason(validator.validate(token), 'signature');
      expect(`${error.message} ${String(error.stack)}`).not.toContain(token.split('.')[2]);
      expect(error.cause).toBeUndefined();
    });
  });

  describe('the JWKS endpoint', () => {
    it('reports unavailable when it cannot be reached', async () => {
      const stopped = await startTokenIssuer();
      const token = await stopped.sign();
      await stopped.stop();
      const orphan = createTokenValidator(stopped.authOptions);
      const error = await expectReason(orphan.validate(token), 'unavailable');
      expect(error.cause).toBeDefined();
    });

    describe('when it answers badly', () => {
      let server: Server;
      let mode: 'error' | 'not-json' | 'hang' = 'error';
      let url = '';

      beforeAll(async () => {
        server = createServer((_request, response) => {
          if (mode === 'hang') return;
          response.writeHead(mode === 'error' ? 500 : 200, { 'content-type': 'application/json' });
          response.end(mode === 'error' ? '{}' : '<html>');
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
      });

      afterAll(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      });

      it.each(['error', 'not-json', 'hang'] as const)(
        'reports unavailable (%s)',
        async (answer) => {
          mode = answer;
          const broken = validatorWith({ jwksUrl: url, jwksTimeoutMs: 200 });
          await expectReason(broken.validate(await issuer.sign()), 'unavailable');
        },
      );
    });
  });

  describe('options', () => {
    it('refuses a clock tolerance above 60 seconds', () => {
      expect(() => validatorWith({ clockToleranceSeconds: 61 })).toThrow(RangeError);
      expect(() => validatorWith({ clockToleranceSeconds: -1 })).toThrow(RangeError);
    });

    it('refuses an issuer template without {tenantid}', () => {
      expect(() => validatorWith({ issuerTemplate: 'https://login.example/common/v2.0' })).toThrow(
        RangeError,
      );
    });
  });
});

describe('the local token issuer', () => {
  it('publishes Entra-shaped OpenID documents naming its JWKS', async () => {
    const tenant = (await (
      await fetch(`${issuer.issuerFor(issuer.tenantId)}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(tenant).toMatchObject({
      issuer: issuer.issuerFor(issuer.tenantId),
      jwks_uri: issuer.jwksUrl,
    });
    const common = (await (
      await fetch(`${issuer.baseUrl}/common/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(common.issuer).toBe(issuer.issuerTemplate);
    expect((await fetch(`${issuer.baseUrl}/nowhere`)).status).toBe(404);
  });
});

describe('createRequestAuthenticator', () => {
  function authConfig(devIdentity: boolean): Config['auth'] {
    return {
      ...issuer.authOptions,
      allowedTenantIds: [],
      tenantMode: 'multi',
      adminUserIds: [],
      devIdentity,
    };
  }

  function fakeValidator(): TokenValidator & { validate: jest.Mock } {
    return { validate: jest.fn() };
  }

  it('authenticates a bearer token through the validator', async () => {
    const authenticator = createRequestAuthenticator(authConfig(true), validator);
    const user = await authenticator.authenticate(`Bearer ${await issuer.sign()}`);
    expect(user.scope).toEqual({ tenantId: issuer.tenantId, userId: issuer.userId });
    expect(user.devIdentity).toBe(false);
  });

  it('accepts the scheme in any case', async () => {
    const fake = fakeValidator();
    await createRequestAuthenticator(authConfig(false), fake).authenticate('bearer abc.def.ghi');
    expect(fake.validate).toHaveBeenCalledWith('abc.def.ghi');
  });

  it('passes the validator’s refusal on', async () => {
    const authenticator = createRequestAuthenticator(authConfig(true), validator);
    const token = await issuer.sign({}, { expiresIn: -600 });
    await expectReason(authenticator.authenticate(`Bearer ${token}`), 'expired');
  });

  it('accepts the development identity when enabled', async () => {
    const fake = fakeValidator();
    const user = await createRequestAuthenticator(authConfig(true), fake).authenticate(
      DEV_AUTHORIZATION,
    );
    expect(user).toEqual({
      scope: { tenantId: DEV_IDENTITY.tenantId, userId: DEV_IDENTITY.userId },
      name: DEV_IDENTITY.name,
      givenName: DEV_IDENTITY.givenName,
      roles: [],
      devIdentity: true,
    });
    expect(Object.isFrozen(user)).toBe(true);
    expect(fake.validate).not.toHaveBeenCalled();
  });

  it('refuses the development identity when disabled', async () => {
    const fake = fakeValidator();
    await expectReason(
      createRequestAuthenticator(authConfig(false), fake).authenticate(DEV_AUTHORIZATION),
      'dev-identity-disabled',
    );
    expect(fake.validate).not.toHaveBeenCalled();
  });

  it.each([
    ['no header', undefined, 'missing'],
    ['an empty header', '', 'missing'],
    ['a blank header', '   ', 'missing'],
    ['the scheme alone', 'Bearer', 'malformed'],
    ['the scheme and a space', 'Bearer ', 'malformed'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'malformed'],
    ['two tokens', 'Bearer abc def', 'malformed'],
    ['a token without a scheme', 'abc.def.ghi', 'malformed'],
    ['a lower-case dev header', DEV_AUTHORIZATION.toLowerCase(), 'malformed'],
    ['a padded dev header', ` ${DEV_AUTHORIZATION}`, 'malformed'],
    ['a dev header with a suffix', `${DEV_AUTHORIZATION} ${DEV_IDENTITY.tenantId}`, 'malformed'],
    ['an oversized header', `Bearer ${'a'.repeat(9000)}`, 'malformed'],
  ] as const)('refuses %s', async (_label, header, reason) => {
    const fake = fakeValidator();
    await expectReason(
      createRequestAuthenticator(authConfig(true), fake).authenticate(header),
      reason,
    );
    expect(fake.validate).not.toHaveBeenCalled();
  });
});
