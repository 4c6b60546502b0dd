import type { Core } from '@strapi/strapi';

/** "Today" for the relations plugin: the real date, unless a test or the seed sets another. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let fixed: Date | null = null;
  return {
    now(): Date {
      return fixed ?? new Date();
    },
    /** `YYYY-MM-DD` in the configured time zone. */
    today(): string {
      const { timeZone } = strapi.config.get('plugin::relations') as { timeZone: string };
      return (fixed ?? new Date()).toLocaleDateString('sv-SE', { timeZone });
    },
    /** Fixes the clock (null: back to the real time). */
    set(date: Date | null): void {
      fixed = date;
    },
  };
};
