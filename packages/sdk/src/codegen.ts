import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/**
 * Build-time only (openapi-typescript is a dev dependency): the TypeScript source of
 * src/generated/openapi.ts for an OpenAPI document. Deterministic, so the drift test can compare it
 * byte for byte with the committed file.
 */
export async function renderOpenApiTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  const banner = `${COMMENT_HEADER}// Regenerate with \`pnpm --filter @claude-scope/sdk generate\` after changing a route or a contract.\n\n`;
  return banner + astToString(ast);
}
