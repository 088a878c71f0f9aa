import Type from 'typebox';
import { Timestamp } from './common.js';

/** API tokens (ext): `read` allows GET routes; `write` also POST, PATCH and DELETE (uploads included). */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export const TokenScope = Type.Enum([...TOKEN_SCOPES]);
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const API_TOKEN_PREFIX = 'cs_pat_';

export const TokenId = Type.String({ pattern: '^tok_[A-Z0-9]{12}$', description: 'e.g. tok_ABC123DEF456' });
export const TokenParams = Type.Object({ id: TokenId }, { additionalProperties: false });

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: TOKEN_SCOPES.length, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'omitted: the token never expires' })),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Type.Static<typeof CreateTokenBody>;

export const ApiToken = Type.Object(
  {
    id: TokenId,
    name: Type.String(),
    scopes: Type.Array(TokenScope),
    createdAt: Timestamp,
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { description: 'An API token, without its secret' },
);
export type ApiToken = Type.Static<typeof ApiToken>;

export const CreatedApiToken = Type.Object(
  {
    ...ApiToken.properties,
    token: Type.String({ description: 'cs_pat_ + 43 base62 characters: shown this once, stored only as a hash' }),
  },
  { description: 'A new API token, with its secret' },
);
export type CreatedApiToken = Type.Static<typeof CreatedApiToken>;
