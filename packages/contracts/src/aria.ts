import Type from 'typebox';

export const DIFF_STATUSES = ['added', 'changed', 'removed'] as const;
export type DiffStatus = (typeof DIFF_STATUSES)[number];

/** AriaNode = { role, name, children?, diffStatus? } plus optional states (checked, expanded, level, …). */
export interface AriaNode {
  role: string;
  name: string;
  children?: AriaNode[];
  diffStatus?: DiffStatus;
  [state: string]: unknown;
}

// Recursive and open to extra states: described for OpenAPI, serialized as-is.
export const AriaNodeSchema = Type.Unsafe<AriaNode>({
  type: 'object',
  required: ['role', 'name'],
  additionalProperties: true,
  properties: {
    role: { type: 'string' },
    name: { type: 'string' },
    children: { type: 'array', items: { type: 'object', additionalProperties: true } },
    diffStatus: { type: 'string', enum: [...DIFF_STATUSES] },
  },
});

export const DiffSummary = Type.Object({
  added: Type.Integer({ minimum: 0 }),
  changed: Type.Integer({ minimum: 0 }),
  removed: Type.Integer({ minimum: 0 }),
});
export type DiffSummary = Type.Static<typeof DiffSummary>;
