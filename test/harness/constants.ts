/** The package under test, as n8n names its node and credential once installed. */
export const GUGUDATA_NODE_TYPE = 'n8n-nodes-gugudata.guGuData';
export const GUGUDATA_CREDENTIAL_TYPE = 'guGuDataApi';

export const HARNESS_WORKFLOW_ID = 'harness-workflow';
