// Importing the harness first sets the engine's environment (see env.ts).
export { harnessDir } from './env';
export type { BinaryMode } from './engine';
export { setDefaultBinaryMode, setupEngine, useBinaryMode, getBinaryDataService } from './engine';
export { GUGUDATA_CREDENTIAL_TYPE, GUGUDATA_NODE_TYPE } from './constants';
export { REPO_ROOT, getLoadedPackages } from './package-loader';
export { loadTypes } from './types-registry';
export { HarnessCredentialsHelper } from './credentials-helper';
export { testCredential } from './credentials-tester';
export type { TestCredentialOptions } from './credentials-tester';
export type { BinaryFileInput, InputItem } from './binary';
export { readBinary } from './binary';
export type { NodeSpec, RunNodesOptions } from './run-nodes';
export { chain, runNodes } from './run-nodes';
export type { RunResult } from './run-result';
export type { RunWorkflowOptions, WorkflowRunResult } from './run-workflow';
export { ITEMS_NODE, NODE_UNDER_TEST, START_NODE, runWorkflow } from './run-workflow';
export { COLLECT_TYPE, ITEMS_SOURCE_TYPE, MANUAL_TRIGGER_TYPE } from './nodes';
export { serializeRun } from './serialize';
