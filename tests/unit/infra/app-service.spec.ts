/**
 * infra/modules/app-service.bicep: transport security, identity, health and the Node runtime.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BicepLoop, REPO_ROOT, expressionText, onlyResource, valueAt } from '../../support/bicep';
import { allowedValues, main, mainPasses, moduleFile, normalized } from './infra-fixtures';

const appService = () => moduleFile('app-service');
const site = () => onlyResource(appService(), 'Microsoft.Web/sites');
const plan = () => onlyResource(appService(), 'Microsoft.Web/serverfarms');
const siteConfig = (key: string) => valueAt(site().body, `properties.siteConfig.${key}`);

/** True for an App Service Linux Node.js LTS runtime string (even major, 22 or newer). */
function isNodeLts(runtime: unknown): boolean {
  const match = typeof runtime === 'string' ? /^NODE\|(\d+)-lts$/.exec(runtime) : null;
  const major = Number(match?.[1]);
  return match !== null && major >= 22 && major % 2 === 0;
}

describe('infra/modules/app-service.bicep', () => {
  it('serves HTTPS only, with TLS 1.2 at least, and no FTP', () => {
    expect(valueAt(site().body, 'properties.httpsOnly')).toBe(true);
    expect(siteConfig('minTlsVersion')).toBe('1.2');
    expect(siteConfig('scmMinTlsVersion')).toBe('1.2');
    expect(siteConfig('ftpsState')).toBe('Disabled');
  });

  it('stays warm and is health-checked on /healthz, a route the server serves', () => {
    expect(siteConfig('alwaysOn')).toBe(true);
    expect(siteConfig('healthCheckPath')).toBe('/healthz');
    const createApp = readFileSync(path.join(REPO_ROOT, 'src/server/create-app.ts'), 'utf8');
    expect(createApp).toContain("app.get('/healthz'");
  });

  it('runs a Node.js LTS on Linux, by default and for every allowed value', () => {
    expect(expressionText(siteConfig('linuxFxVersion'))).toBe('linuxFxVersion');
    expect(isNodeLts(appService().params['linuxFxVersion']?.defaultValue)).toBe(true);
    expect(allowedValues(appService(), 'linuxFxVersion').length).toBeGreaterThan(0);
    expect(allowedValues(appService(), 'linuxFxVersion').every(isNodeLts)).toBe(true);
    expect(isNodeLts(main().params['nodeRuntime']?.defaultValue)).toBe(true);
    expect(allowedValues(main(), 'nodeRuntime').every(isNodeLts)).toBe(true);
    expect(expressionText(mainPasses('app-service', 'linuxFxVersion'))).toBe('nodeRuntime');
    expect(valueAt(plan().body, 'kind')).toBe('linux');
    expect(valueAt(plan().body, 'properties.reserved')).toBe(true);
    expect(isNodeLts('NODE|20-lts')).toBe(false);
  });

  it('starts the same entry point as npm run serve', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(siteConfig('appCommandLine')).toBe('node dist/src/server/main.js');
    expect(scripts['serve']).toBe(siteConfig('appCommandLine'));
  });

  it('has a system-assigned identity, which also resolves Key Vault references', () => {
    expect(valueAt(site().body, 'identity.type')).toBe('SystemAssigned');
    expect(valueAt(site().body, 'properties.keyVaultReferenceIdentity')).toBe('SystemAssigned');
    expect(normalized(appService().outputs['principalId']?.value)).toBe(
      `${site().symbol}.identity.principalId`,
    );
  });

  it('sends no client to a favourite instance: the app is stateless', () => {
    expect(valueAt(site().body, 'properties.clientAffinityEnabled')).toBe(false);
  });

  it('applies every app setting it is given', () => {
    const settings = siteConfig('appSettings');
    expect(settings).toBeInstanceOf(BicepLoop);
    const loop = settings as BicepLoop;
    expect(loop.header).toBe('setting in items(appSettings)');
    expect(loop.body).toEqual({
      name: expect.objectContaining({ text: 'setting.key' }),
      value: expect.objectContaining({ text: 'setting.value' }),
    });
  });

  it('scales out on CPU between instanceCount and maxInstanceCount, where the SKU allows it', () => {
    const autoscale = onlyResource(appService(), 'Microsoft.Insights/autoscalesettings');
    expect(autoscale.condition).toBe('autoscaleEnabled');
    expect(normalized(appService().vars['autoscaleEnabled'])).toBe(
      "maxInstanceCount > instanceCount && skuTier != 'B' && skuTier != 'F'",
    );
    const profiles = valueAt(autoscale.body, 'properties.profiles');
    const profile = Array.isArray(profiles) ? profiles[0] : undefined;
    expect(normalized(valueAt(profile, 'capacity.minimum'))).toBe('string(instanceCount)');
    expect(normalized(valueAt(profile, 'capacity.maximum'))).toBe('string(maxInstanceCount)');
    expect(expressionText(valueAt(plan().body, 'sku.capacity'))).toBe('instanceCount');
  });

  it('sends the console (stdout) logs to Log Analytics', () => {
    const diagnostics = onlyResource(appService(), 'Microsoft.Insights/diagnosticSettings');
    expect(expressionText(diagnostics.body['scope'])).toBe(site().symbol);
    expect(valueAt(diagnostics.body, 'properties.logs')).toContainEqual({
      category: 'AppServiceConsoleLogs',
      enabled: true,
    });
  });
});
