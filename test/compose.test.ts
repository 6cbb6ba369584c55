// docker-compose.yml cannot run here (no Docker): its shape is checked instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_ENV_VARS } from '../config/config';

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  command?: string | string[];
  ports?: string[];
}

const ROOT = path.resolve(import.meta.dirname, '..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const services = compose.services;
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

/**
 * What the worker does not need set:
 * - TEMPORAL_BINARY starts a local dev server only when TEMPORAL_ADDRESS is unset; compose runs a real server.
 * - HOST and PORT are the HTTP API's; the worker serves no HTTP.
 */
const NOT_FOR_THE_WORKER = new Set(['TEMPORAL_BINARY', 'HOST', 'PORT']);

describe('docker-compose.yml runs the production-like stack', () => {
  it('has Postgres, the Temporal schema job, server, namespace job and UI, Mailpit and the worker', () => {
    expect(Object.keys(services).sort()).toEqual([
      'mailpit',
      'postgres',
      'temporal',
      'temporal-namespace',
      'temporal-schema',
      'temporal-ui',
      'worker',
    ]);
  });

  it('pins every image to a version (no :latest, no bare names)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      expect(service.image, name).toMatch(/^[a-z0-9./-]+:v?\d+(\.\d+)+[a-z0-9.-]*$/);
    }
    expect(services.postgres?.image).toMatch(/^postgres:16\./);
    expect(services.temporal?.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-namespace']?.image).toBe(services['temporal-schema']?.image);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit:/);
  });

  it('health-checks Postgres, Temporal and Mailpit', () => {
    expect(services.postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.temporal?.healthcheck?.test.join(' ')).toContain('7233');
    expect(services.mailpit?.healthcheck).toBeDefined();
  });

  it('starts each service after what it needs, in order: schema, server, namespace, worker', () => {
    expect(services['temporal-schema']?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.temporal?.depends_on).toEqual({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
    expect(services['temporal-namespace']?.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services['temporal-ui']?.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services.worker?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'temporal-namespace': { condition: 'service_completed_successfully' },
      mailpit: { condition: 'service_healthy' },
    });
  });

  it('sets up both Temporal databases with the postgres12 plugin, and runs the server on postgres12', () => {
    const schema = [services['temporal-schema']?.command ?? ''].flat().join('\n');
    expect(schema).toContain('--plugin postgres12');
    expect(schema).toContain('for db in temporal temporal_visibility');
    expect(schema).toContain('setup-schema');
    expect(schema).toContain('update-schema');
    expect(environment(services.temporal!).DB).toBe('postgres12');
    expect(environment(services.temporal!).POSTGRES_SEEDS).toBe('postgres');
  });

  it('sets every variable the worker reads (CONFIG_ENV_VARS minus the documented exceptions)', () => {
    const env = environment(services.worker!);
    const needed = CONFIG_ENV_VARS.filter((name) => !NOT_FOR_THE_WORKER.has(name));
    expect(needed.filter((name) => !(name in env))).toEqual([]);
    for (const name of NOT_FOR_THE_WORKER) expect(CONFIG_ENV_VARS as readonly string[]).toContain(name);
  });

  it('points the worker at the services of this file', () => {
    const env = environment(services.worker!);
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/jmeg:.+@postgres:5432\/jmeg$/);
    expect(schemaNamespace()).toBe(env.TEMPORAL_NAMESPACE);
    expect(env.TZ).toBe('UTC');
  });

  it('publishes Temporal, its UI and Mailpit on 127.0.0.1 only (none has a login of its own)', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => `${name} ${port}`),
    );
    expect(published.sort()).toEqual([
      'mailpit 127.0.0.1:8025:8025',
      'temporal 127.0.0.1:7233:7233',
      'temporal-ui 127.0.0.1:8080:8080',
    ]);
  });

  it('encrypts Temporal payloads with keys every worker shares, and points the UI at the codec endpoint', () => {
    expect(environment(services.worker!).JMEG_PAYLOAD_KEYS).toMatch(/^\$\{JMEG_PAYLOAD_KEYS:\?/);
    expect(environment(services['temporal-ui']!).TEMPORAL_CODEC_ENDPOINT).toMatch(/\/codec\}?$/);
  });

  it('builds the worker from node:22-bookworm-slim and runs `jmeg worker`', () => {
    expect(services.worker?.build).toBe('.');
    expect(dockerfile).toMatch(/^FROM node:22-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci /m);
    expect(dockerfile).toContain('CMD ["node", "bin/jmeg.js", "worker"]');
  });
});

function schemaNamespace(): string | undefined {
  const script = [services['temporal-namespace']?.command ?? ''].flat().join('\n');
  return /namespace create -n (\S+)/.exec(script)?.[1];
}
