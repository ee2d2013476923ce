import type { WorkflowDeclaration } from '../workflow.js';
import { CATALOG_PUBLICATION } from './catalog-publication.js';
import { CONSULTATION } from './consultation.js';
import { RESTRICTED_APPLICATION } from './restricted-application.js';
import { VERIFICATION } from './verification.js';

export { CATALOG_PUBLICATION, CONSULTATION, RESTRICTED_APPLICATION, VERIFICATION };

/** Every workflow the portal runs, by kind: the workbench lists their open steps together. */
export const WORKFLOWS: Record<string, WorkflowDeclaration> = Object.fromEntries(
  [VERIFICATION, CATALOG_PUBLICATION, CONSULTATION, RESTRICTED_APPLICATION].map((wf) => [wf.kind, wf as WorkflowDeclaration]),
);
