import { describe, expect, it } from 'vitest';
import { loggableError, OMITTED } from '../src/index.js';

// The shape of drizzle's DrizzleQueryError (drizzle-orm/errors): the message repeats the parameters.
class DrizzleQueryError extends Error {
  constructor(
    public query: string,
    public params: unknown[],
    cause?: Error,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause });
  }
}

describe('loggableError', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
    code: '23505',
    detail: 'Key (email)=(ada@example.com) already exists.',
  });
  const err = new DrizzleQueryError('insert into "users" ("email", "password_hash", "notes") values ($1, $2, $3)', ['ada@example.com', hash, 'my password hunter2'], cause);

  it('omits an ORM query\'s parameters and a database\'s detail values, keeps the query and the cause', () => {
    const out = loggableError(err) as Record<string, unknown>;
    const json = JSON.stringify(out);
    expect(json).not.toContain('argon2id');
    expect(json).not.toContain('ada@example.com');
    expect(json).not.toContain('hunter2');
    expect(out.params).toBeUndefined();
    expect(out.message).toContain(`params: ${OMITTED}`);
    expect(out.message).toContain('insert into "users"');
    expect(out.message).toContain('duplicate key value');
    expect(out.stack).toContain('caused by: ');
    expect(out.type).toBe('DrizzleQueryError');
  });

  it('masks secrets in any error message and string field, and leaves the error itself alone', () => {
    const e = Object.assign(new Error('fetch https://bob:hunter2@x.test/?token=abc123 failed'), { url: 'https://x.test/?password=s3cret' });
    const out = loggableError(e) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc123|s3cret/);
    expect(e.message).toContain('hunter2');
  });

  it('passes non-errors through', () => {
    expect(loggableError('text')).toBe('text');
    expect(loggableError(undefined)).toBeUndefined();
  });
});
