import Type from 'typebox';
import { Timestamp, UserId } from './common.js';

export const User = Type.Object(
  {
    id: UserId,
    name: Type.String(),
    email: Type.String(),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
  },
);
export type User = Type.Static<typeof User>;

/** What counts as an email, at signup and in an external identity provider's tokens alike. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 320 });

export const SignupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    email: Email,
    password: Type.String({ minLength: 8, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type SignupBody = Type.Static<typeof SignupBody>;

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type LoginBody = Type.Static<typeof LoginBody>;

export const AuthResponse = Type.Object({ accessToken: Type.String(), user: User });
export type AuthResponse = Type.Static<typeof AuthResponse>;
