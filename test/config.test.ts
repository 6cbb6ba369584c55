// Settings come from the environment in one place; a setting that cannot be used is one line naming it, exit 2.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';

const run = promisify(execFile);

describe('loadConfig', () => {
  it('reads the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: null,
      smtpUrl: null,
      temporalAddress: null,
      temporalNamespace: 'default',
      temporalTaskQueue: 'jmeg',
      httpHost: '127.0.0.1',
      httpPort: 3000,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: "abc" is not a port number (0-65535)'],
    [{ PORT: '70000' }, 'PORT: "70000" is not a port number (0-65535)'],
    [{ JMEG_SECRET: 'too-short' }, 'JMEG_SECRET: 9 bytes, at least 32 needed'],
    [
      { JMEG_ADMIN_EMAIL: 'admin@example.kg', JMEG_ADMIN_PASSWORD: 'short' },
      'JMEG_ADMIN_PASSWORD: at least 12 characters',
    ],
    [{ JMEG_ADMIN_PASSWORD: 'long-enough-password' }, 'JMEG_ADMIN_EMAIL: an email address is needed'],
  ])('%j is refused naming the variable and the rule', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('the jmeg command with a bad setting', () => {
  it('prints one line naming the variable, exit 2, no stack trace', async () => {
    const error = await run('node_modules/.bin/tsx', ['cli/main.ts', 'start'], {
      env: { ...process.env, PORT: 'abc' },
    }).then(
      () => null,
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(error?.code).toBe(2);
    expect(error?.stderr).toBe('jmeg: setting PORT: "abc" is not a port number (0-65535)\n');
  });
});
