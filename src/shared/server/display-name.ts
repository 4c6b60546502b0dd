import { errors } from '@strapi/utils';
import type { Context } from 'koa';

/**
 * How a staff member (an admin user) is named wherever the app records or shows who did
 * something: events, interactions, exports, documents, the read log. One rule: first and last
 * name, else the e-mail, else the account number.
 */

/** What the name is made of: an admin user as Strapi puts it on `ctx.state.user` or a query returns it. */
export interface StaffUser {
  id?: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

/** A staff member's display name. */
export function staffName(user: StaffUser): string {
  return [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `admin #${user.id ?? '?'}`;
}

/** The staff member behind an admin request, with the display name; 401 when nobody is logged in. */
export function signedInStaff(ctx: Context): { id: number; name: string } {
  const user = (ctx.state as { user?: StaffUser & { id: number } }).user;
  if (!user) throw new errors.UnauthorizedError();
  return { id: user.id, name: staffName(user) };
}
