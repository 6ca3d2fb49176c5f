/**
 * The settings that run Spotter as in production, with real bot and tab authentication against
 * a local token issuer the test controls (`token-issuer.ts`).
 */
import type { TokenIssuer } from './token-issuer';

/** The bot's Entra app id in these tests. */
export const TEST_BOT_ID = '7e1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';

/** Production mode, bot credentials and the issuer's OpenID metadata and tab token settings. */
export function productionAuthEnv(issuer: TokenIssuer): Record<string, string> {
  return {
    NODE_ENV: 'production',
    BOT_ID: TEST_BOT_ID,
    BOT_PASSWORD: 'not-a-real-secret',
    BOT_OPENID_METADATA_URL: `${issuer.baseUrl}/common/v2.0/.well-known/openid-configuration`,
    AAD_APP_CLIENT_ID: 'spotter-client-id',
    ...issuer.env,
  };
}
