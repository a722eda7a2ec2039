// IAM operations of this group, each in its own file under ./operations/.
import type { OperationDef } from '../types.js';

export const identitiesOperations: OperationDef[] = [];
