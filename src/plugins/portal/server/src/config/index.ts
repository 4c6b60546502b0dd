export default {
  default: {
    /** Hours an invitation link stays valid. */
    invitationTtlHours: 72,
    /** Minutes a « mot de passe oublié » link stays valid. */
    resetTtlMinutes: 60,
    /** Brute-force limits (see domain/throttle.ts for the defaults). */
    throttle: {},
  },
  validator() {},
};
