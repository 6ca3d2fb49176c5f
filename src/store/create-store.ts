/**
 * Opens the store the configuration names.
 */
import type { StoreConfig } from '../config/config';
import { CosmosStore } from './cosmos-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/**
 * Opens the configured adapter: embedded SQLite, or Cosmos DB with its key or, without one, the
 * process's Entra ID identity (managed identity in Azure, the developer's login locally).
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteStore.open(config.path, { busyTimeoutMs: config.busyTimeoutMs });
    case 'cosmos':
      return CosmosStore.open({
        endpoint: config.endpoint,
        key: config.key,
        database: config.database,
        container: config.container,
        createIfMissing: config.createIfMissing,
        connectionPolicy: {
          requestTimeout: config.requestTimeoutMs,
          ...(config.endpointDiscovery ? {} : { enableEndpointDiscovery: false }),
        },
      });
  }
}
