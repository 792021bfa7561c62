/**
 * The real-n8n toolkit: install n8n (any pinned version) and Node 24, a user folder with the packed
 * package installed as the Community Nodes installer does, n8n's CLI, main and worker processes,
 * a private Redis for queue mode. Used by the end-to-end tests (test/e2e/) and the queue-mode check
 * (scripts/n8n/queue.ts); lib.sh is its installer, shared with npm run dev.
 */
export * from './binary';
export * from './cli';
export * from './env';
export * from './install';
export * from './log';
export * from './paths';
export * from './ports';
export * from './process';
export * from './redis';
export * from './server';
export * from './user-folder';
