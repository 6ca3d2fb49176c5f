/**
 * botbuilder's bot authentication, with the clients it makes for a turn kept for later turns.
 *
 * @remarks
 * botbuilder's `CloudAdapter` asks for a new `ConnectorClient` and a new `UserTokenClient` on
 * every turn, and building one (an HTTP pipeline with its policies, credentials) costs more than
 * many of Spotter's turns do otherwise. A client holds no per-turn state, only its base URL and
 * credentials (which cache their own tokens), so one per bot identity, service URL and audience
 * serves every turn; botbuilder's older `BotFrameworkAdapter` kept such a cache too.
 * Authentication itself is left entirely to the wrapped instance. The caches are bounded:
 * service URLs come from activities (authenticated ones in production), and a count from
 * outside is never trusted.
 */
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Most clients of one kind kept; the oldest goes first. */
const CLIENTS_KEPT = 64;

/** The client at `key`, made by `make` the first time; a failed making is not kept. */
function shared<T>(clients: Map<string, Promise<T>>, key: string, make: () => Promise<T>) {
  const known = clients.get(key);
  if (known) return known;
  const made = make();
  if (clients.size >= CLIENTS_KEPT) {
    const oldest = clients.keys().next();
    if (!oldest.done) clients.delete(oldest.value);
  }
  clients.set(key, made);
  made.catch(() => {
    if (clients.get(key) === made) clients.delete(key);
  });
  return made;
}

/** Who the bot is for a turn: the claims its connector and token clients are made for. */
function identityOf(claims: ClaimsIdentity): string {
  return JSON.stringify([
    claims.getClaimValue(AuthenticationConstants.AudienceClaim),
    claims.getClaimValue(AuthenticationConstants.AppIdClaim),
  ]);
}

/** A connector factory that hands out the client it made before for the same key. */
class SharedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly identity: string,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.identity, serviceUrl, audience ?? null]);
    return shared(this.clients, key, () => this.inner.create(serviceUrl, audience));
  }
}

/** Wraps a `BotFrameworkAuthentication`, sharing the clients it makes between turns. */
export class SharedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.sharing(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.sharing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new SharedConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      identityOf(claimsIdentity),
      this.connectorClients,
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return shared(this.userTokenClients, identityOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private sharing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory, claimsIdentity } = result;
    if (!connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new SharedConnectorFactory(
        connectorFactory,
        identityOf(claimsIdentity),
        this.connectorClients,
      ),
    };
  }
}
