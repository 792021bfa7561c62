import type { INodeType } from 'n8n-workflow';

import { Collect } from './Collect.node';
import { ItemsSource } from './ItemsSource.node';
import { ManualTrigger } from './ManualTrigger.node';

/** The harness's own node types live under this package name, beside the loaded packages. */
export const HARNESS_PACKAGE = 'n8n-nodes-harness';

export const MANUAL_TRIGGER_TYPE = `${HARNESS_PACKAGE}.manualTrigger`;
export const ITEMS_SOURCE_TYPE = `${HARNESS_PACKAGE}.itemsSource`;
export const COLLECT_TYPE = `${HARNESS_PACKAGE}.collect`;

export const harnessNodeTypes: Record<string, INodeType> = {
	[MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
	[ITEMS_SOURCE_TYPE]: new ItemsSource(),
	[COLLECT_TYPE]: new Collect(),
};

export type { SerializedBinaryFile, SerializedItem } from './ItemsSource.node';
export { stageBytes, unstageBytes } from './ItemsSource.node';
