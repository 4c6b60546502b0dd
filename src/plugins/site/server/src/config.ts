export interface SiteConfig {
  /** Offer-form posts accepted per IP address within the window (every post counts). */
  offerLimit: number;
  offerWindowMinutes: number;
  /** How long the impact figures are kept in memory. */
  impactCacheSeconds: number;
}

export default {
  default: {
    offerLimit: 10,
    offerWindowMinutes: 60,
    impactCacheSeconds: 60,
  } satisfies SiteConfig,
  validator() {},
};
