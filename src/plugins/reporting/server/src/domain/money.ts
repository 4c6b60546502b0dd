/**
 * A positive amount in euros to the cent, at most `max`. Binary floating point makes 10.05 × 100
 * 1005.0000000000001: the cents are compared with a tolerance, never with ===.
 */
export function isCentAmount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}
