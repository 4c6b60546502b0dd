export default {
  default: {
    /** Hours an invitation link stays valid. */
    invitationTtlHours: 72,
    /** Brute-force limits (see domain/throttle.ts for the defaults). */
    throttle: {},
  },
  validator() {},
};
