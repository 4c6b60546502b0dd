/** SIREN of La Poste, whose establishments' SIRETs follow their own check rule. */
const LA_POSTE_SIREN = '356000000';

/**
 * Checks a French SIRET number (14 digits, Luhn key; La Poste's establishments use a sum of
 * digits divisible by 5 instead). Spaces are allowed in the input and ignored.
 */
export function isValidSiret(input: string): boolean {
  const siret = input.replace(/\s+/g, '');
  if (!/^[0-9]{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== '35600000000048') {
    const sum = [...siret].reduce((acc, d) => acc + Number(d), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let digit = Number(siret[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Removes the spaces people type in a SIRET ("123 456 789 00012"). */
export function normalizeSiret(input: string): string {
  return input.replace(/\s+/g, '');
}
