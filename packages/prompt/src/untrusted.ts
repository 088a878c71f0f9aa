/**
 * Neutralisers for page-derived text, one per delimiter style. Page text is already single-line (see text.ts
 * oneLine), so it can never begin a line; these make sure it cannot close or fake the block around it either.
 */

/** XML-tagged formats: no tag can be opened or closed from inside. `&` is escaped only where it would start an
 *  entity, so URLs keep their readable `a=1&b=2`. */
export function escapeXmlText(text: string): string {
  return text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Markdown formats: untrusted text sits inside ``` fences; runs of three or more backticks or tildes inside it
 *  are replaced by look-alikes so no run can ever match a fence. */
export function neutraliseFences(text: string): string {
  return text.replace(/`{3,}/g, (m) => 'ˋ'.repeat(m.length)).replace(/~{3,}/g, (m) => '˜'.repeat(m.length));
}

/** Plain text: every line of an untrusted block carries this prefix, so no line inside can look like the
 *  BEGIN/END delimiter lines, which start at column 0. */
export const RAW_LINE_PREFIX = '| ';

export function prefixLines(text: string, prefix = RAW_LINE_PREFIX): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');
}

/** A fenced block that no content can close (content is neutralised first). */
export function fence(body: string, info = 'text'): string {
  return `\`\`\`${info}\n${neutraliseFences(body)}\n\`\`\``;
}
