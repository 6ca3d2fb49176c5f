/**
 * The Bicep reader the infra tests rely on (tests/support/bicep.ts): it must tell a literal from
 * an expression, or the tests above could pass on the wrong file.
 */
import {
  BicepConditional,
  BicepExpression,
  BicepLoop,
  BicepSyntaxError,
  expressionText,
  parseBicep,
  valueAt,
} from '../../support/bicep';

const SAMPLE = `
targetScope = 'resourceGroup'

@description('A name; it\\'s quoted.')
@allowed([
  'a'
  'b'
])
param name string = 'a'

@secure()
param secret string

var flag = name == 'a' ? true : false
var settings = {
  PLAIN: 'value'
  JOINED: 'https://\${name}/api'
  'quoted-key': 3
  NESTED: { inner: [1, 2], other: null }
}

// A comment with a quote: it's ignored.
resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  properties: {
    httpsOnly: true
    list: [for item in items(settings): { n: item.key }]
  }
}

resource maybe 'Microsoft.Insights/components@2020-02-02' = if (flag) {
  name: '\${name}-x'
}

resource old 'Microsoft.Web/sites@2024-04-01' existing = {
  name: 'other'
}

module child 'modules/child.bicep' = {
  name: 'child'
  params: {
    value: site.properties.httpsOnly
    multi: contains(name, 'a') ? [
      'x'
    ] : []
  }
}

output id string = site.id
`;

describe('tests/support/bicep.ts', () => {
  const file = () => parseBicep(SAMPLE);

  it('reads parameters with their defaults and decorators', () => {
    expect(file().targetScope).toBe('resourceGroup');
    expect(file().params['name']).toEqual({
      type: 'string',
      defaultValue: 'a',
      decorators: ["@description('A name; it\\'s quoted.')", "@allowed([\n  'a'\n  'b'\n])"],
    });
    expect(file().params['secret']).toEqual({ type: 'string', decorators: ['@secure()'] });
  });

  it('keeps literals as values and everything else as expression text', () => {
    expect(file().vars['flag']).toEqual(new BicepExpression("name == 'a' ? true : false"));
    expect(file().vars['settings']).toEqual({
      PLAIN: 'value',
      JOINED: 'https://${name}/api',
      'quoted-key': 3,
      NESTED: { inner: [1, 2], other: null },
    });
  });

  it('reads resources, conditions, existing references, loops and modules', () => {
    const [site, maybe, old] = file().resources;
    expect(site).toMatchObject({ symbol: 'site', type: 'Microsoft.Web/sites', existing: false });
    expect(site?.apiVersion).toBe('2024-04-01');
    expect(valueAt(site?.body, 'properties.httpsOnly')).toBe(true);
    const list = valueAt(site?.body, 'properties.list');
    expect(list).toBeInstanceOf(BicepLoop);
    expect((list as BicepLoop).header).toBe('item in items(settings)');
    expect(maybe?.condition).toBe('flag');
    expect(old?.existing).toBe(true);
    expect(file().modules[0]?.path).toBe('modules/child.bicep');
    expect(expressionText(valueAt(file().modules[0]?.body, 'params.value'))).toBe(
      'site.properties.httpsOnly',
    );
    expect(expressionText(valueAt(file().modules[0]?.body, 'params.multi'))).toBe(
      "contains(name, 'a') ? [\n      'x'\n    ] : []",
    );
    expect(expressionText(file().outputs['id']?.value)).toBe('site.id');
  });

  it('does not mistake a condition for an object', () => {
    const parsed = parseBicep('var x = if (a) { b: 1 }\n');
    expect(parsed.vars['x']).toBeInstanceOf(BicepConditional);
  });

  it('rejects what it does not understand instead of guessing', () => {
    expect(() => parseBicep("param x string = 'unterminated\n")).toThrow(BicepSyntaxError);
    expect(() => parseBicep('resource x = 1\n')).toThrow(BicepSyntaxError);
    expect(() => parseBicep('func f() string => 1\n')).toThrow(/unsupported declaration/);
  });
});
