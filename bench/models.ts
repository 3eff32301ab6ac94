import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RestClient } from './rest-client.js';
import { AUTH_HEADER, type ServiceProcess } from './service.js';

const here = dirname(fileURLToPath(import.meta.url));
/** the worktree's root: this file runs as dist/bench/models.js (or from its source under jest) */
export const repositoryRoot = existsSync(join(here, 'models.ts')) ? join(here, '..') : join(here, '..', '..');

export function benchModel(name: string): { name: string; content: string } {
  return { name, content: readFileSync(join(repositoryRoot, 'bench', 'models', name), 'utf8') };
}

/** the parent's own client, for set-up calls (deployments); load always comes from a load generator */
export function clientOf(service: ServiceProcess): RestClient {
  return new RestClient(service.rest, AUTH_HEADER);
}

export function target(service: ServiceProcess): { rest: string; authorization: string } {
  return { rest: service.rest, authorization: AUTH_HEADER };
}

export const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Expected ${name} to be a positive number, but it is '${raw}'`);
  return value;
};

export const envList = (name: string, fallback: readonly number[]): number[] =>
  process.env[name] ? process.env[name]!.split(',').map((v) => Number(v.trim())) : [...fallback];
