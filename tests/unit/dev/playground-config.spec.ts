import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_IDENTITY } from '../../../src/config/config';

const yml = readFileSync(path.resolve(__dirname, '../../../.m365agentsplayground.yml'), 'utf8');

function field(block: string, name: string): string | undefined {
  return new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(block)?.[1]?.trim();
}

describe('.m365agentsplayground.yml', () => {
  it('is the tenant and current user of the tab’s development identity', () => {
    expect(field(yml, 'tenantId')).toBe(DEV_IDENTITY.tenantId);
    const currentUser = yml.slice(yml.indexOf('currentUser:'), yml.indexOf('users:'));
    expect(field(currentUser, 'aadObjectId')).toBe(DEV_IDENTITY.userId);
    expect(field(currentUser, 'name')).toBe(DEV_IDENTITY.name);
  });

  it('fixes the conversation ids and has the five other users the playground requires', () => {
    expect(field(yml.slice(yml.indexOf('personalChat:')), 'id')).toBe('spotter-personal-chat');
    const users = yml.slice(yml.indexOf('users:'), yml.indexOf('personalChat:'));
    expect(users.match(/aadObjectId:/g)?.length).toBeGreaterThanOrEqual(5);
  });
});
