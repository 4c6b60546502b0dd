import { randomBytes } from 'node:crypto';
import { badgeCodeFrom } from '../badges';

/** A new badge code from the system's secure random source (256 is a multiple of 32: no bias). */
export const newBadgeCode = (): string => badgeCodeFrom(randomBytes(8));
